# lab.mk — the write-barrier lab: Dijkstra, Yuasa and hybrid write barriers
# beside an incremental marker. The student writes barrier.c; the marker,
# the mutator's world, the scenario loader, random workloads and the run
# driver are the lab's own support code (support/); the built-in scenarios
# are data/*.scn.
write-barrier_ORDER   := 7
write-barrier_STUDENT := barrier.c
write-barrier_SUPPORT := support/marker.c support/view.c support/world.c support/scenario.c support/catalog.c support/workload.c support/run.c support/cost.c support/report.c support/pictures.c support/charts.c
write-barrier_LDLIBS  := $(PKG_JANSSON)
write-barrier_BENCH   := 1
# The scenarios are read by the core's parser, fuzzed as the core target
# `scenario` (tests/fuzz/fuzz.mk), seeded with this lab's data/.
write-barrier_FUZZ    :=
