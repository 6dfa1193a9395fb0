/* test_pool.c - the pool: what fresh memory holds, which flags ExAllocatePool2 takes, every
 * BAD_POOL_CALLER bug check, failures from the plan, and the model's bounds. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ut.h"

#define FILL 0xA5 /* what uninitialized pool holds */

static bool all_bytes(const void *p, size_t n, unsigned char v)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != v)
            return false;
    return true;
}

UT_CLEAN_TEST(uninitialized_pattern)
{
    void *a = ExAllocatePoolWithTag(NonPagedPoolNx, 64, 'tapu');
    void *b = ExAllocatePool(PagedPool, 33);
    void *c = ExAllocatePoolUninitialized(NonPagedPool, 7, 'tapu');
    void *d = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, 40, 'tapu');
    assert_true(all_bytes(a, 64, FILL));
    assert_true(all_bytes(b, 33, FILL));
    assert_true(all_bytes(c, 7, FILL));
    assert_true(all_bytes(d, 40, FILL));
    ExFreePoolWithTag(a, 'tapu');
    ExFreePool(b);
    ExFreePoolWithTag(c, 'tapu');
    ExFreePoolWithTag(d, 'tapu');
    stub_final_checks();
}

UT_CLEAN_TEST(zeroed_pool)
{
    void *a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 48, 'orez');
    void *b = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_CACHE_ALIGNED, 5, 'orez');
    void *c = ExAllocatePoolZero(NonPagedPoolNx, 100, 'orez');
    assert_true(all_bytes(a, 48, 0));
    assert_true(all_bytes(b, 5, 0));
    assert_true(all_bytes(c, 100, 0));
    ExFreePoolWithTag(a, 'orez');
    ExFreePoolWithTag(b, 'orez');
    ExFreePoolWithTag(c, 'orez');
    stub_final_checks();
}

/* ExAllocatePool tags its memory 'None' (bytes in memory: "None"). */
UT_CLEAN_TEST(untagged_allocation_tag)
{
    ExFreePoolWithTag(ExAllocatePool(NonPagedPool, 8), 'enoN');
}

/* Unknown required flags, no pool kind, or two kinds: NULL, not a bug check. */
UT_CLEAN_TEST(pool2_invalid_flags)
{
    static const POOL_FLAGS bad[] = {
        0,
        POOL_FLAG_UNINITIALIZED,
        POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED,
        POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE,
        POOL_FLAG_NON_PAGED | POOL_FLAG_RESERVED1,
        POOL_FLAG_PAGED | POOL_FLAG_RESERVED3,
        POOL_FLAG_NON_PAGED | 0x80000000ull,
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_null(ExAllocatePool2(bad[i], 16, 'galf'));
    assert_int_equal(stub_fault_point_count(), 0); /* rejected before the plan is asked */
    stub_final_checks();
}

/* Optional flags (high 32 bits) are hints: ignored when not supported. */
UT_CLEAN_TEST(pool2_optional_flags)
{
    void *p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_SPECIAL_POOL | 0x4000000000000000ull, 16, 'galf');
    assert_non_null(p);
    ExFreePoolWithTag(p, 'galf');
    stub_final_checks();
}

UT_CLEAN_TEST(allocation_fails_by_plan)
{
    static const stub_plan plan = {.faults = {{2, 0}, {3, 9}}};
    stub_set_plan(&plan);
    void *a = ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'lpfa');
    void *b = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'lpfa');
    void *c = ExAllocatePoolZero(NonPagedPoolNx, 8, 'lpfa');
    void *d = ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'lpfa');
    assert_non_null(a);
    assert_null(b);
    assert_null(c); /* any choice fails an allocation */
    assert_non_null(d);
    assert_int_equal(stub_fault_point_count(), 4);
    ExFreePoolWithTag(a, 'lpfa');
    ExFreePoolWithTag(d, 'lpfa');
    stub_final_checks();
}

UT_CLEAN_TEST(huge_allocation_fails)
{
    assert_null(ExAllocatePoolWithTag(NonPagedPoolNx, (SIZE_T)1 << 40, 'eguh'));
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED, (SIZE_T)-1, 'eguh'));
    stub_final_checks();
}

