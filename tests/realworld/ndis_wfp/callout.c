/*
 * callout.c - registers a classify function with the filter engine (when the engine is there)
 * and walks NET_BUFFER_LIST chains the documented way: NBL -> NB -> MDL chain, from the current
 * MDL at its offset, for DataLength bytes.
 */
#include "callout.h"

/* {3c5e2a71-8d4f-4b6a-9e0c-7f1d2b3a4c5e} */
static const GUID g_CalloutKey = {0x3c5e2a71, 0x8d4f, 0x4b6a, {0x9e, 0x0c, 0x7f, 0x1d, 0x2b, 0x3a, 0x4c, 0x5e}};
static UINT32 g_CalloutId;
static BOOLEAN g_Registered;
static HANDLE g_Engine;
static ULONG g_BytesSeen;

ULONG
CalloutCountBytes(_In_ PNET_BUFFER_LIST NetBufferLists)
{
    PNET_BUFFER_LIST nbl;
    ULONG total = 0;

    for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        PNET_BUFFER nb;
        for (nb = NET_BUFFER_LIST_FIRST_NB(nbl); nb != NULL; nb = NET_BUFFER_NEXT_NB(nb)) {
            ULONG remaining = NET_BUFFER_DATA_LENGTH(nb);
            ULONG offset = NET_BUFFER_CURRENT_MDL_OFFSET(nb);
            PMDL mdl = NET_BUFFER_CURRENT_MDL(nb);

            while (mdl != NULL && remaining > 0) {
                PUCHAR va = NULL;
                ULONG length = 0;
                ULONG take;

                NdisQueryMdl(mdl, &va, &length, NormalPagePriority | MdlMappingNoExecute);
                if (va == NULL || length <= offset) {
                    break;
                }
                take = min(length - offset, remaining);
                total += take;
                remaining -= take;
                offset = 0;
                NdisGetNextMdl(mdl, &mdl);
            }
        }
    }
    return total;
}

static VOID
CalloutClassify(
    _In_ const FWPS_INCOMING_VALUES0 *InFixedValues,
    _In_ const FWPS_INCOMING_METADATA_VALUES0 *InMetaValues,
    _Inout_opt_ void *LayerData,
    _In_opt_ const void *ClassifyContext,
    _In_ const FWPS_FILTER3 *Filter,
    _In_ UINT64 FlowContext,
    _Inout_ FWPS_CLASSIFY_OUT0 *ClassifyOut
    )
{
    UNREFERENCED_PARAMETER(InFixedValues);
    UNREFERENCED_PARAMETER(InMetaValues);
    UNREFERENCED_PARAMETER(ClassifyContext);
    UNREFERENCED_PARAMETER(Filter);
    UNREFERENCED_PARAMETER(FlowContext);

    if (LayerData != NULL) {
        g_BytesSeen += CalloutCountBytes((PNET_BUFFER_LIST)LayerData);
    }
    if (ClassifyOut->rights & FWPS_RIGHT_ACTION_WRITE) {
        ClassifyOut->actionType = FWP_ACTION_PERMIT;
    }
}

static NTSTATUS
CalloutNotify(_In_ FWPS_CALLOUT_NOTIFY_TYPE NotifyType, _In_ const GUID *FilterKey, _Inout_ FWPS_FILTER3 *Filter)
{
    UNREFERENCED_PARAMETER(NotifyType);
    UNREFERENCED_PARAMETER(FilterKey);
    UNREFERENCED_PARAMETER(Filter);
    return STATUS_SUCCESS;
}

NTSTATUS
CalloutRegister(_In_ PDEVICE_OBJECT DeviceObject)
{
    FWPS_CALLOUT3 callout;
    FWPM_SESSION0 session;
    NTSTATUS status;

    RtlZeroMemory(&session, sizeof(session));
    session.flags = FWPM_SESSION_FLAG_DYNAMIC;
    status = FwpmEngineOpen0(NULL, RPC_C_AUTHN_WINNT, NULL, &session, &g_Engine);
    if (!NT_SUCCESS(status)) {
        g_Engine = NULL;
        return status;
    }
    RtlZeroMemory(&callout, sizeof(callout));
    callout.calloutKey = g_CalloutKey;
    callout.classifyFn = CalloutClassify;
    callout.notifyFn = CalloutNotify;
    status = FwpsCalloutRegister3(DeviceObject, &callout, &g_CalloutId);
    if (!NT_SUCCESS(status)) {
        FwpmEngineClose0(g_Engine);
        g_Engine = NULL;
        return status;
    }
    g_Registered = TRUE;
    return STATUS_SUCCESS;
}

VOID
CalloutUnregister(VOID)
{
    if (g_Registered) {
        FwpsCalloutUnregisterById0(g_CalloutId);
        g_Registered = FALSE;
    }
    if (g_Engine != NULL) {
        FwpmEngineClose0(g_Engine);
        g_Engine = NULL;
    }
}

/* The walk above over a two-buffer chain built by hand: 100 bytes from offset 10 of a
 * 64-byte and a 64-byte block (54 + 46). */
NTSTATUS
CalloutSelfTest(VOID)
{
    NET_BUFFER_LIST nbl;
    NET_BUFFER nb;
    PUCHAR data;
    PMDL first, second;
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;

    data = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, 128, CALLOUT_TAG);
    if (data == NULL) {
        return status;
    }
    first = IoAllocateMdl(data, 64, FALSE, FALSE, NULL);
    second = IoAllocateMdl(data + 64, 64, FALSE, FALSE, NULL);
    if (first != NULL && second != NULL) {
        MmBuildMdlForNonPagedPool(first);
        MmBuildMdlForNonPagedPool(second);
        NDIS_MDL_LINKAGE(first) = second;
        RtlZeroMemory(&nbl, sizeof(nbl));
        RtlZeroMemory(&nb, sizeof(nb));
        NET_BUFFER_LIST_FIRST_NB(&nbl) = &nb;
        NET_BUFFER_FIRST_MDL(&nb) = first;
        NET_BUFFER_CURRENT_MDL(&nb) = first;
        NET_BUFFER_CURRENT_MDL_OFFSET(&nb) = 10;
        NET_BUFFER_DATA_OFFSET(&nb) = 10;
        NET_BUFFER_DATA_LENGTH(&nb) = 100;
        status = CalloutCountBytes(&nbl) == 100 ? STATUS_SUCCESS : STATUS_INTERNAL_ERROR;
    }
    if (second != NULL) {
        IoFreeMdl(second);
    }
    if (first != NULL) {
        IoFreeMdl(first);
    }
    ExFreePoolWithTag(data, CALLOUT_TAG);
    return status;
}
