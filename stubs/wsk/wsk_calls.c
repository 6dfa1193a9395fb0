/* wsk_calls.c - the engine that finishes WSK calls with IRPs (see wsk_calls.h): the IRP
 * discipline checks, the fault plan's say (inline, pending, parked), completion through the
 * client's IoCompletion routine, and cancellation when a socket closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ke_sync.h"
#include "wsk_calls.h"

static wsk_call calls[WSK_MAX_CALLS];
static unsigned ncalls_seen; /* slots taken since the reset: the ones past it are all unused */

/* IRPs that went to a call since IoAllocateIrp or IoReuseIrp, by pool serial (an IRP's identity
 * for the scenario: the arena never hands out an address twice, malloc may). */
#define USED_SERIALS 4096
static uint64_t used_irps[USED_SERIALS / 64];
static unsigned used_words; /* words written since the reset */

static const pool_entry *irp_entry(PIRP irp)
{
    const pool_entry *e = pool_find(irp);
    return e && e->is_irp && e->serial < USED_SERIALS ? e : NULL;
}

static bool irp_used(PIRP irp)
{
    const pool_entry *e = irp_entry(irp);
    return e && (used_irps[e->serial / 64] >> (e->serial % 64) & 1);
}

static void irp_mark_used(PIRP irp, bool used)
{
    const pool_entry *e = irp_entry(irp);
    if (!e)
        return;
    unsigned w = e->serial / 64;
    uint64_t bit = 1ull << (e->serial % 64);
    used_irps[w] = used ? used_irps[w] | bit : used_irps[w] & ~bit;
    if (w >= used_words)
        used_words = w + 1;
}

void wsk_irp_reused(PIRP irp)
{
    irp_mark_used(irp, false);
}

void wsk_calls_reset(void)
{
    /* Only `used` matters: a call is initialized whole when it is taken (no per-input memset). */
    for (unsigned i = 0; i < ncalls_seen; i++)
        calls[i].used = false;
    ncalls_seen = 0;
    stub_raw_fill(used_irps, 0, used_words * sizeof used_irps[0]);
    used_words = 0;
}

void wsk_trace_call(uint64_t a, uint64_t b, int32_t status)
{
    site_drop();
    trace_event(T_SOCKET_CALL, a, b, status);
}

/* ---- the IRP discipline ---- */

static wsk_call *call_of_irp(PIRP irp)
{
    for (unsigned i = 0; i < ncalls_seen; i++)
        if (calls[i].used && calls[i].irp == irp)
            return &calls[i];
    return NULL;
}

bool wsk_irp_check(PIRP irp, const char *call, bool required)
{
    if (!irp) {
        if (required) {
            verdict_fire(V_WSK_BAD_ARGUMENT, "%s was called without an IRP; its page requires one", call);
        }
        return false;
    }
    const pool_entry *e = pool_find(irp);
    if (!e || !e->is_irp) {
        verdict_fire(V_IRP_NOT_READY, "%s got an IRP that is no live IoAllocateIrp allocation (freed, or never "
                     "allocated)", call);
    }
    if (irp->StackCount < 1) {
        verdict_fire(V_IRP_NOT_READY, "%s got an IRP allocated with %d stack locations; WSK needs at least one",
                     call, irp->StackCount);
    }
    if (io_irp_is_pending(irp) || call_of_irp(irp)) {
        verdict_fire(V_IRP_NOT_READY, "%s got an IRP that an earlier WSK call still holds (not completed yet)", call);
    }
    if (irp_used(irp)) {
        verdict_fire(V_IRP_NOT_READY, "%s got an IRP that already went to a WSK call and was not reinitialized "
                     "with IoReuseIrp", call);
    }
    const IO_STACK_LOCATION *s = &irp->Stack[0]; /* the location IoSetCompletionRoutine fills */
    const UCHAR all = SL_INVOKE_ON_SUCCESS | SL_INVOKE_ON_ERROR | SL_INVOKE_ON_CANCEL;
    if (!s->CompletionRoutine) {
        verdict_fire(V_IRP_NO_COMPLETION_ROUTINE, "%s got an IRP without an IoCompletion routine: the I/O manager "
                     "would complete a driver-allocated IRP to nobody", call);
    }
    if ((s->Control & all) != all) {
        verdict_fire(V_IRP_NO_COMPLETION_ROUTINE, "%s got an IRP whose IoCompletion routine is not invoked on%s%s%s",
                     call, s->Control & SL_INVOKE_ON_SUCCESS ? "" : " success",
                     s->Control & SL_INVOKE_ON_ERROR ? "" : " error", s->Control & SL_INVOKE_ON_CANCEL ? "" : " cancel");
    }
    irp_mark_used(irp, true);
    return true;
}

