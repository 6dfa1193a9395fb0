/*
 * echo.c - the driver's logic, in the project's own source folder: a context from the NX pool
 * (NonPagedPool means NonPagedPoolNx once ExInitializeDriverRuntime opted in) and a provider query
 * per configured echo.
 */
#include "echo_config.h"

NTSTATUS
EchoStart(_In_ PWSK_PROVIDER_NPI Provider, _Outptr_ PECHO_CONTEXT *Context)
{
    PECHO_CONTEXT context;
    ULONG i;

    *Context = NULL;
    context = (PECHO_CONTEXT)ExAllocatePoolZero(NonPagedPool, sizeof(*context), ECHO_TAG);
    if (context == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    for (i = 0; i < RW_MAX_ECHOES; i++) {
        WSK_TRANSPORT transport;
        SIZE_T bytes = 0;
        NTSTATUS status = Provider->Dispatch->WskControlClient(Provider->Client, WSK_TRANSPORT_LIST_QUERY, 0, NULL,
                                                               sizeof(transport), &transport, &bytes, NULL);
        if (!NT_SUCCESS(status)) {
            break;
        }
        context->Lengths[context->Count++] = (ULONG)bytes;
    }
    *Context = context;
    return STATUS_SUCCESS;
}

VOID
EchoStop(_In_ PECHO_CONTEXT Context)
{
    ExFreePoolWithTag(Context, ECHO_TAG);
}
