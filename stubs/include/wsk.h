/* wsk.h - Winsock Kernel (WSK) client interface, with Windows x64 layouts. */
#ifndef WSKFUZZ_WSK_H
#define WSKFUZZ_WSK_H

#include "wdm.h"
#include "netioddk.h"
#include "ws2def.h"

#define WSKAPI NTAPI

extern const NPIID NPI_WSK_INTERFACE_ID;

#define MAKE_WSK_VERSION(Mj, Mn) ((USHORT)((Mj) << 8) | (USHORT)((Mn) & 0xff))
#define WSK_MAJOR_VERSION(V) ((UCHAR)((V) >> 8))
#define WSK_MINOR_VERSION(V) ((UCHAR)(V))
#define WSK_FIRST_VERSION MAKE_WSK_VERSION(1, 0)

#define WSK_NO_WAIT 0
#define WSK_INFINITE_WAIT 0xffffffff

/* The WSK_CLIENT object is opaque to clients. */
typedef PVOID PWSK_CLIENT;
typedef struct _WSK_CLIENT WSK_CLIENT;

typedef NTSTATUS WSKAPI WSK_CLIENT_EVENT(PVOID ClientContext, ULONG EventType, PVOID Information,
                                         SIZE_T InformationLength);
typedef WSK_CLIENT_EVENT *PFN_WSK_CLIENT_EVENT;

typedef struct _WSK_CLIENT_DISPATCH {
    USHORT Version;
    USHORT Reserved;
    PFN_WSK_CLIENT_EVENT WskClientEvent;
} WSK_CLIENT_DISPATCH, *PWSK_CLIENT_DISPATCH;

typedef struct _WSK_PROVIDER_CHARACTERISTICS {
    USHORT HighestVersion;
    USHORT LowestVersion;
} WSK_PROVIDER_CHARACTERISTICS, *PWSK_PROVIDER_CHARACTERISTICS;

/* Socket-level dispatch tables the client hands to WskSocket / WskSocketConnect. */
typedef struct _WSK_CLIENT_CONNECTION_DISPATCH {
    PVOID WskReceiveEvent;
    PVOID WskDisconnectEvent;
    PVOID WskSendBacklogEvent;
} WSK_CLIENT_CONNECTION_DISPATCH, *PWSK_CLIENT_CONNECTION_DISPATCH;

/* ---- the provider's client-level dispatch ---- */
typedef NTSTATUS WSKAPI WSK_SOCKET_FN(PWSK_CLIENT Client, ADDRESS_FAMILY AddressFamily, USHORT SocketType,
                                      ULONG Protocol, ULONG Flags, PVOID SocketContext,
                                      const void *Dispatch, PEPROCESS OwningProcess, PETHREAD OwningThread,
                                      PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp);
typedef WSK_SOCKET_FN *PFN_WSK_SOCKET;
typedef NTSTATUS WSKAPI WSK_SOCKET_CONNECT_FN(PWSK_CLIENT Client, USHORT SocketType, ULONG Protocol,
                                              PSOCKADDR LocalAddress, PSOCKADDR RemoteAddress, ULONG Flags,
                                              PVOID SocketContext, const WSK_CLIENT_CONNECTION_DISPATCH *Dispatch,
                                              PEPROCESS OwningProcess, PETHREAD OwningThread,
                                              PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp);
typedef WSK_SOCKET_CONNECT_FN *PFN_WSK_SOCKET_CONNECT;
typedef NTSTATUS WSKAPI WSK_CONTROL_CLIENT_FN(PWSK_CLIENT Client, ULONG ControlCode, SIZE_T InputSize,
                                              PVOID InputBuffer, SIZE_T OutputSize, PVOID OutputBuffer,
                                              SIZE_T *OutputSizeReturned, PIRP Irp);
typedef WSK_CONTROL_CLIENT_FN *PFN_WSK_CONTROL_CLIENT;
typedef NTSTATUS WSKAPI WSK_GET_ADDRESS_INFO_FN(PWSK_CLIENT Client, PUNICODE_STRING NodeName,
                                                PUNICODE_STRING ServiceName, ULONG NameSpace, GUID *Provider,
                                                PADDRINFOEXW Hints, PADDRINFOEXW *Result,
                                                PEPROCESS OwningProcess, PETHREAD OwningThread, PIRP Irp);
typedef WSK_GET_ADDRESS_INFO_FN *PFN_WSK_GET_ADDRESS_INFO;
typedef void WSKAPI WSK_FREE_ADDRESS_INFO_FN(PWSK_CLIENT Client, PADDRINFOEXW AddrInfo);
typedef WSK_FREE_ADDRESS_INFO_FN *PFN_WSK_FREE_ADDRESS_INFO;
typedef NTSTATUS WSKAPI WSK_GET_NAME_INFO_FN(PWSK_CLIENT Client, PSOCKADDR SockAddr, ULONG SockAddrLength,
                                             PUNICODE_STRING NodeName, PUNICODE_STRING ServiceName, ULONG Flags,
                                             PEPROCESS OwningProcess, PETHREAD OwningThread, PIRP Irp);
