# lab.mk — the tri-color lab: an incremental tri-color marker and its sweep.
# The student writes mark.c; the rest is the lab's own support code.
tri-color_STUDENT := mark.c
tri-color_SUPPORT := scenario.c scenario_parse.c classics.c scenario_heap.c collector.c
tri-color_BENCH   := 1
