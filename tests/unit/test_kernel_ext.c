/* test_kernel_ext.c - the models in stubs/kernel/: SLists keep the x64 header (depth, sequence,
 * first entry), the newer pool allocators are pool blocks (zeroed as documented, under the fault
 * plan, leaks and wrong tags are verdicts), ExInitializeDriverRuntime opts into the NX pool. */
#include "ut.h"

#define TAG 'txEk'

typedef struct {
    SLIST_ENTRY link;
    int value;
} item;

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

UT_CLEAN_TEST(slist_lifo)
{
    static SLIST_HEADER head;
    static item items[3];
    InitializeSListHead(&head);
    assert_int_equal(QueryDepthSList(&head), 0);
    assert_null(InterlockedPopEntrySList(&head));
    for (int i = 0; i < 3; i++) {
        items[i].value = i;
        assert_ptr_equal(InterlockedPushEntrySList(&head, &items[i].link), i ? &items[i - 1].link : NULL);
    }
    assert_int_equal(QueryDepthSList(&head), 3);
    assert_int_equal(head.HeaderX64.Sequence, 3);
    assert_ptr_equal(RtlFirstEntrySList(&head), &items[2].link);
    assert_ptr_equal(ExInterlockedPopEntrySList(&head, NULL), &items[2].link);
    assert_int_equal(ExQueryDepthSList(&head), 2);
    PSLIST_ENTRY chain = InterlockedFlushSList(&head);
    assert_ptr_equal(chain, &items[1].link);
    assert_ptr_equal(chain->Next, &items[0].link);
    assert_null(chain->Next->Next);
    assert_int_equal(QueryDepthSList(&head), 0);
    assert_null(ExInterlockedFlushSList(&head));
    /* a linked chain goes on in one step */
    items[2].link.Next = &items[1].link;
    items[1].link.Next = NULL;
    assert_null(InterlockedPushListSListEx(&head, &items[2].link, &items[1].link, 2));
    assert_int_equal(QueryDepthSList(&head), 2);
    assert_ptr_equal(InterlockedPopEntrySList(&head), &items[2].link);
    assert_ptr_equal(InterlockedPopEntrySList(&head), &items[1].link);
}

UT_CLEAN_TEST(pool_variants_zero_and_free)
{
    POOL_EXTENDED_PARAMETER priority = {{PoolExtendedParameterPriority, 0, 0}, {.Priority = HighPoolPriority}};
    void *a = ExAllocatePool3(POOL_FLAG_NON_PAGED, 40, TAG, &priority, 1);
    void *b = ExAllocatePoolPriorityZero(NonPagedPoolNx, 24, TAG, LowPoolPriority);
    void *c = ExAllocatePoolQuotaZero(NonPagedPoolNx | POOL_QUOTA_FAIL_INSTEAD_OF_RAISE, 24, TAG);
    void *d = ExAllocatePoolWithQuotaTag(PagedPool, 8, TAG);
    void *e = ExAllocatePoolWithTagPriority(NonPagedPoolNx, 8, TAG, NormalPoolPriority);
    assert_true(a && b && c && d && e);
    assert_true(all_zero(a, 40) && all_zero(b, 24) && all_zero(c, 24));
    ExFreePool2(a, TAG, NULL, 0);
    ExFreePoolWithTag(b, TAG);
    ExFreePoolWithTag(c, TAG);
    ExFreePoolWithQuotaTag(d, TAG);
    ExFreePool(e);
    stub_final_checks();
}

/* An unknown extended parameter type that is not optional: NULL, as for an unknown flag. */
UT_CLEAN_TEST(pool3_unknown_parameter)
{
    POOL_EXTENDED_PARAMETER bad = {{PoolExtendedParameterMax, 0, 0}, {.Reserved2 = 0}};
    POOL_EXTENDED_PARAMETER optional = {{PoolExtendedParameterMax, 1, 0}, {.Reserved2 = 0}};
    assert_null(ExAllocatePool3(POOL_FLAG_NON_PAGED, 8, TAG, &bad, 1));
    void *p = ExAllocatePool3(POOL_FLAG_NON_PAGED, 8, TAG, &optional, 1);
    assert_non_null(p);
    ExFreePoolWithTag(p, TAG);
    stub_final_checks();
}

UT_CLEAN_TEST(pool_variants_fail_by_plan)
{
    static const stub_plan plan = {.faults = {{1, 0}, {2, 0}}};
    stub_set_plan(&plan);
    assert_null(ExAllocatePool3(POOL_FLAG_NON_PAGED, 8, TAG, NULL, 0));
    assert_null(ExAllocatePoolWithQuotaTag(NonPagedPoolNx, 8, TAG));
    void *p = ExAllocatePoolPriorityUninitialized(NonPagedPoolNx, 8, TAG, LowPoolPriority);
    assert_non_null(p);
    ExFreePool2(p, TAG, NULL, 0);
    stub_final_checks();
}

static void leak_pool3(void)
{
    (void)ExAllocatePool3(POOL_FLAG_NON_PAGED, 8, TAG, NULL, 0);
    stub_final_checks();
}

static void wrong_tag_free2(void)
{
    ExFreePool2(ExAllocatePoolQuotaUninitialized(NonPagedPoolNx, 8, TAG), 'gnrw', NULL, 0);
}

static void test_pool_variant_verdicts(void **state)
{
    (void)state;
    assert_verdict(leak_pool3, V_POOL_LEAK);
    ut_reset_scenario();
    assert_verdict(wrong_tag_free2, V_POOL_TAG_MISMATCH);
}

UT_CLEAN_TEST(driver_runtime_nx_opt_in)
{
    ExInitializeDriverRuntime(0);
    ExInitializeDriverRuntime(DrvRtPoolNxOptIn);
    assert_int_equal(ExDefaultNonPagedPoolType, NonPagedPoolNx);
    assert_int_equal(ExDefaultMdlProtection, MdlMappingNoExecute);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UT_TEST(slist_lifo),
        UT_TEST(pool_variants_zero_and_free),
        UT_TEST(pool3_unknown_parameter),
        UT_TEST(pool_variants_fail_by_plan),
        UT_TEST(test_pool_variant_verdicts),
        UT_TEST(driver_runtime_nx_opt_in),
    };
    return cmocka_run_group_tests_name("kernel_ext", tests, NULL, NULL);
}
