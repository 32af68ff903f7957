// Closure sizes at the 64 KiB limit (written by scripts/escape-closure-size.sh:
// edit the script). A closure is a struct: the code pointer, then each
// captured variable in the order of its first use, by value the variable
// itself, by reference a pointer to it, each field aligned as in any struct.
// No closure leaves its function. f's closure is exactly 65536 bytes; g's
// holds one bool more; h's (nothing 8-byte aligned after e) is 65537 bytes.
package main

func keep(p *[16]int) int {
	if p == nil {
		return 1
	}
	return 0
}

func f() int {
	b0 := 1
	var c0 bool
	var e [129]byte
	var q [16]int
	var r [16]int
	var a0 [16]int
	var a1 [16]int
	var a2 [16]int
	var a3 [16]int
	var a4 [16]int
	var a5 [16]int
	var a6 [16]int
	var a7 [16]int
	var a8 [16]int
	var a9 [16]int
	var a10 [16]int
	var a11 [16]int
	var a12 [16]int
	var a13 [16]int
	var a14 [16]int
	var a15 [16]int
	var a16 [16]int
	var a17 [16]int
	var a18 [16]int
	var a19 [16]int
	var a20 [16]int
	var a21 [16]int
	var a22 [16]int
	var a23 [16]int
	var a24 [16]int
	var a25 [16]int
	var a26 [16]int
	var a27 [16]int
	var a28 [16]int
	var a29 [16]int
	var a30 [16]int
	var a31 [16]int
	var a32 [16]int
	var a33 [16]int
	var a34 [16]int
	var a35 [16]int
	var a36 [16]int
	var a37 [16]int
	var a38 [16]int
	var a39 [16]int
	var a40 [16]int
	var a41 [16]int
	var a42 [16]int
	var a43 [16]int
	var a44 [16]int
	var a45 [16]int
	var a46 [16]int
	var a47 [16]int
	var a48 [16]int
	var a49 [16]int
	var a50 [16]int
	var a51 [16]int
	var a52 [16]int
	var a53 [16]int
	var a54 [16]int
	var a55 [16]int
	var a56 [16]int
	var a57 [16]int
	var a58 [16]int
	var a59 [16]int
	var a60 [16]int
	var a61 [16]int
	var a62 [16]int
	var a63 [16]int
	var a64 [16]int
	var a65 [16]int
	var a66 [16]int
	var a67 [16]int
	var a68 [16]int
	var a69 [16]int
	var a70 [16]int
	var a71 [16]int
	var a72 [16]int
	var a73 [16]int
	var a74 [16]int
	var a75 [16]int
	var a76 [16]int
	var a77 [16]int
	var a78 [16]int
	var a79 [16]int
	var a80 [16]int
	var a81 [16]int
	var a82 [16]int
	var a83 [16]int
	var a84 [16]int
	var a85 [16]int
	var a86 [16]int
	var a87 [16]int
	var a88 [16]int
	var a89 [16]int
	var a90 [16]int
	var a91 [16]int
	var a92 [16]int
	var a93 [16]int
	var a94 [16]int
	var a95 [16]int
	var a96 [16]int
	var a97 [16]int
	var a98 [16]int
	var a99 [16]int
	var a100 [16]int
	var a101 [16]int
	var a102 [16]int
	var a103 [16]int
	var a104 [16]int
	var a105 [16]int
	var a106 [16]int
	var a107 [16]int
	var a108 [16]int
	var a109 [16]int
	var a110 [16]int
	var a111 [16]int
	var a112 [16]int
	var a113 [16]int
	var a114 [16]int
	var a115 [16]int
	var a116 [16]int
	var a117 [16]int
	var a118 [16]int
	var a119 [16]int
	var a120 [16]int
	var a121 [16]int
	var a122 [16]int
	var a123 [16]int
	var a124 [16]int
	var a125 [16]int
	var a126 [16]int
	var a127 [16]int
	var a128 [16]int
	var a129 [16]int
	var a130 [16]int
	var a131 [16]int
	var a132 [16]int
	var a133 [16]int
	var a134 [16]int
	var a135 [16]int
	var a136 [16]int
	var a137 [16]int
	var a138 [16]int
	var a139 [16]int
	var a140 [16]int
	var a141 [16]int
	var a142 [16]int
	var a143 [16]int
	var a144 [16]int
	var a145 [16]int
	var a146 [16]int
	var a147 [16]int
	var a148 [16]int
	var a149 [16]int
	var a150 [16]int
	var a151 [16]int
	var a152 [16]int
	var a153 [16]int
	var a154 [16]int
	var a155 [16]int
	var a156 [16]int
	var a157 [16]int
	var a158 [16]int
	var a159 [16]int
	var a160 [16]int
	var a161 [16]int
	var a162 [16]int
	var a163 [16]int
	var a164 [16]int
	var a165 [16]int
	var a166 [16]int
	var a167 [16]int
	var a168 [16]int
	var a169 [16]int
	var a170 [16]int
	var a171 [16]int
	var a172 [16]int
	var a173 [16]int
	var a174 [16]int
	var a175 [16]int
	var a176 [16]int
	var a177 [16]int
	var a178 [16]int
	var a179 [16]int
	var a180 [16]int
	var a181 [16]int
	var a182 [16]int
	var a183 [16]int
	var a184 [16]int
	var a185 [16]int
	var a186 [16]int
	var a187 [16]int
	var a188 [16]int
	var a189 [16]int
	var a190 [16]int
	var a191 [16]int
	var a192 [16]int
	var a193 [16]int
	var a194 [16]int
	var a195 [16]int
	var a196 [16]int
	var a197 [16]int
	var a198 [16]int
	var a199 [16]int
	var a200 [16]int
	var a201 [16]int
	var a202 [16]int
	var a203 [16]int
	var a204 [16]int
	var a205 [16]int
	var a206 [16]int
	var a207 [16]int
	var a208 [16]int
	var a209 [16]int
	var a210 [16]int
	var a211 [16]int
	var a212 [16]int
	var a213 [16]int
	var a214 [16]int
	var a215 [16]int
	var a216 [16]int
	var a217 [16]int
	var a218 [16]int
	var a219 [16]int
	var a220 [16]int
	var a221 [16]int
	var a222 [16]int
	var a223 [16]int
	var a224 [16]int
	var a225 [16]int
	var a226 [16]int
	var a227 [16]int
	var a228 [16]int
	var a229 [16]int
	var a230 [16]int
	var a231 [16]int
	var a232 [16]int
	var a233 [16]int
	var a234 [16]int
	var a235 [16]int
	var a236 [16]int
	var a237 [16]int
	var a238 [16]int
	var a239 [16]int
	var a240 [16]int
	var a241 [16]int
	var a242 [16]int
	var a243 [16]int
	var a244 [16]int
	var a245 [16]int
	var a246 [16]int
	var a247 [16]int
	var a248 [16]int
	var a249 [16]int
	var a250 [16]int
	var a251 [16]int
	var a252 [16]int
	var a253 [16]int
	var a254 [16]int
	var a255 [16]int
	var a256 [16]int
	var a257 [16]int
	var a258 [16]int
	var a259 [16]int
	var a260 [16]int
	var a261 [16]int
	var a262 [16]int
	var a263 [16]int
	var a264 [16]int
	var a265 [16]int
	var a266 [16]int
	var a267 [16]int
	var a268 [16]int
	var a269 [16]int
	var a270 [16]int
	var a271 [16]int
	var a272 [16]int
	var a273 [16]int
	var a274 [16]int
	var a275 [16]int
	var a276 [16]int
	var a277 [16]int
	var a278 [16]int
	var a279 [16]int
	var a280 [16]int
	var a281 [16]int
	var a282 [16]int
	var a283 [16]int
	var a284 [16]int
	var a285 [16]int
	var a286 [16]int
	var a287 [16]int
	var a288 [16]int
	var a289 [16]int
	var a290 [16]int
	var a291 [16]int
	var a292 [16]int
	var a293 [16]int
	var a294 [16]int
	var a295 [16]int
	var a296 [16]int
	var a297 [16]int
	var a298 [16]int
	var a299 [16]int
	var a300 [16]int
	var a301 [16]int
	var a302 [16]int
	var a303 [16]int
	var a304 [16]int
	var a305 [16]int
	var a306 [16]int
	var a307 [16]int
	var a308 [16]int
	var a309 [16]int
	var a310 [16]int
	var a311 [16]int
	var a312 [16]int
	var a313 [16]int
	var a314 [16]int
	var a315 [16]int
	var a316 [16]int
	var a317 [16]int
	var a318 [16]int
	var a319 [16]int
	var a320 [16]int
	var a321 [16]int
	var a322 [16]int
	var a323 [16]int
	var a324 [16]int
	var a325 [16]int
	var a326 [16]int
	var a327 [16]int
	var a328 [16]int
	var a329 [16]int
	var a330 [16]int
	var a331 [16]int
	var a332 [16]int
	var a333 [16]int
	var a334 [16]int
	var a335 [16]int
	var a336 [16]int
	var a337 [16]int
	var a338 [16]int
	var a339 [16]int
	var a340 [16]int
	var a341 [16]int
	var a342 [16]int
	var a343 [16]int
	var a344 [16]int
	var a345 [16]int
	var a346 [16]int
	var a347 [16]int
	var a348 [16]int
	var a349 [16]int
	var a350 [16]int
	var a351 [16]int
	var a352 [16]int
	var a353 [16]int
	var a354 [16]int
	var a355 [16]int
	var a356 [16]int
	var a357 [16]int
	var a358 [16]int
	var a359 [16]int
	var a360 [16]int
	var a361 [16]int
	var a362 [16]int
	var a363 [16]int
	var a364 [16]int
	var a365 [16]int
	var a366 [16]int
	var a367 [16]int
	var a368 [16]int
	var a369 [16]int
	var a370 [16]int
	var a371 [16]int
	var a372 [16]int
	var a373 [16]int
	var a374 [16]int
	var a375 [16]int
	var a376 [16]int
	var a377 [16]int
	var a378 [16]int
	var a379 [16]int
	var a380 [16]int
	var a381 [16]int
	var a382 [16]int
	var a383 [16]int
	var a384 [16]int
	var a385 [16]int
	var a386 [16]int
	var a387 [16]int
	var a388 [16]int
	var a389 [16]int
	var a390 [16]int
	var a391 [16]int
	var a392 [16]int
	var a393 [16]int
	var a394 [16]int
	var a395 [16]int
	var a396 [16]int
	var a397 [16]int
	var a398 [16]int
	var a399 [16]int
	var a400 [16]int
	var a401 [16]int
	var a402 [16]int
	var a403 [16]int
	var a404 [16]int
	var a405 [16]int
	var a406 [16]int
	var a407 [16]int
	var a408 [16]int
	var a409 [16]int
	var a410 [16]int
	var a411 [16]int
	var a412 [16]int
	var a413 [16]int
	var a414 [16]int
	var a415 [16]int
	var a416 [16]int
	var a417 [16]int
	var a418 [16]int
	var a419 [16]int
	var a420 [16]int
	var a421 [16]int
	var a422 [16]int
	var a423 [16]int
	var a424 [16]int
	var a425 [16]int
	var a426 [16]int
	var a427 [16]int
	var a428 [16]int
	var a429 [16]int
	var a430 [16]int
	var a431 [16]int
	var a432 [16]int
	var a433 [16]int
	var a434 [16]int
	var a435 [16]int
	var a436 [16]int
	var a437 [16]int
	var a438 [16]int
	var a439 [16]int
	var a440 [16]int
	var a441 [16]int
	var a442 [16]int
	var a443 [16]int
	var a444 [16]int
	var a445 [16]int
	var a446 [16]int
	var a447 [16]int
	var a448 [16]int
	var a449 [16]int
	var a450 [16]int
	var a451 [16]int
	var a452 [16]int
	var a453 [16]int
	var a454 [16]int
	var a455 [16]int
	var a456 [16]int
	var a457 [16]int
	var a458 [16]int
	var a459 [16]int
	var a460 [16]int
	var a461 [16]int
	var a462 [16]int
	var a463 [16]int
	var a464 [16]int
	var a465 [16]int
	var a466 [16]int
	var a467 [16]int
	var a468 [16]int
	var a469 [16]int
	var a470 [16]int
	var a471 [16]int
	var a472 [16]int
	var a473 [16]int
	var a474 [16]int
	var a475 [16]int
	var a476 [16]int
	var a477 [16]int
	var a478 [16]int
	var a479 [16]int
	var a480 [16]int
	var a481 [16]int
	var a482 [16]int
	var a483 [16]int
	var a484 [16]int
	var a485 [16]int
	var a486 [16]int
	var a487 [16]int
	var a488 [16]int
	var a489 [16]int
	var a490 [16]int
	var a491 [16]int
	var a492 [16]int
	var a493 [16]int
	var a494 [16]int
	var a495 [16]int
	var a496 [16]int
	var a497 [16]int
	var a498 [16]int
	var a499 [16]int
	var a500 [16]int
	var a501 [16]int
	var a502 [16]int
	var a503 [16]int
	var a504 [16]int
	var a505 [16]int
	var a506 [16]int
	var a507 [16]int
	var a508 [16]int
	var a509 [16]int
	var a510 [16]int
	b1 := 1
	b2 := 2
	b3 := 3
	b4 := 4
	b5 := 5
	b6 := 6
	b7 := 7
	b8 := 8
	b9 := 9
	var c1 bool
	var c2 bool
	var c3 bool
	var c4 bool
	var c5 bool
	var c6 bool
	var c7 bool
	var c8 bool
	n := keep(&q)
	h := func() int {
		m := b0
		if c0 {
			if e[0] == 0 {
				m = q[0]
			}
		}
		r = a0
		m = m + r[0]
		m = m + a0[0]
		m = m + a1[0]
		m = m + a2[0]
		m = m + a3[0]
		m = m + a4[0]
		m = m + a5[0]
		m = m + a6[0]
		m = m + a7[0]
		m = m + a8[0]
		m = m + a9[0]
		m = m + a10[0]
		m = m + a11[0]
		m = m + a12[0]
		m = m + a13[0]
		m = m + a14[0]
		m = m + a15[0]
		m = m + a16[0]
		m = m + a17[0]
		m = m + a18[0]
		m = m + a19[0]
		m = m + a20[0]
		m = m + a21[0]
		m = m + a22[0]
		m = m + a23[0]
		m = m + a24[0]
		m = m + a25[0]
		m = m + a26[0]
		m = m + a27[0]
		m = m + a28[0]
		m = m + a29[0]
		m = m + a30[0]
		m = m + a31[0]
		m = m + a32[0]
		m = m + a33[0]
		m = m + a34[0]
		m = m + a35[0]
		m = m + a36[0]
		m = m + a37[0]
		m = m + a38[0]
		m = m + a39[0]
		m = m + a40[0]
		m = m + a41[0]
		m = m + a42[0]
		m = m + a43[0]
		m = m + a44[0]
		m = m + a45[0]
		m = m + a46[0]
		m = m + a47[0]
		m = m + a48[0]
		m = m + a49[0]
		m = m + a50[0]
		m = m + a51[0]
		m = m + a52[0]
		m = m + a53[0]
		m = m + a54[0]
		m = m + a55[0]
		m = m + a56[0]
		m = m + a57[0]
		m = m + a58[0]
		m = m + a59[0]
		m = m + a60[0]
		m = m + a61[0]
		m = m + a62[0]
		m = m + a63[0]
		m = m + a64[0]
		m = m + a65[0]
		m = m + a66[0]
		m = m + a67[0]
		m = m + a68[0]
		m = m + a69[0]
		m = m + a70[0]
		m = m + a71[0]
		m = m + a72[0]
		m = m + a73[0]
		m = m + a74[0]
		m = m + a75[0]
		m = m + a76[0]
		m = m + a77[0]
		m = m + a78[0]
		m = m + a79[0]
		m = m + a80[0]
		m = m + a81[0]
		m = m + a82[0]
		m = m + a83[0]
		m = m + a84[0]
		m = m + a85[0]
		m = m + a86[0]
		m = m + a87[0]
		m = m + a88[0]
		m = m + a89[0]
		m = m + a90[0]
		m = m + a91[0]
		m = m + a92[0]
		m = m + a93[0]
		m = m + a94[0]
		m = m + a95[0]
		m = m + a96[0]
		m = m + a97[0]
		m = m + a98[0]
		m = m + a99[0]
		m = m + a100[0]
		m = m + a101[0]
		m = m + a102[0]
		m = m + a103[0]
		m = m + a104[0]
		m = m + a105[0]
		m = m + a106[0]
		m = m + a107[0]
		m = m + a108[0]
		m = m + a109[0]
		m = m + a110[0]
		m = m + a111[0]
		m = m + a112[0]
		m = m + a113[0]
		m = m + a114[0]
		m = m + a115[0]
		m = m + a116[0]
		m = m + a117[0]
		m = m + a118[0]
		m = m + a119[0]
		m = m + a120[0]
		m = m + a121[0]
		m = m + a122[0]
		m = m + a123[0]
		m = m + a124[0]
		m = m + a125[0]
		m = m + a126[0]
		m = m + a127[0]
		m = m + a128[0]
		m = m + a129[0]
		m = m + a130[0]
		m = m + a131[0]
		m = m + a132[0]
		m = m + a133[0]
		m = m + a134[0]
		m = m + a135[0]
		m = m + a136[0]
		m = m + a137[0]
		m = m + a138[0]
		m = m + a139[0]
		m = m + a140[0]
		m = m + a141[0]
		m = m + a142[0]
		m = m + a143[0]
		m = m + a144[0]
		m = m + a145[0]
		m = m + a146[0]
		m = m + a147[0]
		m = m + a148[0]
		m = m + a149[0]
		m = m + a150[0]
		m = m + a151[0]
		m = m + a152[0]
		m = m + a153[0]
		m = m + a154[0]
		m = m + a155[0]
		m = m + a156[0]
		m = m + a157[0]
		m = m + a158[0]
		m = m + a159[0]
		m = m + a160[0]
		m = m + a161[0]
		m = m + a162[0]
		m = m + a163[0]
		m = m + a164[0]
		m = m + a165[0]
		m = m + a166[0]
		m = m + a167[0]
		m = m + a168[0]
		m = m + a169[0]
		m = m + a170[0]
		m = m + a171[0]
		m = m + a172[0]
		m = m + a173[0]
		m = m + a174[0]
		m = m + a175[0]
		m = m + a176[0]
		m = m + a177[0]
		m = m + a178[0]
		m = m + a179[0]
		m = m + a180[0]
		m = m + a181[0]
		m = m + a182[0]
		m = m + a183[0]
		m = m + a184[0]
		m = m + a185[0]
		m = m + a186[0]
		m = m + a187[0]
		m = m + a188[0]
		m = m + a189[0]
		m = m + a190[0]
		m = m + a191[0]
		m = m + a192[0]
		m = m + a193[0]
		m = m + a194[0]
		m = m + a195[0]
		m = m + a196[0]
		m = m + a197[0]
		m = m + a198[0]
		m = m + a199[0]
		m = m + a200[0]
		m = m + a201[0]
		m = m + a202[0]
		m = m + a203[0]
		m = m + a204[0]
		m = m + a205[0]
		m = m + a206[0]
		m = m + a207[0]
		m = m + a208[0]
		m = m + a209[0]
		m = m + a210[0]
		m = m + a211[0]
		m = m + a212[0]
		m = m + a213[0]
		m = m + a214[0]
		m = m + a215[0]
		m = m + a216[0]
		m = m + a217[0]
		m = m + a218[0]
		m = m + a219[0]
		m = m + a220[0]
		m = m + a221[0]
		m = m + a222[0]
		m = m + a223[0]
		m = m + a224[0]
		m = m + a225[0]
		m = m + a226[0]
		m = m + a227[0]
		m = m + a228[0]
		m = m + a229[0]
		m = m + a230[0]
		m = m + a231[0]
		m = m + a232[0]
		m = m + a233[0]
		m = m + a234[0]
		m = m + a235[0]
		m = m + a236[0]
		m = m + a237[0]
		m = m + a238[0]
		m = m + a239[0]
		m = m + a240[0]
		m = m + a241[0]
		m = m + a242[0]
		m = m + a243[0]
		m = m + a244[0]
		m = m + a245[0]
		m = m + a246[0]
		m = m + a247[0]
		m = m + a248[0]
		m = m + a249[0]
		m = m + a250[0]
		m = m + a251[0]
		m = m + a252[0]
		m = m + a253[0]
		m = m + a254[0]
		m = m + a255[0]
		m = m + a256[0]
		m = m + a257[0]
		m = m + a258[0]
		m = m + a259[0]
		m = m + a260[0]
		m = m + a261[0]
		m = m + a262[0]
		m = m + a263[0]
		m = m + a264[0]
		m = m + a265[0]
		m = m + a266[0]
		m = m + a267[0]
		m = m + a268[0]
		m = m + a269[0]
		m = m + a270[0]
		m = m + a271[0]
		m = m + a272[0]
		m = m + a273[0]
		m = m + a274[0]
		m = m + a275[0]
		m = m + a276[0]
		m = m + a277[0]
		m = m + a278[0]
		m = m + a279[0]
		m = m + a280[0]
		m = m + a281[0]
		m = m + a282[0]
		m = m + a283[0]
		m = m + a284[0]
		m = m + a285[0]
		m = m + a286[0]
		m = m + a287[0]
		m = m + a288[0]
		m = m + a289[0]
		m = m + a290[0]
		m = m + a291[0]
		m = m + a292[0]
		m = m + a293[0]
		m = m + a294[0]
		m = m + a295[0]
		m = m + a296[0]
		m = m + a297[0]
		m = m + a298[0]
		m = m + a299[0]
		m = m + a300[0]
		m = m + a301[0]
		m = m + a302[0]
		m = m + a303[0]
		m = m + a304[0]
		m = m + a305[0]
		m = m + a306[0]
		m = m + a307[0]
		m = m + a308[0]
		m = m + a309[0]
		m = m + a310[0]
		m = m + a311[0]
		m = m + a312[0]
		m = m + a313[0]
		m = m + a314[0]
		m = m + a315[0]
		m = m + a316[0]
		m = m + a317[0]
		m = m + a318[0]
		m = m + a319[0]
		m = m + a320[0]
		m = m + a321[0]
		m = m + a322[0]
		m = m + a323[0]
		m = m + a324[0]
		m = m + a325[0]
		m = m + a326[0]
		m = m + a327[0]
		m = m + a328[0]
		m = m + a329[0]
		m = m + a330[0]
		m = m + a331[0]
		m = m + a332[0]
		m = m + a333[0]
		m = m + a334[0]
		m = m + a335[0]
		m = m + a336[0]
		m = m + a337[0]
		m = m + a338[0]
		m = m + a339[0]
		m = m + a340[0]
		m = m + a341[0]
		m = m + a342[0]
		m = m + a343[0]
		m = m + a344[0]
		m = m + a345[0]
		m = m + a346[0]
		m = m + a347[0]
		m = m + a348[0]
		m = m + a349[0]
		m = m + a350[0]
		m = m + a351[0]
		m = m + a352[0]
		m = m + a353[0]
		m = m + a354[0]
		m = m + a355[0]
		m = m + a356[0]
		m = m + a357[0]
		m = m + a358[0]
		m = m + a359[0]
		m = m + a360[0]
		m = m + a361[0]
		m = m + a362[0]
		m = m + a363[0]
		m = m + a364[0]
		m = m + a365[0]
		m = m + a366[0]
		m = m + a367[0]
		m = m + a368[0]
		m = m + a369[0]
		m = m + a370[0]
		m = m + a371[0]
		m = m + a372[0]
		m = m + a373[0]
		m = m + a374[0]
		m = m + a375[0]
		m = m + a376[0]
		m = m + a377[0]
		m = m + a378[0]
		m = m + a379[0]
		m = m + a380[0]
		m = m + a381[0]
		m = m + a382[0]
		m = m + a383[0]
		m = m + a384[0]
		m = m + a385[0]
		m = m + a386[0]
		m = m + a387[0]
		m = m + a388[0]
		m = m + a389[0]
		m = m + a390[0]
		m = m + a391[0]
		m = m + a392[0]
		m = m + a393[0]
		m = m + a394[0]
		m = m + a395[0]
		m = m + a396[0]
		m = m + a397[0]
		m = m + a398[0]
		m = m + a399[0]
		m = m + a400[0]
		m = m + a401[0]
		m = m + a402[0]
		m = m + a403[0]
		m = m + a404[0]
		m = m + a405[0]
		m = m + a406[0]
		m = m + a407[0]
		m = m + a408[0]
		m = m + a409[0]
		m = m + a410[0]
		m = m + a411[0]
		m = m + a412[0]
		m = m + a413[0]
		m = m + a414[0]
		m = m + a415[0]
		m = m + a416[0]
		m = m + a417[0]
		m = m + a418[0]
		m = m + a419[0]
		m = m + a420[0]
		m = m + a421[0]
		m = m + a422[0]
		m = m + a423[0]
		m = m + a424[0]
		m = m + a425[0]
		m = m + a426[0]
		m = m + a427[0]
		m = m + a428[0]
		m = m + a429[0]
		m = m + a430[0]
		m = m + a431[0]
		m = m + a432[0]
		m = m + a433[0]
		m = m + a434[0]
		m = m + a435[0]
		m = m + a436[0]
		m = m + a437[0]
		m = m + a438[0]
		m = m + a439[0]
		m = m + a440[0]
		m = m + a441[0]
		m = m + a442[0]
		m = m + a443[0]
		m = m + a444[0]
		m = m + a445[0]
		m = m + a446[0]
		m = m + a447[0]
		m = m + a448[0]
		m = m + a449[0]
		m = m + a450[0]
		m = m + a451[0]
		m = m + a452[0]
		m = m + a453[0]
		m = m + a454[0]
		m = m + a455[0]
		m = m + a456[0]
		m = m + a457[0]
		m = m + a458[0]
		m = m + a459[0]
		m = m + a460[0]
		m = m + a461[0]
		m = m + a462[0]
		m = m + a463[0]
		m = m + a464[0]
		m = m + a465[0]
		m = m + a466[0]
		m = m + a467[0]
		m = m + a468[0]
		m = m + a469[0]
		m = m + a470[0]
		m = m + a471[0]
		m = m + a472[0]
		m = m + a473[0]
		m = m + a474[0]
		m = m + a475[0]
		m = m + a476[0]
		m = m + a477[0]
		m = m + a478[0]
		m = m + a479[0]
		m = m + a480[0]
		m = m + a481[0]
		m = m + a482[0]
		m = m + a483[0]
		m = m + a484[0]
		m = m + a485[0]
		m = m + a486[0]
		m = m + a487[0]
		m = m + a488[0]
		m = m + a489[0]
		m = m + a490[0]
		m = m + a491[0]
		m = m + a492[0]
		m = m + a493[0]
		m = m + a494[0]
		m = m + a495[0]
		m = m + a496[0]
		m = m + a497[0]
		m = m + a498[0]
		m = m + a499[0]
		m = m + a500[0]
		m = m + a501[0]
		m = m + a502[0]
		m = m + a503[0]
		m = m + a504[0]
		m = m + a505[0]
		m = m + a506[0]
		m = m + a507[0]
		m = m + a508[0]
		m = m + a509[0]
		m = m + a510[0]
		m = m + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9
		if c1 {
			m = m + 1
		}
		if c2 {
			m = m + 1
		}
		if c3 {
			m = m + 1
		}
		if c4 {
			m = m + 1
		}
		if c5 {
			m = m + 1
		}
		if c6 {
			m = m + 1
		}
		if c7 {
			m = m + 1
		}
		if c8 {
			m = m + 1
		}
		return m
	}
	return n + h()
}

