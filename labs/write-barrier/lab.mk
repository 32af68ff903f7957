# lab.mk — the write-barrier lab: Dijkstra, Yuasa and hybrid write barriers
# beside an incremental marker. The student writes barrier.c; the marker,
# the mutator's world, scenarios, random workloads and the run driver are
# the lab's own support code.
write-barrier_ORDER   := 7
write-barrier_STUDENT := barrier.c
write-barrier_SUPPORT := marker.c view.c world.c scenario.c scenarios.c workload.c run.c cost.c report.c pictures.c charts.c
write-barrier_BENCH   := 1

# The fuzz target of the scenario parser (tests/fuzz/fuzz.mk).
write-barrier_FUZZ    := write-barrier
FUZZ_SRCS_write-barrier  := tests/fuzz/fuzz_write_barrier.c labs/write-barrier/scenario.c \
                            labs/write-barrier/world.c
FUZZ_INC_write-barrier   := -Ilabs/write-barrier
FUZZ_SEEDS_write-barrier := tests/fuzz/corpus/write-barrier
FUZZ_SECS_write-barrier   = $(FUZZ_SECONDS)
FUZZ_WHAT_write-barrier  := the write-barrier lab's scenario parser
