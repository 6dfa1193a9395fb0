/* test_wdk_headers.c - the WDK surface beside WSK holds the published facts: the NTSTATUS list is
 * whole ([MS-ERREF] 2.3.1) and status_names.c names every value of it; NDIS's net buffer lists
 * have their Windows x64 layout and documented info slots; the WFP layer and condition GUIDs
 * have their published values. The layouts are static asserts here,
 * in a file the unit tests compile, so no client's build pays for them. */
#include "ut.h"

#include <fwpmk.h>
#include <ndis.h>

#include "status_names.h"

/* the WDK has about 2,500 NTSTATUS names (with DBG_ and RPC_NT_); fewer means a list was cut */
static void ntstatus_count(void **state)
{
    (void)state;
    assert_true(status_name_count() >= 2400);
}

/* sorted by value (as unsigned), or status_name's binary search misses names */
static void ntstatus_table_sorted(void **state)
{
    (void)state;
    NTSTATUS prev = 0, v = 0;
    for (size_t i = 0; status_name_at(i, &v); i++) {
        if (i > 0 && (uint32_t)v < (uint32_t)prev)
            fail_msg("status_names.def: %s (0x%08X) after 0x%08X", status_name_at(i, &v), (unsigned)v,
                     (unsigned)prev);
        prev = v;
    }
}

static void ntstatus_values(void **state)
{
    (void)state;
    assert_int_equal((uint32_t)STATUS_REQUEST_NOT_ACCEPTED, 0xC00000D0u);
    assert_int_equal((uint32_t)STATUS_ALREADY_REGISTERED, 0xC0000718u);
    assert_int_equal((uint32_t)DBG_CONTINUE, 0x00010002u);
    assert_int_equal((uint32_t)DBG_EXCEPTION_NOT_HANDLED, 0x80010001u);
    assert_int_equal((uint32_t)RPC_NT_SERVER_UNAVAILABLE, 0xC0020017u);
    assert_int_equal((uint32_t)STATUS_FWP_CALLOUT_NOT_FOUND, 0xC0220001u);
    assert_int_equal((uint32_t)STATUS_NDIS_ADAPTER_NOT_FOUND, 0xC0230006u);
    assert_int_equal((uint32_t)STATUS_PKU2U_CERT_FAILURE, 0xC000042Fu); /* the sources differed */
    assert_int_equal(FACILITY_NTWIN32, 0x7);
    assert_int_equal(STATUS_SEVERITY_ERROR, 0x3);
}

/* every value has a name in traces: the one traces always printed, else the list's */
static void ntstatus_names(void **state)
{
    (void)state;
    assert_string_equal(status_name(STATUS_SUCCESS), "STATUS_SUCCESS"); /* not STATUS_WAIT_0 */
    assert_string_equal(status_name(STATUS_REQUEST_NOT_ACCEPTED), "STATUS_REQUEST_NOT_ACCEPTED");
    assert_string_equal(status_name(STATUS_ALREADY_REGISTERED), "STATUS_ALREADY_REGISTERED");
    assert_string_equal(status_name(DBG_CONTINUE), "DBG_CONTINUE");
    assert_string_equal(status_name((NTSTATUS)0xFFFFFFFF), "0xFFFFFFFF");
    NTSTATUS s = 0;
    assert_true(status_parse("RPC_NT_SERVER_UNAVAILABLE", &s) && s == RPC_NT_SERVER_UNAVAILABLE);
    assert_true(status_parse("STATUS_WAIT_0", &s) && s == STATUS_SUCCESS); /* an alias parses too */
    for (size_t i = 0; status_name_at(i, &s); i++) { /* each name's value prints as a name */
        const char *n = status_name(s);
        if (n[0] == '0')
            fail_msg("0x%08X has no name in traces", (unsigned)s);
    }
}

