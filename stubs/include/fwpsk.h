/* fwpsk.h - the Windows Filtering Platform callout API, enough for a WSK driver that is also a
 * callout to compile: the callout and classify structures and callback types, and the callout
 * registration routines, declared and not modelled (they say so once and return
 * STATUS_NOT_IMPLEMENTED; the stub kernel never classifies; docs/kernel-routines.md). */
#ifndef WSKFUZZ_FWPSK_H
#define WSKFUZZ_FWPSK_H
#include "ndis.h"
#include "fwptypes.h"

typedef struct FWPS_INCOMING_VALUE0_ {
    FWP_VALUE0 value;
} FWPS_INCOMING_VALUE0;
typedef struct FWPS_INCOMING_VALUES0_ {
    UINT16 layerId;
    UINT32 valueCount;
    FWPS_INCOMING_VALUE0 *incomingValue;
} FWPS_INCOMING_VALUES0;
typedef FWPS_INCOMING_VALUES0 FWPS_INCOMING_VALUES;

typedef struct FWPS_INCOMING_METADATA_VALUES0_ {
    UINT32 currentMetadataValues;
    UINT32 flags;
    UINT64 reserved;
    PVOID discardMetadata;
    UINT64 flowHandle;
    UINT32 ipHeaderSize;
    UINT32 transportHeaderSize;
    FWP_BYTE_BLOB *processPath;
    UINT64 token;
    UINT64 processId;
    UINT32 sourceInterfaceIndex;
    UINT32 destinationInterfaceIndex;
    ULONG compartmentId;
    PVOID fragmentMetadata;
    ULONG pathMtu;
    HANDLE completionHandle;
    UINT64 transportEndpointHandle;
    PVOID remoteScopeId;
    PVOID controlData;
    ULONG controlDataLength;
    UINT8 packetDirection;
    PVOID headerIncludeHeader;
    ULONG headerIncludeHeaderLength;
    UINT8 destinationPrefix[16];
    UINT16 frameLength;
    UINT64 parentEndpointHandle;
    UINT32 icmpIdAndSequence;
    DWORD localRedirectTargetPID;
    PVOID originalDestination;
    HANDLE redirectRecords;
    UINT32 currentL2MetadataValues;
    UINT32 l2Flags;
    UINT32 ethernetMacHeaderSize;
    UINT32 wiFiOperationMode;
} FWPS_INCOMING_METADATA_VALUES0;
typedef FWPS_INCOMING_METADATA_VALUES0 FWPS_INCOMING_METADATA_VALUES;

#define FWPS_METADATA_FIELD_PROCESS_ID 0x00000020
#define FWPS_METADATA_FIELD_PROCESS_PATH 0x00000400
#define FWPS_IS_METADATA_FIELD_PRESENT(metadataValues, metadataField) \
    (((metadataValues)->currentMetadataValues & (metadataField)) == (metadataField))

typedef struct FWPS_CLASSIFY_OUT0_ {
    FWP_ACTION_TYPE actionType;
    UINT64 outContext;
    UINT64 filterId;
    UINT32 rights;
    UINT32 flags;
    UINT32 reserved;
} FWPS_CLASSIFY_OUT0;
typedef FWPS_CLASSIFY_OUT0 FWPS_CLASSIFY_OUT;
#define FWPS_RIGHT_ACTION_WRITE 0x00000001
#define FWPS_CLASSIFY_OUT_FLAG_ABSORB 0x00000001
#define FWPS_CLASSIFY_OUT_FLAG_BUFFER_LIMIT_REACHED 0x00000002
#define FWPS_CLASSIFY_OUT_FLAG_NO_MORE_DATA 0x00000004
#define FWPS_CLASSIFY_OUT_FLAG_ALE_FAST_CACHE_CHECK 0x00000008
#define FWPS_CLASSIFY_OUT_FLAG_ALE_FAST_CACHE_POSSIBLE 0x00000010

typedef struct FWPS_FILTER_CONDITION0_ {
    UINT16 fieldId;
    UINT16 reserved;
    FWP_MATCH_TYPE matchType;
    FWP_CONDITION_VALUE0 conditionValue;
} FWPS_FILTER_CONDITION0;
typedef struct FWPS_ACTION0_ {
    FWP_ACTION_TYPE type;
    UINT32 calloutId;
} FWPS_ACTION0;
/* One filter shape for every version: the fields a callout reads, with their names. */
typedef struct FWPS_FILTER0_ {
    UINT64 filterId;
    FWP_VALUE0 weight;
    UINT16 subLayerWeight;
    UINT16 flags;
    UINT32 numFilterConditions;
    FWPS_FILTER_CONDITION0 *filterCondition;
    FWPS_ACTION0 action;
    UINT64 context;
    PVOID providerContext;
} FWPS_FILTER0, FWPS_FILTER1, FWPS_FILTER2, FWPS_FILTER3, FWPS_FILTER;

