/*
 * hello.c - a nonce from CNG when it is there, a counter when it is not; a probe of the
 * security package that tolerates its absence (ksecdd is not always loaded yet).
 */
#include "nt_local.h"

static ULONGLONG g_Counter;

NTSTATUS
NtlMakeHello(_Out_ PNTL_HELLO Hello)
{
    NTSTATUS status;

    RtlZeroMemory(Hello, sizeof(*Hello));
    Hello->Version = 1;
    status = BCryptGenRandom(NULL, (PUCHAR)&Hello->Nonce, sizeof(Hello->Nonce), BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    if (!BCRYPT_SUCCESS(status)) {
        Hello->Nonce = ++g_Counter;
        Hello->Flags |= 1;
    }
    return STATUS_SUCCESS;
}

NTSTATUS
NtlSecurityProbe(VOID)
{
    CredHandle credentials;
    TimeStamp expiry;
    UNICODE_STRING package;
    SECURITY_STATUS status;

    RtlInitUnicodeString(&package, L"Negotiate");
    SecInvalidateHandle(&credentials);
    status = AcquireCredentialsHandleW(NULL, &package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &credentials,
                                       &expiry);
    if (status != SEC_E_OK) {
        return STATUS_REQUEST_NOT_ACCEPTED;
    }
    FreeCredentialsHandle(&credentials);
    return STATUS_SUCCESS;
}