/* ---- finishing calls ---- */

wsk_call *wsk_call_new(PIRP irp, wsk_perform_fn perform, int sock, int binding, int wsk_reg)
{
    ke_sync_activity(); /* a client making calls is not idly polling */
    for (unsigned i = 0; i < WSK_MAX_CALLS; i++)
        if (!calls[i].used) {
            calls[i] = (wsk_call){.used = true, .irp = irp, .perform = perform, .sock = sock, .binding = binding,
                                  .wsk_reg = wsk_reg};
            if (i >= ncalls_seen)
                ncalls_seen = i + 1;
            return &calls[i];
        }
    return NULL;
}

/* Perform, forget the record, then complete: the completion routine may free or reuse the IRP. */
static NTSTATUS complete_now(wsk_call *c, NTSTATUS status)
{
    ULONG_PTR information = 0;
    PIRP irp = c->irp;
    c->perform(c, &status, &information);
    c->used = false;
    if (irp)
        io_complete(irp, status, information);
    else
        wsk_irp_completed();
    return status;
}

NTSTATUS wsk_call_finish(wsk_call *c, fault_kind kind, NTSTATUS model_status, bool park)
{
    NTSTATUS fault = fault_status(kind);
    NTSTATUS status = model_status != STATUS_SUCCESS ? model_status : fault;
    if (!c->irp) /* no IRP (an optional one left out): the call answers directly */
        return complete_now(c, status == STATUS_PENDING ? STATUS_SUCCESS : status);
    if (NT_SUCCESS(status) && park) {
        c->parked = true;
        c->irp->PendingReturned = TRUE;
        trace_event(T_IRP_PENDING, 0, 0, STATUS_PENDING);
        return STATUS_PENDING;
    }
    if (status == STATUS_PENDING) {
        NTSTATUS later = fault_status(kind);
        if (later == STATUS_PENDING)
            later = STATUS_SUCCESS;
        if (io_pend_irp(c->irp, later, 0, wsk_client_object(c->binding, c->wsk_reg)))
            return STATUS_PENDING;
        status = later; /* the provider holds as many IRPs as it can: this one completes now */
    }
    return complete_now(c, status);
}

static void irp_completing(PIRP irp, NTSTATUS *status, ULONG_PTR *information)
{
    wsk_call *c = call_of_irp(irp);
    if (!c || c->parked)
        return;
    c->perform(c, status, information);
    c->used = false;
}

void wsk_calls_cancel_socket(int sock)
{
    for (unsigned i = 0; i < ncalls_seen; i++) {
        wsk_call *c = &calls[i];
        if (!c->used || c->sock != sock)
            continue;
        if (c->parked) {
            c->parked = false;
            complete_now(c, STATUS_CANCELLED);
            continue;
        }
        for (unsigned p = 0; p < io_pending_count(); p++)
            if (io_pending_irp(p) == c->irp) {
                io_complete_pending(p, STATUS_CANCELLED);
                break;
            }
    }
}

static bool irp_cancel(PIRP irp)
{
    wsk_call *c = call_of_irp(irp);
    if (!c || !c->parked)
        return false;
    irp->Cancel = TRUE;
    c->parked = false;
    complete_now(c, STATUS_CANCELLED);
    return true;
}

bool wsk_calls_on_binding(int binding)
{
    for (unsigned i = 0; i < ncalls_seen; i++)
        if (calls[i].used && calls[i].binding == binding)
            return true;
    return false;
}

bool wsk_calls_parked(int sock)
{
    for (unsigned i = 0; i < ncalls_seen; i++)
        if (calls[i].used && calls[i].parked && (sock < 0 || calls[i].sock == sock))
            return true;
    return false;
}

static const char *parked_hint(void)
{
    return wsk_calls_parked(-1) ? "; a receive or accept is parked with no more data or connections coming: only "
                                  "closing its socket or cancelling its IRP completes it"
                                : "";
}

void wsk_calls_start(void)
{
    static const io_provider_hooks hooks = {irp_completing, wsk_irp_completed, irp_cancel, wsk_irp_reused};
    io_set_provider_hooks(&hooks);
    world_wait_set_hint(parked_hint);
}
