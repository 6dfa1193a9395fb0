/* fault_plan.c - every allocation and every NMR / WSK call with a status choice is a fault
 * point, numbered in the order the scenario reaches them. The plan (from the input) names
 * points and what happens there, so every failure replays from its input alone. */
#include "core.h"

/* The plan of this scenario and the fault points reached so far. */
static stub_plan plan;
static bool preempts; /* the plan names a preemption: most plans do not, and cost nothing for it */
static unsigned fault_points;
static uint8_t point_kinds[STUB_MAX_RECORDED_POINTS + 1];
/* What explore's clean runs record (only while it asks: the fuzzing path never pays for it). */
static bool recording;
static unsigned callbacks_reached, npreempt_points;
static stub_preemption_point preempt_points[STUB_MAX_RECORDED_PREEMPTIONS];
_Static_assert(STUB_MAX_THREADS <= 16, "a preemption point's runnable threads are 16 bits");

/* Statuses the documentation names for each call (default mode). */
static const NTSTATUS documented_register[] = {STATUS_INSUFFICIENT_RESOURCES, STATUS_UNSUCCESSFUL};
static const NTSTATUS documented_attach[] = {STATUS_NOINTERFACE, STATUS_INSUFFICIENT_RESOURCES,
                                             STATUS_UNSUCCESSFUL};
static const NTSTATUS documented_wsk_register[] = {STATUS_INSUFFICIENT_RESOURCES, STATUS_UNSUCCESSFUL};
static const NTSTATUS documented_capture[] = {STATUS_DEVICE_NOT_READY, STATUS_NOINTERFACE, STATUS_UNSUCCESSFUL};
static const NTSTATUS documented_query[] = {STATUS_DEVICE_NOT_READY, STATUS_UNSUCCESSFUL};
/* Provider calls with an IRP may pend; their failures are ordinary errors. */
static const NTSTATUS documented_control[] = {STATUS_PENDING, STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED,
                                              STATUS_INSUFFICIENT_RESOURCES};
static const NTSTATUS alloc_fails[] = {STATUS_INSUFFICIENT_RESOURCES};
/* Socket calls (the PFN_WSK_* pages: STATUS_PENDING, the named errors, "other: an error").
 * STATUS_GRACEFUL_DISCONNECT in the receive table stands for the peer closing its side: the
 * IRP completes with STATUS_SUCCESS and 0 bytes, as WskReceive reports a graceful close. */
static const NTSTATUS documented_socket[] = {STATUS_PENDING, STATUS_INSUFFICIENT_RESOURCES, STATUS_NOT_SUPPORTED};
static const NTSTATUS documented_connect[] = {STATUS_PENDING, STATUS_CONNECTION_REFUSED, STATUS_IO_TIMEOUT,
                                              STATUS_NETWORK_UNREACHABLE, STATUS_HOST_UNREACHABLE,
                                              STATUS_FILE_FORCED_CLOSED, STATUS_INSUFFICIENT_RESOURCES};
static const NTSTATUS documented_bind[] = {STATUS_PENDING, STATUS_ADDRESS_ALREADY_EXISTS, STATUS_FILE_FORCED_CLOSED};
static const NTSTATUS documented_send[] = {STATUS_PENDING, STATUS_FILE_FORCED_CLOSED, STATUS_CONNECTION_RESET,
                                           STATUS_CONNECTION_ABORTED};
static const NTSTATUS documented_receive[] = {STATUS_PENDING, STATUS_FILE_FORCED_CLOSED, STATUS_CONNECTION_RESET,
                                              STATUS_CONNECTION_ABORTED, STATUS_GRACEFUL_DISCONNECT};
static const NTSTATUS documented_disconnect[] = {STATUS_PENDING, STATUS_FILE_FORCED_CLOSED,
                                                 STATUS_CONNECTION_ABORTED};
/* Close: only pending is injected by default; an error leaves the socket closed all the same. */
static const NTSTATUS documented_close[] = {STATUS_PENDING};
static const NTSTATUS documented_addrinfo[] = {STATUS_PENDING, STATUS_NOT_FOUND, STATUS_INSUFFICIENT_RESOURCES};
/* Any fault at a timed wait means: the timeout expires before the object is signaled. */
static const NTSTATUS documented_wait[] = {STATUS_TIMEOUT};

