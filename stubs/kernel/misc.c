/* misc.c - small kernel services a driver expects: IRQL, spin locks, debug print, strings. */
#include <stdarg.h>

#include "kernel.h"

KIRQL KeGetCurrentIrql(void)
{
    return PASSIVE_LEVEL;
}

void KeInitializeSpinLock(PKSPIN_LOCK lock)
{
    *lock = 0;
}

void KeAcquireSpinLock(PKSPIN_LOCK lock, PKIRQL old)
{
    *lock = 1;
    *old = PASSIVE_LEVEL;
}

void KeReleaseSpinLock(PKSPIN_LOCK lock, KIRQL irql)
{
    (void)irql;
    *lock = 0;
}

/* Debug output goes nowhere: no debugger is attached, and per-input I/O would cost. */
ULONG DbgPrint(PCSTR format, ...)
{
    (void)format;
    return 0;
}

ULONG DbgPrintEx(ULONG component, ULONG level, PCSTR format, ...)
{
    (void)component, (void)level, (void)format;
    return 0;
}

void RtlInitUnicodeString(PUNICODE_STRING dst, PCWSTR src)
{
    size_t n = 0;
    if (src)
        while (src[n])
            n++;
    dst->Buffer = (PWSTR)src;
    dst->Length = (USHORT)(n * sizeof(WCHAR));
    dst->MaximumLength = src ? (USHORT)(dst->Length + sizeof(WCHAR)) : 0;
}
