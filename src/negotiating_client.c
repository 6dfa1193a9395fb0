/* negotiating_client.c - an NMR-path WSK client written the way a production driver would be.
 *
 * - Attach: validates the WSK subsystem's registration instance, negotiates a WSK version
 *   (1.1 preferred, 1.0 accepted) inside the provider's advertised range, retries
 *   NmrClientAttachProvider with the alternate WSK_CLIENT_DISPATCH on STATUS_NOINTERFACE, and
 *   returns the last status when it gives up, having freed its binding context.
 * - One binding context per attachment, so several WSK providers can be bound at once.
 * - Once attached it asks to be told of transport-list changes (WskControlClient with an IRP it
 *   owns), then reads the transport list (a synchronous WskControlClient). Provider calls in
 *   flight are counted; ClientDetachProvider returns STATUS_PENDING while any is outstanding,
 *   and the end of the last one calls NmrClientDetachProviderComplete.
 * - Unload deregisters from the NMR and waits for the deregistration to finish. */
#include <ntddk.h>
#include <wsk.h>
#include <netioddk.h>

#define NEG_POOL_TAG 'gNkW' /* shows as "WkNg" in pool dumps */
#define NEG_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NEG_MAX_TRANSPORTS 8

/* Versions this client can work with, most preferred first. Each needs its own client
 * dispatch, and they stay resident for as long as a binding may use them. */
static const WSK_CLIENT_DISPATCH NegDispatch[] = {
    {MAKE_WSK_VERSION(1, 1), 0, NULL},
    {MAKE_WSK_VERSION(1, 0), 0, NULL},
};

/* One per attachment to a WSK provider. */
typedef struct NEG_BINDING {
    HANDLE NmrBindingHandle;
    PWSK_CLIENT WskClient;
    const WSK_PROVIDER_DISPATCH *WskDispatch;
    USHORT Version;             /* the version the provider dispatch reports for this binding */
    KSPIN_LOCK Lock;            /* guards the two fields below */
    LONG CallsInFlight;         /* provider calls started and not yet ended */
    BOOLEAN DetachPending;      /* ClientDetachProvider returned STATUS_PENDING */
    NTSTATUS LastChangeStatus;  /* how the transport-list change notification ended */
    ULONG TransportCount;       /* entries of Transports filled by the last query */
    WSK_TRANSPORT Transports[NEG_MAX_TRANSPORTS];
} NEG_BINDING, *PNEG_BINDING;

NPI_CLIENT_ATTACH_PROVIDER_FN NegAttachProvider;
NPI_CLIENT_DETACH_PROVIDER_FN NegDetachProvider;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN NegCleanupBindingContext;
IO_COMPLETION_ROUTINE NegChangeNotifyComplete;
DRIVER_UNLOAD NegUnload;
DRIVER_INITIALIZE DriverEntry;

static const NPI_MODULEID NegModuleId = {
    sizeof(NPI_MODULEID),
    MIT_GUID,
    {{0x8a41c2e7, 0x63d0, 0x4f15, {0xb2, 0x9e, 0x0c, 0x57, 0xd4, 0x1a, 0x86, 0x3b}}},
};

static const NPI_CLIENT_CHARACTERISTICS NegClientCharacteristics = {
    0,
    sizeof(NPI_CLIENT_CHARACTERISTICS),
    NegAttachProvider,
    NegDetachProvider,
    NegCleanupBindingContext,
    {0, sizeof(NPI_REGISTRATION_INSTANCE), &NPI_WSK_INTERFACE_ID, &NegModuleId, 0, NULL},
};

static HANDLE NegNmrClientHandle;

/* The first of our versions, from index From on, that the provider says it supports (the
 * count of versions when none is). */
static ULONG NegNextSupportedVersion(const WSK_PROVIDER_CHARACTERISTICS *Provider, ULONG From)
{
    ULONG i;
    for (i = From; i < NEG_COUNT(NegDispatch); i++) {
        USHORT v = NegDispatch[i].Version;
        if (Provider->LowestVersion <= v && v <= Provider->HighestVersion)
            break;
    }
    return i;
}

/* Provider calls start only inside ClientAttachProvider, after NmrClientAttachProvider
 * succeeded and before the NMR can detach the binding; each start is counted here. */
static void NegCallStart(PNEG_BINDING Binding)
{
    KIRQL OldIrql;

    KeAcquireSpinLock(&Binding->Lock, &OldIrql);
    Binding->CallsInFlight++;
    KeReleaseSpinLock(&Binding->Lock, OldIrql);
}

/* A provider call has ended. The last one after a pended detach finishes the detach; the
 * binding may be cleaned up (freed) inside NmrClientDetachProviderComplete, so nothing of it
 * is touched after that call. */
static void NegCallDone(PNEG_BINDING Binding)
{
    KIRQL OldIrql;
    BOOLEAN FinishDetach;
    HANDLE BindingHandle = Binding->NmrBindingHandle;

    KeAcquireSpinLock(&Binding->Lock, &OldIrql);
    Binding->CallsInFlight--;
    FinishDetach = Binding->CallsInFlight == 0 && Binding->DetachPending;
    KeReleaseSpinLock(&Binding->Lock, OldIrql);

    if (FinishDetach)
        NmrClientDetachProviderComplete(BindingHandle);
}

