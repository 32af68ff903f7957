# lab.mk — the tri-color lab: an incremental tri-color marker and its sweep.
# The student writes mark.c; the rest is the lab's own support code.
tri-color_ORDER   := 6
tri-color_STUDENT := mark.c
tri-color_SUPPORT := support/classics.c support/mark_hooks.c
tri-color_LDLIBS  := $(PKG_JANSSON)
tri-color_BENCH   := 1
# The lab's input is the core's scenario format; its parser is fuzzed as the
# core target `scenario` (tests/fuzz/fuzz.mk), seeded with this lab's data/.
tri-color_FUZZ    :=
