/* ntdef.h - WDK base types for building Windows driver code on Linux (x86-64).
 *
 * Every integer type has its Windows x64 (LLP64) width: LONG and ULONG are 32-bit,
 * so structures built from them keep their Windows sizes and offsets. */
#ifndef WSKFUZZ_NTDEF_H
#define WSKFUZZ_NTDEF_H
/* The WDK's own guard: drivers that carry NT declarations of their own skip them with
 * `#ifndef _NTDEF_`, as they would against the WDK. */
#ifndef _NTDEF_
#define _NTDEF_
#endif

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef _WIN64
#define _WIN64 1
#endif
#ifndef _AMD64_
#define _AMD64_ 1
#endif

/* ---- calling conventions and storage classes: meaningless on one Linux ABI ---- */
#define NTAPI
#define WINAPI
#define NTSYSAPI
#define NTKERNELAPI
#define NTHALAPI
#define FASTCALL
#define __stdcall
#define __cdecl
#define __fastcall
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT
#define DECLSPEC_NOINLINE __attribute__((noinline))
#define DECLSPEC_ALIGN(x) __attribute__((aligned(x)))
#define DECLSPEC_CACHEALIGN __attribute__((aligned(64)))
#define DECLSPEC_NORETURN __attribute__((noreturn))
#define FORCEINLINE static inline
#define EXTERN_C extern
#ifndef __forceinline
#define __forceinline inline __attribute__((always_inline))
#endif
#ifndef __inline
#define __inline inline
#endif
#define __declspec(x)
#define __unaligned

#define IN
#define OUT
#define OPTIONAL
#define CONST const
#define VOID void
#define UNALIGNED

/* ---- SAL and driver annotations: documentation only ---- */
#include "wskfuzz_sal.h"

#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define C_ASSERT(e) _Static_assert((e), #e)
#define PAGED_CODE() ((void)0)
#define PAGED_CODE_LOCKED() ((void)0)
#define ARGUMENT_PRESENT(p) ((p) != NULL)

/* ---- base types (Windows x64 widths) ---- */
typedef void *PVOID, *LPVOID;
typedef const void *PCVOID, *LPCVOID;
typedef void *HANDLE, **PHANDLE;
typedef char CHAR, *PCHAR, *PSTR, *LPSTR;
typedef const char *PCSTR, *LPCSTR, *PCSZ;
typedef unsigned char UCHAR, *PUCHAR, BYTE, *PBYTE, BOOLEAN, *PBOOLEAN;
typedef int16_t SHORT, *PSHORT, CSHORT;
typedef uint16_t USHORT, *PUSHORT, WORD, *PWORD;
typedef uint16_t WCHAR, *PWCHAR, *PWSTR, *LPWSTR;
typedef const uint16_t *PCWSTR, *LPCWSTR;
typedef int32_t INT, *PINT, LONG, *PLONG, LONG32, INT32;
typedef uint32_t UINT, *PUINT, ULONG, *PULONG, DWORD, *PDWORD, ULONG32, UINT32, BOOL;
/* The 64-bit types are MSVC's __int64, long long, so that a driver's own
 * `typedef unsigned __int64 ULONGLONG;` names the same type as ours (C11 allows the repeat). */
typedef long long LONGLONG, *PLONGLONG, LONG64, *PLONG64, INT64;
typedef unsigned long long ULONGLONG, *PULONGLONG, ULONG64, *PULONG64, DWORD64, UINT64, DWORDLONG;
typedef intptr_t LONG_PTR, *PLONG_PTR, INT_PTR, SSIZE_T;
typedef uintptr_t ULONG_PTR, *PULONG_PTR, UINT_PTR, DWORD_PTR;
typedef size_t SIZE_T, *PSIZE_T;
typedef ULONG_PTR KAFFINITY;
typedef UCHAR KIRQL, *PKIRQL;
typedef char CCHAR;
typedef LONG NTSTATUS, *PNTSTATUS;
typedef ULONG LOGICAL, *PLOGICAL;
typedef ULONG ACCESS_MASK;
typedef LONG KPRIORITY;

#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef TRUE
#define TRUE 1
#define FALSE 0
#endif

typedef union _LARGE_INTEGER {
    struct {
        ULONG LowPart;
        LONG HighPart;
    };
    struct {
        ULONG LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    struct {
        ULONG LowPart;
        ULONG HighPart;
    };
    struct {
        ULONG LowPart;
        ULONG HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _GUID {
    ULONG Data1;
    USHORT Data2;
    USHORT Data3;
    UCHAR Data4[8];
} GUID, *PGUID, *LPGUID;
typedef const GUID *PCGUID, *LPCGUID;
#define REFGUID const GUID *
#define IsEqualGUID(a, b) (memcmp((a), (b), sizeof(GUID)) == 0)
#define InlineIsEqualGUID IsEqualGUID

typedef struct _LUID {
    ULONG LowPart;
    LONG HighPart;
} LUID, *PLUID;

typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
    struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

typedef struct _UNICODE_STRING {
    USHORT Length;
    USHORT MaximumLength;
    PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef struct _STRING {
    USHORT Length;
    USHORT MaximumLength;
    PCHAR Buffer;
} STRING, ANSI_STRING, *PSTRING, *PANSI_STRING;

#define FIELD_OFFSET(type, field) ((LONG)offsetof(type, field))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#define RTL_NUMBER_OF(a) (sizeof(a) / sizeof((a)[0]))
#define ARRAYSIZE(a) RTL_NUMBER_OF(a)
#define CONTAINING_RECORD(address, type, field) \
    ((type *)((PCHAR)(address) - (ULONG_PTR)offsetof(type, field)))
#define ALIGN_UP_BY(length, alignment) \
    (((ULONG_PTR)(length) + (alignment) - 1) & ~((ULONG_PTR)(alignment) - 1))
#define RtlZeroMemory(d, n) memset((d), 0, (n))
#define RtlFillMemory(d, n, f) memset((d), (f), (n))
#define RtlCopyMemory(d, s, n) memcpy((d), (s), (n))
#define RtlMoveMemory(d, s, n) memmove((d), (s), (n))
#define RtlEqualMemory(a, b, n) (memcmp((a), (b), (n)) == 0)
#define RtlCompareMemory(a, b, n) wskfuzz_rtl_compare_memory((a), (b), (n))
static inline SIZE_T wskfuzz_rtl_compare_memory(const void *a, const void *b, SIZE_T n)
{
    const UCHAR *x = (const UCHAR *)a, *y = (const UCHAR *)b;
    SIZE_T i = 0;
    while (i < n && x[i] == y[i])
        i++;
    return i;
}
#define RTL_CONSTANT_STRING(s) { sizeof(s) - sizeof((s)[0]), sizeof(s), (PWSTR)(s) }

/* ---- NTSTATUS: signed 32-bit, so NT_SUCCESS(STATUS_NOINTERFACE) is false ---- */
#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status) ((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status) ((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status) ((((ULONG)(Status)) >> 30) == 3)

/* Every status name: one generated list (a file that includes only ntdef.h gets them too). */
#include "ntstatus.h"

#endif /* WSKFUZZ_NTDEF_H */
