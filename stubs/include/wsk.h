/* wsk.h - Winsock Kernel (WSK) client interface, with Windows x64 layouts. */
#ifndef WSKFUZZ_WSK_H
#define WSKFUZZ_WSK_H

#include "wdm.h"
#include "netioddk.h"
#include "ws2def.h"
#include "ws2ipdef.h"

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

/* ---- flags and constants ---- */
#define WSK_FLAG_BASIC_SOCKET 0x00000000
#define WSK_FLAG_LISTEN_SOCKET 0x00000001
#define WSK_FLAG_CONNECTION_SOCKET 0x00000002
#define WSK_FLAG_DATAGRAM_SOCKET 0x00000004
#define WSK_FLAG_STREAM_SOCKET 0x00000008
#define WSK_FLAG_ABORTIVE 0x00000001          /* WskDisconnect */
#define WSK_FLAG_RELEASE_ASAP 0x00000002      /* receive event indications */
#define WSK_FLAG_ENTIRE_MESSAGE 0x00000004
#define WSK_FLAG_AT_DISPATCH_LEVEL 0x00000008
#define WSK_FLAG_NODELAY 0x00000002           /* WskSend */
#define WSK_FLAG_WAITALL 0x00000002           /* WskReceive */
#define WSK_FLAG_DRAIN 0x00000004             /* WskReceive */

#define WSK_EVENT_SEND_BACKLOG 0x00000010
#define WSK_EVENT_RECEIVE 0x00000040
#define WSK_EVENT_DISCONNECT 0x00000080
#define WSK_EVENT_RECEIVE_FROM 0x00000100
#define WSK_EVENT_ACCEPT 0x00000200
#define WSK_EVENT_DISABLE 0x80000000

#define SO_WSK_SECURITY (WSK_SO_BASE + 1)
#define SO_WSK_EVENT_CALLBACK (WSK_SO_BASE + 2)
#define SO_WSK_FILTERING (WSK_SO_BASE + 3)
#define SIO_WSK_SET_REMOTE_ADDRESS _WSAIOW(IOC_WSK, 0x1)
#define SIO_WSK_REGISTER_EXTENSION _WSAIORW(IOC_WSK, 0x2)
#define SIO_WSK_QUERY_IDEAL_SEND_BACKLOG _WSAIOR(IOC_WSK, 0x3)
#define SIO_WSK_QUERY_RECEIVE_BACKLOG _WSAIOR(IOC_WSK, 0x4)
#define SIO_WSK_QUERY_INSPECT_ID _WSAIOR(IOC_WSK, 0x5)
#define SIO_WSK_SET_SENDTO_ADDRESS _WSAIOW(IOC_WSK, 0x6)

/* WskControlClient control codes */
#define WSK_TRANSPORT_LIST_QUERY 2
#define WSK_TRANSPORT_LIST_CHANGE 3
#define WSK_CACHE_SD 4
#define WSK_RELEASE_SD 5
#define WSK_TDI_DEVICENAME_MAPPING 6
#define WSK_SET_STATIC_EVENT_CALLBACKS 7
#define WSK_TDI_BEHAVIOR 8
#define WSK_TDI_BEHAVIOR_BYPASS_TDI 0x00000001

typedef enum { WskInspectReject, WskInspectAccept, WskInspectPend, WskInspectMax } WSK_INSPECT_ACTION,
    *PWSK_INSPECT_ACTION;
typedef enum { WskSetOption, WskGetOption, WskIoctl, WskControlMax } WSK_CONTROL_SOCKET_TYPE,
    *PWSK_CONTROL_SOCKET_TYPE;

/* ---- sockets, buffers, indications ---- */
typedef struct _WSK_SOCKET {
    const VOID *Dispatch; /* a WSK_PROVIDER_{BASIC,LISTEN,CONNECTION,DATAGRAM,STREAM}_DISPATCH */
} WSK_SOCKET, *PWSK_SOCKET;

typedef struct _WSK_BUF {
    PMDL Mdl;
    ULONG Offset;
    SIZE_T Length;
} WSK_BUF, *PWSK_BUF;

typedef struct _WSK_BUF_LIST {
    struct _WSK_BUF_LIST *Next;
    WSK_BUF Buffer;
} WSK_BUF_LIST, *PWSK_BUF_LIST;

