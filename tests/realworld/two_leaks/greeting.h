/* greeting.h - the greeting the client prepares at load. */
#pragma once

typedef struct _TL_GREETING {
    PVOID Text;     /* 'grtg' */
    PVOID Reply;    /* 'rply' */
} TL_GREETING, *PTL_GREETING;

NTSTATUS TlPrepareGreeting(_Out_ PTL_GREETING Greeting, _In_ PWSK_REGISTRATION Registration);
NTSTATUS TlPrepareReply(_Inout_ PTL_GREETING Greeting);
VOID TlFreeGreeting(_Inout_ PTL_GREETING Greeting);