/* Past the ledger's bound an allocation fails (the scenario is cut), it does not crash. */
UT_CLEAN_TEST(ledger_bound)
{
    static void *p[STUB_MAX_POOL + 1];
    for (unsigned i = 0; i < STUB_MAX_POOL; i++)
        assert_non_null(p[i] = ExAllocatePoolWithTag(NonPagedPoolNx, 1 + i % 7, 'gdel'));
    assert_null(p[STUB_MAX_POOL] = ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'gdel'));
    for (unsigned i = 0; i < STUB_MAX_POOL; i++)
        ExFreePoolWithTag(p[STUB_MAX_POOL - 1 - i], 'gdel');
    stub_final_checks();
}

/* stub_reset frees what a scenario left: LeakSanitizer checks it at exit. */
UT_CLEAN_TEST(reset_frees_leftovers)
{
    (void)ExAllocatePoolWithTag(NonPagedPoolNx, 4096, 'tfel');
    stub_reset();
    stub_final_checks(); /* nothing left after the reset */
}

/* ---- bug checks ---- */

static void free_null(void) { ExFreePool(NULL); }
static void free_interior(void)
{
    char *p = ExAllocatePoolWithTag(NonPagedPoolNx, 16, 'rtni');
    ExFreePoolWithTag(p + 1, 'rtni');
}
static void free_irp_as_pool(void) { ExFreePool(IoAllocateIrp(1, FALSE)); }
static void free_pool_as_irp(void) { IoFreeIrp(ExAllocatePoolWithTag(NonPagedPoolNx, 16, 'prii')); }
static void free_stack(void)
{
    char local[8];
    ExFreePool(local);
}
static void double_free_untagged(void)
{
    void *p = ExAllocatePool(NonPagedPool, 4);
    ExFreePool(p);
    ExFreePool(p);
}
static void double_free_irp(void)
{
    PIRP irp = IoAllocateIrp(1, FALSE);
    IoFreeIrp(irp);
    IoFreeIrp(irp);
}
static void tag_mismatch(void) { ExFreePoolWithTag(ExAllocatePool2(POOL_FLAG_PAGED, 4, 'aaaa'), 'aaab'); }
static void zero_size_pool2(void) { (void)ExAllocatePool2(POOL_FLAG_NON_PAGED, 0, 'ezis'); }
static void zero_size_zero(void) { (void)ExAllocatePoolZero(NonPagedPoolNx, 0, 'ezis'); }
static void zero_tag_with_tag(void) { (void)ExAllocatePoolWithTag(NonPagedPoolNx, 8, 0); }
static void bad_pool_type(void) { (void)ExAllocatePoolWithTag(NonPagedPoolMustSucceed, 8, 'epyt'); }
static void bad_pool_type_zero(void) { (void)ExAllocatePoolZero((POOL_TYPE)1000, 8, 'epyt'); }

static NTSTATUS attach_frees_context_while_attached(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ctx;
    NTSTATUS s = ut_attach_documented(h, ri);
    ExFreePoolWithTag(ut_client_state.bindings[0], UT_TAG); /* the NMR still holds it */
    return s;
}
static void free_binding_context(void)
{
    ut_client_state.attach_hook = attach_frees_context_while_attached;
    ut_wsk_provider(MAKE_WSK_VERSION(1, 0), MAKE_WSK_VERSION(1, 0));
    stub_load_driver();
}

static WSK_REGISTRATION *pool_reg;
static void free_registered_block(void)
{
    static const WSK_CLIENT_DISPATCH d = {MAKE_WSK_VERSION(1, 0), 0, NULL};
    static WSK_CLIENT_NPI npi = {NULL, &d};
    pool_reg = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof *pool_reg, 'gerw');
    WskRegister(&npi, pool_reg);
    ExFreePoolWithTag(pool_reg, 'gerw');
}

/* WskRegister's WSK_CLIENT_NPI need not outlive the call (Microsoft's sample passes one on the
 * stack): once that stack is reused, what lay there may be any pointer, here a pool block the
 * client frees. Only the registration block and the dispatch must stay valid. */