typedef enum FWPS_CALLOUT_NOTIFY_TYPE_ {
    FWPS_CALLOUT_NOTIFY_ADD_FILTER,
    FWPS_CALLOUT_NOTIFY_DELETE_FILTER,
    FWPS_CALLOUT_NOTIFY_ADD_FILTER_POST_COMMIT,
    FWPS_CALLOUT_NOTIFY_TYPE_MAX
} FWPS_CALLOUT_NOTIFY_TYPE;

typedef void FWPS_CALLOUT_CLASSIFY_FN0(const FWPS_INCOMING_VALUES0 *inFixedValues,
                                       const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues, void *layerData,
                                       const FWPS_FILTER0 *filter, UINT64 flowContext, FWPS_CLASSIFY_OUT0 *classifyOut);
typedef void FWPS_CALLOUT_CLASSIFY_FN1(const FWPS_INCOMING_VALUES0 *inFixedValues,
                                       const FWPS_INCOMING_METADATA_VALUES0 *inMetaValues, void *layerData,
                                       const void *classifyContext, const FWPS_FILTER1 *filter, UINT64 flowContext,
                                       FWPS_CLASSIFY_OUT0 *classifyOut);
typedef FWPS_CALLOUT_CLASSIFY_FN1 FWPS_CALLOUT_CLASSIFY_FN2, FWPS_CALLOUT_CLASSIFY_FN3;
typedef NTSTATUS FWPS_CALLOUT_NOTIFY_FN0(FWPS_CALLOUT_NOTIFY_TYPE notifyType, const GUID *filterKey,
                                         const FWPS_FILTER0 *filter);
typedef NTSTATUS FWPS_CALLOUT_NOTIFY_FN1(FWPS_CALLOUT_NOTIFY_TYPE notifyType, const GUID *filterKey,
                                         FWPS_FILTER1 *filter);
typedef FWPS_CALLOUT_NOTIFY_FN1 FWPS_CALLOUT_NOTIFY_FN2, FWPS_CALLOUT_NOTIFY_FN3;
typedef void FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0(UINT16 layerId, UINT32 calloutId, UINT64 flowContext);
typedef FWPS_CALLOUT_CLASSIFY_FN0 *FWPS_CALLOUT_CLASSIFY_FN0_PTR;

typedef struct FWPS_CALLOUT0_ {
    GUID calloutKey;
    UINT32 flags;
    FWPS_CALLOUT_CLASSIFY_FN0 *classifyFn;
    FWPS_CALLOUT_NOTIFY_FN0 *notifyFn;
    FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0 *flowDeleteFn;
} FWPS_CALLOUT0;
typedef struct FWPS_CALLOUT1_ {
    GUID calloutKey;
    UINT32 flags;
    FWPS_CALLOUT_CLASSIFY_FN1 *classifyFn;
    FWPS_CALLOUT_NOTIFY_FN1 *notifyFn;
    FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0 *flowDeleteFn;
} FWPS_CALLOUT1, FWPS_CALLOUT2, FWPS_CALLOUT3;
#define FWP_CALLOUT_FLAG_CONDITIONAL_ON_FLOW 0x00000001
#define FWP_CALLOUT_FLAG_ALLOW_OFFLOAD 0x00000002
#define FWP_CALLOUT_FLAG_ENABLE_COMMIT_ADD_NOTIFY 0x00000004
#define FWP_CALLOUT_FLAG_ALLOW_MID_STREAM_INSPECTION 0x00000008
#define FWP_CALLOUT_FLAG_ALLOW_RECLASSIFY 0x00000010

NTSTATUS FwpsCalloutRegister0(void *deviceObject, const FWPS_CALLOUT0 *callout, UINT32 *calloutId);
NTSTATUS FwpsCalloutRegister1(void *deviceObject, const FWPS_CALLOUT1 *callout, UINT32 *calloutId);
NTSTATUS FwpsCalloutRegister2(void *deviceObject, const FWPS_CALLOUT2 *callout, UINT32 *calloutId);
NTSTATUS FwpsCalloutRegister3(void *deviceObject, const FWPS_CALLOUT3 *callout, UINT32 *calloutId);
NTSTATUS FwpsCalloutUnregisterById0(const UINT32 calloutId);
NTSTATUS FwpsCalloutUnregisterByKey0(const GUID *calloutKey);
#endif
