# lab.mk — the layout lab: where a process keeps its bytes (maps, linker
# symbols, ELF sizes, malloc's mmap threshold). See labs/layout/README.md.
layout_ORDER   := 1
layout_STUDENT := layout.c
layout_SUPPORT := $(addprefix support/,regions.c facts.c specimens.c report.c draw.c compare.c)
layout_LDLIBS  := -ljansson
