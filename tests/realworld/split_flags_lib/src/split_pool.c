/*
 * split_pool.c - a library beside the driver (sources.txt names its src/): configured by the
 * compile_flags.txt at the root of its own tree, found by looking up from src/.
 */
#include "split.h"

#if !defined(SPLIT_LIB) || !defined(SPLIT_TAG) || defined(SPLIT_ENTRY) || defined(SPLIT_QUERY)
#error "split_pool.c takes the flags of split_flags_lib/compile_flags.txt only"
#endif

NTSTATUS
SplitAllocate(_Inout_ PSPLIT_STATE State)
{
    State->Queries = 0;
    State->Buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, SPLIT_TAG);
    return State->Buffer != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

VOID
SplitFree(_Inout_ PSPLIT_STATE State)
{
    if (State->Buffer != NULL) {
        ExFreePoolWithTag(State->Buffer, SPLIT_TAG);
        State->Buffer = NULL;
    }
}
