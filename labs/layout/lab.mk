# lab.mk — the layout lab: where a process keeps its bytes (maps, linker
# symbols, ELF sizes, malloc's mmap threshold). See labs/layout/README.md.
layout_ORDER   := 1
layout_STUDENT := layout.c
layout_SUPPORT := $(addprefix support/,regions.c facts.c specimens.c report.c draw.c compare.c expect.c)
layout_LDLIBS  := -ljansson
layout_FUZZ    := layout
# The grading suite counts the heap blocks the student's functions leave
# allocated (ml_heap_blocks, harness/suitelib/heapcount.c).
layout_SUITE_LDFLAGS := $(ML_HEAP_COUNT_LDFLAGS)

# The fuzz target of the readers of recorded processes: expect and facts
# files (tests/fuzz/fuzz.mk). It links the reference classifier, which the
# comparison of an expect file calls.
FUZZ_SRCS_layout  := tests/fuzz/fuzz_layout.c $(addprefix labs/layout/support/,expect.c facts.c \
                       regions.c) solutions/layout/layout.c
FUZZ_INC_layout   := -Ilabs/layout
FUZZ_SEEDS_layout := labs/layout/data tests/fuzz/corpus/layout
FUZZ_SECS_layout   = $(FUZZ_SECONDS)
FUZZ_WHAT_layout  := the layout lab's expect and facts readers
FUZZ_LIBS_layout  := $(PKG_JANSSON) -pthread
# The lab's sources include "layout.h" and "support/program.h" from labs/layout.
build/fuzz/loop/labs/layout/%.o build/fuzz/libfuzzer/labs/layout/%.o \
build/fuzz/loop/solutions/layout/%.o build/fuzz/libfuzzer/solutions/layout/%.o: \
    FUZZ_CFLAGS += -Ilabs/layout