/* The IRP is ours (IoAllocateIrp): free it here and keep the I/O manager's hands off it. */
NTSTATUS NegChangeNotifyComplete(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    PNEG_BINDING Binding = (PNEG_BINDING)Context;

    UNREFERENCED_PARAMETER(DeviceObject);
    Binding->LastChangeStatus = Irp->IoStatus.Status;
    IoFreeIrp(Irp);
    NegCallDone(Binding);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Ask to be told when the transport list changes. The subsystem holds the IRP until then (or
 * completes it when the binding goes away); its completion routine runs in every case, so the
 * call counts as in flight until then, whatever WskControlClient returns. */
static void NegRequestChangeNotification(PNEG_BINDING Binding)
{
    PIRP Irp = IoAllocateIrp(1, FALSE);

    if (Irp == NULL)
        return; /* attached all the same: only the notification is missing */
    IoSetCompletionRoutine(Irp, NegChangeNotifyComplete, Binding, TRUE, TRUE, TRUE);
    NegCallStart(Binding);
    (void)Binding->WskDispatch->WskControlClient(Binding->WskClient, WSK_TRANSPORT_LIST_CHANGE, 0, NULL, 0, NULL,
                                                 NULL, Irp);
}

/* Read the transport list (no IRP: the call returns its result). Done after asking for change
 * notifications, so a change between the two is never missed. */
static void NegQueryTransports(PNEG_BINDING Binding)
{
    SIZE_T Bytes = 0;
    NTSTATUS Status;

    NegCallStart(Binding);
    Status = Binding->WskDispatch->WskControlClient(Binding->WskClient, WSK_TRANSPORT_LIST_QUERY, 0, NULL,
                                                    sizeof(Binding->Transports), Binding->Transports, &Bytes, NULL);
    Binding->TransportCount = Status == STATUS_SUCCESS ? (ULONG)(Bytes / sizeof(WSK_TRANSPORT)) : 0;
    NegCallDone(Binding);
}

NTSTATUS NegAttachProvider(HANDLE NmrBindingHandle, PVOID ClientContext,
                           PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance)
{
    const WSK_PROVIDER_CHARACTERISTICS *Provider;
    PNEG_BINDING Binding;
    PWSK_CLIENT WskClient;
    const WSK_PROVIDER_DISPATCH *WskDispatch;
    NTSTATUS Status;
    ULONG i;

    UNREFERENCED_PARAMETER(ClientContext);

    /* The WSK subsystem describes its versions in WSK_PROVIDER_CHARACTERISTICS; without them
     * (or with a registration instance older than the one we know) there is nothing to
     * negotiate with. */
    Provider = (const WSK_PROVIDER_CHARACTERISTICS *)ProviderRegistrationInstance->NpiSpecificCharacteristics;
    if (ProviderRegistrationInstance->Size < sizeof(NPI_REGISTRATION_INSTANCE) || Provider == NULL)
        return STATUS_NOINTERFACE;
    i = NegNextSupportedVersion(Provider, 0);
    if (i == NEG_COUNT(NegDispatch))
        return STATUS_NOINTERFACE;

    Binding = (PNEG_BINDING)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(NEG_BINDING), NEG_POOL_TAG);
    if (Binding == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeInitializeSpinLock(&Binding->Lock);

    /* Each attempt uses the next version both sides support; only STATUS_NOINTERFACE (that
     * version refused) is worth another attempt. */
    do {
        Status = NmrClientAttachProvider(NmrBindingHandle, Binding, &NegDispatch[i], &WskClient, &WskDispatch);
        i = NegNextSupportedVersion(Provider, i + 1);
    } while (Status == STATUS_NOINTERFACE && i < NEG_COUNT(NegDispatch));

    if (Status != STATUS_SUCCESS) {
        ExFreePoolWithTag(Binding, NEG_POOL_TAG);
        return Status; /* the status of the last NmrClientAttachProvider */
    }

    Binding->NmrBindingHandle = NmrBindingHandle;
    Binding->WskClient = WskClient;
    Binding->WskDispatch = WskDispatch;
    Binding->Version = WskDispatch->Version;
    NegRequestChangeNotification(Binding);
    NegQueryTransports(Binding);
    return STATUS_SUCCESS;
}

NTSTATUS NegDetachProvider(PVOID ClientBindingContext)
{
    PNEG_BINDING Binding = (PNEG_BINDING)ClientBindingContext;
    KIRQL OldIrql;
    BOOLEAN Pending;

    KeAcquireSpinLock(&Binding->Lock, &OldIrql);
    Pending = Binding->CallsInFlight != 0;
    Binding->DetachPending = Pending;
    KeReleaseSpinLock(&Binding->Lock, OldIrql);

    return Pending ? STATUS_PENDING : STATUS_SUCCESS;
}

void NegCleanupBindingContext(PVOID ClientBindingContext)
{
    ExFreePoolWithTag(ClientBindingContext, NEG_POOL_TAG);
}

void NegUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    /* Detaches every binding; pended detaches finish as their calls complete. */
    if (NmrDeregisterClient(NegNmrClientHandle) == STATUS_PENDING)
        NmrWaitForClientDeregisterComplete(NegNmrClientHandle);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->DriverUnload = NegUnload;
    Status = NmrRegisterClient(&NegClientCharacteristics, NULL, &NegNmrClientHandle);
    if (Status != STATUS_SUCCESS) {
        /* Not registered. Whatever the code, the load must fail: a "successful" DriverEntry
         * would later be unloaded and deregister a registration that does not exist. */
        return NT_SUCCESS(Status) ? STATUS_UNSUCCESSFUL : Status;
    }
    return STATUS_SUCCESS;
}
