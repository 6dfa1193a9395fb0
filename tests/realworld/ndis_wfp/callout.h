/*
 * callout.h - a WFP stream callout that counts the bytes of the NET_BUFFER_LISTs it classifies,
 * beside a WSK client: the headers such a driver includes are ndis.h, fwpsk.h and fwpmk.h.
 */
#pragma once
#include <ntddk.h>
#include <wsk.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>

#define CALLOUT_TAG 'tlCW'

NTSTATUS CalloutRegister(_In_ PDEVICE_OBJECT DeviceObject);
VOID CalloutUnregister(VOID);
ULONG CalloutCountBytes(_In_ PNET_BUFFER_LIST NetBufferLists);
NTSTATUS CalloutSelfTest(VOID);
