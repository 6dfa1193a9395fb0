/* wskfuzz_wdm_ex.h - more of wdm.h that real WSK drivers use (included by wdm.h): interlocked
 * singly linked lists, the newer pool allocators and the driver runtime's NX opt-in.
 * The routines are modelled in stubs/kernel/ (docs/kernel-routines.md lists them). */
#ifndef WSKFUZZ_WDM_EX_H
#define WSKFUZZ_WDM_EX_H

/* ---- interlocked singly linked lists (Windows x64 layout: 16 bytes, 16-byte aligned; the
 * header packs the depth, a sequence number and the first entry's address >> 4) ---- */
typedef struct DECLSPEC_ALIGN(16) _SLIST_ENTRY {
    struct _SLIST_ENTRY *Next;
} SLIST_ENTRY, *PSLIST_ENTRY;

typedef union DECLSPEC_ALIGN(16) _SLIST_HEADER {
    struct {
        ULONGLONG Alignment;
        ULONGLONG Region;
    };
    struct {
        ULONGLONG Depth : 16;
        ULONGLONG Sequence : 48;
        ULONGLONG Reserved : 4;
        ULONGLONG NextEntry : 60;
    } HeaderX64;
} SLIST_HEADER, *PSLIST_HEADER;

#define MEMORY_ALLOCATION_ALIGNMENT 16
#define SLIST_ENTRY_ALIGNMENT MEMORY_ALLOCATION_ALIGNMENT

void InitializeSListHead(PSLIST_HEADER SListHead);
PSLIST_ENTRY InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry);
PSLIST_ENTRY InterlockedPopEntrySList(PSLIST_HEADER ListHead);
PSLIST_ENTRY InterlockedFlushSList(PSLIST_HEADER ListHead);
USHORT ExQueryDepthSList(PSLIST_HEADER SListHead);
PSLIST_ENTRY ExInterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry, PKSPIN_LOCK Lock);
PSLIST_ENTRY ExInterlockedPopEntrySList(PSLIST_HEADER ListHead, PKSPIN_LOCK Lock);
PSLIST_ENTRY ExInterlockedFlushSList(PSLIST_HEADER ListHead);
PSLIST_ENTRY InterlockedPushListSListEx(PSLIST_HEADER ListHead, PSLIST_ENTRY List, PSLIST_ENTRY ListEnd, ULONG Count);
#define ExInitializeSListHead InitializeSListHead
#define QueryDepthSList(Head) ExQueryDepthSList(Head)
#define ExInterlockedPushListSList(Head, List, ListEnd, Count, Lock) InterlockedPushListSListEx((Head), (List), (ListEnd), (Count))
#define RtlFirstEntrySList(Head) ((PSLIST_ENTRY)(ULONG_PTR)((Head)->HeaderX64.NextEntry << 4))

/* ---- pool: the newer allocators, all on the one pool model ---- */
typedef enum _EX_POOL_PRIORITY {
    LowPoolPriority = 0,
    LowPoolPrioritySpecialPoolOverrun = 8,
    LowPoolPrioritySpecialPoolUnderrun = 9,
    NormalPoolPriority = 16,
    NormalPoolPrioritySpecialPoolOverrun = 24,
    NormalPoolPrioritySpecialPoolUnderrun = 25,
    HighPoolPriority = 32,
    HighPoolPrioritySpecialPoolOverrun = 40,
    HighPoolPrioritySpecialPoolUnderrun = 41
} EX_POOL_PRIORITY;

typedef enum POOL_EXTENDED_PARAMETER_TYPE {
    PoolExtendedParameterInvalidType = 0,
    PoolExtendedParameterPriority,
    PoolExtendedParameterSecurePool,
    PoolExtendedParameterNumaNode,
    PoolExtendedParameterMax
} POOL_EXTENDED_PARAMETER_TYPE, *PPOOL_EXTENDED_PARAMETER_TYPE;

