/* test_sched.c - the simulated threads: a thread runs until it blocks, in a fixed order; the host
 * lets threads run between steps; preemptions strike at the planned kernel call; timers fire by
 * the virtual clock with their DPC at DISPATCH_LEVEL; WskDeregister ends a capture blocked on
 * another thread; an IoQueueWorkItem routine still runs after DriverUnload (it holds the driver). */
#include "ut.h"

#define V10 MAKE_WSK_VERSION(1, 0)

static char order[16]; /* who ran, in order: one letter per step */
static unsigned norder;
static KEVENT ev_a, ev_b;

static void mark(char c)
{
    if (norder < sizeof order - 1)
        order[norder++] = c;
    order[norder] = 0;
}

static void reset_order(void)
{
    norder = 0;
    order[0] = 0;
    KeInitializeEvent(&ev_a, NotificationEvent, FALSE);
    KeInitializeEvent(&ev_b, NotificationEvent, FALSE);
}

static PETHREAD start(PKSTART_ROUTINE routine, PVOID ctx)
{
    HANDLE h;
    PETHREAD t;
    assert_int_equal(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, routine, ctx), STATUS_SUCCESS);
    assert_int_equal(ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, (PVOID *)&t, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(ZwClose(h), STATUS_SUCCESS);
    return t;
}

static void wait_thread(PETHREAD t)
{
    assert_int_equal(KeWaitForSingleObject(t, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ObDereferenceObject(t);
}

static VOID letter(PVOID ctx)
{
    mark(*(const char *)ctx);
}

/* Threads start when the creator blocks, in the order they were created. */
UT_CLEAN_TEST(runs_when_creator_blocks)
{
    reset_order();
    static const char one = '1', two = '2';
    PETHREAD t1 = start(letter, (PVOID)&one), t2 = start(letter, (PVOID)&two);
    mark('0'); /* thread 0 goes on until it waits */
    wait_thread(t2);
    wait_thread(t1);
    assert_string_equal(order, "012");
    assert_true(PsIsSystemThread(PsGetCurrentThread()));
}

static VOID waits_for_a(PVOID ctx)
{
    (void)ctx;
    mark('w');
    KeWaitForSingleObject(&ev_a, Executive, KernelMode, FALSE, NULL);
    mark('W');
    KeSetEvent(&ev_b, IO_NO_INCREMENT, FALSE);
}

/* A wait switches to the other thread; a set event wakes the waiter at the next block. */
UT_CLEAN_TEST(events_across_threads)
{
    reset_order();
    PETHREAD t = start(waits_for_a, NULL);
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE); /* before the thread even ran */
    mark('s');
    KeWaitForSingleObject(&ev_b, Executive, KernelMode, FALSE, NULL);
    mark('b');
    wait_thread(t);
    assert_string_equal(order, "swWb");
}

/* The plan preempts thread 0 at its 6th kernel call: the worker runs before that call. */
UT_CLEAN_TEST(preemption_at_planned_call)
{
    reset_order();
    stub_plan plan = {0};
    plan.preemptions[0] = (stub_preemption){.thread = 0, .call = 6};
    stub_set_plan(&plan);
    static const char one = '1';
    PETHREAD t = start(letter, (PVOID)&one);  /* thread 0's kernel calls: 2 in reset_order, 3 and 4 */
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE); /* 5 */
    mark('a');
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE); /* 6: preempted before it */
    mark('b');
    wait_thread(t);
    assert_string_equal(order, "a1b");
}

/* Without the preemption the same code runs the worker only at the wait. */
UT_CLEAN_TEST(no_preemption_without_plan)
{
    reset_order();
    static const char one = '1';
    PETHREAD t = start(letter, (PVOID)&one);
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE);
    mark('a');
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE);
    mark('b');
    wait_thread(t);
    assert_string_equal(order, "ab1");
}

/* A preemption may name the thread that runs: thread 2 before thread 1, which the order picks. */
static void two_workers_preempted(unsigned to, const char *want)
{
    reset_order();
    stub_plan plan = {0};
    plan.preemptions[0] = (stub_preemption){.thread = 0, .call = 8, .to = (uint8_t)to};
    stub_set_plan(&plan);
    static const char one = '1', two = '2';
    PETHREAD t1 = start(letter, (PVOID)&one), t2 = start(letter, (PVOID)&two);
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE);
    mark('a');
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE); /* 8: preempted before it */
    mark('b');
    wait_thread(t1);
    wait_thread(t2);
    assert_string_equal(order, want);
}
UT_CLEAN_TEST(preemption_in_order) { two_workers_preempted(0, "a12b"); }
UT_CLEAN_TEST(preemption_to_named_thread) { two_workers_preempted(3, "a21b"); }
UT_CLEAN_TEST(preemption_to_thread_not_runnable) { two_workers_preempted(5, "a12b"); } /* thread 4: none */

