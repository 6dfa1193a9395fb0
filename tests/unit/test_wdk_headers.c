/* test_wdk_headers.c - the WDK surface beside WSK holds the published facts: the NTSTATUS list is
 * whole ([MS-ERREF] 2.3.1) and status_names.c names every value of it. */
#include "ut.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ntstatus_count),
        cmocka_unit_test(ntstatus_table_sorted),
        cmocka_unit_test(ntstatus_values),
        cmocka_unit_test(ntstatus_names),
    };
    return cmocka_run_group_tests_name("wdk_headers", tests, NULL, NULL);
}
