/* wdm.h - the kernel routines and objects a WSK client driver uses, as modelled by the
 * wskfuzz stub kernel: pool, driver object, IRPs, events, spin locks, debug output.
 *
 * Calls a client makes into the stub kernel go through macros that note the client's
 * source line first, so every verdict can point at the line of the client that caused it. */
#ifndef WSKFUZZ_WDM_H
#define WSKFUZZ_WDM_H
#ifndef _WDMDDK_
#define _WDMDDK_ /* the WDK's guard, which drivers test */
#endif

#include "ntdef.h"
#include "ntstatus.h"
#include "sdkddkver.h"

/* The client call site, noted just before the call (one thread: a global suffices). */
void wskfuzz_note_site(const char *file, int line);
#define WSKFUZZ_AT(call) (wskfuzz_note_site(__FILE__, __LINE__), call)

/* ---- IRQL: tracked only as names; user mode has no interrupt levels ---- */
#define PASSIVE_LEVEL 0
#define LOW_LEVEL 0
#define APC_LEVEL 1
#define DISPATCH_LEVEL 2
KIRQL KeGetCurrentIrql(void);

/* ---- pool ---- */
typedef enum _POOL_TYPE {
    NonPagedPool = 0,
    NonPagedPoolExecute = 0,
    PagedPool = 1,
    NonPagedPoolMustSucceed = 2,
    DontUseThisType = 3,
    NonPagedPoolCacheAligned = 4,
    PagedPoolCacheAligned = 5,
    NonPagedPoolCacheAlignedMustS = 6,
    MaxPoolType = 7,
    NonPagedPoolSession = 32,
    PagedPoolSession = 33,
    NonPagedPoolMustSucceedSession = 34,
    DontUseThisTypeSession = 35,
    NonPagedPoolCacheAlignedSession = 36,
    PagedPoolCacheAlignedSession = 37,
    NonPagedPoolCacheAlignedMustSSession = 38,
    NonPagedPoolNx = 512,
    NonPagedPoolNxCacheAligned = 516,
    NonPagedPoolSessionNx = 544
} POOL_TYPE;

#define POOL_RAISE_IF_ALLOCATION_FAILURE 16
#define POOL_COLD_ALLOCATION 256

typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_USE_QUOTA          0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED      0x0000000000000002ULL
#define POOL_FLAG_SESSION            0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED      0x0000000000000008ULL
#define POOL_FLAG_RESERVED1          0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE   0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED          0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE  0x0000000000000080ULL
#define POOL_FLAG_PAGED              0x0000000000000100ULL
#define POOL_FLAG_RESERVED2          0x0000000000000200ULL
#define POOL_FLAG_RESERVED3          0x0000000000000400ULL
#define POOL_FLAG_REQUIRED_START     0x0000000000000001ULL
#define POOL_FLAG_REQUIRED_END       0x0000000080000000ULL
#define POOL_FLAG_OPTIONAL_START     0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL       0x0000000100000000ULL
#define POOL_FLAG_OPTIONAL_END       0x8000000000000000ULL

PVOID ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes);
PVOID ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag);
PVOID ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID ExAllocatePoolUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
void ExFreePoolWithTag(PVOID P, ULONG Tag);
void ExFreePool(PVOID P);
#define ExAllocatePoolWithTag(...) WSKFUZZ_AT(ExAllocatePoolWithTag(__VA_ARGS__))
#define ExAllocatePool(...) WSKFUZZ_AT(ExAllocatePool(__VA_ARGS__))
#define ExAllocatePool2(...) WSKFUZZ_AT(ExAllocatePool2(__VA_ARGS__))
#define ExAllocatePoolZero(...) WSKFUZZ_AT(ExAllocatePoolZero(__VA_ARGS__))
#define ExAllocatePoolUninitialized(...) WSKFUZZ_AT(ExAllocatePoolUninitialized(__VA_ARGS__))
#define ExFreePoolWithTag(...) WSKFUZZ_AT(ExFreePoolWithTag(__VA_ARGS__))
#define ExFreePool(...) WSKFUZZ_AT(ExFreePool(__VA_ARGS__))

