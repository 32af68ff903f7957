# lab.mk — the pacer lab: GOGC, the heap goal, the trigger, the soft memory
# limit and the GC CPU limiter (Go's mgcpacer.go, mgclimit.go), on a
# simulated runtime over the core's GC heap. The student writes pacer.c;
# the simulation, the workloads and the trace reader are support code.
pacer_ORDER   := 9
pacer_STUDENT := pacer.c
pacer_SUPPORT := support/sim.c support/workloads.c support/run.c support/gctrace.c support/size.c
pacer_LDLIBS  := $(PKG_JANSSON)
