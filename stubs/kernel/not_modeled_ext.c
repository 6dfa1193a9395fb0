/* not_modeled_ext.c - routines of the headers real WSK drivers include beside WSK (ndis.h,
 * fwpsk.h, fwpmk.h, fltKernel.h, wdmsec.h, bcrypt.h, sspi.h) that the stub kernel declares but
 * does not model. As in not_modeled.c, each prints "WSKFUZZ NOT MODELED <function>" once
 * and returns the failure its documentation names, so a driver never mistakes it for success:
 *
 *   IoCreateDeviceSecure                      STATUS_INSUFFICIENT_RESOURCES, *DeviceObject = NULL
 *   FltRegisterFilter                         STATUS_NOT_IMPLEMENTED, *RetFilter = NULL
 *   FltStartFiltering                         STATUS_NOT_IMPLEMENTED
 *   FltUnregisterFilter                       (void)
 *   NdisAllocateNetBufferListPool             NULL
 *   NdisAllocateNetBufferAndNetBufferList     NULL
 *   NdisAllocateNetBufferList                 NULL
 *   NdisFreeNetBufferListPool, NdisFreeNetBufferList, NdisAdvanceNetBufferDataStart   (void)
 *   NdisGetDataBuffer                         NULL
 *   NdisRetreatNetBufferDataStart             NDIS_STATUS_RESOURCES
 *   FwpsCalloutRegister0..3, FwpsCalloutUnregisterById0 / ByKey0   STATUS_NOT_IMPLEMENTED
 *   FwpmEngineOpen0 (*engineHandle = NULL) and every other Fwpm*0   STATUS_NOT_IMPLEMENTED
 *   BCrypt* (handles out = NULL)              STATUS_NOT_IMPLEMENTED
 *   AcquireCredentialsHandleW and the other SSPI routines           SEC_E_UNSUPPORTED_FUNCTION
 */
#include <bcrypt.h>
#include <fltKernel.h>
#include <fwpmk.h>
#include <fwpsk.h>
#include <sspi.h>
#include <wdmsec.h>

#include "not_modeled.h"
#define LOUD() wskfuzz_not_modeled(__func__)
#define UNUSED(x) ((void)(x))

NTSTATUS IoCreateDeviceSecure(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize, PUNICODE_STRING DeviceName,
                              ULONG DeviceType, ULONG DeviceCharacteristics, BOOLEAN Exclusive,
                              PCUNICODE_STRING DefaultSDDLString, LPCGUID DeviceClassGuid, PDEVICE_OBJECT *DeviceObject)
{
    LOUD();
    UNUSED(DriverObject), UNUSED(DeviceExtensionSize), UNUSED(DeviceName), UNUSED(DeviceType);
    UNUSED(DeviceCharacteristics), UNUSED(Exclusive), UNUSED(DefaultSDDLString), UNUSED(DeviceClassGuid);
    if (DeviceObject)
        *DeviceObject = NULL;
    return STATUS_INSUFFICIENT_RESOURCES;
}

/* ---- filter manager ---- */
NTSTATUS FltRegisterFilter(PDRIVER_OBJECT Driver, const FLT_REGISTRATION *Registration, PFLT_FILTER *RetFilter)
{
    LOUD();
    UNUSED(Driver), UNUSED(Registration);
    if (RetFilter)
        *RetFilter = NULL;
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FltStartFiltering(PFLT_FILTER Filter) { LOUD(); UNUSED(Filter); return STATUS_NOT_IMPLEMENTED; }
void FltUnregisterFilter(PFLT_FILTER Filter) { LOUD(); UNUSED(Filter); }

/* ---- NDIS ---- */
NDIS_HANDLE NdisAllocateNetBufferListPool(NDIS_HANDLE NdisHandle, PNET_BUFFER_LIST_POOL_PARAMETERS Parameters)
{
    LOUD();
    UNUSED(NdisHandle), UNUSED(Parameters);
    return NULL;
}
void NdisFreeNetBufferListPool(NDIS_HANDLE PoolHandle) { LOUD(); UNUSED(PoolHandle); }
PNET_BUFFER_LIST NdisAllocateNetBufferAndNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize,
                                                       USHORT ContextBackFill, PMDL MdlChain, ULONG DataOffset,
                                                       SIZE_T DataLength)
{
    LOUD();
    UNUSED(PoolHandle), UNUSED(ContextSize), UNUSED(ContextBackFill), UNUSED(MdlChain), UNUSED(DataOffset);
    UNUSED(DataLength);
    return NULL;
}
PNET_BUFFER_LIST NdisAllocateNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize, USHORT ContextBackFill)
{
    LOUD();
    UNUSED(PoolHandle), UNUSED(ContextSize), UNUSED(ContextBackFill);
    return NULL;
}
void NdisFreeNetBufferList(PNET_BUFFER_LIST NetBufferList) { LOUD(); UNUSED(NetBufferList); }
PVOID NdisGetDataBuffer(PNET_BUFFER NetBuffer, ULONG BytesNeeded, PVOID Storage, UINT AlignMultiple, UINT AlignOffset)
{
    LOUD();
    UNUSED(NetBuffer), UNUSED(BytesNeeded), UNUSED(Storage), UNUSED(AlignMultiple), UNUSED(AlignOffset);
    return NULL;
}
NDIS_STATUS NdisRetreatNetBufferDataStart(PNET_BUFFER NetBuffer, ULONG DataOffsetDelta, ULONG DataBackFill,
                                          PVOID AllocateMdlHandler)
{
    LOUD();
    UNUSED(NetBuffer), UNUSED(DataOffsetDelta), UNUSED(DataBackFill), UNUSED(AllocateMdlHandler);
    return NDIS_STATUS_RESOURCES;
}
void NdisAdvanceNetBufferDataStart(PNET_BUFFER NetBuffer, ULONG DataOffsetDelta, BOOLEAN FreeMdl, PVOID FreeMdlHandler)
{
    LOUD();
    UNUSED(NetBuffer), UNUSED(DataOffsetDelta), UNUSED(FreeMdl), UNUSED(FreeMdlHandler);
}

