/*
 * greeting.c - two ways to leak: TlPrepareGreeting forgets its block when the provider cannot be
 * captured, TlPrepareReply forgets its first block when the second allocation fails.
 */
#include <ntddk.h>
#include <wsk.h>

#include "greeting.h"

#define TL_TEXT_TAG  'gtrg'
#define TL_REPLY_TAG 'ylpr'

NTSTATUS
TlPrepareGreeting(
    _Out_ PTL_GREETING Greeting,
    _In_ PWSK_REGISTRATION Registration
    )
{
    WSK_PROVIDER_NPI provider;
    PVOID text;
    NTSTATUS status;

    Greeting->Text = NULL;
    Greeting->Reply = NULL;
    text = ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, TL_TEXT_TAG);
    if (text == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    status = WskCaptureProviderNPI(Registration, 100, &provider);
    if (!NT_SUCCESS(status)) {
        return status;  /* BUG: text leaks */
    }
    WskReleaseProviderNPI(Registration);
    Greeting->Text = text;
    return STATUS_SUCCESS;
}

NTSTATUS
TlPrepareReply(
    _Inout_ PTL_GREETING Greeting
    )
{
    PVOID header;
    PVOID body;

    header = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, TL_REPLY_TAG);
    if (header == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    body = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TL_REPLY_TAG);
    if (body == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;  /* BUG: header leaks */
    }
    ExFreePoolWithTag(body, TL_REPLY_TAG);
    Greeting->Reply = header;
    return STATUS_SUCCESS;
}

VOID
TlFreeGreeting(
    _Inout_ PTL_GREETING Greeting
    )
{
    if (Greeting->Text != NULL) {
        ExFreePoolWithTag(Greeting->Text, TL_TEXT_TAG);
        Greeting->Text = NULL;
    }
    if (Greeting->Reply != NULL) {
        ExFreePoolWithTag(Greeting->Reply, TL_REPLY_TAG);
        Greeting->Reply = NULL;
    }
}