typedef struct _WSK_INSPECT_ID {
    ULONG_PTR Key;
    ULONG SerialNumber;
} WSK_INSPECT_ID, *PWSK_INSPECT_ID;

typedef struct _WSK_DATA_INDICATION {
    struct _WSK_DATA_INDICATION *Next;
    WSK_BUF Buffer;
} WSK_DATA_INDICATION, *PWSK_DATA_INDICATION;

typedef struct _WSK_DATAGRAM_INDICATION {
    struct _WSK_DATAGRAM_INDICATION *Next;
    WSK_BUF Buffer;
    PCMSGHDR ControlInfo;
    ULONG ControlInfoLength;
    PSOCKADDR RemoteAddress;
} WSK_DATAGRAM_INDICATION, *PWSK_DATAGRAM_INDICATION;

typedef struct _WSK_EVENT_CALLBACK_CONTROL {
    PNPIID NpiId;
    ULONG EventMask;
} WSK_EVENT_CALLBACK_CONTROL, *PWSK_EVENT_CALLBACK_CONTROL;

typedef struct _WSK_EXTENSION_CONTROL_IN {
    PNPIID NpiId;
    PVOID ClientContext;
    const VOID *ClientDispatch;
} WSK_EXTENSION_CONTROL_IN, *PWSK_EXTENSION_CONTROL_IN;

typedef struct _WSK_EXTENSION_CONTROL_OUT {
    PVOID ProviderContext;
    const VOID *ProviderDispatch;
} WSK_EXTENSION_CONTROL_OUT, *PWSK_EXTENSION_CONTROL_OUT;

typedef struct _WSK_TDI_MAP {
    USHORT SocketType;
    ADDRESS_FAMILY AddressFamily;
    ULONG Protocol;
    PCWSTR TdiDeviceName;
} WSK_TDI_MAP, *PWSK_TDI_MAP;

typedef struct _WSK_TDI_MAP_INFO {
    const ULONG ElementCount;
    const WSK_TDI_MAP *Map;
} WSK_TDI_MAP_INFO, *PWSK_TDI_MAP_INFO;

typedef struct _WSK_TRANSPORT {
    USHORT Version;
    USHORT SocketType;
    ULONG Protocol;
    ADDRESS_FAMILY AddressFamily;
    GUID ProviderId;
} WSK_TRANSPORT, *PWSK_TRANSPORT;

/* ---- the client's socket event callbacks (never called by the stub: no events arrive) ---- */
typedef NTSTATUS(WSKAPI *PFN_WSK_RECEIVE_FROM_EVENT)(PVOID SocketContext, ULONG Flags,
                                                    PWSK_DATAGRAM_INDICATION DataIndication);
typedef NTSTATUS(WSKAPI *PFN_WSK_RECEIVE_EVENT)(PVOID SocketContext, ULONG Flags, PWSK_DATA_INDICATION DataIndication,
                                               SIZE_T BytesIndicated, SIZE_T *BytesAccepted);
typedef NTSTATUS(WSKAPI *PFN_WSK_DISCONNECT_EVENT)(PVOID SocketContext, ULONG Flags);
typedef NTSTATUS(WSKAPI *PFN_WSK_SEND_BACKLOG_EVENT)(PVOID SocketContext, SIZE_T IdealBacklogSize);

typedef struct _WSK_CLIENT_CONNECTION_DISPATCH {
    PFN_WSK_RECEIVE_EVENT WskReceiveEvent;
    PFN_WSK_DISCONNECT_EVENT WskDisconnectEvent;
    PFN_WSK_SEND_BACKLOG_EVENT WskSendBacklogEvent;
} WSK_CLIENT_CONNECTION_DISPATCH, *PWSK_CLIENT_CONNECTION_DISPATCH;

typedef NTSTATUS(WSKAPI *PFN_WSK_ACCEPT_EVENT)(PVOID SocketContext, ULONG Flags, PSOCKADDR LocalAddress,
                                              PSOCKADDR RemoteAddress, PWSK_SOCKET AcceptSocket,
                                              PVOID *AcceptSocketContext,
                                              const WSK_CLIENT_CONNECTION_DISPATCH **AcceptSocketDispatch);
