# lab.mk — the pools lab: a fixed-size pool, an arena, a buffer pool, a
# bounded pool and a sync.Pool analogue over the core's page heap. The
# student writes pools.c; support/runtime.c gives threads their processor
# slots and reports uses after put.
pools_ORDER   := 5
pools_STUDENT := pools.c
pools_SUPPORT := support/runtime.c support/workloads.c
pools_LDLIBS  := $(PKG_JANSSON)
pools_BENCH   := 1
pools_FUZZ    :=
pools_CHECKS  :=
