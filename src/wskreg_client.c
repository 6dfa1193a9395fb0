/* wskreg_client.c - a WSK client on the WskRegister path, the one most drivers use.
 *
 * DriverEntry registers (WSK 1.1 preferred), captures the provider NPI without blocking and,
 * while the subsystem is not ready, retries a bounded number of short timed captures before it
 * fails the load. A capture refused with STATUS_NOINTERFACE makes it ask the subsystem which
 * versions it supports and register again with one of ours in that range, or give up. While
 * captured it reads the transport list. The capture is held until unload, which releases it
 * and deregisters. Every failure path of DriverEntry deregisters what it registered. */
#include <ntddk.h>
#include <wsk.h>

#define WR_POOL_TAG 'rRkW' /* shows as "WkRr" in pool dumps */
#define WR_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define WR_CAPTURE_RETRIES 3      /* timed captures after a WSK_NO_WAIT one found no provider */
#define WR_CAPTURE_WAIT_MS 250    /* each: short, since DriverEntry must not block for long */
#define WR_MAX_TRANSPORTS 8

/* Versions this client can work with, most preferred first. */
static const WSK_CLIENT_DISPATCH WrDispatch[] = {
    {MAKE_WSK_VERSION(1, 1), 0, NULL},
    {MAKE_WSK_VERSION(1, 0), 0, NULL},
};

/* Registration state: WSK reads the NPI and the block for as long as we are registered. */
static WSK_CLIENT_NPI WrClientNpi;
static WSK_REGISTRATION WrRegistration;
static WSK_PROVIDER_NPI WrProviderNpi;
static ULONG WrTransportCount;

DRIVER_UNLOAD WrUnload;
DRIVER_INITIALIZE DriverEntry;

/* A failed DriverEntry must return a failure code: STATUS_SUCCESS is the only success these
 * calls document, so any other code they return means "not done", even an informational one. */
static NTSTATUS WrLoadFailure(NTSTATUS Status)
{
    return NT_SUCCESS(Status) ? STATUS_UNSUCCESSFUL : Status;
}

/* WSK_NO_WAIT first; while the subsystem is not ready, a few short waits for it. */
static NTSTATUS WrCapture(void)
{
    NTSTATUS Status = WskCaptureProviderNPI(&WrRegistration, WSK_NO_WAIT, &WrProviderNpi);
    ULONG Retries;

    for (Retries = 0; Status == STATUS_DEVICE_NOT_READY && Retries < WR_CAPTURE_RETRIES; Retries++)
        Status = WskCaptureProviderNPI(&WrRegistration, WR_CAPTURE_WAIT_MS, &WrProviderNpi);
    return Status;
}

/* After STATUS_NOINTERFACE: the first of our versions after `Tried` that the subsystem says
 * it supports, or WR_COUNT(WrDispatch) when there is none (or it cannot tell). */
static ULONG WrNextVersion(ULONG Tried)
{
    WSK_PROVIDER_CHARACTERISTICS Provider;
    ULONG i;

    if (WskQueryProviderCharacteristics(&WrRegistration, &Provider) != STATUS_SUCCESS)
        return WR_COUNT(WrDispatch);
    for (i = Tried + 1; i < WR_COUNT(WrDispatch); i++) {
        USHORT v = WrDispatch[i].Version;
        if (Provider.LowestVersion <= v && v <= Provider.HighestVersion)
            break;
    }
    return i;
}

/* A provider call while captured: how many transports are there? */
static void WrQueryTransports(void)
{
    PWSK_TRANSPORT Transports;
    SIZE_T Bytes = 0;
    NTSTATUS Status;

    Transports = (PWSK_TRANSPORT)ExAllocatePool2(POOL_FLAG_NON_PAGED, WR_MAX_TRANSPORTS * sizeof(WSK_TRANSPORT),
                                                 WR_POOL_TAG);
    if (Transports == NULL)
        return;
    Status = WrProviderNpi.Dispatch->WskControlClient(WrProviderNpi.Client, WSK_TRANSPORT_LIST_QUERY, 0, NULL,
                                                      WR_MAX_TRANSPORTS * sizeof(WSK_TRANSPORT), Transports, &Bytes,
                                                      NULL);
    WrTransportCount = Status == STATUS_SUCCESS ? (ULONG)(Bytes / sizeof(WSK_TRANSPORT)) : 0;
    ExFreePoolWithTag(Transports, WR_POOL_TAG);
}

void WrUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    /* A loaded driver holds its capture; WskDeregister waits for captures, so release first. */
    WskReleaseProviderNPI(&WrRegistration);
    WskDeregister(&WrRegistration);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS Status;
    ULONG Version = 0;

    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->DriverUnload = WrUnload;
    for (;;) {
        WrClientNpi.ClientContext = NULL;
        WrClientNpi.Dispatch = &WrDispatch[Version];
        Status = WskRegister(&WrClientNpi, &WrRegistration);
        if (Status != STATUS_SUCCESS)
            return WrLoadFailure(Status);
        Status = WrCapture();
        if (Status == STATUS_SUCCESS)
            break;
        if (Status != STATUS_NOINTERFACE) {
            WskDeregister(&WrRegistration);
            return WrLoadFailure(Status);
        }
        /* This version is refused: ask before deregistering (the query needs the registration). */
        Version = WrNextVersion(Version);
        WskDeregister(&WrRegistration);
        if (Version == WR_COUNT(WrDispatch))
            return STATUS_NOINTERFACE;
    }
    WrQueryTransports();
    return STATUS_SUCCESS;
}