typedef WSK_GET_NAME_INFO_FN *PFN_WSK_GET_NAME_INFO;

typedef struct _WSK_PROVIDER_DISPATCH {
    USHORT Version;
    USHORT Reserved;
    PFN_WSK_SOCKET WskSocket;
    PFN_WSK_SOCKET_CONNECT WskSocketConnect;
    PFN_WSK_CONTROL_CLIENT WskControlClient;
    PFN_WSK_GET_ADDRESS_INFO WskGetAddressInfo;
    PFN_WSK_FREE_ADDRESS_INFO WskFreeAddressInfo;
    PFN_WSK_GET_NAME_INFO WskGetNameInfo;
} WSK_PROVIDER_DISPATCH;
typedef const WSK_PROVIDER_DISPATCH *PWSK_PROVIDER_DISPATCH;

/* WskControlClient control codes */
#define WSK_TRANSPORT_LIST_QUERY 2
#define WSK_TRANSPORT_LIST_CHANGE 3
#define WSK_CACHE_SD 4
#define WSK_RELEASE_SD 5
#define WSK_TDI_DEVICENAME_MAPPING 6
#define WSK_SET_STATIC_EVENT_CALLBACKS 7
#define WSK_TDI_BEHAVIOR 8

typedef struct _WSK_TRANSPORT {
    USHORT Version;
    USHORT SocketType;
    ULONG Protocol;
    ADDRESS_FAMILY AddressFamily;
    GUID ProviderId;
} WSK_TRANSPORT, *PWSK_TRANSPORT;

/* ---- the WskRegister library ---- */
typedef struct _WSK_CLIENT_NPI {
    PVOID ClientContext;
    const WSK_CLIENT_DISPATCH *Dispatch;
} WSK_CLIENT_NPI, *PWSK_CLIENT_NPI;

typedef struct _WSK_PROVIDER_NPI {
    PWSK_CLIENT Client;
    const WSK_PROVIDER_DISPATCH *Dispatch;
} WSK_PROVIDER_NPI, *PWSK_PROVIDER_NPI;

typedef struct _WSK_REGISTRATION {
    ULONGLONG ReservedRegistrationState;
    PVOID ReservedRegistrationContext;
    KSPIN_LOCK ReservedRegistrationLock;
} WSK_REGISTRATION, *PWSK_REGISTRATION;

NTSTATUS WSKAPI WskRegister(PWSK_CLIENT_NPI WskClientNpi, PWSK_REGISTRATION WskRegistration);
NTSTATUS WSKAPI WskCaptureProviderNPI(PWSK_REGISTRATION WskRegistration, ULONG WaitTimeout,
                                      PWSK_PROVIDER_NPI WskProviderNpi);
void WSKAPI WskReleaseProviderNPI(PWSK_REGISTRATION WskRegistration);
NTSTATUS WSKAPI WskQueryProviderCharacteristics(PWSK_REGISTRATION WskRegistration,
                                                PWSK_PROVIDER_CHARACTERISTICS WskProviderCharacteristics);
void WSKAPI WskDeregister(PWSK_REGISTRATION WskRegistration);

#define WskRegister(...) WSKFUZZ_AT(WskRegister(__VA_ARGS__))
#define WskCaptureProviderNPI(...) WSKFUZZ_AT(WskCaptureProviderNPI(__VA_ARGS__))
#define WskReleaseProviderNPI(...) WSKFUZZ_AT(WskReleaseProviderNPI(__VA_ARGS__))
#define WskQueryProviderCharacteristics(...) WSKFUZZ_AT(WskQueryProviderCharacteristics(__VA_ARGS__))
#define WskDeregister(...) WSKFUZZ_AT(WskDeregister(__VA_ARGS__))

_Static_assert(sizeof(WSK_CLIENT_DISPATCH) == 16, "WSK_CLIENT_DISPATCH is 16 bytes on Windows x64");
_Static_assert(sizeof(WSK_PROVIDER_DISPATCH) == 56, "WSK_PROVIDER_DISPATCH is 56 bytes on Windows x64");
_Static_assert(sizeof(WSK_PROVIDER_CHARACTERISTICS) == 4, "WSK_PROVIDER_CHARACTERISTICS is 4 bytes");
_Static_assert(sizeof(WSK_CLIENT_NPI) == 16, "WSK_CLIENT_NPI is 16 bytes on Windows x64");
_Static_assert(sizeof(WSK_PROVIDER_NPI) == 16, "WSK_PROVIDER_NPI is 16 bytes on Windows x64");
_Static_assert(sizeof(WSK_REGISTRATION) == 24, "WSK_REGISTRATION is 24 bytes on Windows x64");

#endif