/* ---- objects the driver sees ---- */
typedef struct _DEVICE_OBJECT DEVICE_OBJECT, *PDEVICE_OBJECT;
typedef struct _DRIVER_OBJECT DRIVER_OBJECT, *PDRIVER_OBJECT;
typedef struct _IRP IRP, *PIRP;
typedef struct _MDL MDL, *PMDL;
typedef struct _FILE_OBJECT FILE_OBJECT, *PFILE_OBJECT;
typedef struct _KPROCESS *PEPROCESS, *PKPROCESS;
typedef struct _KTHREAD *PETHREAD, *PKTHREAD;
typedef PVOID PSECURITY_DESCRIPTOR;

typedef NTSTATUS DRIVER_INITIALIZE(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;
typedef void DRIVER_UNLOAD(PDRIVER_OBJECT DriverObject);
typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;
typedef NTSTATUS DRIVER_DISPATCH(PDEVICE_OBJECT DeviceObject, PIRP Irp);
typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;
typedef NTSTATUS DRIVER_ADD_DEVICE(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT PhysicalDeviceObject);
typedef DRIVER_ADD_DEVICE *PDRIVER_ADD_DEVICE;

#define IRP_MJ_CREATE 0x00
#define IRP_MJ_CLOSE 0x02
#define IRP_MJ_READ 0x03
#define IRP_MJ_WRITE 0x04
#define IRP_MJ_DEVICE_CONTROL 0x0e
#define IRP_MJ_INTERNAL_DEVICE_CONTROL 0x0f
#define IRP_MJ_CLEANUP 0x12
#define IRP_MJ_PNP 0x1b
#define IRP_MJ_MAXIMUM_FUNCTION 0x1b

typedef struct _DRIVER_EXTENSION {
    PDRIVER_OBJECT DriverObject;
    PDRIVER_ADD_DEVICE AddDevice;
    ULONG Count;
    UNICODE_STRING ServiceKeyName;
} DRIVER_EXTENSION, *PDRIVER_EXTENSION;

struct _DRIVER_OBJECT {
    CSHORT Type;
    CSHORT Size;
    PDEVICE_OBJECT DeviceObject;
    ULONG Flags;
    PVOID DriverStart;
    ULONG DriverSize;
    PVOID DriverSection;
    PDRIVER_EXTENSION DriverExtension;
    UNICODE_STRING DriverName;
    PUNICODE_STRING HardwareDatabase;
    PVOID FastIoDispatch;
    PDRIVER_INITIALIZE DriverInit;
    PVOID DriverStartIo;
    PDRIVER_UNLOAD DriverUnload;
    PDRIVER_DISPATCH MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1];
};

struct _DEVICE_OBJECT {
    CSHORT Type;
    USHORT Size;
    LONG ReferenceCount;
    PDRIVER_OBJECT DriverObject;
    PDEVICE_OBJECT NextDevice;
    ULONG Flags;
    ULONG Characteristics;
    PVOID DeviceExtension;
    ULONG DeviceType;
    CCHAR StackSize;
};

