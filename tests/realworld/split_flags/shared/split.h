/*
 * split.h - shared by three folders that each compile with their own compile_flags.txt (the nearest
 * one, clang's convention): each file checks it got its folder's definitions and no other's.
 */
#pragma once
#include <ntddk.h>
#include <wsk.h>

typedef struct _SPLIT_STATE {
    ULONG Queries;
    PVOID Buffer;
} SPLIT_STATE, *PSPLIT_STATE;

NTSTATUS SplitQuery(_In_ PWSK_PROVIDER_NPI Provider, _Inout_ PSPLIT_STATE State);
NTSTATUS SplitAllocate(_Inout_ PSPLIT_STATE State);
VOID SplitFree(_Inout_ PSPLIT_STATE State);