typedef WSK_INSPECT_ACTION(WSKAPI *PFN_WSK_INSPECT_EVENT)(PVOID SocketContext, PSOCKADDR LocalAddress,
                                                         PSOCKADDR RemoteAddress, PWSK_INSPECT_ID InspectID);
typedef NTSTATUS(WSKAPI *PFN_WSK_ABORT_EVENT)(PVOID SocketContext, PWSK_INSPECT_ID InspectID);

typedef struct _WSK_CLIENT_LISTEN_DISPATCH {
    PFN_WSK_ACCEPT_EVENT WskAcceptEvent;
    PFN_WSK_INSPECT_EVENT WskInspectEvent;
    PFN_WSK_ABORT_EVENT WskAbortEvent;
} WSK_CLIENT_LISTEN_DISPATCH, *PWSK_CLIENT_LISTEN_DISPATCH;

typedef struct _WSK_CLIENT_DATAGRAM_DISPATCH {
    PFN_WSK_RECEIVE_FROM_EVENT WskReceiveFromEvent;
} WSK_CLIENT_DATAGRAM_DISPATCH, *PWSK_CLIENT_DATAGRAM_DISPATCH;

typedef struct _WSK_CLIENT_STREAM_DISPATCH {
    const WSK_CLIENT_LISTEN_DISPATCH *Listen;
    const WSK_CLIENT_CONNECTION_DISPATCH *Connect;
} WSK_CLIENT_STREAM_DISPATCH, *PWSK_CLIENT_STREAM_DISPATCH;

/* ---- the provider's socket functions ---- */
typedef NTSTATUS(WSKAPI *PFN_WSK_CONTROL_SOCKET)(PWSK_SOCKET Socket, WSK_CONTROL_SOCKET_TYPE RequestType,
                                                ULONG ControlCode, ULONG Level, SIZE_T InputSize, PVOID InputBuffer,
                                                SIZE_T OutputSize, PVOID OutputBuffer, SIZE_T *OutputSizeReturned,
                                                PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_CLOSE_SOCKET)(PWSK_SOCKET Socket, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_BIND)(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, ULONG Flags, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_ACCEPT)(PWSK_SOCKET ListenSocket, ULONG Flags, PVOID AcceptSocketContext,
                                        const WSK_CLIENT_CONNECTION_DISPATCH *AcceptSocketDispatch,
                                        PSOCKADDR LocalAddress, PSOCKADDR RemoteAddress, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_INSPECT_COMPLETE)(PWSK_SOCKET ListenSocket, PWSK_INSPECT_ID InspectID,
                                                  WSK_INSPECT_ACTION Action, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_GET_LOCAL_ADDRESS)(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_GET_REMOTE_ADDRESS)(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_CONNECT)(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, ULONG Flags, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_LISTEN)(PWSK_SOCKET Socket, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_SEND)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_RECEIVE)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_DISCONNECT)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_RELEASE_DATA_INDICATION_LIST)(PWSK_SOCKET Socket,
                                                              PWSK_DATA_INDICATION DataIndication);
typedef NTSTATUS(WSKAPI *PFN_WSK_CONNECT_EX)(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, PWSK_BUF Buffer,
                                            ULONG Flags, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_SEND_EX)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, ULONG ControlInfoLength,
                                         PCMSGHDR ControlInfo, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_RECEIVE_EX)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags,
                                            PULONG ControlInfoLength, PCMSGHDR ControlInfo, PULONG ControlFlags,
                                            PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_SEND_TO)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PSOCKADDR RemoteAddress,
                                         ULONG ControlInfoLength, PCMSGHDR ControlInfo, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_RECEIVE_FROM)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags,
                                              PSOCKADDR RemoteAddress, PULONG ControlLength, PCMSGHDR ControlInfo,
                                              PULONG ControlFlags, PIRP Irp);
typedef NTSTATUS(WSKAPI *PFN_WSK_RELEASE_DATAGRAM_INDICATION_LIST)(PWSK_SOCKET Socket,
                                                                  PWSK_DATAGRAM_INDICATION DatagramIndication);