/* explore's clean run: every call where a preemption would switch is noted, nothing switches. */
UT_CLEAN_TEST(recording_notes_points)
{
    stub_record_schedule(true);
    reset_order();
    static const char one = '1';
    PETHREAD t = start(letter, (PVOID)&one);
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE);
    mark('a');
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE);
    mark('b');
    wait_thread(t);
    stub_record_schedule(false);
    assert_string_equal(order, "ab1"); /* as without a plan */
    unsigned n = stub_preemption_point_count(), harness = 0;
    for (unsigned i = 0; i < n; i++) {
        const stub_preemption_point *p = stub_preemption_point_at(i);
        if (p->thread == 0) {
            assert_int_equal(p->runnable, 1u << 1); /* the worker, and only it */
            assert_int_equal(p->order, 1);
            harness++;
        }
    }
    assert_true(harness >= 2); /* the two KeSetEvent calls at least */
}

static KIRQL completion_irql;
static NTSTATUS note_completion(PDEVICE_OBJECT device, PIRP irp, PVOID ctx)
{
    (void)device, (void)irp, (void)ctx;
    completion_irql = KeGetCurrentIrql();
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* A completion routine runs at its completer's IRQL, or higher where the input chooses. */
static void complete_at(KIRQL caller, irql_choice choice, KIRQL want)
{
    stub_plan plan = {0};
    plan.callback_irql[CB_COMPLETION] = (uint8_t)choice;
    stub_set_plan(&plan);
    PIRP irp = IoAllocateIrp(1, FALSE);
    assert_non_null(irp);
    IoSetCompletionRoutine(irp, note_completion, NULL, TRUE, TRUE, TRUE);
    irp->IoStatus.Status = STATUS_SUCCESS;
    KIRQL old;
    KeRaiseIrql(caller, &old);
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    assert_int_equal(KeGetCurrentIrql(), caller);
    KeLowerIrql(old);
    assert_int_equal(completion_irql, want);
    IoFreeIrp(irp);
}
UT_CLEAN_TEST(completion_irql_default) { complete_at(APC_LEVEL, IRQL_CHOICE_DEFAULT, APC_LEVEL); }
UT_CLEAN_TEST(completion_irql_dispatch) { complete_at(PASSIVE_LEVEL, IRQL_CHOICE_DISPATCH, DISPATCH_LEVEL); }
UT_CLEAN_TEST(completion_irql_never_lower) { complete_at(APC_LEVEL, IRQL_CHOICE_PASSIVE, APC_LEVEL); }

static KTIMER timer;
static KDPC dpc;
static KIRQL dpc_irql;

static VOID timer_dpc(PKDPC d, PVOID ctx, PVOID a1, PVOID a2)
{
    (void)d, (void)ctx, (void)a1, (void)a2;
    dpc_irql = KeGetCurrentIrql();
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE);
}