func g() int {
	b0 := 1
	var c0 bool
	var e [129]byte
	var q [16]int
	var r [16]int
	var a0 [16]int
	var a1 [16]int
	var a2 [16]int
	var a3 [16]int
	var a4 [16]int
	var a5 [16]int
	var a6 [16]int
	var a7 [16]int
	var a8 [16]int
	var a9 [16]int
	var a10 [16]int
	var a11 [16]int
	var a12 [16]int
	var a13 [16]int
	var a14 [16]int
	var a15 [16]int
	var a16 [16]int
	var a17 [16]int
	var a18 [16]int
	var a19 [16]int
	var a20 [16]int
	var a21 [16]int
	var a22 [16]int
	var a23 [16]int
	var a24 [16]int
	var a25 [16]int
	var a26 [16]int
	var a27 [16]int
	var a28 [16]int
	var a29 [16]int
	var a30 [16]int
	var a31 [16]int
	var a32 [16]int
	var a33 [16]int
	var a34 [16]int
	var a35 [16]int
	var a36 [16]int
	var a37 [16]int
	var a38 [16]int
	var a39 [16]int
	var a40 [16]int
	var a41 [16]int
	var a42 [16]int
	var a43 [16]int
	var a44 [16]int
	var a45 [16]int
	var a46 [16]int
	var a47 [16]int
	var a48 [16]int
	var a49 [16]int
	var a50 [16]int
	var a51 [16]int
	var a52 [16]int
	var a53 [16]int
	var a54 [16]int
	var a55 [16]int
	var a56 [16]int
	var a57 [16]int
	var a58 [16]int
	var a59 [16]int
	var a60 [16]int
	var a61 [16]int
	var a62 [16]int
	var a63 [16]int
	var a64 [16]int
	var a65 [16]int
	var a66 [16]int
	var a67 [16]int
	var a68 [16]int
	var a69 [16]int
	var a70 [16]int
	var a71 [16]int
	var a72 [16]int
	var a73 [16]int
	var a74 [16]int
	var a75 [16]int
	var a76 [16]int
	var a77 [16]int
	var a78 [16]int
	var a79 [16]int
	var a80 [16]int
	var a81 [16]int
	var a82 [16]int
	var a83 [16]int
	var a84 [16]int
	var a85 [16]int
	var a86 [16]int
	var a87 [16]int
	var a88 [16]int
	var a89 [16]int
	var a90 [16]int
	var a91 [16]int
	var a92 [16]int
	var a93 [16]int
	var a94 [16]int
	var a95 [16]int
	var a96 [16]int
	var a97 [16]int
	var a98 [16]int
	var a99 [16]int
	var a100 [16]int
	var a101 [16]int
	var a102 [16]int
	var a103 [16]int
	var a104 [16]int
	var a105 [16]int
	var a106 [16]int
	var a107 [16]int
	var a108 [16]int
	var a109 [16]int
	var a110 [16]int
	var a111 [16]int
	var a112 [16]int
	var a113 [16]int
	var a114 [16]int
	var a115 [16]int
	var a116 [16]int
	var a117 [16]int
	var a118 [16]int
	var a119 [16]int
	var a120 [16]int
	var a121 [16]int
	var a122 [16]int
	var a123 [16]int
	var a124 [16]int
	var a125 [16]int
	var a126 [16]int
	var a127 [16]int
	var a128 [16]int
	var a129 [16]int
	var a130 [16]int
	var a131 [16]int
	var a132 [16]int
	var a133 [16]int
	var a134 [16]int
	var a135 [16]int
	var a136 [16]int
	var a137 [16]int
	var a138 [16]int
	var a139 [16]int
	var a140 [16]int
	var a141 [16]int
	var a142 [16]int
	var a143 [16]int
	var a144 [16]int
	var a145 [16]int
	var a146 [16]int
	var a147 [16]int
	var a148 [16]int
	var a149 [16]int
	var a150 [16]int
	var a151 [16]int
	var a152 [16]int
	var a153 [16]int
	var a154 [16]int
	var a155 [16]int
	var a156 [16]int
	var a157 [16]int
	var a158 [16]int
	var a159 [16]int
	var a160 [16]int
	var a161 [16]int
	var a162 [16]int
	var a163 [16]int
	var a164 [16]int
	var a165 [16]int
	var a166 [16]int
	var a167 [16]int
	var a168 [16]int
	var a169 [16]int
	var a170 [16]int
	var a171 [16]int
	var a172 [16]int
	var a173 [16]int
	var a174 [16]int
	var a175 [16]int
	var a176 [16]int
	var a177 [16]int
	var a178 [16]int
	var a179 [16]int
	var a180 [16]int
	var a181 [16]int
	var a182 [16]int
	var a183 [16]int
	var a184 [16]int
	var a185 [16]int
	var a186 [16]int
	var a187 [16]int
	var a188 [16]int
	var a189 [16]int
	var a190 [16]int
	var a191 [16]int
	var a192 [16]int
	var a193 [16]int
	var a194 [16]int
	var a195 [16]int
	var a196 [16]int
	var a197 [16]int
	var a198 [16]int
	var a199 [16]int
	var a200 [16]int
	var a201 [16]int
	var a202 [16]int
	var a203 [16]int
	var a204 [16]int
	var a205 [16]int
	var a206 [16]int
	var a207 [16]int
	var a208 [16]int
	var a209 [16]int
	var a210 [16]int
	var a211 [16]int
	var a212 [16]int
	var a213 [16]int
	var a214 [16]int
	var a215 [16]int
	var a216 [16]int
	var a217 [16]int
	var a218 [16]int
	var a219 [16]int
	var a220 [16]int
	var a221 [16]int
	var a222 [16]int
	var a223 [16]int
	var a224 [16]int
	var a225 [16]int
	var a226 [16]int
	var a227 [16]int
	var a228 [16]int
	var a229 [16]int
	var a230 [16]int
	var a231 [16]int
	var a232 [16]int
	var a233 [16]int
	var a234 [16]int
	var a235 [16]int
	var a236 [16]int
	var a237 [16]int
	var a238 [16]int
	var a239 [16]int
	var a240 [16]int
	var a241 [16]int
	var a242 [16]int
	var a243 [16]int
	var a244 [16]int
	var a245 [16]int
	var a246 [16]int
	var a247 [16]int
	var a248 [16]int
	var a249 [16]int
	var a250 [16]int
	var a251 [16]int
	var a252 [16]int
	var a253 [16]int
	var a254 [16]int
	var a255 [16]int
	var a256 [16]int
	var a257 [16]int
	var a258 [16]int
	var a259 [16]int
	var a260 [16]int
	var a261 [16]int
	var a262 [16]int
	var a263 [16]int
	var a264 [16]int
	var a265 [16]int
	var a266 [16]int
	var a267 [16]int
	var a268 [16]int
	var a269 [16]int
	var a270 [16]int
	var a271 [16]int
	var a272 [16]int
	var a273 [16]int
	var a274 [16]int
	var a275 [16]int
	var a276 [16]int
	var a277 [16]int
	var a278 [16]int
	var a279 [16]int
	var a280 [16]int
	var a281 [16]int
	var a282 [16]int
	var a283 [16]int
	var a284 [16]int
	var a285 [16]int
	var a286 [16]int
	var a287 [16]int
	var a288 [16]int
	var a289 [16]int
	var a290 [16]int
	var a291 [16]int
	var a292 [16]int
	var a293 [16]int
	var a294 [16]int
	var a295 [16]int
	var a296 [16]int
	var a297 [16]int
	var a298 [16]int
	var a299 [16]int
	var a300 [16]int
	var a301 [16]int
	var a302 [16]int
	var a303 [16]int
	var a304 [16]int
	var a305 [16]int
	var a306 [16]int
	var a307 [16]int
	var a308 [16]int
	var a309 [16]int
	var a310 [16]int
	var a311 [16]int
	var a312 [16]int
	var a313 [16]int
	var a314 [16]int
	var a315 [16]int
	var a316 [16]int
	var a317 [16]int
	var a318 [16]int
	var a319 [16]int
	var a320 [16]int
	var a321 [16]int
	var a322 [16]int
	var a323 [16]int
	var a324 [16]int
	var a325 [16]int
	var a326 [16]int
	var a327 [16]int
	var a328 [16]int
	var a329 [16]int
	var a330 [16]int
	var a331 [16]int
	var a332 [16]int
	var a333 [16]int
	var a334 [16]int
	var a335 [16]int
	var a336 [16]int
	var a337 [16]int
	var a338 [16]int
	var a339 [16]int
	var a340 [16]int
	var a341 [16]int
	var a342 [16]int
	var a343 [16]int
	var a344 [16]int
	var a345 [16]int
	var a346 [16]int
	var a347 [16]int
	var a348 [16]int
	var a349 [16]int
	var a350 [16]int
	var a351 [16]int
	var a352 [16]int
	var a353 [16]int
	var a354 [16]int
	var a355 [16]int
	var a356 [16]int
	var a357 [16]int
	var a358 [16]int
	var a359 [16]int
	var a360 [16]int
	var a361 [16]int
	var a362 [16]int
	var a363 [16]int
	var a364 [16]int
	var a365 [16]int
	var a366 [16]int
	var a367 [16]int
	var a368 [16]int
	var a369 [16]int
	var a370 [16]int
	var a371 [16]int
	var a372 [16]int
	var a373 [16]int
	var a374 [16]int
	var a375 [16]int
	var a376 [16]int
	var a377 [16]int
	var a378 [16]int
	var a379 [16]int
	var a380 [16]int
	var a381 [16]int
	var a382 [16]int
	var a383 [16]int
	var a384 [16]int
	var a385 [16]int
	var a386 [16]int
	var a387 [16]int
	var a388 [16]int
	var a389 [16]int
	var a390 [16]int
	var a391 [16]int
	var a392 [16]int
	var a393 [16]int
	var a394 [16]int
	var a395 [16]int
	var a396 [16]int
	var a397 [16]int
	var a398 [16]int
	var a399 [16]int
	var a400 [16]int
	var a401 [16]int
	var a402 [16]int
	var a403 [16]int
	var a404 [16]int
	var a405 [16]int
	var a406 [16]int
	var a407 [16]int
	var a408 [16]int
	var a409 [16]int
	var a410 [16]int
	var a411 [16]int
	var a412 [16]int
	var a413 [16]int
	var a414 [16]int
	var a415 [16]int
	var a416 [16]int
	var a417 [16]int
	var a418 [16]int
	var a419 [16]int
	var a420 [16]int
	var a421 [16]int
	var a422 [16]int
	var a423 [16]int
	var a424 [16]int
	var a425 [16]int
	var a426 [16]int
	var a427 [16]int
	var a428 [16]int
	var a429 [16]int
	var a430 [16]int
	var a431 [16]int
	var a432 [16]int
	var a433 [16]int
	var a434 [16]int
	var a435 [16]int
	var a436 [16]int
	var a437 [16]int
	var a438 [16]int
	var a439 [16]int
	var a440 [16]int
	var a441 [16]int
	var a442 [16]int
	var a443 [16]int
	var a444 [16]int
	var a445 [16]int
	var a446 [16]int
	var a447 [16]int
	var a448 [16]int
	var a449 [16]int
	var a450 [16]int
	var a451 [16]int
	var a452 [16]int
	var a453 [16]int
	var a454 [16]int
	var a455 [16]int
	var a456 [16]int
	var a457 [16]int
	var a458 [16]int
	var a459 [16]int
	var a460 [16]int
	var a461 [16]int
	var a462 [16]int
	var a463 [16]int
	var a464 [16]int
	var a465 [16]int
	var a466 [16]int
	var a467 [16]int
	var a468 [16]int
	var a469 [16]int
	var a470 [16]int
	var a471 [16]int
	var a472 [16]int
	var a473 [16]int
	var a474 [16]int
	var a475 [16]int
	var a476 [16]int
	var a477 [16]int
	var a478 [16]int
	var a479 [16]int
	var a480 [16]int
	var a481 [16]int
	var a482 [16]int
	var a483 [16]int
	var a484 [16]int
	var a485 [16]int
	var a486 [16]int
	var a487 [16]int
	var a488 [16]int
	var a489 [16]int
	var a490 [16]int
	var a491 [16]int
	var a492 [16]int
	var a493 [16]int
	var a494 [16]int
	var a495 [16]int
	var a496 [16]int
	var a497 [16]int
	var a498 [16]int
	var a499 [16]int
	var a500 [16]int
	var a501 [16]int
	var a502 [16]int
	var a503 [16]int
	var a504 [16]int
	var a505 [16]int
	var a506 [16]int
	var a507 [16]int
	var a508 [16]int
	var a509 [16]int
	var a510 [16]int
	b1 := 1
	b2 := 2
	b3 := 3
	b4 := 4
	b5 := 5
	b6 := 6
	b7 := 7
	b8 := 8
	b9 := 9
	var c1 bool
	var c2 bool
	var c3 bool
	var c4 bool
	var c5 bool
	var c6 bool
	var c7 bool
	var c8 bool
	var c9 bool
	n := keep(&q)
	h := func() int {
		m := b0
		if c0 {
			if e[0] == 0 {
				m = q[0]
			}
		}
		r = a0
		m = m + r[0]
		m = m + a0[0]
		m = m + a1[0]
		m = m + a2[0]
		m = m + a3[0]
		m = m + a4[0]
		m = m + a5[0]
		m = m + a6[0]
		m = m + a7[0]
		m = m + a8[0]
		m = m + a9[0]
		m = m + a10[0]
		m = m + a11[0]
		m = m + a12[0]
		m = m + a13[0]
		m = m + a14[0]
		m = m + a15[0]
		m = m + a16[0]
		m = m + a17[0]
		m = m + a18[0]
		m = m + a19[0]
		m = m + a20[0]
		m = m + a21[0]
		m = m + a22[0]
		m = m + a23[0]
		m = m + a24[0]
		m = m + a25[0]
		m = m + a26[0]
		m = m + a27[0]
		m = m + a28[0]
		m = m + a29[0]
		m = m + a30[0]
		m = m + a31[0]
		m = m + a32[0]
		m = m + a33[0]
		m = m + a34[0]
		m = m + a35[0]
		m = m + a36[0]
		m = m + a37[0]
		m = m + a38[0]
		m = m + a39[0]
		m = m + a40[0]
		m = m + a41[0]
		m = m + a42[0]
		m = m + a43[0]
		m = m + a44[0]
		m = m + a45[0]
		m = m + a46[0]
		m = m + a47[0]
		m = m + a48[0]
		m = m + a49[0]
		m = m + a50[0]
		m = m + a51[0]
		m = m + a52[0]
		m = m + a53[0]
		m = m + a54[0]
		m = m + a55[0]
		m = m + a56[0]
		m = m + a57[0]
		m = m + a58[0]
		m = m + a59[0]
		m = m + a60[0]
		m = m + a61[0]
		m = m + a62[0]
		m = m + a63[0]
		m = m + a64[0]
		m = m + a65[0]
		m = m + a66[0]
		m = m + a67[0]
		m = m + a68[0]
		m = m + a69[0]
		m = m + a70[0]
		m = m + a71[0]
		m = m + a72[0]
		m = m + a73[0]
		m = m + a74[0]
		m = m + a75[0]
		m = m + a76[0]
		m = m + a77[0]
		m = m + a78[0]
		m = m + a79[0]
		m = m + a80[0]
		m = m + a81[0]
		m = m + a82[0]
		m = m + a83[0]
		m = m + a84[0]
		m = m + a85[0]
		m = m + a86[0]
		m = m + a87[0]
		m = m + a88[0]
		m = m + a89[0]
		m = m + a90[0]
		m = m + a91[0]
		m = m + a92[0]
		m = m + a93[0]
		m = m + a94[0]
		m = m + a95[0]
		m = m + a96[0]
		m = m + a97[0]
		m = m + a98[0]
		m = m + a99[0]
		m = m + a100[0]
		m = m + a101[0]
		m = m + a102[0]
		m = m + a103[0]
		m = m + a104[0]
		m = m + a105[0]
		m = m + a106[0]
		m = m + a107[0]
		m = m + a108[0]
		m = m + a109[0]
		m = m + a110[0]
		m = m + a111[0]
		m = m + a112[0]
		m = m + a113[0]
		m = m + a114[0]
		m = m + a115[0]
		m = m + a116[0]
		m = m + a117[0]
		m = m + a118[0]
		m = m + a119[0]
		m = m + a120[0]
		m = m + a121[0]
		m = m + a122[0]
		m = m + a123[0]
		m = m + a124[0]
		m = m + a125[0]
		m = m + a126[0]
		m = m + a127[0]
		m = m + a128[0]
		m = m + a129[0]
		m = m + a130[0]
		m = m + a131[0]
		m = m + a132[0]
		m = m + a133[0]
		m = m + a134[0]
		m = m + a135[0]
		m = m + a136[0]
		m = m + a137[0]
		m = m + a138[0]
		m = m + a139[0]
		m = m + a140[0]
		m = m + a141[0]
		m = m + a142[0]
		m = m + a143[0]
		m = m + a144[0]
		m = m + a145[0]
		m = m + a146[0]
		m = m + a147[0]
		m = m + a148[0]
		m = m + a149[0]
		m = m + a150[0]
		m = m + a151[0]
		m = m + a152[0]
		m = m + a153[0]
		m = m + a154[0]
		m = m + a155[0]
		m = m + a156[0]
		m = m + a157[0]
		m = m + a158[0]
		m = m + a159[0]
		m = m + a160[0]
		m = m + a161[0]
		m = m + a162[0]
		m = m + a163[0]
		m = m + a164[0]
		m = m + a165[0]
		m = m + a166[0]
		m = m + a167[0]
		m = m + a168[0]
		m = m + a169[0]
		m = m + a170[0]
		m = m + a171[0]
		m = m + a172[0]
		m = m + a173[0]
		m = m + a174[0]
		m = m + a175[0]
		m = m + a176[0]
		m = m + a177[0]
		m = m + a178[0]
		m = m + a179[0]
		m = m + a180[0]
		m = m + a181[0]
		m = m + a182[0]
		m = m + a183[0]
		m = m + a184[0]
		m = m + a185[0]
		m = m + a186[0]
		m = m + a187[0]
		m = m + a188[0]
		m = m + a189[0]
		m = m + a190[0]
		m = m + a191[0]
		m = m + a192[0]
		m = m + a193[0]
		m = m + a194[0]
		m = m + a195[0]
		m = m + a196[0]
		m = m + a197[0]
		m = m + a198[0]
		m = m + a199[0]
		m = m + a200[0]
		m = m + a201[0]
		m = m + a202[0]
		m = m + a203[0]
		m = m + a204[0]
		m = m + a205[0]
		m = m + a206[0]
		m = m + a207[0]
		m = m + a208[0]
		m = m + a209[0]
		m = m + a210[0]
		m = m + a211[0]
		m = m + a212[0]
		m = m + a213[0]
		m = m + a214[0]
		m = m + a215[0]
		m = m + a216[0]
		m = m + a217[0]
		m = m + a218[0]
		m = m + a219[0]
		m = m + a220[0]
		m = m + a221[0]
		m = m + a222[0]
		m = m + a223[0]
		m = m + a224[0]
		m = m + a225[0]
		m = m + a226[0]
		m = m + a227[0]
		m = m + a228[0]
		m = m + a229[0]
		m = m + a230[0]
		m = m + a231[0]
		m = m + a232[0]
		m = m + a233[0]
		m = m + a234[0]
		m = m + a235[0]
		m = m + a236[0]
		m = m + a237[0]
		m = m + a238[0]
		m = m + a239[0]
		m = m + a240[0]
		m = m + a241[0]
		m = m + a242[0]
		m = m + a243[0]
		m = m + a244[0]
		m = m + a245[0]
		m = m + a246[0]
		m = m + a247[0]
		m = m + a248[0]
		m = m + a249[0]
		m = m + a250[0]
		m = m + a251[0]
		m = m + a252[0]
		m = m + a253[0]
		m = m + a254[0]
		m = m + a255[0]
		m = m + a256[0]
		m = m + a257[0]
		m = m + a258[0]
		m = m + a259[0]
		m = m + a260[0]
		m = m + a261[0]
		m = m + a262[0]
		m = m + a263[0]
		m = m + a264[0]
		m = m + a265[0]
		m = m + a266[0]
		m = m + a267[0]
		m = m + a268[0]
		m = m + a269[0]
		m = m + a270[0]
		m = m + a271[0]
		m = m + a272[0]
		m = m + a273[0]
		m = m + a274[0]
		m = m + a275[0]
		m = m + a276[0]
		m = m + a277[0]
		m = m + a278[0]
		m = m + a279[0]
		m = m + a280[0]
		m = m + a281[0]
		m = m + a282[0]
		m = m + a283[0]
		m = m + a284[0]
		m = m + a285[0]
		m = m + a286[0]
		m = m + a287[0]
		m = m + a288[0]
		m = m + a289[0]
		m = m + a290[0]
		m = m + a291[0]
		m = m + a292[0]
		m = m + a293[0]
		m = m + a294[0]
		m = m + a295[0]
		m = m + a296[0]
		m = m + a297[0]
		m = m + a298[0]
		m = m + a299[0]
		m = m + a300[0]
		m = m + a301[0]
		m = m + a302[0]
		m = m + a303[0]
		m = m + a304[0]
		m = m + a305[0]
		m = m + a306[0]
		m = m + a307[0]
		m = m + a308[0]
		m = m + a309[0]
		m = m + a310[0]
		m = m + a311[0]
		m = m + a312[0]
		m = m + a313[0]
		m = m + a314[0]
		m = m + a315[0]
		m = m + a316[0]
		m = m + a317[0]
		m = m + a318[0]
		m = m + a319[0]
		m = m + a320[0]
		m = m + a321[0]
		m = m + a322[0]
		m = m + a323[0]
		m = m + a324[0]
		m = m + a325[0]
		m = m + a326[0]
		m = m + a327[0]
		m = m + a328[0]
		m = m + a329[0]
		m = m + a330[0]
		m = m + a331[0]
		m = m + a332[0]
		m = m + a333[0]
		m = m + a334[0]
		m = m + a335[0]
		m = m + a336[0]
		m = m + a337[0]
		m = m + a338[0]
		m = m + a339[0]
		m = m + a340[0]
		m = m + a341[0]
		m = m + a342[0]
		m = m + a343[0]
		m = m + a344[0]
		m = m + a345[0]
		m = m + a346[0]
		m = m + a347[0]
		m = m + a348[0]
		m = m + a349[0]
		m = m + a350[0]
		m = m + a351[0]
		m = m + a352[0]
		m = m + a353[0]
		m = m + a354[0]
		m = m + a355[0]
		m = m + a356[0]
		m = m + a357[0]
		m = m + a358[0]
		m = m + a359[0]
		m = m + a360[0]
		m = m + a361[0]
		m = m + a362[0]
		m = m + a363[0]
		m = m + a364[0]
		m = m + a365[0]
		m = m + a366[0]
		m = m + a367[0]
		m = m + a368[0]
		m = m + a369[0]
		m = m + a370[0]
		m = m + a371[0]
		m = m + a372[0]
		m = m + a373[0]
		m = m + a374[0]
		m = m + a375[0]
		m = m + a376[0]
		m = m + a377[0]
		m = m + a378[0]
		m = m + a379[0]
		m = m + a380[0]
		m = m + a381[0]
		m = m + a382[0]
		m = m + a383[0]
		m = m + a384[0]
		m = m + a385[0]
		m = m + a386[0]
		m = m + a387[0]
		m = m + a388[0]
		m = m + a389[0]
		m = m + a390[0]
		m = m + a391[0]
		m = m + a392[0]
		m = m + a393[0]
		m = m + a394[0]
		m = m + a395[0]
		m = m + a396[0]
		m = m + a397[0]
		m = m + a398[0]
		m = m + a399[0]
		m = m + a400[0]
		m = m + a401[0]
		m = m + a402[0]
		m = m + a403[0]
		m = m + a404[0]
		m = m + a405[0]
		m = m + a406[0]
		m = m + a407[0]
		m = m + a408[0]
		m = m + a409[0]
		m = m + a410[0]
		m = m + a411[0]
		m = m + a412[0]
		m = m + a413[0]
		m = m + a414[0]
		m = m + a415[0]
		m = m + a416[0]
		m = m + a417[0]
		m = m + a418[0]
		m = m + a419[0]
		m = m + a420[0]
		m = m + a421[0]
		m = m + a422[0]
		m = m + a423[0]
		m = m + a424[0]
		m = m + a425[0]
		m = m + a426[0]
		m = m + a427[0]
		m = m + a428[0]
		m = m + a429[0]
		m = m + a430[0]
		m = m + a431[0]
		m = m + a432[0]
		m = m + a433[0]
		m = m + a434[0]
		m = m + a435[0]
		m = m + a436[0]
		m = m + a437[0]
		m = m + a438[0]
		m = m + a439[0]
		m = m + a440[0]
		m = m + a441[0]
		m = m + a442[0]
		m = m + a443[0]
		m = m + a444[0]
		m = m + a445[0]
		m = m + a446[0]
		m = m + a447[0]
		m = m + a448[0]
		m = m + a449[0]
		m = m + a450[0]
		m = m + a451[0]
		m = m + a452[0]
		m = m + a453[0]
		m = m + a454[0]
		m = m + a455[0]
		m = m + a456[0]
		m = m + a457[0]
		m = m + a458[0]
		m = m + a459[0]
		m = m + a460[0]
		m = m + a461[0]
		m = m + a462[0]
		m = m + a463[0]
		m = m + a464[0]
		m = m + a465[0]
		m = m + a466[0]
		m = m + a467[0]
		m = m + a468[0]
		m = m + a469[0]
		m = m + a470[0]
		m = m + a471[0]
		m = m + a472[0]
		m = m + a473[0]
		m = m + a474[0]
		m = m + a475[0]
		m = m + a476[0]
		m = m + a477[0]
		m = m + a478[0]
		m = m + a479[0]
		m = m + a480[0]
		m = m + a481[0]
		m = m + a482[0]
		m = m + a483[0]
		m = m + a484[0]
		m = m + a485[0]
		m = m + a486[0]
		m = m + a487[0]
		m = m + a488[0]
		m = m + a489[0]
		m = m + a490[0]
		m = m + a491[0]
		m = m + a492[0]
		m = m + a493[0]
		m = m + a494[0]
		m = m + a495[0]
		m = m + a496[0]
		m = m + a497[0]
		m = m + a498[0]
		m = m + a499[0]
		m = m + a500[0]
		m = m + a501[0]
		m = m + a502[0]
		m = m + a503[0]
		m = m + a504[0]
		m = m + a505[0]
		m = m + a506[0]
		m = m + a507[0]
		m = m + a508[0]
		m = m + a509[0]
		m = m + a510[0]
		m = m + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9
		if c1 {
			m = m + 1
		}
		if c2 {
			m = m + 1
		}
		if c3 {
			m = m + 1
		}
		if c4 {
			m = m + 1
		}
		if c5 {
			m = m + 1
		}
		if c6 {
			m = m + 1
		}
		if c7 {
			m = m + 1
		}
		if c8 {
			m = m + 1
		}
		if c9 {
			m = m + 1
		}
		return m
	}
	return n + h()
}