typedef NTSTATUS(WSKAPI *PFN_WSK_SEND_MESSAGES)(PWSK_SOCKET Socket, PWSK_BUF_LIST BufferList, ULONG Flags,
                                               PSOCKADDR RemoteAddress, ULONG ControlInfoLength,
                                               PCMSGHDR ControlInfo, PIRP Irp);

/* The socket tables start with the basic functions. The WDK's C header embeds an unnamed
 * WSK_PROVIDER_BASIC_DISPATCH (a Microsoft extension), so C drivers write ->WskCloseSocket;
 * the documentation and C++ name it Basic, so others write ->Basic.WskCloseSocket. A union
 * of both gives every spelling the same two pointers, with the WDK's layout. */
typedef struct _WSK_PROVIDER_BASIC_DISPATCH {
    PFN_WSK_CONTROL_SOCKET WskControlSocket;
    PFN_WSK_CLOSE_SOCKET WskCloseSocket;
} WSK_PROVIDER_BASIC_DISPATCH, *PWSK_PROVIDER_BASIC_DISPATCH;
#define WSKFUZZ_BASIC_DISPATCH_MEMBERS                   \
    union {                                              \
        WSK_PROVIDER_BASIC_DISPATCH Basic;               \
        struct {                                         \
            PFN_WSK_CONTROL_SOCKET WskControlSocket;     \
            PFN_WSK_CLOSE_SOCKET WskCloseSocket;         \
        };                                               \
    }

typedef struct _WSK_PROVIDER_LISTEN_DISPATCH {
    WSKFUZZ_BASIC_DISPATCH_MEMBERS;
    PFN_WSK_BIND WskBind;
    PFN_WSK_ACCEPT WskAccept;
    PFN_WSK_INSPECT_COMPLETE WskInspectComplete;
    PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
} WSK_PROVIDER_LISTEN_DISPATCH, *PWSK_PROVIDER_LISTEN_DISPATCH;

typedef struct _WSK_PROVIDER_DATAGRAM_DISPATCH {
    WSKFUZZ_BASIC_DISPATCH_MEMBERS;
    PFN_WSK_BIND WskBind;
    PFN_WSK_SEND_TO WskSendTo;
    PFN_WSK_RECEIVE_FROM WskReceiveFrom;
    PFN_WSK_RELEASE_DATAGRAM_INDICATION_LIST WskRelease;
    PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
#if (NTDDI_VERSION >= NTDDI_WIN8)
    PFN_WSK_SEND_MESSAGES WskSendMessages;
#endif
} WSK_PROVIDER_DATAGRAM_DISPATCH, *PWSK_PROVIDER_DATAGRAM_DISPATCH;

typedef struct _WSK_PROVIDER_CONNECTION_DISPATCH {
    WSKFUZZ_BASIC_DISPATCH_MEMBERS;
    PFN_WSK_BIND WskBind;
    PFN_WSK_CONNECT WskConnect;
    PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
    PFN_WSK_GET_REMOTE_ADDRESS WskGetRemoteAddress;
    PFN_WSK_SEND WskSend;
    PFN_WSK_RECEIVE WskReceive;
    PFN_WSK_DISCONNECT WskDisconnect;
    PFN_WSK_RELEASE_DATA_INDICATION_LIST WskRelease;
#if (NTDDI_VERSION >= NTDDI_WIN10_RS2)
    PFN_WSK_CONNECT_EX WskConnectEx;
    PFN_WSK_SEND_EX WskSendEx;
    PFN_WSK_RECEIVE_EX WskReceiveEx;
#endif
} WSK_PROVIDER_CONNECTION_DISPATCH, *PWSK_PROVIDER_CONNECTION_DISPATCH;

