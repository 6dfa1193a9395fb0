/* test_layout.c - the WDK headers give every struct its Windows x64 size and offsets, and the
 * base types their Windows widths and signedness (checked at run time too, so a header edit
 * that drops a static assert still shows here). */
#include "ut.h"

#define OFF(type, field) offsetof(type, field)

static void sizes(void **state)
{
    (void)state;
    assert_int_equal(sizeof(GUID), 16);
    assert_int_equal(sizeof(LUID), 8);
    assert_int_equal(sizeof(NPI_MODULEID), 24);
    assert_int_equal(sizeof(NPI_REGISTRATION_INSTANCE), 40);
    assert_int_equal(sizeof(NPI_CLIENT_CHARACTERISTICS), 72);
    assert_int_equal(sizeof(NPI_PROVIDER_CHARACTERISTICS), 72);
    assert_int_equal(sizeof(WSK_CLIENT_DISPATCH), 16);
    assert_int_equal(sizeof(WSK_PROVIDER_DISPATCH), 56);
    assert_int_equal(sizeof(WSK_PROVIDER_CHARACTERISTICS), 4);
    assert_int_equal(sizeof(WSK_CLIENT_NPI), 16);
    assert_int_equal(sizeof(WSK_PROVIDER_NPI), 16);
    assert_int_equal(sizeof(WSK_REGISTRATION), 24);
}

static void offsets(void **state)
{
    (void)state;
    assert_int_equal(OFF(GUID, Data2), 4);
    assert_int_equal(OFF(GUID, Data3), 6);
    assert_int_equal(OFF(GUID, Data4), 8);
    assert_int_equal(OFF(NPI_MODULEID, Type), 4);
    assert_int_equal(OFF(NPI_MODULEID, Guid), 8);
    assert_int_equal(OFF(NPI_MODULEID, IfLuid), 8);
    assert_int_equal(OFF(NPI_REGISTRATION_INSTANCE, Size), 2);
    assert_int_equal(OFF(NPI_REGISTRATION_INSTANCE, NpiId), 8);
    assert_int_equal(OFF(NPI_REGISTRATION_INSTANCE, ModuleId), 16);
    assert_int_equal(OFF(NPI_REGISTRATION_INSTANCE, Number), 24);
    assert_int_equal(OFF(NPI_REGISTRATION_INSTANCE, NpiSpecificCharacteristics), 32);
    assert_int_equal(OFF(NPI_CLIENT_CHARACTERISTICS, Length), 2);
    assert_int_equal(OFF(NPI_CLIENT_CHARACTERISTICS, ClientAttachProvider), 8);
    assert_int_equal(OFF(NPI_CLIENT_CHARACTERISTICS, ClientDetachProvider), 16);
    assert_int_equal(OFF(NPI_CLIENT_CHARACTERISTICS, ClientCleanupBindingContext), 24);
    assert_int_equal(OFF(NPI_CLIENT_CHARACTERISTICS, ClientRegistrationInstance), 32);
    assert_int_equal(OFF(NPI_PROVIDER_CHARACTERISTICS, ProviderRegistrationInstance), 32);
    assert_int_equal(OFF(WSK_CLIENT_DISPATCH, Reserved), 2);
    assert_int_equal(OFF(WSK_CLIENT_DISPATCH, WskClientEvent), 8);
    assert_int_equal(OFF(WSK_PROVIDER_DISPATCH, WskSocket), 8);
    assert_int_equal(OFF(WSK_PROVIDER_DISPATCH, WskSocketConnect), 16);
    assert_int_equal(OFF(WSK_PROVIDER_DISPATCH, WskControlClient), 24);
    assert_int_equal(OFF(WSK_PROVIDER_DISPATCH, WskGetAddressInfo), 32);
    assert_int_equal(OFF(WSK_PROVIDER_DISPATCH, WskFreeAddressInfo), 40);
    assert_int_equal(OFF(WSK_PROVIDER_DISPATCH, WskGetNameInfo), 48);
    assert_int_equal(OFF(WSK_PROVIDER_CHARACTERISTICS, LowestVersion), 2);
    assert_int_equal(OFF(WSK_CLIENT_NPI, Dispatch), 8);
    assert_int_equal(OFF(WSK_PROVIDER_NPI, Dispatch), 8);
    assert_int_equal(OFF(WSK_REGISTRATION, ReservedRegistrationContext), 8);
    assert_int_equal(OFF(WSK_REGISTRATION, ReservedRegistrationLock), 16);
}