func h() int {
	var c0 bool
	var e [129]byte
	var d0 [128]bool
	var d1 [128]bool
	var d2 [128]bool
	var d3 [128]bool
	var d4 [128]bool
	var d5 [128]bool
	var d6 [128]bool
	var d7 [128]bool
	var d8 [128]bool
	var d9 [128]bool
	var d10 [128]bool
	var d11 [128]bool
	var d12 [128]bool
	var d13 [128]bool
	var d14 [128]bool
	var d15 [128]bool
	var d16 [128]bool
	var d17 [128]bool
	var d18 [128]bool
	var d19 [128]bool
	var d20 [128]bool
	var d21 [128]bool
	var d22 [128]bool
	var d23 [128]bool
	var d24 [128]bool
	var d25 [128]bool
	var d26 [128]bool
	var d27 [128]bool
	var d28 [128]bool
	var d29 [128]bool
	var d30 [128]bool
	var d31 [128]bool
	var d32 [128]bool
	var d33 [128]bool
	var d34 [128]bool
	var d35 [128]bool
	var d36 [128]bool
	var d37 [128]bool
	var d38 [128]bool
	var d39 [128]bool
	var d40 [128]bool
	var d41 [128]bool
	var d42 [128]bool
	var d43 [128]bool
	var d44 [128]bool
	var d45 [128]bool
	var d46 [128]bool
	var d47 [128]bool
	var d48 [128]bool
	var d49 [128]bool
	var d50 [128]bool
	var d51 [128]bool
	var d52 [128]bool
	var d53 [128]bool
	var d54 [128]bool
	var d55 [128]bool
	var d56 [128]bool
	var d57 [128]bool
	var d58 [128]bool
	var d59 [128]bool
	var d60 [128]bool
	var d61 [128]bool
	var d62 [128]bool
	var d63 [128]bool
	var d64 [128]bool
	var d65 [128]bool
	var d66 [128]bool
	var d67 [128]bool
	var d68 [128]bool
	var d69 [128]bool
	var d70 [128]bool
	var d71 [128]bool
	var d72 [128]bool
	var d73 [128]bool
	var d74 [128]bool
	var d75 [128]bool
	var d76 [128]bool
	var d77 [128]bool
	var d78 [128]bool
	var d79 [128]bool
	var d80 [128]bool
	var d81 [128]bool
	var d82 [128]bool
	var d83 [128]bool
	var d84 [128]bool
	var d85 [128]bool
	var d86 [128]bool
	var d87 [128]bool
	var d88 [128]bool
	var d89 [128]bool
	var d90 [128]bool
	var d91 [128]bool
	var d92 [128]bool
	var d93 [128]bool
	var d94 [128]bool
	var d95 [128]bool
	var d96 [128]bool
	var d97 [128]bool
	var d98 [128]bool
	var d99 [128]bool
	var d100 [128]bool
	var d101 [128]bool
	var d102 [128]bool
	var d103 [128]bool
	var d104 [128]bool
	var d105 [128]bool
	var d106 [128]bool
	var d107 [128]bool
	var d108 [128]bool
	var d109 [128]bool
	var d110 [128]bool
	var d111 [128]bool
	var d112 [128]bool
	var d113 [128]bool
	var d114 [128]bool
	var d115 [128]bool
	var d116 [128]bool
	var d117 [128]bool
	var d118 [128]bool
	var d119 [128]bool
	var d120 [128]bool
	var d121 [128]bool
	var d122 [128]bool
	var d123 [128]bool
	var d124 [128]bool
	var d125 [128]bool
	var d126 [128]bool
	var d127 [128]bool
	var d128 [128]bool
	var d129 [128]bool
	var d130 [128]bool
	var d131 [128]bool
	var d132 [128]bool
	var d133 [128]bool
	var d134 [128]bool
	var d135 [128]bool
	var d136 [128]bool
	var d137 [128]bool
	var d138 [128]bool
	var d139 [128]bool
	var d140 [128]bool
	var d141 [128]bool
	var d142 [128]bool
	var d143 [128]bool
	var d144 [128]bool
	var d145 [128]bool
	var d146 [128]bool
	var d147 [128]bool
	var d148 [128]bool
	var d149 [128]bool
	var d150 [128]bool
	var d151 [128]bool
	var d152 [128]bool
	var d153 [128]bool
	var d154 [128]bool
	var d155 [128]bool
	var d156 [128]bool
	var d157 [128]bool
	var d158 [128]bool
	var d159 [128]bool
	var d160 [128]bool
	var d161 [128]bool
	var d162 [128]bool
	var d163 [128]bool
	var d164 [128]bool
	var d165 [128]bool
	var d166 [128]bool
	var d167 [128]bool
	var d168 [128]bool
	var d169 [128]bool
	var d170 [128]bool
	var d171 [128]bool
	var d172 [128]bool
	var d173 [128]bool
	var d174 [128]bool
	var d175 [128]bool
	var d176 [128]bool
	var d177 [128]bool
	var d178 [128]bool
	var d179 [128]bool
	var d180 [128]bool
	var d181 [128]bool
	var d182 [128]bool
	var d183 [128]bool
	var d184 [128]bool
	var d185 [128]bool
	var d186 [128]bool
	var d187 [128]bool
	var d188 [128]bool
	var d189 [128]bool
	var d190 [128]bool
	var d191 [128]bool
	var d192 [128]bool
	var d193 [128]bool
	var d194 [128]bool
	var d195 [128]bool
	var d196 [128]bool
	var d197 [128]bool
	var d198 [128]bool
	var d199 [128]bool
	var d200 [128]bool
	var d201 [128]bool
	var d202 [128]bool
	var d203 [128]bool
	var d204 [128]bool
	var d205 [128]bool
	var d206 [128]bool
	var d207 [128]bool
	var d208 [128]bool
	var d209 [128]bool
	var d210 [128]bool
	var d211 [128]bool
	var d212 [128]bool
	var d213 [128]bool
	var d214 [128]bool
	var d215 [128]bool
	var d216 [128]bool
	var d217 [128]bool
	var d218 [128]bool
	var d219 [128]bool
	var d220 [128]bool
	var d221 [128]bool
	var d222 [128]bool
	var d223 [128]bool
	var d224 [128]bool
	var d225 [128]bool
	var d226 [128]bool
	var d227 [128]bool
	var d228 [128]bool
	var d229 [128]bool
	var d230 [128]bool
	var d231 [128]bool
	var d232 [128]bool
	var d233 [128]bool
	var d234 [128]bool
	var d235 [128]bool
	var d236 [128]bool
	var d237 [128]bool
	var d238 [128]bool
	var d239 [128]bool
	var d240 [128]bool
	var d241 [128]bool
	var d242 [128]bool
	var d243 [128]bool
	var d244 [128]bool
	var d245 [128]bool
	var d246 [128]bool
	var d247 [128]bool
	var d248 [128]bool
	var d249 [128]bool
	var d250 [128]bool
	var d251 [128]bool
	var d252 [128]bool
	var d253 [128]bool
	var d254 [128]bool
	var d255 [128]bool
	var d256 [128]bool
	var d257 [128]bool
	var d258 [128]bool
	var d259 [128]bool
	var d260 [128]bool
	var d261 [128]bool
	var d262 [128]bool
	var d263 [128]bool
	var d264 [128]bool
	var d265 [128]bool
	var d266 [128]bool
	var d267 [128]bool
	var d268 [128]bool
	var d269 [128]bool
	var d270 [128]bool
	var d271 [128]bool
	var d272 [128]bool
	var d273 [128]bool
	var d274 [128]bool
	var d275 [128]bool
	var d276 [128]bool
	var d277 [128]bool
	var d278 [128]bool
	var d279 [128]bool
	var d280 [128]bool
	var d281 [128]bool
	var d282 [128]bool
	var d283 [128]bool
	var d284 [128]bool
	var d285 [128]bool
	var d286 [128]bool
	var d287 [128]bool
	var d288 [128]bool
	var d289 [128]bool
	var d290 [128]bool
	var d291 [128]bool
	var d292 [128]bool
	var d293 [128]bool
	var d294 [128]bool
	var d295 [128]bool
	var d296 [128]bool
	var d297 [128]bool
	var d298 [128]bool
	var d299 [128]bool
	var d300 [128]bool
	var d301 [128]bool
	var d302 [128]bool
	var d303 [128]bool
	var d304 [128]bool
	var d305 [128]bool
	var d306 [128]bool
	var d307 [128]bool
	var d308 [128]bool
	var d309 [128]bool
	var d310 [128]bool
	var d311 [128]bool
	var d312 [128]bool
	var d313 [128]bool
	var d314 [128]bool
	var d315 [128]bool
	var d316 [128]bool
	var d317 [128]bool
	var d318 [128]bool
	var d319 [128]bool
	var d320 [128]bool
	var d321 [128]bool
	var d322 [128]bool
	var d323 [128]bool
	var d324 [128]bool
	var d325 [128]bool
	var d326 [128]bool
	var d327 [128]bool
	var d328 [128]bool
	var d329 [128]bool
	var d330 [128]bool
	var d331 [128]bool
	var d332 [128]bool
	var d333 [128]bool
	var d334 [128]bool
	var d335 [128]bool
	var d336 [128]bool
	var d337 [128]bool
	var d338 [128]bool
	var d339 [128]bool
	var d340 [128]bool
	var d341 [128]bool
	var d342 [128]bool
	var d343 [128]bool
	var d344 [128]bool
	var d345 [128]bool
	var d346 [128]bool
	var d347 [128]bool
	var d348 [128]bool
	var d349 [128]bool
	var d350 [128]bool
	var d351 [128]bool
	var d352 [128]bool
	var d353 [128]bool
	var d354 [128]bool
	var d355 [128]bool
	var d356 [128]bool
	var d357 [128]bool
	var d358 [128]bool
	var d359 [128]bool
	var d360 [128]bool
	var d361 [128]bool
	var d362 [128]bool
	var d363 [128]bool
	var d364 [128]bool
	var d365 [128]bool
	var d366 [128]bool
	var d367 [128]bool
	var d368 [128]bool
	var d369 [128]bool
	var d370 [128]bool
	var d371 [128]bool
	var d372 [128]bool
	var d373 [128]bool
	var d374 [128]bool
	var d375 [128]bool
	var d376 [128]bool
	var d377 [128]bool
	var d378 [128]bool
	var d379 [128]bool
	var d380 [128]bool
	var d381 [128]bool
	var d382 [128]bool
	var d383 [128]bool
	var d384 [128]bool
	var d385 [128]bool
	var d386 [128]bool
	var d387 [128]bool
	var d388 [128]bool
	var d389 [128]bool
	var d390 [128]bool
	var d391 [128]bool
	var d392 [128]bool
	var d393 [128]bool
	var d394 [128]bool
	var d395 [128]bool
	var d396 [128]bool
	var d397 [128]bool
	var d398 [128]bool
	var d399 [128]bool
	var d400 [128]bool
	var d401 [128]bool
	var d402 [128]bool
	var d403 [128]bool
	var d404 [128]bool
	var d405 [128]bool
	var d406 [128]bool
	var d407 [128]bool
	var d408 [128]bool
	var d409 [128]bool
	var d410 [128]bool
	var d411 [128]bool
	var d412 [128]bool
	var d413 [128]bool
	var d414 [128]bool
	var d415 [128]bool
	var d416 [128]bool
	var d417 [128]bool
	var d418 [128]bool
	var d419 [128]bool
	var d420 [128]bool
	var d421 [128]bool
	var d422 [128]bool
	var d423 [128]bool
	var d424 [128]bool
	var d425 [128]bool
	var d426 [128]bool
	var d427 [128]bool
	var d428 [128]bool
	var d429 [128]bool
	var d430 [128]bool
	var d431 [128]bool
	var d432 [128]bool
	var d433 [128]bool
	var d434 [128]bool
	var d435 [128]bool
	var d436 [128]bool
	var d437 [128]bool
	var d438 [128]bool
	var d439 [128]bool
	var d440 [128]bool
	var d441 [128]bool
	var d442 [128]bool
	var d443 [128]bool
	var d444 [128]bool
	var d445 [128]bool
	var d446 [128]bool
	var d447 [128]bool
	var d448 [128]bool
	var d449 [128]bool
	var d450 [128]bool
	var d451 [128]bool
	var d452 [128]bool
	var d453 [128]bool
	var d454 [128]bool
	var d455 [128]bool
	var d456 [128]bool
	var d457 [128]bool
	var d458 [128]bool
	var d459 [128]bool
	var d460 [128]bool
	var d461 [128]bool
	var d462 [128]bool
	var d463 [128]bool
	var d464 [128]bool
	var d465 [128]bool
	var d466 [128]bool
	var d467 [128]bool
	var d468 [128]bool
	var d469 [128]bool
	var d470 [128]bool
	var d471 [128]bool
	var d472 [128]bool
	var d473 [128]bool
	var d474 [128]bool
	var d475 [128]bool
	var d476 [128]bool
	var d477 [128]bool
	var d478 [128]bool
	var d479 [128]bool
	var d480 [128]bool
	var d481 [128]bool
	var d482 [128]bool
	var d483 [128]bool
	var d484 [128]bool
	var d485 [128]bool
	var d486 [128]bool
	var d487 [128]bool
	var d488 [128]bool
	var d489 [128]bool
	var d490 [128]bool
	var d491 [128]bool
	var d492 [128]bool
	var d493 [128]bool
	var d494 [128]bool
	var d495 [128]bool
	var d496 [128]bool
	var d497 [128]bool
	var d498 [128]bool
	var d499 [128]bool
	var d500 [128]bool
	var d501 [128]bool
	var d502 [128]bool
	var d503 [128]bool
	var d504 [128]bool
	var d505 [128]bool
	var d506 [128]bool
	var d507 [128]bool
	var d508 [128]bool
	var d509 [128]bool
	var d510 [128]bool
	var t [105]bool
	k := func() int {
		m := 0
		if c0 {
			if e[0] == 0 {
				m = 1
			}
		}
		if d0[0] {
			m = m + 1
		}
		if d1[0] {
			m = m + 1
		}
		if d2[0] {
			m = m + 1
		}
		if d3[0] {
			m = m + 1
		}
		if d4[0] {
			m = m + 1
		}
		if d5[0] {
			m = m + 1
		}
		if d6[0] {
			m = m + 1
		}
		if d7[0] {
			m = m + 1
		}
		if d8[0] {
			m = m + 1
		}
		if d9[0] {
			m = m + 1
		}
		if d10[0] {
			m = m + 1
		}
		if d11[0] {
			m = m + 1
		}
		if d12[0] {
			m = m + 1
		}
		if d13[0] {
			m = m + 1
		}
		if d14[0] {
			m = m + 1
		}
		if d15[0] {
			m = m + 1
		}
		if d16[0] {
			m = m + 1
		}
		if d17[0] {
			m = m + 1
		}
		if d18[0] {
			m = m + 1
		}
		if d19[0] {
			m = m + 1
		}
		if d20[0] {
			m = m + 1
		}
		if d21[0] {
			m = m + 1
		}
		if d22[0] {
			m = m + 1
		}
		if d23[0] {
			m = m + 1
		}
		if d24[0] {
			m = m + 1
		}
		if d25[0] {
			m = m + 1
		}
		if d26[0] {
			m = m + 1
		}
		if d27[0] {
			m = m + 1
		}
		if d28[0] {
			m = m + 1
		}
		if d29[0] {
			m = m + 1
		}
		if d30[0] {
			m = m + 1
		}
		if d31[0] {
			m = m + 1
		}
		if d32[0] {
			m = m + 1
		}
		if d33[0] {
			m = m + 1
		}
		if d34[0] {
			m = m + 1
		}
		if d35[0] {
			m = m + 1
		}
		if d36[0] {
			m = m + 1
		}
		if d37[0] {
			m = m + 1
		}
		if d38[0] {
			m = m + 1
		}
		if d39[0] {
			m = m + 1
		}
		if d40[0] {
			m = m + 1
		}
		if d41[0] {
			m = m + 1
		}
		if d42[0] {
			m = m + 1
		}
		if d43[0] {
			m = m + 1
		}
		if d44[0] {
			m = m + 1
		}
		if d45[0] {
			m = m + 1
		}
		if d46[0] {
			m = m + 1
		}
		if d47[0] {
			m = m + 1
		}
		if d48[0] {
			m = m + 1
		}
		if d49[0] {
			m = m + 1
		}
		if d50[0] {
			m = m + 1
		}
		if d51[0] {
			m = m + 1
		}
		if d52[0] {
			m = m + 1
		}
		if d53[0] {
			m = m + 1
		}
		if d54[0] {
			m = m + 1
		}
		if d55[0] {
			m = m + 1
		}
		if d56[0] {
			m = m + 1
		}
		if d57[0] {
			m = m + 1
		}
		if d58[0] {
			m = m + 1
		}
		if d59[0] {
			m = m + 1
		}
		if d60[0] {
			m = m + 1
		}
		if d61[0] {
			m = m + 1
		}
		if d62[0] {
			m = m + 1
		}
		if d63[0] {
			m = m + 1
		}
		if d64[0] {
			m = m + 1
		}
		if d65[0] {
			m = m + 1
		}
		if d66[0] {
			m = m + 1
		}
		if d67[0] {
			m = m + 1
		}
		if d68[0] {
			m = m + 1
		}
		if d69[0] {
			m = m + 1
		}
		if d70[0] {
			m = m + 1
		}
		if d71[0] {
			m = m + 1
		}
		if d72[0] {
			m = m + 1
		}
		if d73[0] {
			m = m + 1
		}
		if d74[0] {
			m = m + 1
		}
		if d75[0] {
			m = m + 1
		}
		if d76[0] {
			m = m + 1
		}
		if d77[0] {
			m = m + 1
		}
		if d78[0] {
			m = m + 1
		}
		if d79[0] {
			m = m + 1
		}
		if d80[0] {
			m = m + 1
		}
		if d81[0] {
			m = m + 1
		}
		if d82[0] {
			m = m + 1
		}
		if d83[0] {
			m = m + 1
		}
		if d84[0] {
			m = m + 1
		}
		if d85[0] {
			m = m + 1
		}
		if d86[0] {
			m = m + 1
		}
		if d87[0] {
			m = m + 1
		}
		if d88[0] {
			m = m + 1
		}
		if d89[0] {
			m = m + 1
		}
		if d90[0] {
			m = m + 1
		}
		if d91[0] {
			m = m + 1
		}
		if d92[0] {
			m = m + 1
		}
		if d93[0] {
			m = m + 1
		}
		if d94[0] {
			m = m + 1
		}
		if d95[0] {
			m = m + 1
		}
		if d96[0] {
			m = m + 1
		}
		if d97[0] {
			m = m + 1
		}
		if d98[0] {
			m = m + 1
		}
		if d99[0] {
			m = m + 1
		}
		if d100[0] {
			m = m + 1
		}
		if d101[0] {
			m = m + 1
		}
		if d102[0] {
			m = m + 1
		}
		if d103[0] {
			m = m + 1
		}
		if d104[0] {
			m = m + 1
		}
		if d105[0] {
			m = m + 1
		}
		if d106[0] {
			m = m + 1
		}
		if d107[0] {
			m = m + 1
		}
		if d108[0] {
			m = m + 1
		}
		if d109[0] {
			m = m + 1
		}
		if d110[0] {
			m = m + 1
		}
		if d111[0] {
			m = m + 1
		}
		if d112[0] {
			m = m + 1
		}
		if d113[0] {
			m = m + 1
		}
		if d114[0] {
			m = m + 1
		}
		if d115[0] {
			m = m + 1
		}
		if d116[0] {
			m = m + 1
		}
		if d117[0] {
			m = m + 1
		}
		if d118[0] {
			m = m + 1
		}
		if d119[0] {
			m = m + 1
		}
		if d120[0] {
			m = m + 1
		}
		if d121[0] {
			m = m + 1
		}
		if d122[0] {
			m = m + 1
		}
		if d123[0] {
			m = m + 1
		}
		if d124[0] {
			m = m + 1
		}
		if d125[0] {
			m = m + 1
		}
		if d126[0] {
			m = m + 1
		}
		if d127[0] {
			m = m + 1
		}
		if d128[0] {
			m = m + 1
		}
		if d129[0] {
			m = m + 1
		}
		if d130[0] {
			m = m + 1
		}
		if d131[0] {
			m = m + 1
		}
		if d132[0] {
			m = m + 1
		}
		if d133[0] {
			m = m + 1
		}
		if d134[0] {
			m = m + 1
		}
		if d135[0] {
			m = m + 1
		}
		if d136[0] {
			m = m + 1
		}
		if d137[0] {
			m = m + 1
		}
		if d138[0] {
			m = m + 1
		}
		if d139[0] {
			m = m + 1
		}
		if d140[0] {
			m = m + 1
		}
		if d141[0] {
			m = m + 1
		}
		if d142[0] {
			m = m + 1
		}
		if d143[0] {
			m = m + 1
		}
		if d144[0] {
			m = m + 1
		}
		if d145[0] {
			m = m + 1
		}
		if d146[0] {
			m = m + 1
		}
		if d147[0] {
			m = m + 1
		}
		if d148[0] {
			m = m + 1
		}
		if d149[0] {
			m = m + 1
		}
		if d150[0] {
			m = m + 1
		}
		if d151[0] {
			m = m + 1
		}
		if d152[0] {
			m = m + 1
		}
		if d153[0] {
			m = m + 1
		}
		if d154[0] {
			m = m + 1
		}
		if d155[0] {
			m = m + 1
		}
		if d156[0] {
			m = m + 1
		}
		if d157[0] {
			m = m + 1
		}
		if d158[0] {
			m = m + 1
		}
		if d159[0] {
			m = m + 1
		}
		if d160[0] {
			m = m + 1
		}
		if d161[0] {
			m = m + 1
		}
		if d162[0] {
			m = m + 1
		}
		if d163[0] {
			m = m + 1
		}
		if d164[0] {
			m = m + 1
		}
		if d165[0] {
			m = m + 1
		}
		if d166[0] {
			m = m + 1
		}
		if d167[0] {
			m = m + 1
		}
		if d168[0] {
			m = m + 1
		}
		if d169[0] {
			m = m + 1
		}
		if d170[0] {
			m = m + 1
		}
		if d171[0] {
			m = m + 1
		}
		if d172[0] {
			m = m + 1
		}
		if d173[0] {
			m = m + 1
		}
		if d174[0] {
			m = m + 1
		}
		if d175[0] {
			m = m + 1
		}
		if d176[0] {
			m = m + 1
		}
		if d177[0] {
			m = m + 1
		}
		if d178[0] {
			m = m + 1
		}
		if d179[0] {
			m = m + 1
		}
		if d180[0] {
			m = m + 1
		}
		if d181[0] {
			m = m + 1
		}
		if d182[0] {
			m = m + 1
		}
		if d183[0] {
			m = m + 1
		}
		if d184[0] {
			m = m + 1
		}
		if d185[0] {
			m = m + 1
		}
		if d186[0] {
			m = m + 1
		}
		if d187[0] {
			m = m + 1
		}
		if d188[0] {
			m = m + 1
		}
		if d189[0] {
			m = m + 1
		}
		if d190[0] {
			m = m + 1
		}
		if d191[0] {
			m = m + 1
		}
		if d192[0] {
			m = m + 1
		}
		if d193[0] {
			m = m + 1
		}
		if d194[0] {
			m = m + 1
		}
		if d195[0] {
			m = m + 1
		}
		if d196[0] {
			m = m + 1
		}
		if d197[0] {
			m = m + 1
		}
		if d198[0] {
			m = m + 1
		}
		if d199[0] {
			m = m + 1
		}
		if d200[0] {
			m = m + 1
		}
		if d201[0] {
			m = m + 1
		}
		if d202[0] {
			m = m + 1
		}
		if d203[0] {
			m = m + 1
		}
		if d204[0] {
			m = m + 1
		}
		if d205[0] {
			m = m + 1
		}
		if d206[0] {
			m = m + 1
		}
		if d207[0] {
			m = m + 1
		}
		if d208[0] {
			m = m + 1
		}
		if d209[0] {
			m = m + 1
		}
		if d210[0] {
			m = m + 1
		}
		if d211[0] {
			m = m + 1
		}
		if d212[0] {
			m = m + 1
		}
		if d213[0] {
			m = m + 1
		}
		if d214[0] {
			m = m + 1
		}
		if d215[0] {
			m = m + 1
		}
		if d216[0] {
			m = m + 1
		}
		if d217[0] {
			m = m + 1
		}
		if d218[0] {
			m = m + 1
		}
		if d219[0] {
			m = m + 1
		}
		if d220[0] {
			m = m + 1
		}
		if d221[0] {
			m = m + 1
		}
		if d222[0] {
			m = m + 1
		}
		if d223[0] {
			m = m + 1
		}
		if d224[0] {
			m = m + 1
		}
		if d225[0] {
			m = m + 1
		}
		if d226[0] {
			m = m + 1
		}
		if d227[0] {
			m = m + 1
		}
		if d228[0] {
			m = m + 1
		}
		if d229[0] {
			m = m + 1
		}
		if d230[0] {
			m = m + 1
		}
		if d231[0] {
			m = m + 1
		}
		if d232[0] {
			m = m + 1
		}
		if d233[0] {
			m = m + 1
		}
		if d234[0] {
			m = m + 1
		}
		if d235[0] {
			m = m + 1
		}
		if d236[0] {
			m = m + 1
		}
		if d237[0] {
			m = m + 1
		}
		if d238[0] {
			m = m + 1
		}
		if d239[0] {
			m = m + 1
		}
		if d240[0] {
			m = m + 1
		}
		if d241[0] {
			m = m + 1
		}
		if d242[0] {
			m = m + 1
		}
		if d243[0] {
			m = m + 1
		}
		if d244[0] {
			m = m + 1
		}
		if d245[0] {
			m = m + 1
		}
		if d246[0] {
			m = m + 1
		}
		if d247[0] {
			m = m + 1
		}
		if d248[0] {
			m = m + 1
		}
		if d249[0] {
			m = m + 1
		}
		if d250[0] {
			m = m + 1
		}
		if d251[0] {
			m = m + 1
		}
		if d252[0] {
			m = m + 1
		}
		if d253[0] {
			m = m + 1
		}
		if d254[0] {
			m = m + 1
		}
		if d255[0] {
			m = m + 1
		}
		if d256[0] {
			m = m + 1
		}
		if d257[0] {
			m = m + 1
		}
		if d258[0] {
			m = m + 1
		}
		if d259[0] {
			m = m + 1
		}
		if d260[0] {
			m = m + 1
		}
		if d261[0] {
			m = m + 1
		}
		if d262[0] {
			m = m + 1
		}
		if d263[0] {
			m = m + 1
		}
		if d264[0] {
			m = m + 1
		}
		if d265[0] {
			m = m + 1
		}
		if d266[0] {
			m = m + 1
		}
		if d267[0] {
			m = m + 1
		}
		if d268[0] {
			m = m + 1
		}
		if d269[0] {
			m = m + 1
		}
		if d270[0] {
			m = m + 1
		}
		if d271[0] {
			m = m + 1
		}
		if d272[0] {
			m = m + 1
		}
		if d273[0] {
			m = m + 1
		}
		if d274[0] {
			m = m + 1
		}
		if d275[0] {
			m = m + 1
		}
		if d276[0] {
			m = m + 1
		}
		if d277[0] {
			m = m + 1
		}
		if d278[0] {
			m = m + 1
		}
		if d279[0] {
			m = m + 1
		}
		if d280[0] {
			m = m + 1
		}
		if d281[0] {
			m = m + 1
		}
		if d282[0] {
			m = m + 1
		}
		if d283[0] {
			m = m + 1
		}
		if d284[0] {
			m = m + 1
		}
		if d285[0] {
			m = m + 1
		}
		if d286[0] {
			m = m + 1
		}
		if d287[0] {
			m = m + 1
		}
		if d288[0] {
			m = m + 1
		}
		if d289[0] {
			m = m + 1
		}
		if d290[0] {
			m = m + 1
		}
		if d291[0] {
			m = m + 1
		}
		if d292[0] {
			m = m + 1
		}
		if d293[0] {
			m = m + 1
		}
		if d294[0] {
			m = m + 1
		}
		if d295[0] {
			m = m + 1
		}
		if d296[0] {
			m = m + 1
		}
		if d297[0] {
			m = m + 1
		}
		if d298[0] {
			m = m + 1
		}
		if d299[0] {
			m = m + 1
		}
		if d300[0] {
			m = m + 1
		}
		if d301[0] {
			m = m + 1
		}
		if d302[0] {
			m = m + 1
		}
		if d303[0] {
			m = m + 1
		}
		if d304[0] {
			m = m + 1
		}
		if d305[0] {
			m = m + 1
		}
		if d306[0] {
			m = m + 1
		}
		if d307[0] {
			m = m + 1
		}
		if d308[0] {
			m = m + 1
		}
		if d309[0] {
			m = m + 1
		}
		if d310[0] {
			m = m + 1
		}
		if d311[0] {
			m = m + 1
		}
		if d312[0] {
			m = m + 1
		}
		if d313[0] {
			m = m + 1
		}
		if d314[0] {
			m = m + 1
		}
		if d315[0] {
			m = m + 1
		}
		if d316[0] {
			m = m + 1
		}
		if d317[0] {
			m = m + 1
		}
		if d318[0] {
			m = m + 1
		}
		if d319[0] {
			m = m + 1
		}
		if d320[0] {
			m = m + 1
		}
		if d321[0] {
			m = m + 1
		}
		if d322[0] {
			m = m + 1
		}
		if d323[0] {
			m = m + 1
		}
		if d324[0] {
			m = m + 1
		}
		if d325[0] {
			m = m + 1
		}
		if d326[0] {
			m = m + 1
		}
		if d327[0] {
			m = m + 1
		}
		if d328[0] {
			m = m + 1
		}
		if d329[0] {
			m = m + 1
		}
		if d330[0] {
			m = m + 1
		}
		if d331[0] {
			m = m + 1
		}
		if d332[0] {
			m = m + 1
		}
		if d333[0] {
			m = m + 1
		}
		if d334[0] {
			m = m + 1
		}
		if d335[0] {
			m = m + 1
		}
		if d336[0] {
			m = m + 1
		}
		if d337[0] {
			m = m + 1
		}
		if d338[0] {
			m = m + 1
		}
		if d339[0] {
			m = m + 1
		}
		if d340[0] {
			m = m + 1
		}
		if d341[0] {
			m = m + 1
		}
		if d342[0] {
			m = m + 1
		}
		if d343[0] {
			m = m + 1
		}
		if d344[0] {
			m = m + 1
		}
		if d345[0] {
			m = m + 1
		}
		if d346[0] {
			m = m + 1
		}
		if d347[0] {
			m = m + 1
		}
		if d348[0] {
			m = m + 1
		}
		if d349[0] {
			m = m + 1
		}
		if d350[0] {
			m = m + 1
		}
		if d351[0] {
			m = m + 1
		}
		if d352[0] {
			m = m + 1
		}
		if d353[0] {
			m = m + 1
		}
		if d354[0] {
			m = m + 1
		}
		if d355[0] {
			m = m + 1
		}
		if d356[0] {
			m = m + 1
		}
		if d357[0] {
			m = m + 1
		}
		if d358[0] {
			m = m + 1
		}
		if d359[0] {
			m = m + 1
		}
		if d360[0] {
			m = m + 1
		}
		if d361[0] {
			m = m + 1
		}
		if d362[0] {
			m = m + 1
		}
		if d363[0] {
			m = m + 1
		}
		if d364[0] {
			m = m + 1
		}
		if d365[0] {
			m = m + 1
		}
		if d366[0] {
			m = m + 1
		}
		if d367[0] {
			m = m + 1
		}
		if d368[0] {
			m = m + 1
		}
		if d369[0] {
			m = m + 1
		}
		if d370[0] {
			m = m + 1
		}
		if d371[0] {
			m = m + 1
		}
		if d372[0] {
			m = m + 1
		}
		if d373[0] {
			m = m + 1
		}
		if d374[0] {
			m = m + 1
		}
		if d375[0] {
			m = m + 1
		}
		if d376[0] {
			m = m + 1
		}
		if d377[0] {
			m = m + 1
		}
		if d378[0] {
			m = m + 1
		}
		if d379[0] {
			m = m + 1
		}
		if d380[0] {
			m = m + 1
		}
		if d381[0] {
			m = m + 1
		}
		if d382[0] {
			m = m + 1
		}
		if d383[0] {
			m = m + 1
		}
		if d384[0] {
			m = m + 1
		}
		if d385[0] {
			m = m + 1
		}
		if d386[0] {
			m = m + 1
		}
		if d387[0] {
			m = m + 1
		}
		if d388[0] {
			m = m + 1
		}
		if d389[0] {
			m = m + 1
		}
		if d390[0] {
			m = m + 1
		}
		if d391[0] {
			m = m + 1
		}
		if d392[0] {
			m = m + 1
		}
		if d393[0] {
			m = m + 1
		}
		if d394[0] {
			m = m + 1
		}
		if d395[0] {
			m = m + 1
		}
		if d396[0] {
			m = m + 1
		}
		if d397[0] {
			m = m + 1
		}
		if d398[0] {
			m = m + 1
		}
		if d399[0] {
			m = m + 1
		}
		if d400[0] {
			m = m + 1
		}
		if d401[0] {
			m = m + 1
		}
		if d402[0] {
			m = m + 1
		}
		if d403[0] {
			m = m + 1
		}
		if d404[0] {
			m = m + 1
		}
		if d405[0] {
			m = m + 1
		}
		if d406[0] {
			m = m + 1
		}
		if d407[0] {
			m = m + 1
		}
		if d408[0] {
			m = m + 1
		}
		if d409[0] {
			m = m + 1
		}
		if d410[0] {
			m = m + 1
		}
		if d411[0] {
			m = m + 1
		}
		if d412[0] {
			m = m + 1
		}
		if d413[0] {
			m = m + 1
		}
		if d414[0] {
			m = m + 1
		}
		if d415[0] {
			m = m + 1
		}
		if d416[0] {
			m = m + 1
		}
		if d417[0] {
			m = m + 1
		}
		if d418[0] {
			m = m + 1
		}
		if d419[0] {
			m = m + 1
		}
		if d420[0] {
			m = m + 1
		}
		if d421[0] {
			m = m + 1
		}
		if d422[0] {
			m = m + 1
		}
		if d423[0] {
			m = m + 1
		}
		if d424[0] {
			m = m + 1
		}
		if d425[0] {
			m = m + 1
		}
		if d426[0] {
			m = m + 1
		}
		if d427[0] {
			m = m + 1
		}
		if d428[0] {
			m = m + 1
		}
		if d429[0] {
			m = m + 1
		}
		if d430[0] {
			m = m + 1
		}
		if d431[0] {
			m = m + 1
		}
		if d432[0] {
			m = m + 1
		}
		if d433[0] {
			m = m + 1
		}
		if d434[0] {
			m = m + 1
		}
		if d435[0] {
			m = m + 1
		}
		if d436[0] {
			m = m + 1
		}
		if d437[0] {
			m = m + 1
		}
		if d438[0] {
			m = m + 1
		}
		if d439[0] {
			m = m + 1
		}
		if d440[0] {
			m = m + 1
		}
		if d441[0] {
			m = m + 1
		}
		if d442[0] {
			m = m + 1
		}
		if d443[0] {
			m = m + 1
		}
		if d444[0] {
			m = m + 1
		}
		if d445[0] {
			m = m + 1
		}
		if d446[0] {
			m = m + 1
		}
		if d447[0] {
			m = m + 1
		}
		if d448[0] {
			m = m + 1
		}
		if d449[0] {
			m = m + 1
		}
		if d450[0] {
			m = m + 1
		}
		if d451[0] {
			m = m + 1
		}
		if d452[0] {
			m = m + 1
		}
		if d453[0] {
			m = m + 1
		}
		if d454[0] {
			m = m + 1
		}
		if d455[0] {
			m = m + 1
		}
		if d456[0] {
			m = m + 1
		}
		if d457[0] {
			m = m + 1
		}
		if d458[0] {
			m = m + 1
		}
		if d459[0] {
			m = m + 1
		}
		if d460[0] {
			m = m + 1
		}
		if d461[0] {
			m = m + 1
		}
		if d462[0] {
			m = m + 1
		}
		if d463[0] {
			m = m + 1
		}
		if d464[0] {
			m = m + 1
		}
		if d465[0] {
			m = m + 1
		}
		if d466[0] {
			m = m + 1
		}
		if d467[0] {
			m = m + 1
		}
		if d468[0] {
			m = m + 1
		}
		if d469[0] {
			m = m + 1
		}
		if d470[0] {
			m = m + 1
		}
		if d471[0] {
			m = m + 1
		}
		if d472[0] {
			m = m + 1
		}
		if d473[0] {
			m = m + 1
		}
		if d474[0] {
			m = m + 1
		}
		if d475[0] {
			m = m + 1
		}
		if d476[0] {
			m = m + 1
		}
		if d477[0] {
			m = m + 1
		}
		if d478[0] {
			m = m + 1
		}
		if d479[0] {
			m = m + 1
		}
		if d480[0] {
			m = m + 1
		}
		if d481[0] {
			m = m + 1
		}
		if d482[0] {
			m = m + 1
		}
		if d483[0] {
			m = m + 1
		}
		if d484[0] {
			m = m + 1
		}
		if d485[0] {
			m = m + 1
		}
		if d486[0] {
			m = m + 1
		}
		if d487[0] {
			m = m + 1
		}
		if d488[0] {
			m = m + 1
		}
		if d489[0] {
			m = m + 1
		}
		if d490[0] {
			m = m + 1
		}
		if d491[0] {
			m = m + 1
		}
		if d492[0] {
			m = m + 1
		}
		if d493[0] {
			m = m + 1
		}
		if d494[0] {
			m = m + 1
		}
		if d495[0] {
			m = m + 1
		}
		if d496[0] {
			m = m + 1
		}
		if d497[0] {
			m = m + 1
		}
		if d498[0] {
			m = m + 1
		}
		if d499[0] {
			m = m + 1
		}
		if d500[0] {
			m = m + 1
		}
		if d501[0] {
			m = m + 1
		}
		if d502[0] {
			m = m + 1
		}
		if d503[0] {
			m = m + 1
		}
		if d504[0] {
			m = m + 1
		}
		if d505[0] {
			m = m + 1
		}
		if d506[0] {
			m = m + 1
		}
		if d507[0] {
			m = m + 1
		}
		if d508[0] {
			m = m + 1
		}
		if d509[0] {
			m = m + 1
		}
		if d510[0] {
			m = m + 1
		}
		if t[0] {
			m = m + 1
		}
		return m
	}
	return k()
}

func main() {
	_ = f() + g() + h()
}
