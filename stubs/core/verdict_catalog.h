/* verdict_catalog.h - every rule of the WSK / NMR contract that the stub kernel checks.
 *
 * One row per rule: X(ID, rule in one line, documentation page). The ID is stable: reports,
 * SARIF rule IDs, mutants and regression tests refer to it. README.md has the same table. */

#define WSKFUZZ_VERDICTS(X)                                                                                  \
    /* pool */                                                                                               \
    X(POOL_LEAK, "Every pool allocation is freed by the time the driver has unloaded",                        \
      "ExFreePoolWithTag (wdm.h); Unloading a Client Module")                                                \
    X(POOL_LEAK_FAILED_ATTACH,                                                                               \
      "When ClientAttachProvider does not attach, it frees everything it allocated before returning",        \
      "Attaching the WSK Client to the WSK Subsystem, step 4")                                               \
    X(POOL_DOUBLE_FREE, "Pool memory is freed once (BAD_POOL_CALLER 0x07)",                                  \
      "Bug Check 0xC2: BAD_POOL_CALLER")                                                                     \
    X(POOL_TAG_MISMATCH, "ExFreePoolWithTag is given the tag the memory was allocated with (BAD_POOL_CALLER 0x0A)", \
      "ExFreePoolWithTag (wdm.h); Bug Check 0xC2")                                                           \
    X(POOL_FOREIGN_FREE, "Only pool allocations are freed to the pool (BAD_POOL_CALLER 0x46)",               \
      "Bug Check 0xC2: BAD_POOL_CALLER")                                                                     \
    X(POOL_ZERO_SIZE, "Pool allocations request at least one byte (BAD_POOL_CALLER 0x00)",                   \
      "ExAllocatePoolWithTag (wdm.h); Bug Check 0xC2")                                                       \
    X(POOL_ZERO_TAG, "Pool allocations carry a non-zero tag (BAD_POOL_CALLER 0x9B)",                         \
      "ExAllocatePool2 (wdm.h); Bug Check 0xC2")                                                             \
    X(POOL_BAD_ARGUMENT, "Pool flags and pool types are ones the documentation defines",                     \
      "ExAllocatePool2 (wdm.h); POOL_TYPE (wdm.h)")                                                          \
    X(RESIDENT_MEMORY_FREED,                                                                                 \
      "Memory the NMR or WSK still references (characteristics, binding context, dispatch) stays allocated", \
      "NmrRegisterClient; NmrClientAttachProvider (netioddk.h)")                                             \
    /* registration */                                                                                       \
    X(REGISTER_BAD_CHARACTERISTICS,                                                                          \
      "NPI_CLIENT_CHARACTERISTICS: Version 0, Length sizeof, attach and detach callbacks, a registration instance with NpiId", \
      "Initializing NMR Data Structures; NPI_CLIENT_CHARACTERISTICS (netioddk.h)")                           \
    X(DEREGISTER_BAD_HANDLE, "NmrDeregisterClient and NmrWaitForClientDeregisterComplete take a handle from NmrRegisterClient", \
      "NmrDeregisterClient (netioddk.h)")                                                                    \
    X(DEREGISTER_TWICE, "A client registration is deregistered once", "Unloading a Client Module")          \
    X(WAIT_BEFORE_DEREGISTER, "NmrWaitForClientDeregisterComplete is called only after NmrDeregisterClient", \
      "NmrWaitForClientDeregisterComplete (netioddk.h)")                                                     \
    X(UNLOAD_WITHOUT_DEREGISTER, "The driver deregisters every NMR registration before it unloads",          \
      "Unregistering and Unloading the WSK Client")                                                          \
    X(UNLOAD_WITHOUT_WAIT,                                                                                   \
      "After NmrDeregisterClient returns STATUS_PENDING, unload waits with NmrWaitForClientDeregisterComplete", \
      "Unloading a Client Module; NmrDeregisterClient (netioddk.h)")                                         \
    X(DRIVER_NO_UNLOAD, "A driver that registers with the NMR or WSK sets DriverUnload so it can deregister", \
      "Unregistering and Unloading the WSK Client")                                                          \
    /* attach */                                                                                             \
    X(ATTACH_SUCCESS_WITHOUT_BINDING,                                                                        \
      "ClientAttachProvider returns STATUS_SUCCESS only after NmrClientAttachProvider returned STATUS_SUCCESS", \
      "Attaching the WSK Client to the WSK Subsystem, step 2")                                               \
    X(ATTACH_FAILED_AFTER_BINDING,                                                                           \
      "After NmrClientAttachProvider succeeded, ClientAttachProvider returns STATUS_SUCCESS",                \
      "Attaching the WSK Client to the WSK Subsystem, step 2")                                               \
    X(ATTACH_STATUS_NOT_LAST,                                                                                \
      "When attaching fails, ClientAttachProvider returns the status of the last NmrClientAttachProvider call", \
      "Attaching the WSK Client to the WSK Subsystem, step 4")                                               \
    X(ATTACH_DECLINE_NOT_ERROR,                                                                              \
      "A client that does not attach returns an error status (STATUS_NOINTERFACE), never a success or informational one", \
      "Attaching the WSK Client to the WSK Subsystem, step 5; NPI_CLIENT_ATTACH_PROVIDER_FN")               \
    X(ATTACH_AFTER_SUCCESS, "NmrClientAttachProvider is not called again once it has succeeded for a binding", \
      "NmrClientAttachProvider (netioddk.h)")                                                                \
    X(ATTACH_RETRY_STORM,                                                                                    \
      "Retries after STATUS_NOINTERFACE are bounded by the versions the client supports",                   \
      "Attaching the WSK Client to the WSK Subsystem, step 3")                                               \
    X(ATTACH_BAD_HANDLE, "NmrClientAttachProvider is given the NmrBindingHandle of the current ClientAttachProvider call", \
      "NmrClientAttachProvider (netioddk.h)")                                                                \
    X(ATTACH_OUTSIDE_CALLBACK, "NmrClientAttachProvider is called only from within ClientAttachProvider",    \
      "NmrClientAttachProvider (netioddk.h)")                                                                \
    X(ATTACH_BAD_DISPATCH, "The client dispatch is a WSK_CLIENT_DISPATCH with Reserved 0",                  \
      "WSK_CLIENT_DISPATCH (wsk.h); NmrClientAttachProvider (netioddk.h)")                                   \
    X(ATTACH_BAD_ARGUMENT, "NmrClientAttachProvider gets valid out-pointers for the provider context and dispatch", \
      "NmrClientAttachProvider (netioddk.h)")                                                                \
    /* detach */                                                                                             \
    X(DETACH_BAD_STATUS, "ClientDetachProvider returns STATUS_SUCCESS or STATUS_PENDING",                    \
      "NPI_CLIENT_DETACH_PROVIDER_FN (netioddk.h)")                                                          \
    X(DETACH_COMPLETE_UNEXPECTED,                                                                            \
      "NmrClientDetachProviderComplete is called only after ClientDetachProvider returned STATUS_PENDING",   \
      "NmrClientDetachProviderComplete (netioddk.h)")                                                        \
    X(DETACH_COMPLETE_REPEATED, "NmrClientDetachProviderComplete is called once per pending detach",        \
      "NmrClientDetachProviderComplete (netioddk.h)")                                                        \
    X(DETACH_COMPLETE_NEVER,                                                                                 \
      "After ClientDetachProvider returned STATUS_PENDING, NmrClientDetachProviderComplete eventually follows", \
      "NPI_CLIENT_DETACH_PROVIDER_FN; Unregistering and Unloading the WSK Client")                           \
    X(DETACH_COMPLETE_BAD_HANDLE, "NmrClientDetachProviderComplete is given a saved NmrBindingHandle",      \
      "NmrClientDetachProviderComplete (netioddk.h)")                                                        \
    X(PROVIDER_CALL_AFTER_DETACH,                                                                            \
      "From the moment ClientDetachProvider is called, the client starts no new WSK_PROVIDER_DISPATCH calls", \
      "NPI_CLIENT_DETACH_PROVIDER_FN; Unregistering and Unloading the WSK Client")                           \
    X(DETACH_WHILE_CALL_IN_FLIGHT,                                                                           \
      "ClientDetachProvider returns STATUS_SUCCESS only when none of the client's calls into the provider is in progress; else STATUS_PENDING, and NmrClientDetachProviderComplete when the last returns", \
      "NPI_CLIENT_DETACH_PROVIDER_FN (netioddk.h); Unregistering and Unloading the WSK Client")             \
    X(PROVIDER_CALL_UNBOUND, "WSK_PROVIDER_DISPATCH calls are made with a WSK_CLIENT the client is attached to", \
      "WSK_PROVIDER_DISPATCH (wsk.h)")                                                                       \
    /* WskRegister path */                                                                                   \
    X(WSK_REGISTER_BAD_NPI, "WskRegister gets a WSK_CLIENT_NPI with a WSK_CLIENT_DISPATCH whose Reserved is 0", \
      "WskRegister (wsk.h); WSK_CLIENT_DISPATCH (wsk.h)")                                                    \
    X(WSK_REGISTRATION_REUSED, "A WSK_REGISTRATION is registered again only after WskDeregister",           \
      "WskRegister (wsk.h)")                                                                                 \
    X(WSK_CAPTURE_NOT_RELEASED, "Every successful WskCaptureProviderNPI is matched by WskReleaseProviderNPI", \
      "WskCaptureProviderNPI (wsk.h); Unregistering a Winsock Kernel Application")                           \
    X(WSK_RELEASE_WITHOUT_CAPTURE, "WskReleaseProviderNPI is called only for a successful capture",         \
      "WskReleaseProviderNPI (wsk.h)")                                                                       \
    X(WSK_NOT_DEREGISTERED, "Every successful WskRegister is matched by WskDeregister before unload",       \
      "WskRegister (wsk.h); Unregistering a Winsock Kernel Application")                                     \
    X(WSK_DEREGISTER_UNREGISTERED, "WskDeregister is called once, for a registration that WskRegister accepted", \
      "WskDeregister (wsk.h)")                                                                               \
    X(WSK_DEREGISTER_WITH_CAPTURE,                                                                           \
      "WskDeregister is called after every capture was released (it waits for them: with one thread it never returns)", \
      "WskDeregister (wsk.h)")                                                                               \
    X(WSK_CALL_AFTER_RELEASE, "No WSK_PROVIDER_DISPATCH call after the provider NPI was released",         \
      "WskReleaseProviderNPI (wsk.h)")                                                                       \
    X(WSK_CALL_AFTER_DEREGISTER, "No WSK registration call on a registration after WskDeregister",          \
      "WskDeregister (wsk.h)")                                                                               \
    X(WSK_CAPTURE_HANG,                                                                                      \
      "WskCaptureProviderNPI with WSK_INFINITE_WAIT is not used where the WSK subsystem may never become ready", \
      "WskCaptureProviderNPI (wsk.h); Registering a Winsock Kernel Application")                             \
    /* IRPs */                                                                                               \
    X(IRP_LEAK, "Every IRP the client allocates is freed with IoFreeIrp", "IoAllocateIrp (wdm.h)")          \
    X(IRP_MISUSE, "An IRP is freed or reused only when no driver owns it (not while it is pending)",        \
      "IoFreeIrp (wdm.h); IoReuseIrp (wdm.h)")                                                            \
    X(IRP_NO_COMPLETION_ROUTINE,                                                                             \
      "An IRP the client allocated gets an IoCompletion routine, invoked on success, error and cancel, before it goes to a WSK function", \
      "Using IRPs with Winsock Kernel Functions")                                                            \
    X(IRP_NOT_READY,                                                                                         \
      "An IRP goes to a WSK function fresh from IoAllocateIrp (one stack location or more) or reinitialized by IoReuseIrp, never while another call holds it", \
      "Using IRPs with Winsock Kernel Functions; IoReuseIrp (wdm.h)")                                        \
    /* sockets (WSK_PROVIDER_*_DISPATCH) */                                                                  \
    X(WSK_BAD_ARGUMENT,                                                                                      \
      "WSK functions get what their pages require: an IRP where one is required, sockets and address lists the subsystem handed out, reserved flags 0, WSK_BUFs inside locked MDLs", \
      "PFN_WSK_* callback pages (wsk.h); WSK_BUF (wsk.h)")                                                  \
    X(SOCKET_BAD_STATE,                                                                                      \
      "Socket calls follow the socket's life: WskBind before WskConnect, WskListen or WskAccept; a completed connect before WskSend and WskReceive", \
      "PFN_WSK_CONNECT; PFN_WSK_SEND; PFN_WSK_RECEIVE (wsk.h)")                                             \
    X(SOCKET_CLOSED_TWICE, "WskCloseSocket is called once per socket", "PFN_WSK_CLOSE_SOCKET (wsk.h)")       \
    X(SOCKET_USE_AFTER_CLOSE, "After WskCloseSocket the client makes no further calls to the socket's functions", \
      "PFN_WSK_CLOSE_SOCKET (wsk.h)")                                                                        \
    X(SOCKET_NOT_CLOSED,                                                                                     \
      "Every socket is closed before WskDeregister, before the WSK binding can finish detaching, and before unload", \
      "WskDeregister (wsk.h); Unregistering and Unloading the WSK Client")                                  \
    X(ADDRINFO_NOT_FREED,                                                                                    \
      "Every ADDRINFOEXW list WskGetAddressInfo returns is freed with WskFreeAddressInfo before the client lets go of the provider", \
      "PFN_WSK_GET_ADDRESS_INFO; PFN_WSK_FREE_ADDRESS_INFO (wsk.h)")                                        \
    /* kernel synchronization and memory descriptors */                                                     \
    X(WAIT_FOREVER,                                                                                          \
      "A wait ends: what it waits for (event, IRP completion, rundown release, a polled flag) can still happen", \
      "KeWaitForSingleObject (wdm.h); ExWaitForRundownProtectionRelease (wdm.h)")                           \
    X(SYNC_MISUSE,                                                                                           \
      "Events, mutexes, semaphores, spin locks and rundown references are initialized before use and released " \
      "only while held; the spin lock of the ExInterlocked...List routines serves them only",                 \
      "KeInitializeEvent; KeReleaseMutex; ExReleaseFastMutex; ExReleaseRundownProtection; "                   \
      "ExInterlockedInsertTailList (wdm.h)")                                                                  \
    X(MDL_MISUSE,                                                                                            \
      "An MDL is locked once and unlocked once (never one built by MmBuildMdlForNonPagedPool) and unlocked before IoFreeMdl", \
      "MmProbeAndLockPages; MmUnlockPages; IoFreeMdl (wdm.h)")                                                \
    /* threads, work items, DPCs, timers and IRQL */                                                        \
    X(DEADLOCK,                                                                                              \
      "Threads never wait for each other in a cycle: while every thread is blocked, something left can wake one", \
      "KeWaitForSingleObject (wdm.h); Waiting for Dispatcher Objects")                                      \
    X(THREAD_RUNNING_AT_UNLOAD,                                                                              \
      "Every system thread the driver started has ended when DriverUnload returns: unload makes it stop and waits on its thread object", \
      "PsCreateSystemThread (wdm.h); Bug Check 0xCE: DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS") \
    X(WORKITEM_PENDING_AT_UNLOAD,                                                                            \
      "No work item of the driver is queued or running when DriverUnload returns (an ExQueueWorkItem item holds nothing; an IoQueueWorkItem item must be able to finish)", \
      "ExQueueWorkItem; IoQueueWorkItem (wdm.h); Bug Check 0xCE")                                            \
    X(DEVICE_NOT_DELETED, "Every device object the driver created with IoCreateDevice is deleted with IoDeleteDevice by the time DriverUnload returns", \
      "IoCreateDevice; IoDeleteDevice (wdm.h); Releasing Device and Controller Objects")                    \
    X(WORKITEM_NOT_FREED, "Every work item IoAllocateWorkItem returned is freed with IoFreeWorkItem by the time DriverUnload returns", \
      "IoAllocateWorkItem; IoFreeWorkItem (wdm.h)")                                                          \
    X(HANDLE_NOT_CLOSED, "The thread handle PsCreateSystemThread returns is closed with ZwClose once the driver no longer needs it, and by unload at the latest", \
      "PsCreateSystemThread (wdm.h); ZwClose (wdm.h)")                                                       \
    X(OBJECT_REFERENCE_LEAK,                                                                                 \
      "Every object reference taken with ObReferenceObjectByHandle or ObReferenceObject is given back with ObDereferenceObject by the time DriverUnload returns", \
      "ObReferenceObjectByHandle (wdm.h); ObDereferenceObject (wdm.h)")                                      \
    X(TIMER_SET_AT_UNLOAD, "Every timer the driver set is cancelled with KeCancelTimer before DriverUnload returns", \
      "KeSetTimer; KeCancelTimer (wdm.h); Bug Check 0xC7: TIMER_OR_DPC_INVALID")                             \
    X(DPC_QUEUED_AT_UNLOAD,                                                                                  \
      "No DPC of the driver is queued when DriverUnload returns (KeRemoveQueueDpc, KeFlushQueuedDpcs)",     \
      "KeInsertQueueDpc; KeFlushQueuedDpcs (wdm.h); Bug Check 0xC7: TIMER_OR_DPC_INVALID")                  \
    X(IRQL_TOO_HIGH, "A routine is called at or below the maximum IRQL its page documents",                  \
      "the routine's page (_IRQL_requires_max_); Bug Check 0xA: IRQL_NOT_LESS_OR_EQUAL")                     \
    X(WAIT_AT_DISPATCH, "At DISPATCH_LEVEL a thread never waits: a wait there has a zero timeout",           \
      "KeWaitForSingleObject (wdm.h); Bug Check 0xA: IRQL_NOT_LESS_OR_EQUAL")                                \
    X(PAGED_POOL_AT_DISPATCH, "Paged pool is allocated only below DISPATCH_LEVEL",                           \
      "ExAllocatePool2; POOL_TYPE (wdm.h)")                                                                  \
    X(IRQL_NOT_RESTORED,                                                                                     \
      "IRQL is restored: a DPC, work routine or thread returns at the IRQL it was started at; a spin lock is released with the IRQL its acquire returned", \
      "KeAcquireSpinLock; KeReleaseSpinLock; KeLowerIrql (wdm.h)")


typedef enum {
#define WSKFUZZ_VERDICT_ENUM(id, rule, page) V_##id,
    WSKFUZZ_VERDICTS(WSKFUZZ_VERDICT_ENUM)
#undef WSKFUZZ_VERDICT_ENUM
    V_COUNT
} verdict_id;