static void base_types(void **state)
{
    (void)state;
    assert_int_equal(sizeof(WCHAR), 2);
    assert_int_equal(sizeof(USHORT), 2);
    assert_int_equal(sizeof(ULONG), 4);
    assert_int_equal(sizeof(LONG), 4);
    assert_int_equal(sizeof(NTSTATUS), 4);
    assert_int_equal(sizeof(ULONG_PTR), sizeof(void *));
    assert_int_equal(sizeof(ULONGLONG), 8);
    assert_int_equal(sizeof(POOL_FLAGS), 8);
    assert_int_equal(sizeof(KSPIN_LOCK), 8);
    assert_true((NTSTATUS)-1 < 0); /* NTSTATUS is signed */
    assert_true((ULONG)-1 > 0);
    assert_int_equal('tpcb', 0x74706362); /* pool tags: the first character in the top byte */
}

static void status_classes(void **state)
{
    (void)state;
    assert_false(NT_SUCCESS(STATUS_NOINTERFACE));
    assert_false(NT_SUCCESS(STATUS_INSUFFICIENT_RESOURCES));
    assert_false(NT_SUCCESS(STATUS_BUFFER_OVERFLOW)); /* a warning */
    assert_true(NT_SUCCESS(STATUS_SUCCESS));
    assert_true(NT_SUCCESS(STATUS_PENDING));
    assert_true(NT_SUCCESS(STATUS_OBJECT_NAME_EXISTS)); /* informational */
    assert_true(NT_ERROR(STATUS_NOINTERFACE));
    assert_true(NT_WARNING(STATUS_BUFFER_OVERFLOW));
    assert_true(NT_INFORMATION(STATUS_OBJECT_NAME_EXISTS));
    assert_false(NT_ERROR(STATUS_PENDING));
    assert_int_equal((uint32_t)STATUS_NOINTERFACE, 0xC00002B9u);
    assert_int_equal((uint32_t)STATUS_PENDING, 0x103u);
    assert_int_equal((uint32_t)STATUS_DEVICE_NOT_READY, 0xC00000A3u);
    assert_int_equal((uint32_t)STATUS_INSUFFICIENT_RESOURCES, 0xC000009Au);
    assert_string_equal(status_name(STATUS_NOINTERFACE), "STATUS_NOINTERFACE");
    assert_string_equal(status_name((NTSTATUS)0xC0001234), "0xC0001234");
    NTSTATUS s = 0;
    assert_true(status_parse("STATUS_PENDING", &s) && s == STATUS_PENDING);
    assert_true(status_parse("0xC00002B9", &s) && s == STATUS_NOINTERFACE);
    assert_false(status_parse("STATUS_NO_SUCH_NAME", &s));
    assert_false(status_parse("0x100000000", &s));
}

static void constants(void **state)
{
    (void)state;
    static const unsigned char wsk_npi_bytes[16] = {0x03, 0xE8, 0x27, 0x22, 0x8B, 0x8D, 0xD4, 0x11,
                                                    0xAB, 0xAD, 0x00, 0x90, 0x27, 0x71, 0x9E, 0x09};
    assert_memory_equal(&NPI_WSK_INTERFACE_ID, wsk_npi_bytes, 16);
    assert_int_equal(MAKE_WSK_VERSION(1, 0), 0x0100);
    assert_int_equal(MAKE_WSK_VERSION(2, 0x1ff), 0x02ff);
    assert_int_equal(WSK_MAJOR_VERSION(0x0307), 3);
    assert_int_equal(WSK_MINOR_VERSION(0x0307), 7);
    assert_int_equal(WSK_NO_WAIT, 0);
    assert_int_equal(WSK_INFINITE_WAIT, 0xFFFFFFFFu);
    assert_int_equal(MIT_GUID, 1);
    assert_int_equal(MIT_IF_LUID, 2);
    assert_int_equal(NonPagedPoolNx, 512);
    assert_int_equal(POOL_FLAG_NON_PAGED, 0x40);
    assert_int_equal(POOL_FLAG_UNINITIALIZED, 0x2);
}

/* Function-type typedefs declare functions, as driver code expects. */
NPI_CLIENT_ATTACH_PROVIDER_FN declared_attach;
NPI_CLIENT_DETACH_PROVIDER_FN declared_detach;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN declared_cleanup;
DRIVER_UNLOAD declared_unload;

static void function_types(void **state)
{
    (void)state;
    PNPI_CLIENT_ATTACH_PROVIDER_FN a = ut_client_attach;
    PNPI_CLIENT_DETACH_PROVIDER_FN d = ut_client_detach;
    PNPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN c = ut_client_cleanup;
    PDRIVER_UNLOAD u = ut_client_unload;
    assert_non_null(a);
    assert_non_null(d);
    assert_non_null(c);
    assert_non_null(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes),          cmocka_unit_test(offsets),   cmocka_unit_test(base_types),
        cmocka_unit_test(status_classes), cmocka_unit_test(constants), cmocka_unit_test(function_types),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
