/*
 * echo_config.h - what the project file defines: the build refuses to go on without it, as a
 * driver whose .vcxproj sets the definitions it depends on.
 */
#pragma once
#ifndef RW_PROJECT_BUILD
#error "build through the project (compile_flags.txt): RW_PROJECT_BUILD is not defined"
#endif
#ifndef RW_MAX_ECHOES
#error "RW_MAX_ECHOES comes from the project's definitions"
#endif
#include <ntddk.h>
#include <wsk.h>

#define ECHO_TAG 'ohcE'

typedef struct _ECHO_CONTEXT {
    ULONG Count;
    ULONG Lengths[RW_MAX_ECHOES];
} ECHO_CONTEXT, *PECHO_CONTEXT;

NTSTATUS EchoStart(_In_ PWSK_PROVIDER_NPI Provider, _Outptr_ PECHO_CONTEXT *Context);
VOID EchoStop(_In_ PECHO_CONTEXT Context);
