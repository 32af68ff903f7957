# lab.mk — the write-barrier lab: Dijkstra, Yuasa and hybrid write barriers
# beside an incremental marker. The student writes barrier.c; the marker,
# the mutator's world, scenarios, random workloads and the run driver are
# the lab's own support code.
write-barrier_STUDENT := barrier.c
write-barrier_SUPPORT := support/marker.c support/view.c support/world.c support/scenario.c support/catalog.c support/workload.c support/run.c support/cost.c support/report.c support/pictures.c support/charts.c
write-barrier_BENCH   := 1
