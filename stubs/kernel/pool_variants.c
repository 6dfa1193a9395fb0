/* pool_variants.c - the pool allocators newer than ExAllocatePool2, and the quota and priority
 * ones. Each goes through ExAllocatePool2 / ExAllocatePoolWithTag / ExAllocatePoolZero /
 * ExFreePoolWithTag of the pool model (stubs/kernel/pool.c), so every block is in the ledger, on the
 * client's source line (noted by the header's macro before the call), under the fault plan and
 * the leak checks. */
#include <wdm.h>

/* The model's entry points themselves, not the client-side macros that note a call site. */
#undef ExAllocatePool2
#undef ExAllocatePoolWithTag
#undef ExAllocatePoolZero
#undef ExFreePoolWithTag
#undef ExAllocatePool3
#undef ExAllocatePoolWithQuotaTag
#undef ExAllocatePoolWithQuota
#undef ExAllocatePoolWithTagPriority
#undef ExAllocatePoolPriorityZero
#undef ExAllocatePoolPriorityUninitialized
#undef ExAllocatePoolQuotaZero
#undef ExAllocatePoolQuotaUninitialized
#undef ExFreePool2

/* The quota and priority flags only say whom to charge and how hard to try: not modelled. */
#define QUOTA_TYPE_BITS (POOL_QUOTA_FAIL_INSTEAD_OF_RAISE | POOL_RAISE_IF_ALLOCATION_FAILURE)

PVOID ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag, PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
                      ULONG ExtendedParametersCount)
{
    /* Documented parameter types are priority, secure pool and NUMA node; an unknown required
     * one makes the call fail, like an unknown required flag. */
    for (ULONG i = 0; i < ExtendedParametersCount; i++) {
        ULONG64 type = ExtendedParameters[i].Type;
        if ((type == PoolExtendedParameterInvalidType || type >= PoolExtendedParameterMax) &&
            !ExtendedParameters[i].Optional)
            return NULL;
    }
    return ExAllocatePool2(Flags, NumberOfBytes, Tag);
}

/* Windows raises STATUS_INSUFFICIENT_RESOURCES on a failed quota allocation unless the type has
 * POOL_QUOTA_FAIL_INSTEAD_OF_RAISE; __try / __except are plain blocks here, so a failure is
 * always NULL (which the driver must handle in either case). */
PVOID ExAllocatePoolWithQuotaTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return ExAllocatePoolWithTag((POOL_TYPE)((int)PoolType & ~QUOTA_TYPE_BITS), NumberOfBytes, Tag);
}

PVOID ExAllocatePoolWithQuota(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
    return ExAllocatePoolWithQuotaTag(PoolType, NumberOfBytes, 0x656e6f4e /* 'None' */);
}

PVOID ExAllocatePoolWithTagPriority(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, EX_POOL_PRIORITY Priority)
{
    (void)Priority;
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

PVOID ExAllocatePoolPriorityZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, EX_POOL_PRIORITY Priority)
{
    (void)Priority;
    return ExAllocatePoolZero(PoolType, NumberOfBytes, Tag);
}

PVOID ExAllocatePoolPriorityUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
                                          EX_POOL_PRIORITY Priority)
{
    (void)Priority;
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

PVOID ExAllocatePoolQuotaZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return ExAllocatePoolZero((POOL_TYPE)((int)PoolType & ~QUOTA_TYPE_BITS), NumberOfBytes, Tag);
}

PVOID ExAllocatePoolQuotaUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return ExAllocatePoolWithQuotaTag(PoolType, NumberOfBytes, Tag);
}

void ExFreePool2(PVOID P, ULONG Tag, PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG ExtendedParametersCount)
{
    (void)ExtendedParameters;
    (void)ExtendedParametersCount;
    ExFreePoolWithTag(P, Tag);
}
