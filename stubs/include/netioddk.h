/* netioddk.h - the Network Module Registrar (NMR) interface, with Windows x64 layouts. */
#ifndef WSKFUZZ_NETIODDK_H
#define WSKFUZZ_NETIODDK_H

#include "wdm.h"
#include "netiodef.h"

typedef struct _NPI_REGISTRATION_INSTANCE {
    USHORT Version;
    USHORT Size;
    PNPIID NpiId;
    PNPI_MODULEID ModuleId;
    ULONG Number;
    const void *NpiSpecificCharacteristics;
} NPI_REGISTRATION_INSTANCE;
typedef const NPI_REGISTRATION_INSTANCE *PNPI_REGISTRATION_INSTANCE;

typedef struct _NPI {
    HANDLE Handle;
    const void *Dispatch;
} NPI, *PNPI;

/* Client callbacks: function types (so `NPI_CLIENT_ATTACH_PROVIDER_FN Foo;` declares Foo)
 * and their pointer types. */
typedef NTSTATUS NTAPI NPI_CLIENT_ATTACH_PROVIDER_FN(HANDLE NmrBindingHandle, PVOID ClientContext,
                                                     PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance);
typedef NPI_CLIENT_ATTACH_PROVIDER_FN *PNPI_CLIENT_ATTACH_PROVIDER_FN;
typedef NTSTATUS NTAPI NPI_CLIENT_DETACH_PROVIDER_FN(PVOID ClientBindingContext);
typedef NPI_CLIENT_DETACH_PROVIDER_FN *PNPI_CLIENT_DETACH_PROVIDER_FN;
typedef void NTAPI NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN(PVOID ClientBindingContext);
typedef NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN *PNPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN;

typedef struct _NPI_CLIENT_CHARACTERISTICS {
    USHORT Version;
    USHORT Length;
    PNPI_CLIENT_ATTACH_PROVIDER_FN ClientAttachProvider;
    PNPI_CLIENT_DETACH_PROVIDER_FN ClientDetachProvider;
    PNPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN ClientCleanupBindingContext;
    NPI_REGISTRATION_INSTANCE ClientRegistrationInstance;
} NPI_CLIENT_CHARACTERISTICS;
typedef const NPI_CLIENT_CHARACTERISTICS *PNPI_CLIENT_CHARACTERISTICS;

/* Provider callbacks. */
typedef NTSTATUS NTAPI NPI_PROVIDER_ATTACH_CLIENT_FN(HANDLE NmrBindingHandle, PVOID ProviderContext,
                                                     PNPI_REGISTRATION_INSTANCE ClientRegistrationInstance,
                                                     PVOID ClientBindingContext, const void *ClientDispatch,
                                                     PVOID *ProviderBindingContext, const void **ProviderDispatch);
typedef NPI_PROVIDER_ATTACH_CLIENT_FN *PNPI_PROVIDER_ATTACH_CLIENT_FN;
typedef NTSTATUS NTAPI NPI_PROVIDER_DETACH_CLIENT_FN(PVOID ProviderBindingContext);
typedef NPI_PROVIDER_DETACH_CLIENT_FN *PNPI_PROVIDER_DETACH_CLIENT_FN;
typedef void NTAPI NPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN(PVOID ProviderBindingContext);
typedef NPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN *PNPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN;

typedef struct _NPI_PROVIDER_CHARACTERISTICS {
    USHORT Version;
    USHORT Length;
    PNPI_PROVIDER_ATTACH_CLIENT_FN ProviderAttachClient;
    PNPI_PROVIDER_DETACH_CLIENT_FN ProviderDetachClient;
    PNPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN ProviderCleanupBindingContext;
    NPI_REGISTRATION_INSTANCE ProviderRegistrationInstance;
} NPI_PROVIDER_CHARACTERISTICS;
typedef const NPI_PROVIDER_CHARACTERISTICS *PNPI_PROVIDER_CHARACTERISTICS;

NTSTATUS NmrRegisterClient(PNPI_CLIENT_CHARACTERISTICS ClientCharacteristics, PVOID ClientContext,
                           PHANDLE NmrClientHandle);
NTSTATUS NmrDeregisterClient(HANDLE NmrClientHandle);
NTSTATUS NmrWaitForClientDeregisterComplete(HANDLE NmrClientHandle);
NTSTATUS NmrClientAttachProvider(HANDLE NmrBindingHandle, PVOID ClientBindingContext, const void *ClientDispatch,
                                 PVOID *ProviderBindingContext, const void **ProviderDispatch);
void NmrClientDetachProviderComplete(HANDLE NmrBindingHandle);

NTSTATUS NmrRegisterProvider(PNPI_PROVIDER_CHARACTERISTICS ProviderCharacteristics, PVOID ProviderContext,
                             PHANDLE NmrProviderHandle);
NTSTATUS NmrDeregisterProvider(HANDLE NmrProviderHandle);
NTSTATUS NmrWaitForProviderDeregisterComplete(HANDLE NmrProviderHandle);
void NmrProviderDetachClientComplete(HANDLE NmrBindingHandle);

#define NmrRegisterClient(...) WSKFUZZ_AT(NmrRegisterClient(__VA_ARGS__))
#define NmrDeregisterClient(...) WSKFUZZ_AT(NmrDeregisterClient(__VA_ARGS__))
#define NmrWaitForClientDeregisterComplete(...) WSKFUZZ_AT(NmrWaitForClientDeregisterComplete(__VA_ARGS__))
/* The WDK sample passes &PWSK_CLIENT and &PWSK_PROVIDER_DISPATCH here; MSVC accepts that
 * silently in C, so the out-pointers are cast to keep clang and gcc quiet too. */
#define NmrClientAttachProvider(h, ctx, dispatch, pbc, pdispatch) \
    WSKFUZZ_AT(NmrClientAttachProvider((h), (ctx), (dispatch), (PVOID *)(pbc), (const void **)(pdispatch)))
#define NmrClientDetachProviderComplete(...) WSKFUZZ_AT(NmrClientDetachProviderComplete(__VA_ARGS__))

_Static_assert(sizeof(NPI_REGISTRATION_INSTANCE) == 40, "NPI_REGISTRATION_INSTANCE is 40 bytes on Windows x64");
_Static_assert(offsetof(NPI_REGISTRATION_INSTANCE, NpiSpecificCharacteristics) == 32, "x64 offset");
_Static_assert(sizeof(NPI_CLIENT_CHARACTERISTICS) == 72, "NPI_CLIENT_CHARACTERISTICS is 72 bytes on Windows x64");
_Static_assert(offsetof(NPI_CLIENT_CHARACTERISTICS, ClientRegistrationInstance) == 32, "x64 offset");
_Static_assert(sizeof(NPI_PROVIDER_CHARACTERISTICS) == 72, "NPI_PROVIDER_CHARACTERISTICS is 72 bytes on Windows x64");

#endif
