/*
 * nt_local.h - the NT declarations this project carries itself, as drivers that also build
 * outside the WDK do: guarded by the WDK's own guards where the WDK may have them already,
 * repeated where a repeat is allowed (an identical typedef, an identical macro).
 */
#pragma once
#include <fltKernel.h>
#include <minwindef.h>
#include <winapifamily.h>
#include <winerror.h>
#include <bcrypt.h>
#define SECURITY_KERNEL
#include <sspi.h>

#ifndef _NTDEF_
typedef long NTSTATUS;
typedef struct _UNICODE_STRING {
    unsigned short Length;
    unsigned short MaximumLength;
    wchar_t *Buffer;
} UNICODE_STRING;
#endif

/* repeats the WDK spells the same way: allowed by C11 */
typedef LONG NTSTATUS;
typedef unsigned __int64 ULONGLONG;
typedef __int64 LONGLONG;
typedef unsigned short USHORT;
typedef unsigned char UCHAR, BOOLEAN;
typedef void *PVOID;
typedef struct _UNICODE_STRING UNICODE_STRING, *PUNICODE_STRING;
typedef struct _LIST_ENTRY LIST_ENTRY, *PLIST_ENTRY;
#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)
#define STATUS_REQUEST_NOT_ACCEPTED ((NTSTATUS)0xC00000D0L)

#if WINAPI_FAMILY_PARTITION(WINAPI_PARTITION_DESKTOP)
#define NTL_HAVE_DESKTOP 1
#endif

/* a wire header as the peer lays it out: 4-byte packing */
#include <pshpack4.h>
typedef struct _NTL_HELLO {
    UCHAR Version;
    ULONGLONG Nonce;
    USHORT Flags;
} NTL_HELLO, *PNTL_HELLO;
#include <poppack.h>
C_ASSERT(sizeof(NTL_HELLO) == 16);

NTSTATUS NtlMakeHello(_Out_ PNTL_HELLO Hello);
NTSTATUS NtlSecurityProbe(VOID);