/* Hostile mode: anything a caller might mishandle, undocumented successes included. */
static const NTSTATUS hostile[] = {
    STATUS_PENDING, STATUS_TIMEOUT, STATUS_REPARSE, STATUS_MORE_ENTRIES, STATUS_ALERTED,
    STATUS_OBJECT_NAME_EXISTS, (NTSTATUS)0x40000001L, (NTSTATUS)0x7FFFFFFFL, STATUS_BUFFER_OVERFLOW,
    STATUS_NO_MORE_ENTRIES, (NTSTATUS)0x80000001L, STATUS_UNSUCCESSFUL, STATUS_NOT_IMPLEMENTED,
    STATUS_INVALID_HANDLE, STATUS_INVALID_PARAMETER, STATUS_NO_MEMORY, STATUS_INSUFFICIENT_RESOURCES,
    STATUS_DEVICE_NOT_READY, STATUS_NOT_SUPPORTED, STATUS_INTERNAL_ERROR, STATUS_CANCELLED,
    STATUS_INVALID_DEVICE_STATE, STATUS_NOT_FOUND, STATUS_NOINTERFACE, STATUS_ACCESS_DENIED,
    (NTSTATUS)0xC0000000L, (NTSTATUS)0xFFFFFFFFL,
};

#define TABLE(t) (*count = sizeof(t) / sizeof((t)[0]), (t))

const NTSTATUS *fault_statuses(fault_kind kind, bool hostile_mode, unsigned *count)
{
    if (kind == FP_ALLOC)
        return TABLE(alloc_fails);
    if (hostile_mode)
        return TABLE(hostile);
    switch (kind) {
    case FP_NMR_REGISTER_CLIENT: return TABLE(documented_register);
    case FP_NMR_ATTACH: return TABLE(documented_attach);
    case FP_WSK_REGISTER: return TABLE(documented_wsk_register);
    case FP_WSK_CAPTURE: return TABLE(documented_capture);
    case FP_WSK_QUERY: return TABLE(documented_query);
    case FP_WSK_CONTROL: return TABLE(documented_control);
    case FP_WSK_SOCKET: return TABLE(documented_socket);
    case FP_WSK_CONNECT: return TABLE(documented_connect);
    case FP_WSK_BIND: return TABLE(documented_bind);
    case FP_WSK_SEND: return TABLE(documented_send);
    case FP_WSK_RECEIVE: return TABLE(documented_receive);
    case FP_WSK_DISCONNECT: return TABLE(documented_disconnect);
    case FP_WSK_CLOSE: return TABLE(documented_close);
    case FP_WSK_ADDRINFO: return TABLE(documented_addrinfo);
    case FP_WAIT: return TABLE(documented_wait);
    default: return TABLE(alloc_fails);
    }
}

const char *fault_kind_name(fault_kind kind)
{
    static const char *const names[FP_KIND_COUNT] = {
        "allocation", "NmrRegisterClient", "NmrClientAttachProvider", "WskRegister",
        "WskCaptureProviderNPI", "WskQueryProviderCharacteristics", "WSK_PROVIDER_DISPATCH call",
        "WskSocket", "WskConnect", "WskBind", "WskSend", "WskReceive", "WskDisconnect", "WskCloseSocket",
        "WskGetAddressInfo", "timed wait",
    };
    return kind < FP_KIND_COUNT ? names[kind] : "?";
}

void stub_set_plan(const stub_plan *p)
{
    plan = *p;
    preempts = false;
    for (unsigned i = 0; i < STUB_MAX_PREEMPTIONS; i++)
        preempts |= plan.preemptions[i].call != 0;
    site_set_stop(site_calls() + 1); /* the next kernel call looks at the new plan's preemptions */
}

void fault_plan_reset(void)
{
    stub_raw_fill(&plan, 0, sizeof plan);
    preempts = false;
    fault_points = 0;
    callbacks_reached = npreempt_points = 0;
}

bool fault_plan_hostile(void)
{
    return plan.hostile;
}

unsigned stub_fault_point_count(void)
{
    return fault_points;
}

fault_kind stub_fault_point_kind(unsigned point)
{
    /* Only the points of the current run: past them the array holds an earlier run's kinds. */
    bool recorded = point >= 1 && point <= fault_points && point <= STUB_MAX_RECORDED_POINTS;
    return recorded ? (fault_kind)point_kinds[point] : FP_ALLOC;
}

