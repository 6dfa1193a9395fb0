/* sspi.h - the Security Support Provider Interface as kernel drivers see it (ksecdd). Declared;
 * not modelled: each routine says so once and returns SEC_E_UNSUPPORTED_FUNCTION
 * (docs/kernel-routines.md). */
#ifndef WSKFUZZ_SSPI_H
#define WSKFUZZ_SSPI_H
#include "ntdef.h"
#include "winerror.h"

#define SEC_ENTRY
typedef LONG SECURITY_STATUS;
typedef WCHAR SEC_WCHAR;
typedef CHAR SEC_CHAR;
typedef struct _SecHandle {
    ULONG_PTR dwLower;
    ULONG_PTR dwUpper;
} SecHandle, *PSecHandle;
typedef SecHandle CredHandle, *PCredHandle, CtxtHandle, *PCtxtHandle;
typedef LARGE_INTEGER _SECURITY_INTEGER, SECURITY_INTEGER, *PSECURITY_INTEGER;
typedef SECURITY_INTEGER TimeStamp, *PTimeStamp;
#define SecInvalidateHandle(x) ((PSecHandle)(x))->dwLower = ((PSecHandle)(x))->dwUpper = ((ULONG_PTR)((INT_PTR)-1))
#define SecIsValidHandle(x) \
    ((((PSecHandle)(x))->dwLower != ((ULONG_PTR)((INT_PTR)-1))) && (((PSecHandle)(x))->dwUpper != ((ULONG_PTR)((INT_PTR)-1))))

typedef struct _SecBuffer {
    ULONG cbBuffer;
    ULONG BufferType;
    PVOID pvBuffer;
} SecBuffer, *PSecBuffer;
typedef struct _SecBufferDesc {
    ULONG ulVersion;
    ULONG cBuffers;
    PSecBuffer pBuffers;
} SecBufferDesc, *PSecBufferDesc;
#define SECBUFFER_VERSION 0
#define SECBUFFER_EMPTY 0
#define SECBUFFER_DATA 1
#define SECBUFFER_TOKEN 2
#define SECBUFFER_PKG_PARAMS 3
#define SECBUFFER_MISSING 4
#define SECBUFFER_EXTRA 5
#define SECBUFFER_STREAM_TRAILER 6
#define SECBUFFER_STREAM_HEADER 7
#define SECBUFFER_PADDING 9
#define SECBUFFER_STREAM 10
#define SECBUFFER_ALERT 17
#define SECPKG_CRED_INBOUND 0x00000001
#define SECPKG_CRED_OUTBOUND 0x00000002
#define SECPKG_CRED_BOTH 0x00000003
#define SECURITY_NATIVE_DREP 0x00000010
#define SECURITY_NETWORK_DREP 0x00000000
#define ISC_REQ_DELEGATE 0x00000001
#define ISC_REQ_MUTUAL_AUTH 0x00000002
#define ISC_REQ_REPLAY_DETECT 0x00000004
#define ISC_REQ_SEQUENCE_DETECT 0x00000008
#define ISC_REQ_CONFIDENTIALITY 0x00000010
#define ISC_REQ_USE_SESSION_KEY 0x00000020
#define ISC_REQ_ALLOCATE_MEMORY 0x00000100
#define ISC_REQ_STREAM 0x00008000
#define ISC_REQ_MANUAL_CRED_VALIDATION 0x00080000

typedef void SEC_GET_KEY_FN(PVOID Arg, PVOID Principal, ULONG KeyVer, PVOID *Key, SECURITY_STATUS *Status);
typedef SEC_GET_KEY_FN *SEC_GET_KEY_FN_PTR;

SECURITY_STATUS AcquireCredentialsHandleW(PUNICODE_STRING pPrincipal, PUNICODE_STRING pPackage, ULONG fCredentialUse,
                                          PVOID pvLogonId, PVOID pAuthData, SEC_GET_KEY_FN *pGetKeyFn,
                                          PVOID pvGetKeyArgument, PCredHandle phCredential, PTimeStamp ptsExpiry);
SECURITY_STATUS FreeCredentialsHandle(PCredHandle phCredential);
SECURITY_STATUS InitializeSecurityContextW(PCredHandle phCredential, PCtxtHandle phContext, PUNICODE_STRING pTargetName,
                                           ULONG fContextReq, ULONG Reserved1, ULONG TargetDataRep, PSecBufferDesc pInput,
                                           ULONG Reserved2, PCtxtHandle phNewContext, PSecBufferDesc pOutput,
                                           ULONG *pfContextAttr, PTimeStamp ptsExpiry);
SECURITY_STATUS AcceptSecurityContext(PCredHandle phCredential, PCtxtHandle phContext, PSecBufferDesc pInput,
                                      ULONG fContextReq, ULONG TargetDataRep, PCtxtHandle phNewContext,
                                      PSecBufferDesc pOutput, ULONG *pfContextAttr, PTimeStamp ptsExpiry);
SECURITY_STATUS DeleteSecurityContext(PCtxtHandle phContext);
SECURITY_STATUS QueryContextAttributesW(PCtxtHandle phContext, ULONG ulAttribute, PVOID pBuffer);
SECURITY_STATUS EncryptMessage(PCtxtHandle phContext, ULONG fQOP, PSecBufferDesc pMessage, ULONG MessageSeqNo);
SECURITY_STATUS DecryptMessage(PCtxtHandle phContext, PSecBufferDesc pMessage, ULONG MessageSeqNo, ULONG *pfQOP);
SECURITY_STATUS FreeContextBuffer(PVOID pvContextBuffer);
#define AcquireCredentialsHandle AcquireCredentialsHandleW
#define InitializeSecurityContext InitializeSecurityContextW
#define QueryContextAttributes QueryContextAttributesW
#endif
