# lab.mk — the tri-color lab: an incremental tri-color marker and its sweep.
# The student writes mark.c; the rest is the lab's own support code.
tri-color_STUDENT := mark.c
tri-color_SUPPORT := support/classics.c support/mark_hooks.c
tri-color_BENCH   := 1
