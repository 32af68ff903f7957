# lab.mk — the write-barrier lab: Dijkstra, Yuasa and hybrid write barriers
# beside an incremental marker. The student writes barrier.c; the marker,
# the mutator's world, scenarios, random workloads and the run driver are
# the lab's own support code.
write-barrier_STUDENT := barrier.c
write-barrier_SUPPORT := marker.c view.c world.c scenario.c scenarios.c workload.c run.c cost.c report.c pictures.c charts.c
write-barrier_BENCH   := 1