/* ---- NDIS (ndis/nbl.h, ndis/nblinfo.h; x64 offsets as Windows' own symbols give them) ---- */
#define AT(type, field, off) _Static_assert(offsetof(type, field) == (off), #type "." #field)
AT(NET_BUFFER, Next, 0x00);
AT(NET_BUFFER, CurrentMdl, 0x08);
AT(NET_BUFFER, CurrentMdlOffset, 0x10);
AT(NET_BUFFER, DataLength, 0x18);
AT(NET_BUFFER, stDataLength, 0x18);
AT(NET_BUFFER, MdlChain, 0x20);
AT(NET_BUFFER, DataOffset, 0x28);
AT(NET_BUFFER, Link, 0x00);
AT(NET_BUFFER, ChecksumBias, 0x30);
AT(NET_BUFFER, Reserved, 0x32);
AT(NET_BUFFER, NdisPoolHandle, 0x38);
AT(NET_BUFFER, NdisReserved, 0x40);
AT(NET_BUFFER, ProtocolReserved, 0x50);
AT(NET_BUFFER, MiniportReserved, 0x80);
AT(NET_BUFFER, DataPhysicalAddress, 0xA0);
AT(NET_BUFFER, SharedMemoryInfo, 0xA8);
AT(NET_BUFFER, ScatterGatherList, 0xA8);
_Static_assert(sizeof(NET_BUFFER) == 0xB0, "sizeof NET_BUFFER");

AT(NET_BUFFER_LIST, Next, 0x00);
AT(NET_BUFFER_LIST, FirstNetBuffer, 0x08);
AT(NET_BUFFER_LIST, Context, 0x10);
AT(NET_BUFFER_LIST, ParentNetBufferList, 0x18);
AT(NET_BUFFER_LIST, NdisPoolHandle, 0x20);
AT(NET_BUFFER_LIST, NdisReserved, 0x30); /* 16-byte aligned: 8 bytes of padding before it */
AT(NET_BUFFER_LIST, ProtocolReserved, 0x40);
AT(NET_BUFFER_LIST, MiniportReserved, 0x60);
AT(NET_BUFFER_LIST, Scratch, 0x70);
AT(NET_BUFFER_LIST, SourceHandle, 0x78);
AT(NET_BUFFER_LIST, NblFlags, 0x80);
AT(NET_BUFFER_LIST, ChildRefCount, 0x84);
AT(NET_BUFFER_LIST, Flags, 0x88);
AT(NET_BUFFER_LIST, Status, 0x8C);
AT(NET_BUFFER_LIST, NdisReserved2, 0x8C);
AT(NET_BUFFER_LIST, NetBufferListInfo, 0x90);
/* 27 slots (NDIS 6.80 x64): 0x90 + 27 * 8 = 0x168, rounded up to the 16-byte alignment */
_Static_assert(sizeof(NET_BUFFER_LIST) == 0x170, "sizeof NET_BUFFER_LIST");

AT(NET_BUFFER_LIST_CONTEXT, Next, 0x00);
AT(NET_BUFFER_LIST_CONTEXT, Size, 0x08);
AT(NET_BUFFER_LIST_CONTEXT, Offset, 0x0A);
AT(NET_BUFFER_LIST_CONTEXT, ContextData, 0x10);
_Static_assert(sizeof(NET_BUFFER_LIST_CONTEXT) == 0x10, "sizeof NET_BUFFER_LIST_CONTEXT");