/* The next fault point: what the plan says happens there (STATUS_SUCCESS: nothing). */
static NTSTATUS next_point(fault_kind kind)
{
    unsigned point = ++fault_points;
    if (point <= STUB_MAX_RECORDED_POINTS)
        point_kinds[point] = (uint8_t)kind;
    for (unsigned i = 0; i < STUB_MAX_FAULTS; i++) {
        const stub_fault *f = &plan.faults[i];
        if (f->point != point)
            continue;
        unsigned n;
        const NTSTATUS *table = fault_statuses(kind, plan.hostile, &n);
        NTSTATUS s = table[f->choice % n];
        trace_event(T_FAULT, point, kind, s);
        return s;
    }
    return STATUS_SUCCESS;
}

bool fault_alloc_fails(void)
{
    if (next_point(FP_ALLOC) != STATUS_SUCCESS)
        return true;
    if (!plan.random_alloc_percent)
        return false;
    /* xorshift64: the baseline's failures are random yet the same for the same input */
    uint64_t x = plan.random_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    plan.random_state = x;
    if (x % 100 >= plan.random_alloc_percent)
        return false;
    trace_event(T_FAULT, fault_points, FP_ALLOC, STATUS_INSUFFICIENT_RESOURCES);
    return true;
}

NTSTATUS fault_status(fault_kind kind)
{
    return next_point(kind);
}

unsigned fault_plan_next_preemption(unsigned thread, unsigned after)
{
    unsigned best = 0;
    if (recording) /* every call is a point to note (calls past 255 cannot be named by an input) */
        return after < 255 ? after + 1 : 0;
    if (!preempts)
        return 0;
    for (unsigned i = 0; i < STUB_MAX_PREEMPTIONS; i++) {
        const stub_preemption *p = &plan.preemptions[i];
        if (p->thread == thread && p->call > after && (!best || p->call < best))
            best = p->call;
    }
    return best;
}

/* The plan's slot for that call of that thread: the first slot naming the point wins, as for
 * faults. NULL: none. */
static const stub_preemption *preemption_at(unsigned thread, unsigned call)
{
    for (unsigned i = 0; i < STUB_MAX_PREEMPTIONS; i++)
        if (plan.preemptions[i].thread == thread && plan.preemptions[i].call == call)
            return &plan.preemptions[i];
    return NULL;
}

bool fault_plan_preempts_at(unsigned thread, unsigned call)
{
    return preempts && preemption_at(thread, call);
}

unsigned fault_plan_preemption_target(unsigned thread, unsigned call)
{
    const stub_preemption *p = preemption_at(thread, call);
    return p ? p->to : 0;
}

KIRQL fault_plan_callback_irql(callback_kind kind, KIRQL dflt)
{
    static const KIRQL level[IRQL_CHOICE_COUNT] = {PASSIVE_LEVEL, PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL};
    callbacks_reached |= 1u << kind;
    unsigned choice = plan.callback_irql[kind];
    return choice == IRQL_CHOICE_DEFAULT || choice >= IRQL_CHOICE_COUNT ? dflt : level[choice];
}

const char *callback_kind_name(callback_kind kind)
{
    static const char *const names[CB_KIND_COUNT] = {"detach", "cleanup", "completion"};
    return kind < CB_KIND_COUNT ? names[kind] : "?";
}

const char *irql_choice_name(irql_choice choice)
{
    static const char *const names[IRQL_CHOICE_COUNT] = {"default", "passive", "apc", "dispatch"};
    return choice < IRQL_CHOICE_COUNT ? names[choice] : "?";
}

void stub_record_schedule(bool on)
{
    recording = on;
}

bool fault_plan_recording(void)
{
    return recording;
}

void fault_plan_note_preemption_point(unsigned thread, unsigned call, unsigned order, unsigned runnable)
{
    if (npreempt_points < STUB_MAX_RECORDED_PREEMPTIONS)
        preempt_points[npreempt_points] =
            (stub_preemption_point){(uint8_t)thread, (uint8_t)call, (uint8_t)order, (uint16_t)runnable};
    npreempt_points++;
}

unsigned stub_callback_kinds_reached(void)
{
    return callbacks_reached;
}

unsigned stub_preemption_point_count(void)
{
    return npreempt_points;
}

const stub_preemption_point *stub_preemption_point_at(unsigned i)
{
    return i < npreempt_points && i < STUB_MAX_RECORDED_PREEMPTIONS ? &preempt_points[i] : NULL;
}