/* ---- IRPs: enough for WSK requests and their completion routines ---- */
typedef struct _IO_STATUS_BLOCK {
    union {
        NTSTATUS Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

typedef NTSTATUS IO_COMPLETION_ROUTINE(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context);
typedef IO_COMPLETION_ROUTINE *PIO_COMPLETION_ROUTINE;

#define SL_INVOKE_ON_CANCEL 0x20
#define SL_INVOKE_ON_SUCCESS 0x40
#define SL_INVOKE_ON_ERROR 0x80

typedef struct _IO_STACK_LOCATION {
    UCHAR MajorFunction;
    UCHAR MinorFunction;
    UCHAR Flags;
    UCHAR Control;
    union {
        struct {
            ULONG OutputBufferLength;
            ULONG InputBufferLength;
            ULONG IoControlCode;
            PVOID Type3InputBuffer;
        } DeviceIoControl;
        struct {
            PVOID Argument1;
            PVOID Argument2;
            PVOID Argument3;
            PVOID Argument4;
        } Others;
    } Parameters;
    PDEVICE_OBJECT DeviceObject;
    PFILE_OBJECT FileObject;
    PIO_COMPLETION_ROUTINE CompletionRoutine;
    PVOID Context;
} IO_STACK_LOCATION, *PIO_STACK_LOCATION;

#define WSKFUZZ_IRP_STACK 4
struct _IRP {
    CSHORT Type;
    USHORT Size;
    PMDL MdlAddress;
    ULONG Flags;
    union {
        PIRP MasterIrp;
        PVOID SystemBuffer;
    } AssociatedIrp;
    IO_STATUS_BLOCK IoStatus;
    CHAR StackCount;
    CHAR CurrentLocation;
    BOOLEAN PendingReturned;
    BOOLEAN Cancel;
    PIO_STATUS_BLOCK UserIosb;
    PVOID UserBuffer;
    struct {
        struct {
            PVOID DriverContext[4];
        } Overlay;
    } Tail;
    IO_STACK_LOCATION Stack[WSKFUZZ_IRP_STACK]; /* stub-private: the stack locations */
};

#define IO_NO_INCREMENT 0
#define IO_NETWORK_INCREMENT 2
PIRP IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota);
void IoFreeIrp(PIRP Irp);
void IoReuseIrp(PIRP Irp, NTSTATUS Iostatus);
void IoCompleteRequest(PIRP Irp, CCHAR PriorityBoost);
PIO_STACK_LOCATION IoGetNextIrpStackLocation(PIRP Irp);
PIO_STACK_LOCATION IoGetCurrentIrpStackLocation(PIRP Irp);
void IoSetCompletionRoutine(PIRP Irp, PIO_COMPLETION_ROUTINE CompletionRoutine, PVOID Context,
                            BOOLEAN InvokeOnSuccess, BOOLEAN InvokeOnError, BOOLEAN InvokeOnCancel);
BOOLEAN IoCancelIrp(PIRP Irp);
#define IoMarkIrpPending(Irp) ((void)((Irp)->PendingReturned = TRUE))
#define IoAllocateIrp(...) WSKFUZZ_AT(IoAllocateIrp(__VA_ARGS__))
#define IoFreeIrp(...) WSKFUZZ_AT(IoFreeIrp(__VA_ARGS__))

/* ---- debug output: discarded, like a kernel without a debugger attached ---- */
#define DPFLTR_IHVNETWORK_ID 0
#define DPFLTR_IHVDRIVER_ID 77
#define DPFLTR_ERROR_LEVEL 0
#define DPFLTR_WARNING_LEVEL 1
#define DPFLTR_TRACE_LEVEL 2
#define DPFLTR_INFO_LEVEL 3
ULONG DbgPrint(PCSTR Format, ...);
ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...);
#define KdPrint(x) ((void)0)
#define KdPrintEx(x) ((void)0)
#define ASSERT(e) ((void)0)
#define NT_ASSERT(e) ((void)0)

/* ---- interlocked operations (one thread, but real atomics cost nothing) ---- */
#define InterlockedIncrement(p) __atomic_add_fetch((p), 1, __ATOMIC_SEQ_CST)
#define InterlockedDecrement(p) __atomic_sub_fetch((p), 1, __ATOMIC_SEQ_CST)
#define InterlockedExchange(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedExchangeAdd(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedCompareExchange(p, x, c) wskfuzz_cmpxchg32((p), (x), (c))
#define InterlockedExchangePointer(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
static inline LONG wskfuzz_cmpxchg32(volatile LONG *p, LONG exchange, LONG comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}

/* ---- spin locks: one thread, so acquire and release only check pairing ---- */
typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;
void KeInitializeSpinLock(PKSPIN_LOCK SpinLock);
void KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql);
void KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql);

/* ---- strings ---- */
void RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString);

/* ---- the rest of the surface real clients use (stubs/include/wskfuzz_*.h) ---- */
#include "wskfuzz_msvc.h"
#include "wskfuzz_wdm_sync.h"
#include "wskfuzz_wdm_more.h"
#include "wskfuzz_wdm_ex.h"
#include "wskfuzz_wdm_threads.h"

#endif /* WSKFUZZ_WDM_H */