/* ---- WFP callouts and management ---- */
#define FWPS_REGISTER(n)                                                                              \
    NTSTATUS FwpsCalloutRegister##n(void *deviceObject, const FWPS_CALLOUT##n *callout, UINT32 *calloutId) \
    {                                                                                                 \
        LOUD();                                                                                       \
        UNUSED(deviceObject), UNUSED(callout), UNUSED(calloutId);                                     \
        return STATUS_NOT_IMPLEMENTED;                                                                \
    }
FWPS_REGISTER(0)
FWPS_REGISTER(1)
FWPS_REGISTER(2)
FWPS_REGISTER(3)
NTSTATUS FwpsCalloutUnregisterById0(const UINT32 calloutId) { LOUD(); UNUSED(calloutId); return STATUS_NOT_IMPLEMENTED; }
NTSTATUS FwpsCalloutUnregisterByKey0(const GUID *calloutKey) { LOUD(); UNUSED(calloutKey); return STATUS_NOT_IMPLEMENTED; }

NTSTATUS FwpmEngineOpen0(const WCHAR *serverName, UINT32 authnService, PVOID authIdentity,
                         const FWPM_SESSION0 *session, HANDLE *engineHandle)
{
    LOUD();
    UNUSED(serverName), UNUSED(authnService), UNUSED(authIdentity), UNUSED(session);
    if (engineHandle)
        *engineHandle = NULL;
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FwpmEngineClose0(HANDLE engineHandle) { LOUD(); UNUSED(engineHandle); return STATUS_NOT_IMPLEMENTED; }
NTSTATUS FwpmTransactionBegin0(HANDLE engineHandle, UINT32 flags)
{
    LOUD();
    UNUSED(engineHandle), UNUSED(flags);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FwpmTransactionCommit0(HANDLE engineHandle) { LOUD(); UNUSED(engineHandle); return STATUS_NOT_IMPLEMENTED; }
NTSTATUS FwpmTransactionAbort0(HANDLE engineHandle) { LOUD(); UNUSED(engineHandle); return STATUS_NOT_IMPLEMENTED; }
NTSTATUS FwpmSubLayerAdd0(HANDLE engineHandle, const FWPM_SUBLAYER0 *subLayer, PSECURITY_DESCRIPTOR sd)
{
    LOUD();
    UNUSED(engineHandle), UNUSED(subLayer), UNUSED(sd);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FwpmSubLayerDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
    LOUD();
    UNUSED(engineHandle), UNUSED(key);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FwpmCalloutAdd0(HANDLE engineHandle, const FWPM_CALLOUT0 *callout, PSECURITY_DESCRIPTOR sd, UINT32 *id)
{
    LOUD();
    UNUSED(engineHandle), UNUSED(callout), UNUSED(sd), UNUSED(id);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FwpmCalloutDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
    LOUD();
    UNUSED(engineHandle), UNUSED(key);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FwpmFilterAdd0(HANDLE engineHandle, const FWPM_FILTER0 *filter, PSECURITY_DESCRIPTOR sd, UINT64 *id)
{
    LOUD();
    UNUSED(engineHandle), UNUSED(filter), UNUSED(sd), UNUSED(id);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FwpmFilterDeleteById0(HANDLE engineHandle, UINT64 id)
{
    LOUD();
    UNUSED(engineHandle), UNUSED(id);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS FwpmFilterDeleteByKey0(HANDLE engineHandle, const GUID *key)
{
    LOUD();
    UNUSED(engineHandle), UNUSED(key);
    return STATUS_NOT_IMPLEMENTED;
}

/* ---- CNG ---- */
NTSTATUS BCryptOpenAlgorithmProvider(BCRYPT_ALG_HANDLE *phAlgorithm, LPCWSTR pszAlgId, LPCWSTR pszImplementation,
                                     ULONG dwFlags)
{
    LOUD();
    UNUSED(pszAlgId), UNUSED(pszImplementation), UNUSED(dwFlags);
    if (phAlgorithm)
        *phAlgorithm = NULL;
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS BCryptCloseAlgorithmProvider(BCRYPT_ALG_HANDLE hAlgorithm, ULONG dwFlags)
{
    LOUD();
    UNUSED(hAlgorithm), UNUSED(dwFlags);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS BCryptGenRandom(BCRYPT_ALG_HANDLE hAlgorithm, PUCHAR pbBuffer, ULONG cbBuffer, ULONG dwFlags)
{
    LOUD();
    UNUSED(hAlgorithm), UNUSED(pbBuffer), UNUSED(cbBuffer), UNUSED(dwFlags);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS BCryptGetProperty(BCRYPT_HANDLE hObject, LPCWSTR pszProperty, PUCHAR pbOutput, ULONG cbOutput,
                           ULONG *pcbResult, ULONG dwFlags)
{
    LOUD();
    UNUSED(hObject), UNUSED(pszProperty), UNUSED(pbOutput), UNUSED(cbOutput), UNUSED(pcbResult), UNUSED(dwFlags);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS BCryptSetProperty(BCRYPT_HANDLE hObject, LPCWSTR pszProperty, PUCHAR pbInput, ULONG cbInput, ULONG dwFlags)
{
    LOUD();
    UNUSED(hObject), UNUSED(pszProperty), UNUSED(pbInput), UNUSED(cbInput), UNUSED(dwFlags);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS BCryptCreateHash(BCRYPT_ALG_HANDLE hAlgorithm, BCRYPT_HASH_HANDLE *phHash, PUCHAR pbHashObject,
                          ULONG cbHashObject, PUCHAR pbSecret, ULONG cbSecret, ULONG dwFlags)
{
    LOUD();
    UNUSED(hAlgorithm), UNUSED(pbHashObject), UNUSED(cbHashObject), UNUSED(pbSecret), UNUSED(cbSecret);
    UNUSED(dwFlags);
    if (phHash)
        *phHash = NULL;
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS BCryptHashData(BCRYPT_HASH_HANDLE hHash, PUCHAR pbInput, ULONG cbInput, ULONG dwFlags)
{
    LOUD();
    UNUSED(hHash), UNUSED(pbInput), UNUSED(cbInput), UNUSED(dwFlags);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS BCryptFinishHash(BCRYPT_HASH_HANDLE hHash, PUCHAR pbOutput, ULONG cbOutput, ULONG dwFlags)
{
    LOUD();
    UNUSED(hHash), UNUSED(pbOutput), UNUSED(cbOutput), UNUSED(dwFlags);
    return STATUS_NOT_IMPLEMENTED;
}
NTSTATUS BCryptDestroyHash(BCRYPT_HASH_HANDLE hHash) { LOUD(); UNUSED(hHash); return STATUS_NOT_IMPLEMENTED; }
NTSTATUS BCryptGenerateSymmetricKey(BCRYPT_ALG_HANDLE hAlgorithm, BCRYPT_KEY_HANDLE *phKey, PUCHAR pbKeyObject,
                                    ULONG cbKeyObject, PUCHAR pbSecret, ULONG cbSecret, ULONG dwFlags)
{
    LOUD();
    UNUSED(hAlgorithm), UNUSED(pbKeyObject), UNUSED(cbKeyObject), UNUSED(pbSecret), UNUSED(cbSecret), UNUSED(dwFlags);
    if (phKey)
        *phKey = NULL;
    return STATUS_NOT_IMPLEMENTED;
}
#define BCRYPT_CIPHER(name)                                                                                     \
    NTSTATUS name(BCRYPT_KEY_HANDLE hKey, PUCHAR pbInput, ULONG cbInput, PVOID pPaddingInfo, PUCHAR pbIV, ULONG cbIV, \
                  PUCHAR pbOutput, ULONG cbOutput, ULONG *pcbResult, ULONG dwFlags)                             \
    {                                                                                                           \
        LOUD();                                                                                                 \
        UNUSED(hKey), UNUSED(pbInput), UNUSED(cbInput), UNUSED(pPaddingInfo), UNUSED(pbIV), UNUSED(cbIV);       \
        UNUSED(pbOutput), UNUSED(cbOutput), UNUSED(pcbResult), UNUSED(dwFlags);                                 \
        return STATUS_NOT_IMPLEMENTED;                                                                          \
    }
BCRYPT_CIPHER(BCryptEncrypt)
BCRYPT_CIPHER(BCryptDecrypt)
NTSTATUS BCryptDestroyKey(BCRYPT_KEY_HANDLE hKey) { LOUD(); UNUSED(hKey); return STATUS_NOT_IMPLEMENTED; }

/* ---- SSPI ---- */
SECURITY_STATUS AcquireCredentialsHandleW(PUNICODE_STRING pPrincipal, PUNICODE_STRING pPackage, ULONG fCredentialUse,
                                          PVOID pvLogonId, PVOID pAuthData, SEC_GET_KEY_FN *pGetKeyFn,
                                          PVOID pvGetKeyArgument, PCredHandle phCredential, PTimeStamp ptsExpiry)
{
    LOUD();
    UNUSED(pPrincipal), UNUSED(pPackage), UNUSED(fCredentialUse), UNUSED(pvLogonId), UNUSED(pAuthData);
    UNUSED(pGetKeyFn), UNUSED(pvGetKeyArgument), UNUSED(phCredential), UNUSED(ptsExpiry);
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS FreeCredentialsHandle(PCredHandle phCredential) { LOUD(); UNUSED(phCredential); return SEC_E_UNSUPPORTED_FUNCTION; }
SECURITY_STATUS InitializeSecurityContextW(PCredHandle phCredential, PCtxtHandle phContext, PUNICODE_STRING pTargetName,
                                           ULONG fContextReq, ULONG Reserved1, ULONG TargetDataRep, PSecBufferDesc pInput,
                                           ULONG Reserved2, PCtxtHandle phNewContext, PSecBufferDesc pOutput,
                                           ULONG *pfContextAttr, PTimeStamp ptsExpiry)
{
    LOUD();
    UNUSED(phCredential), UNUSED(phContext), UNUSED(pTargetName), UNUSED(fContextReq), UNUSED(Reserved1);
    UNUSED(TargetDataRep), UNUSED(pInput), UNUSED(Reserved2), UNUSED(phNewContext), UNUSED(pOutput);
    UNUSED(pfContextAttr), UNUSED(ptsExpiry);
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS AcceptSecurityContext(PCredHandle phCredential, PCtxtHandle phContext, PSecBufferDesc pInput,
                                      ULONG fContextReq, ULONG TargetDataRep, PCtxtHandle phNewContext,
                                      PSecBufferDesc pOutput, ULONG *pfContextAttr, PTimeStamp ptsExpiry)
{
    LOUD();
    UNUSED(phCredential), UNUSED(phContext), UNUSED(pInput), UNUSED(fContextReq), UNUSED(TargetDataRep);
    UNUSED(phNewContext), UNUSED(pOutput), UNUSED(pfContextAttr), UNUSED(ptsExpiry);
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS DeleteSecurityContext(PCtxtHandle phContext) { LOUD(); UNUSED(phContext); return SEC_E_UNSUPPORTED_FUNCTION; }
SECURITY_STATUS QueryContextAttributesW(PCtxtHandle phContext, ULONG ulAttribute, PVOID pBuffer)
{
    LOUD();
    UNUSED(phContext), UNUSED(ulAttribute), UNUSED(pBuffer);
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS EncryptMessage(PCtxtHandle phContext, ULONG fQOP, PSecBufferDesc pMessage, ULONG MessageSeqNo)
{
    LOUD();
    UNUSED(phContext), UNUSED(fQOP), UNUSED(pMessage), UNUSED(MessageSeqNo);
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS DecryptMessage(PCtxtHandle phContext, PSecBufferDesc pMessage, ULONG MessageSeqNo, ULONG *pfQOP)
{
    LOUD();
    UNUSED(phContext), UNUSED(pMessage), UNUSED(MessageSeqNo), UNUSED(pfQOP);
    return SEC_E_UNSUPPORTED_FUNCTION;
}
SECURITY_STATUS FreeContextBuffer(PVOID pvContextBuffer) { LOUD(); UNUSED(pvContextBuffer); return SEC_E_UNSUPPORTED_FUNCTION; }