/* every slot's index, aliases included: a name dropped or moved shifts the ones after it */
static void nbl_info_slots(void **state)
{
    (void)state;
    static const struct {
        int value, index;
        const char *name;
    } slots[] = {
#define SLOT(n, i) {n, i, #n}
        SLOT(TcpIpChecksumNetBufferListInfo, 0), SLOT(TcpOffloadBytesTransferred, 0),
        SLOT(IPsecOffloadV1NetBufferListInfo, 1), SLOT(IPsecOffloadV2NetBufferListInfo, 1),
        SLOT(TcpLargeSendNetBufferListInfo, 2), SLOT(TcpReceiveNoPush, 2),
        SLOT(ClassificationHandleNetBufferListInfo, 3), SLOT(Ieee8021QNetBufferListInfo, 4),
        SLOT(NetBufferListCancelId, 5), SLOT(MediaSpecificInformation, 6), SLOT(NetBufferListFrameType, 7),
        SLOT(NetBufferListProtocolId, 7), SLOT(NetBufferListHashValue, 8), SLOT(NetBufferListHashInfo, 9),
        SLOT(WfpNetBufferListInfo, 10), SLOT(IPsecOffloadV2TunnelNetBufferListInfo, 11),
        SLOT(IPsecOffloadV2HeaderNetBufferListInfo, 12), SLOT(NetBufferListCorrelationId, 13),
        SLOT(NetBufferListFilteringInfo, 14), SLOT(MediaSpecificInformationEx, 15),
        SLOT(NblOriginalInterfaceIfIndex, 16), SLOT(NblReAuthWfpFlowContext, 16),
        SLOT(TcpReceiveBytesTransferred, 17), SLOT(NrtNameResolutionId, 17), SLOT(UdpRecvSegCoalesceOffloadInfo, 17),
        SLOT(SwitchForwardingReserved, 18), SLOT(SwitchForwardingDetail, 19), SLOT(VirtualSubnetInfo, 20),
        SLOT(IMReserved, 21), SLOT(TcpRecvSegCoalesceInfo, 22), SLOT(UdpSegmentationOffloadInfo, 22),
        SLOT(RscTcpTimestampDelta, 23), SLOT(TcpSendOffloadsSupplementalNetBufferListInfo, 23),
        SLOT(GftOffloadInformation, 24), SLOT(GftFlowEntryId, 25), SLOT(NetBufferListInfoReserved3, 26),
        SLOT(MaxNetBufferListInfo, 27),
#undef SLOT
    };
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
        if (slots[i].value != slots[i].index)
            fail_msg("%s is %d, documented %d", slots[i].name, slots[i].value, slots[i].index);
    /* the accessor reads the slot it names */
    NET_BUFFER_LIST nbl = {0};
    nbl.NetBufferListInfo[WfpNetBufferListInfo] = (PVOID)0x1234;
    assert_ptr_equal(NET_BUFFER_LIST_INFO(&nbl, 10), (PVOID)0x1234);
}

/* the context area starts after the header, at Offset */
static void nbl_context_data(void **state)
{
    (void)state;
    static union {
        NET_BUFFER_LIST_CONTEXT ctx;
        UCHAR bytes[64];
    } area;
    NET_BUFFER_LIST nbl = {0};
    nbl.Context = &area.ctx;
    area.ctx.Size = 48;
    area.ctx.Offset = 16;
    assert_ptr_equal(NET_BUFFER_LIST_CONTEXT_DATA_START(&nbl), area.bytes + 0x10 + 16);
    assert_int_equal(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(&nbl), 32);
}

/* ---- WFP: a few GUIDs, field by field ---- */
static void wfp_guids(void **state)
{
    (void)state;
    static const GUID stream_v4 = {0x3b89653c, 0xc170, 0x49e4, {0xb1, 0xcd, 0xe0, 0xee, 0xee, 0xe1, 0x9a, 0x3e}};
    static const GUID connect_v4 = {0xc38d57d1, 0x05a7, 0x4c33, {0x90, 0x4f, 0x7f, 0xbc, 0xee, 0xe6, 0x0e, 0x82}};
    static const GUID remote_port = {0xc35a604d, 0xd22b, 0x4e1a, {0x91, 0xb4, 0x68, 0xf6, 0x74, 0xee, 0x67, 0x4b}};
    assert_memory_equal(&FWPM_LAYER_STREAM_V4, &stream_v4, sizeof(GUID));
    assert_memory_equal(&FWPM_LAYER_ALE_AUTH_CONNECT_V4, &connect_v4, sizeof(GUID));
    assert_memory_equal(&FWPM_CONDITION_IP_REMOTE_PORT, &remote_port, sizeof(GUID));
    assert_true(IsEqualGUID(&FWPM_LAYER_OUTBOUND_TRANSPORT_V4, &FWPM_LAYER_OUTBOUND_TRANSPORT_V4));
    assert_false(IsEqualGUID(&FWPM_LAYER_STREAM_V4, &FWPM_LAYER_STREAM_V6));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ntstatus_count),
        cmocka_unit_test(ntstatus_table_sorted),
        cmocka_unit_test(ntstatus_values),
        cmocka_unit_test(ntstatus_names),
        cmocka_unit_test(nbl_info_slots),
        cmocka_unit_test(nbl_context_data),
        cmocka_unit_test(wfp_guids),
    };
    return cmocka_run_group_tests_name("wdk_headers", tests, NULL, NULL);
}
