/*
 * session.h - one datagram socket opened and closed through a captured WSK provider.
 */
#pragma once
#include <ntddk.h>
#include <wsk.h>

NTSTATUS SessionOpenClose(_In_ PWSK_PROVIDER_NPI Provider);