/* Nothing else can run: the clock jumps to the timer, whose DPC runs at DISPATCH_LEVEL. */
UT_CLEAN_TEST(timer_dpc_on_the_clock)
{
    reset_order();
    LARGE_INTEGER before, after, due = {.QuadPart = -5 * 10000000LL}; /* 5 s */
    KeInitializeDpc(&dpc, timer_dpc, NULL);
    KeInitializeTimer(&timer);
    KeQuerySystemTime(&before);
    KeSetTimer(&timer, due, &dpc);
    assert_int_equal(KeWaitForSingleObject(&ev_a, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    KeQuerySystemTime(&after);
    assert_int_equal(after.QuadPart - before.QuadPart, 5 * 10000000LL);
    assert_int_equal(dpc_irql, DISPATCH_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    assert_false(KeCancelTimer(&timer)); /* it fired: no longer set */
    stub_final_checks();
}

static VOID mark_dpc(PKDPC d, PVOID ctx, PVOID a1, PVOID a2)
{
    (void)d, (void)a1, (void)a2;
    dpc_irql = KeGetCurrentIrql();
    mark(*(const char *)ctx);
}

/* Queued at DISPATCH_LEVEL on this processor, a DPC runs as soon as the IRQL drops below it
 * (the release of a spin lock, KeLowerIrql), on the same thread; one targeted at processor 1
 * runs only at the next scheduling point or flush. */
UT_CLEAN_TEST(dpc_runs_when_irql_drops)
{
    static const char here = 'd', there = 't';
    static KDPC other;
    KSPIN_LOCK lock;
    KIRQL old;
    reset_order();
    KeInitializeDpc(&dpc, mark_dpc, (PVOID)&here);
    KeInitializeDpc(&other, mark_dpc, (PVOID)&there);
    KeSetTargetProcessorDpc(&other, 1);
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    assert_true(KeInsertQueueDpc(&dpc, NULL, NULL));
    assert_true(KeInsertQueueDpc(&other, NULL, NULL));
    mark('a');
    KeReleaseSpinLock(&lock, old); /* 'd' runs here */
    mark('b');
    old = KfRaiseIrql(DISPATCH_LEVEL);
    assert_true(KeInsertQueueDpc(&dpc, NULL, NULL));
    mark('c');
    KeLowerIrql(old); /* and again here */
    assert_int_equal(dpc_irql, DISPATCH_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    mark('e');
    KeFlushQueuedDpcs(); /* processor 1's */
    assert_string_equal(order, "adbcdet");
    stub_final_checks();
}

/* Spin locks on one processor: a lock held by the acquiring thread itself, or by a thread
 * switched out (here one that took it with the AtDpcLevel form at PASSIVE_LEVEL and then waited),
 * is never released: DEADLOCK naming the holder; a lock never initialized is SYNC_MISUSE. */
static KSPIN_LOCK spin;
static VOID holds_spin_and_waits(PVOID ctx)
{
    (void)ctx;
    KeAcquireSpinLockAtDpcLevel(&spin); /* a misuse: the IRQL stays PASSIVE_LEVEL */
    KeWaitForSingleObject(&ev_a, Executive, KernelMode, FALSE, NULL);
    KeReleaseSpinLockFromDpcLevel(&spin);
}
static void spin_on_own_lock(void)
{
    KIRQL old;
    KeInitializeSpinLock(&spin);
    KeAcquireSpinLock(&spin, &old);
    KeAcquireSpinLockAtDpcLevel(&spin);
}
static void spin_on_switched_out_holder(void)
{
    KIRQL old;
    reset_order();
    KeInitializeSpinLock(&spin);
    PETHREAD t = start(holds_spin_and_waits, NULL);
    KeSetEvent(&ev_b, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(&ev_b, Executive, KernelMode, FALSE, NULL); /* signaled: the thread has not run yet */
    KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){.QuadPart = -10000}); /* now it runs and waits */
    KeAcquireSpinLock(&spin, &old);
    (void)t;
}
static void spin_on_garbage(void)
{
    KIRQL old;
    memset(&spin, 0xA5, sizeof spin); /* as ExAllocatePoolWithTag leaves a block */
    KeAcquireSpinLock(&spin, &old);
}
static void spin_taken_in_turn(void)
{
    KIRQL old;
    reset_order();
    KeInitializeSpinLock(&spin);
    PETHREAD t = start(holds_spin_and_waits, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){.QuadPart = -10000});
    KeSetEvent(&ev_a, IO_NO_INCREMENT, FALSE); /* it releases the lock before the next acquire */
    wait_thread(t);
    KeAcquireSpinLock(&spin, &old);
    KeReleaseSpinLock(&spin, old);
    stub_final_checks();
}
static void spin_lock_contention(void **state)
{
    (void)state;
    assert_verdict(spin_on_own_lock, V_DEADLOCK);
    assert_non_null(strstr(verdict_last_message(), "held by itself"));
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(spin_on_switched_out_holder, V_DEADLOCK);
    assert_non_null(strstr(verdict_last_message(), "thread 0 acquires a spin lock held by thread 1 (system thread"));
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(spin_on_garbage, V_SYNC_MISUSE);
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(spin_taken_in_turn, V_COUNT);
}

static VOID sleeper(PVOID ctx)
{
    (void)ctx;
    LARGE_INTEGER ms = {.QuadPart = -10000};
    for (int i = 0; i < 3; i++) {
        KeDelayExecutionThread(KernelMode, FALSE, &ms);
        mark('z');
    }
}

/* A thread's delay lets the others run and moves the clock to its deadline. */
UT_CLEAN_TEST(delay_in_a_thread)
{
    reset_order();
    LARGE_INTEGER before, after;
    KeQuerySystemTime(&before);
    PETHREAD t = start(sleeper, NULL);
    wait_thread(t);
    KeQuerySystemTime(&after);
    assert_string_equal(order, "zzz");
    assert_int_equal(after.QuadPart - before.QuadPart, 3 * 10000);
}

static WSK_REGISTRATION reg;
static const WSK_CLIENT_DISPATCH wsk_dispatch = {V10, 0, NULL};
static WSK_CLIENT_NPI wsk_npi = {NULL, &wsk_dispatch};
static NTSTATUS capture_status;

static VOID captures_forever(PVOID ctx)
{
    (void)ctx;
    WSK_PROVIDER_NPI npi;
    capture_status = WskCaptureProviderNPI(&reg, WSK_INFINITE_WAIT, &npi);
}

/* No WSK subsystem: the capture blocks its thread until WskDeregister ends it. */
UT_CLEAN_TEST(deregister_ends_blocked_capture)
{
    memset(&reg, 0, sizeof reg);
    capture_status = STATUS_SUCCESS;
    assert_int_equal(WskRegister(&wsk_npi, &reg), STATUS_SUCCESS);
    PETHREAD t = start(captures_forever, NULL);
    stub_drain_world(); /* nothing pending: the thread has not run yet */
    WskDeregister(&reg);
    wait_thread(t);
    assert_int_equal(capture_status, STATUS_DEVICE_NOT_READY);
    stub_final_checks();
}

static PDEVICE_OBJECT device;
static PIO_WORKITEM item;
static int item_runs;

static VOID item_routine(PDEVICE_OBJECT d, PVOID ctx)
{
    (void)ctx;
    assert_ptr_equal(d, device);
    KeWaitForSingleObject(&ev_b, Executive, KernelMode, FALSE, NULL);
    item_runs++;
    IoFreeWorkItem(item);
}

static NTSTATUS entry_queues_item(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    assert_int_equal(IoCreateDevice(driver, 16, NULL, FILE_DEVICE_NETWORK, 0, FALSE, &device), STATUS_SUCCESS);
    item = IoAllocateWorkItem(device);
    assert_non_null(item);
    IoQueueWorkItem(item, item_routine, DelayedWorkQueue, NULL);
    driver->DriverUnload = ut_client_unload;
    return STATUS_SUCCESS;
}

static void unload_releases_item(void)
{
    KeSetEvent(&ev_b, IO_NO_INCREMENT, FALSE); /* the item may finish; unload does not wait */
    IoDeleteDevice(device);
}

/* The item holds its device object, and so the driver: it finishes after DriverUnload returns. */
UT_CLEAN_TEST(io_work_item_outlives_unload)
{
    reset_order();
    item_runs = 0;
    ut_entry = entry_queues_item;
    ut_client_state.unload_hook = unload_releases_item;
    ut_play();
    assert_int_equal(item_runs, 1);
}

static volatile LONG flag;

static VOID blocked_forever(PVOID ctx)
{
    (void)ctx;
    KeWaitForSingleObject(&ev_a, Executive, KernelMode, FALSE, NULL); /* nobody sets it */
    flag = 1;
}

static VOID sets_flag_later(PVOID ctx)
{
    LARGE_INTEGER s = {.QuadPart = -10000000LL};
    (void)ctx;
    KeDelayExecutionThread(KernelMode, FALSE, &s);
    flag = 1;
}

static void poll_flag(PKSTART_ROUTINE worker)
{
    LARGE_INTEGER ms = {.QuadPart = -10000};
    reset_order();
    flag = 0;
    PETHREAD t = start(worker, NULL);
    while (!flag)
        KeDelayExecutionThread(KernelMode, FALSE, &ms);
    wait_thread(t);
}

static void polls_in_vain(void) { poll_flag(blocked_forever); }

/* Polling with delays while the only other thread is blocked for good: WAIT_FOREVER, not a hang;
 * polling for what a thread does later ends. */
static void polling(void **state)
{
    (void)state;
    assert_verdict(polls_in_vain, V_WAIT_FOREVER);
    ut_teardown(NULL);
    ut_setup(NULL);
    poll_flag(sets_flag_later);
    assert_int_equal(flag, 1);
}

static KSPIN_LOCK lock;

static VOID returns_at_dispatch(PVOID ctx)
{
    KIRQL old;
    (void)ctx;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old); /* never released */
}

static void thread_keeps_lock(void)
{
    PETHREAD t = start(returns_at_dispatch, NULL);
    wait_thread(t);
}

/* A verdict on another thread reaches the catcher on the harness's stack (unit tests, explore). */
static void verdict_on_a_thread(void **state)
{
    (void)state;
    assert_verdict(thread_keeps_lock, V_IRQL_NOT_RESTORED);
    ut_teardown(NULL);
    ut_setup(NULL);
    reset_order();
    static const char one = '1';
    PETHREAD t = start(letter, (PVOID)&one); /* the scheduler works again after the jump */
    wait_thread(t);
    assert_string_equal(order, "1");
}

/* The ExInterlocked...List routines' lock: held already, it spins (DEADLOCK); shared with
 * KeAcquireSpinLock, in either order, it breaks their rule (SYNC_MISUSE); alone, it is quiet. */
static KSPIN_LOCK list_lock;
static LIST_ENTRY list_head, list_items[2];
static SINGLE_LIST_ENTRY stack_head, stack_item;
static void list_setup(void)
{
    KeInitializeSpinLock(&list_lock);
    InitializeListHead(&list_head);
}
static void interlocked_under_its_lock(void)
{
    KIRQL old;
    list_setup();
    KeAcquireSpinLock(&list_lock, &old);
    ExInterlockedInsertTailList(&list_head, &list_items[0], &list_lock);
}
static void spin_lock_after_interlocked(void)
{
    KIRQL old;
    list_setup();
    ExInterlockedInsertTailList(&list_head, &list_items[0], &list_lock);
    KeAcquireSpinLock(&list_lock, &old);
}
static void interlocked_after_spin_lock(void)
{
    KIRQL old;
    list_setup();
    KeAcquireSpinLock(&list_lock, &old);
    KeReleaseSpinLock(&list_lock, old);
    ExInterlockedRemoveHeadList(&list_head, &list_lock);
}
static void interlocked_only(void)
{
    list_setup();
    assert_null(ExInterlockedInsertTailList(&list_head, &list_items[0], &list_lock));
    assert_ptr_equal(ExInterlockedInsertHeadList(&list_head, &list_items[1], &list_lock), &list_items[0]);
    assert_ptr_equal(ExInterlockedRemoveHeadList(&list_head, &list_lock), &list_items[1]);
    stack_head.Next = NULL;
    ExInterlockedPushEntryList(&stack_head, &stack_item, &list_lock);
    assert_ptr_equal(ExInterlockedPopEntryList(&stack_head, &list_lock), &stack_item);
    stub_final_checks();
}
static void interlocked_list_lock(void **state)
{
    (void)state;
    assert_verdict(interlocked_under_its_lock, V_DEADLOCK);
    assert_non_null(strstr(verdict_last_message(), "held by itself"));
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(spin_lock_after_interlocked, V_SYNC_MISUSE);
    assert_non_null(strstr(verdict_last_message(), "ExInterlocked...List"));
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(interlocked_after_spin_lock, V_SYNC_MISUSE);
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(interlocked_only, V_COUNT);
}

/* IRQL_TOO_HIGH says both levels in the WDK's words, a device IRQL as such. */
static FAST_MUTEX fast;
static void fast_mutex_at_dispatch(void)
{
    KIRQL old;
    ExInitializeFastMutex(&fast);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ExAcquireFastMutex(&fast);
}
static void allocation_at_device_irql(void)
{
    KIRQL old;
    KeRaiseIrql(5, &old);
    ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'tset');
}
static void irql_too_high_in_words(void **state)
{
    (void)state;
    assert_verdict(fast_mutex_at_dispatch, V_IRQL_TOO_HIGH);
    assert_non_null(strstr(verdict_last_message(), "called at DISPATCH_LEVEL (IRQL 2); its maximum is APC_LEVEL"));
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(allocation_at_device_irql, V_IRQL_TOO_HIGH);
    assert_non_null(strstr(verdict_last_message(), "called at a device IRQL (IRQL 5); its maximum is DISPATCH_LEVEL"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UT_TEST(runs_when_creator_blocks), UT_TEST(events_across_threads),  UT_TEST(preemption_at_planned_call),
        UT_TEST(no_preemption_without_plan), UT_TEST(timer_dpc_on_the_clock), UT_TEST(delay_in_a_thread),
        UT_TEST(deregister_ends_blocked_capture), UT_TEST(io_work_item_outlives_unload),
        UT_TEST(verdict_on_a_thread), UT_TEST(polling), UT_TEST(preemption_in_order),
        UT_TEST(preemption_to_named_thread), UT_TEST(preemption_to_thread_not_runnable),
        UT_TEST(recording_notes_points), UT_TEST(completion_irql_default), UT_TEST(completion_irql_dispatch),
        UT_TEST(completion_irql_never_lower), UT_TEST(dpc_runs_when_irql_drops), UT_TEST(spin_lock_contention),
        UT_TEST(irql_too_high_in_words), UT_TEST(interlocked_list_lock),
    };
    return cmocka_run_group_tests_name("sched", tests, NULL, NULL);
}