#if (NTDDI_VERSION >= NTDDI_WIN10_RS2)
typedef struct _WSK_PROVIDER_STREAM_DISPATCH {
    WSKFUZZ_BASIC_DISPATCH_MEMBERS;
    PFN_WSK_BIND WskBind;
    PFN_WSK_ACCEPT WskAccept;
    PFN_WSK_CONNECT WskConnect;
    PFN_WSK_LISTEN WskListen;
    PFN_WSK_SEND WskSend;
    PFN_WSK_RECEIVE WskReceive;
    PFN_WSK_DISCONNECT WskDisconnect;
    PFN_WSK_RELEASE_DATA_INDICATION_LIST WskRelease;
    PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
    PFN_WSK_GET_REMOTE_ADDRESS WskGetRemoteAddress;
    PFN_WSK_CONNECT_EX WskConnectEx;
    PFN_WSK_SEND_EX WskSendEx;
    PFN_WSK_RECEIVE_EX WskReceiveEx;
} WSK_PROVIDER_STREAM_DISPATCH, *PWSK_PROVIDER_STREAM_DISPATCH;
#endif

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
#if (NTDDI_VERSION >= NTDDI_WIN7)
    PFN_WSK_GET_ADDRESS_INFO WskGetAddressInfo;
    PFN_WSK_FREE_ADDRESS_INFO WskFreeAddressInfo;
    PFN_WSK_GET_NAME_INFO WskGetNameInfo;
#endif
} WSK_PROVIDER_DISPATCH;
typedef const WSK_PROVIDER_DISPATCH *PWSK_PROVIDER_DISPATCH;

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
#if (NTDDI_VERSION >= NTDDI_WIN7)
_Static_assert(sizeof(WSK_PROVIDER_DISPATCH) == 56, "WSK_PROVIDER_DISPATCH is 56 bytes on Windows x64");
#else
_Static_assert(sizeof(WSK_PROVIDER_DISPATCH) == 32, "WSK_PROVIDER_DISPATCH is 32 bytes before Windows 7");
#endif
_Static_assert(sizeof(WSK_SOCKET) == 8, "WSK_SOCKET is 8 bytes on Windows x64");
_Static_assert(sizeof(WSK_BUF) == 24, "WSK_BUF is 24 bytes on Windows x64");
_Static_assert(sizeof(WSK_DATA_INDICATION) == 32, "WSK_DATA_INDICATION is 32 bytes on Windows x64");
_Static_assert(sizeof(WSK_DATAGRAM_INDICATION) == 56, "WSK_DATAGRAM_INDICATION is 56 bytes on Windows x64");
_Static_assert(sizeof(WSK_EVENT_CALLBACK_CONTROL) == 16, "WSK_EVENT_CALLBACK_CONTROL is 16 bytes on Windows x64");
_Static_assert(sizeof(WSK_PROVIDER_BASIC_DISPATCH) == 16, "WSK_PROVIDER_BASIC_DISPATCH is 16 bytes");
_Static_assert(sizeof(WSK_PROVIDER_LISTEN_DISPATCH) == 48, "WSK_PROVIDER_LISTEN_DISPATCH is 48 bytes");
_Static_assert(offsetof(WSK_PROVIDER_CONNECTION_DISPATCH, WskBind) == 16, "the basic functions come first");
_Static_assert(offsetof(WSK_PROVIDER_CONNECTION_DISPATCH, WskCloseSocket) ==
                   offsetof(WSK_PROVIDER_CONNECTION_DISPATCH, Basic.WskCloseSocket),
               "both spellings name one pointer");
#if (NTDDI_VERSION >= NTDDI_WIN10_RS2)
_Static_assert(sizeof(WSK_PROVIDER_CONNECTION_DISPATCH) == 104, "WSK_PROVIDER_CONNECTION_DISPATCH is 104 bytes");
_Static_assert(sizeof(WSK_PROVIDER_STREAM_DISPATCH) == 120, "WSK_PROVIDER_STREAM_DISPATCH is 120 bytes");
#endif
#if (NTDDI_VERSION >= NTDDI_WIN8)
_Static_assert(sizeof(WSK_PROVIDER_DATAGRAM_DISPATCH) == 64, "WSK_PROVIDER_DATAGRAM_DISPATCH is 64 bytes");
#endif
_Static_assert(sizeof(WSK_PROVIDER_CHARACTERISTICS) == 4, "WSK_PROVIDER_CHARACTERISTICS is 4 bytes");
_Static_assert(sizeof(WSK_CLIENT_NPI) == 16, "WSK_CLIENT_NPI is 16 bytes on Windows x64");
_Static_assert(sizeof(WSK_PROVIDER_NPI) == 16, "WSK_PROVIDER_NPI is 16 bytes on Windows x64");
_Static_assert(sizeof(WSK_REGISTRATION) == 24, "WSK_REGISTRATION is 24 bytes on Windows x64");

#endif