#define POOL_EXTENDED_PARAMETER_TYPE_BITS 8
#define POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS 1
#define POOL_EXTENDED_PARAMETER_RESERVED_BITS (64 - POOL_EXTENDED_PARAMETER_TYPE_BITS - POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS)
#define SECURE_POOL_FLAGS_NONE 0x0
#define SECURE_POOL_FLAGS_FREEABLE 0x1
#define SECURE_POOL_FLAGS_MODIFIABLE 0x2
typedef struct _POOL_EXTENDED_PARAMS_SECURE_POOL {
    HANDLE SecurePoolHandle;
    PVOID Buffer;
    ULONG_PTR Cookie;
    ULONG SecurePoolFlags;
} POOL_EXTENDED_PARAMS_SECURE_POOL;
typedef ULONG POOL_NODE_REQUIREMENT;
typedef struct _POOL_EXTENDED_PARAMETER {
    struct {
        ULONG64 Type : POOL_EXTENDED_PARAMETER_TYPE_BITS;
        ULONG64 Optional : POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS;
        ULONG64 Reserved : POOL_EXTENDED_PARAMETER_RESERVED_BITS;
    };
    union {
        ULONG64 Reserved2;
        PVOID Reserved3;
        EX_POOL_PRIORITY Priority;
        POOL_EXTENDED_PARAMS_SECURE_POOL *SecurePoolParams;
        POOL_NODE_REQUIREMENT PreferredNode;
    };
} POOL_EXTENDED_PARAMETER, *PPOOL_EXTENDED_PARAMETER;
typedef const POOL_EXTENDED_PARAMETER *PCPOOL_EXTENDED_PARAMETER;

#define POOL_QUOTA_FAIL_INSTEAD_OF_RAISE 8

PVOID ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
                      PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG ExtendedParametersCount);
PVOID ExAllocatePoolWithQuotaTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID ExAllocatePoolWithQuota(POOL_TYPE PoolType, SIZE_T NumberOfBytes);
PVOID ExAllocatePoolWithTagPriority(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, EX_POOL_PRIORITY Priority);
PVOID ExAllocatePoolPriorityZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, EX_POOL_PRIORITY Priority);
PVOID ExAllocatePoolPriorityUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, EX_POOL_PRIORITY Priority);
PVOID ExAllocatePoolQuotaZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID ExAllocatePoolQuotaUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
void ExFreePool2(PVOID P, ULONG Tag, PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG ExtendedParametersCount);
#define ExAllocatePool3(...) WSKFUZZ_AT(ExAllocatePool3(__VA_ARGS__))
#define ExAllocatePoolWithQuotaTag(...) WSKFUZZ_AT(ExAllocatePoolWithQuotaTag(__VA_ARGS__))
#define ExAllocatePoolWithQuota(...) WSKFUZZ_AT(ExAllocatePoolWithQuota(__VA_ARGS__))
#define ExAllocatePoolWithTagPriority(...) WSKFUZZ_AT(ExAllocatePoolWithTagPriority(__VA_ARGS__))
#define ExAllocatePoolPriorityZero(...) WSKFUZZ_AT(ExAllocatePoolPriorityZero(__VA_ARGS__))
#define ExAllocatePoolPriorityUninitialized(...) WSKFUZZ_AT(ExAllocatePoolPriorityUninitialized(__VA_ARGS__))
#define ExAllocatePoolQuotaZero(...) WSKFUZZ_AT(ExAllocatePoolQuotaZero(__VA_ARGS__))
#define ExAllocatePoolQuotaUninitialized(...) WSKFUZZ_AT(ExAllocatePoolQuotaUninitialized(__VA_ARGS__))
#define ExFreePool2(...) WSKFUZZ_AT(ExFreePool2(__VA_ARGS__))
#define ExFreePoolWithQuotaTag ExFreePoolWithTag

/* ---- the driver runtime: NX pool opt-in (a driver built with POOL_NX_OPTIN=1 calls
 * ExInitializeDriverRuntime(DrvRtPoolNxOptIn) first; its NonPagedPool then means the
 * no-execute pool) ---- */
#define DrvRtPoolNxOptIn 0x00000001
extern POOL_TYPE ExDefaultNonPagedPoolType;
extern ULONG ExDefaultMdlProtection;
void ExInitializeDriverRuntime(ULONG RuntimeFlags);
#if defined(POOL_NX_OPTIN_AUTO) && POOL_NX_OPTIN_AUTO
#define NonPagedPool NonPagedPoolNx
#define NonPagedPoolCacheAligned NonPagedPoolNxCacheAligned
#elif defined(POOL_NX_OPTIN) && POOL_NX_OPTIN && !(defined(POOL_NX_OPTOUT) && POOL_NX_OPTOUT)
#define NonPagedPool ExDefaultNonPagedPoolType
#endif

#endif /* WSKFUZZ_WDM_EX_H */
