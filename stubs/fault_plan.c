/* fault_plan.c - every allocation and every NMR / WSK call with a status choice is a fault
 * point, numbered in the order the scenario reaches them. The plan (from the input) names
 * points and what happens there, so every failure replays from its input alone. */
#include "kernel.h"

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
    default: return TABLE(alloc_fails);
    }
}

const char *fault_kind_name(fault_kind kind)
{
    static const char *const names[FP_KIND_COUNT] = {
        "allocation", "NmrRegisterClient", "NmrClientAttachProvider", "WskRegister",
        "WskCaptureProviderNPI", "WskQueryProviderCharacteristics", "WSK_PROVIDER_DISPATCH call",
    };
    return kind < FP_KIND_COUNT ? names[kind] : "?";
}

void stub_set_plan(const stub_plan *plan)
{
    k.plan = *plan;
}

unsigned stub_fault_point_count(void)
{
    return k.fault_points;
}

fault_kind stub_fault_point_kind(unsigned point)
{
    return point >= 1 && point <= STUB_MAX_RECORDED_POINTS ? (fault_kind)k.point_kinds[point] : FP_ALLOC;
}

/* The next fault point: what the plan says happens there (STATUS_SUCCESS: nothing). */
static NTSTATUS next_point(fault_kind kind)
{
    unsigned point = ++k.fault_points;
    if (point <= STUB_MAX_RECORDED_POINTS)
        k.point_kinds[point] = (uint8_t)kind;
    for (unsigned i = 0; i < STUB_MAX_FAULTS; i++) {
        const stub_fault *f = &k.plan.faults[i];
        if (f->point != point)
            continue;
        unsigned n;
        const NTSTATUS *table = fault_statuses(kind, k.plan.hostile, &n);
        NTSTATUS s = table[f->choice % n];
        trace_event(T_FAULT, point, kind, s);
        return s;
    }
    return STATUS_SUCCESS;
}

bool fault_alloc_fails(void)
{
    return next_point(FP_ALLOC) != STATUS_SUCCESS;
}

NTSTATUS fault_status(fault_kind kind)
{
    return next_point(kind);
}