static void *stack_npi_block;
static __attribute__((noinline)) void register_with_stack_npi(void)
{
    static const WSK_CLIENT_DISPATCH d = {MAKE_WSK_VERSION(1, 0), 0, NULL};
    WSK_CLIENT_NPI npi = {NULL, &d};
    WskRegister(&npi, pool_reg);
    /* the slot's next life, as a later frame would leave it */
    *(void *volatile *)&npi.Dispatch = stack_npi_block;
    *(void *volatile *)&npi.ClientContext = stack_npi_block;
}
static void free_after_stack_npi_reused(void)
{
    static WSK_REGISTRATION reg;
    pool_reg = &reg;
    stack_npi_block = ExAllocatePoolWithTag(NonPagedPoolNx, 32, 'kcts');
    register_with_stack_npi();
    ExFreePoolWithTag(stack_npi_block, 'kcts');
    WskDeregister(&reg);
}

static void stack_npi_may_be_reused(void **state)
{
    (void)state;
    assert_verdict(free_after_stack_npi_reused, V_COUNT);
}

static void bugchecks(void **state)
{
    (void)state;
    static const struct {
        void (*fn)(void);
        verdict_id id;
    } cases[] = {
        {free_null, V_POOL_FOREIGN_FREE},
        {free_interior, V_POOL_FOREIGN_FREE},
        {free_irp_as_pool, V_POOL_FOREIGN_FREE},
        {free_pool_as_irp, V_POOL_FOREIGN_FREE},
        {free_stack, V_POOL_FOREIGN_FREE},
        {double_free_untagged, V_POOL_DOUBLE_FREE},
        {double_free_irp, V_POOL_DOUBLE_FREE},
        {tag_mismatch, V_POOL_TAG_MISMATCH},
        {zero_size_pool2, V_POOL_ZERO_SIZE},
        {zero_size_zero, V_POOL_ZERO_SIZE},
        {zero_tag_with_tag, V_POOL_ZERO_TAG},
        {bad_pool_type, V_POOL_BAD_ARGUMENT},
        {bad_pool_type_zero, V_POOL_BAD_ARGUMENT},
        {free_binding_context, V_RESIDENT_MEMORY_FREED},
        {free_registered_block, V_RESIDENT_MEMORY_FREED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ut_setup(NULL);
        assert_verdict(cases[i].fn, cases[i].id);
    }
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UT_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define UT_ASAN 1
#endif
#ifdef UT_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* A block's shadow, as the arena writes it: its bytes addressable up to its size, also inside a
 * partial last granule (13 bytes: 8, then 5 of the next 8), and nothing past them. */
static void asan_block_bounds(void **state)
{
    (void)state;
#ifdef UT_ASAN
    char *p = ExAllocatePoolWithTag(NonPagedPoolNx, 13, 'dnuo');
    assert_non_null(p);
    assert_false(__asan_region_is_poisoned(p, 13));
    assert_true(__asan_address_is_poisoned(p + 13));
    assert_true(__asan_address_is_poisoned(p + 16));
    assert_true(__asan_address_is_poisoned(p - 1));
    ExFreePoolWithTag(p, 'dnuo');
    assert_true(__asan_address_is_poisoned(p));
#else
    skip();
#endif
}

/* ASan sees a write one byte past a pool block (in a child process). */
static void asan_sees_overflow(void **state)
{
    (void)state;
#ifdef UT_ASAN
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int devnull[2];
        if (pipe(devnull) == 0)
            dup2(devnull[1], 2); /* keep ASan's report out of the test output */
        volatile char *p = ExAllocatePoolWithTag(NonPagedPoolNx, 24, 'revo');
        p[24] = 1;
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_false(WIFEXITED(status) && WEXITSTATUS(status) == 0);
#else
    skip();
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UT_TEST(uninitialized_pattern),
        UT_TEST(zeroed_pool),
        UT_TEST(untagged_allocation_tag),
        UT_TEST(pool2_invalid_flags),
        UT_TEST(pool2_optional_flags),
        UT_TEST(allocation_fails_by_plan),
        UT_TEST(huge_allocation_fails),
        UT_TEST(ledger_bound),
        UT_TEST(reset_frees_leftovers),
        UT_TEST(bugchecks),
        UT_TEST(stack_npi_may_be_reused),
        UT_TEST(asan_block_bounds),
        UT_TEST(asan_sees_overflow),
    };
    return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
