# lab.mk — the tri-color lab: an incremental tri-color marker and its sweep.
# The student writes mark.c; the rest is the lab's own support code.
tri-color_ORDER   := 6
tri-color_STUDENT := mark.c
tri-color_SUPPORT := scenario.c scenario_parse.c classics.c scenario_heap.c collector.c
tri-color_BENCH   := 1

# The fuzz target of the scenario parser (tests/fuzz/fuzz.mk).
tri-color_FUZZ    := tri-color
FUZZ_SRCS_tri-color  := tests/fuzz/fuzz_tri_color.c labs/tri-color/scenario_parse.c \
                        labs/tri-color/scenario.c
FUZZ_INC_tri-color   := -Ilabs/tri-color
FUZZ_SEEDS_tri-color := labs/tri-color/data tests/fuzz/corpus/tri-color
FUZZ_SECS_tri-color   = $(FUZZ_SECONDS)
FUZZ_WHAT_tri-color  := the tri-color lab's scenario parser
