/* io.c - IRPs as WSK clients use them: allocated by the client, handed to a provider call,
 * completed (now or when the world says) through the completion routine the client set. */
#include "io.h"
#include "irql.h"
#include "pool.h"

typedef struct {
    PIRP irp;
    NTSTATUS status;   /* the status it completes with unless the world says otherwise */
    ULONG_PTR information;
    const void *owner;
} pending_irp;

static pending_irp pending[STUB_MAX_PENDING_IRPS];
static unsigned npending;
static io_provider_hooks hooks;

void io_set_provider_hooks(const io_provider_hooks *h)
{
    hooks = *h;
}

void io_reset(void)
{
    npending = 0;
}

#undef IoAllocateIrp
#undef IoFreeIrp

PIRP IoAllocateIrp(CCHAR stack_size, BOOLEAN charge_quota)
{
    (void)charge_quota;
    PIRP irp = pool_alloc_irp(sizeof(IRP), (unsigned char)stack_size);
    if (!irp)
        return NULL;
    irp->Type = 6; /* IO_TYPE_IRP */
    irp->Size = (USHORT)sizeof(IRP);
    irp->StackCount = stack_size;
    irp->CurrentLocation = (CHAR)(stack_size + 1);
    irp->IoStatus.Status = STATUS_SUCCESS;
    return irp;
}

/* Traces name IRPs by allocation number, never by address: traces must match across builds. */
static uint64_t irp_id(PIRP irp)
{
    const pool_entry *e = pool_find(irp);
    return e ? e->serial : (uint64_t)-1;
}

bool io_irp_is_pending(PIRP irp)
{
    for (unsigned i = 0; i < npending; i++)
        if (pending[i].irp == irp)
            return true;
    return false;
}

void IoFreeIrp(PIRP irp)
{
    if (irp && io_irp_is_pending(irp))
        verdict_fire(V_IRP_MISUSE, "IoFreeIrp on an IRP the provider still holds (pending)");
    pool_free_irp(irp);
}

void IoReuseIrp(PIRP irp, NTSTATUS status)
{
    if (io_irp_is_pending(irp))
        verdict_fire(V_IRP_MISUSE, "IoReuseIrp on an IRP the provider still holds (pending)");
    memset(irp->Stack, 0, sizeof irp->Stack);
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = 0;
    irp->PendingReturned = FALSE;
    irp->Cancel = FALSE;
    irp->CurrentLocation = (CHAR)(irp->StackCount + 1);
    if (hooks.reused)
        hooks.reused(irp); /* reinitialized: it may go to a WSK call again */
}

/* The stack location the next-lower driver (here: the WSK provider) uses. */
PIO_STACK_LOCATION IoGetNextIrpStackLocation(PIRP irp)
{
    return &irp->Stack[0];
}

PIO_STACK_LOCATION IoGetCurrentIrpStackLocation(PIRP irp)
{
    return &irp->Stack[1];
}

void IoSetCompletionRoutine(PIRP irp, PIO_COMPLETION_ROUTINE routine, PVOID context, BOOLEAN on_success,
                            BOOLEAN on_error, BOOLEAN on_cancel)
{
    PIO_STACK_LOCATION s = IoGetNextIrpStackLocation(irp);
    s->CompletionRoutine = routine;
    s->Context = context;
    s->Control = (UCHAR)((on_success ? SL_INVOKE_ON_SUCCESS : 0) | (on_error ? SL_INVOKE_ON_ERROR : 0) |
                         (on_cancel ? SL_INVOKE_ON_CANCEL : 0));
}

/* Complete an IRP as the provider: status into IoStatus, then the client's completion routine. */
void io_complete(PIRP irp, NTSTATUS status, ULONG_PTR information)
{
    if (hooks.completing)
        hooks.completing(irp, &status, &information); /* a WSK socket call does its work now */
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = information;
    PIO_STACK_LOCATION s = IoGetNextIrpStackLocation(irp);
    UCHAR want = status == STATUS_CANCELLED ? SL_INVOKE_ON_CANCEL
                 : NT_SUCCESS(status)       ? SL_INVOKE_ON_SUCCESS
                                            : SL_INVOKE_ON_ERROR;
    trace_event(T_IRP_COMPLETE, irp_id(irp), 0, status);
    if (!s->CompletionRoutine || !(s->Control & want)) {
        if (hooks.completed)
            hooks.completed();
        return;
    }
    /* At <= DISPATCH_LEVEL: its completer's IRQL, or higher where the input chooses. */
    KIRQL level = fault_plan_callback_irql(CB_COMPLETION, sched_irql());
    KIRQL before = irql_enter_callback(level);
    NTSTATUS r = s->CompletionRoutine(NULL, irp, s->Context);
    irql_leave_callback(level, before, "the IRP's completion routine");
    if (hooks.completed)
        hooks.completed(); /* what the provider does once the client saw the completion */
    if (r != STATUS_MORE_PROCESSING_REQUIRED)
        verdict_fire(V_IRP_MISUSE,
                     "the completion routine of a driver-allocated IRP returned %s, not "
                     "STATUS_MORE_PROCESSING_REQUIRED: the I/O manager would complete it further and free it",
                     status_name(r));
}

void IoCompleteRequest(PIRP irp, CCHAR boost)
{
    (void)boost;
    io_complete(irp, irp->IoStatus.Status, irp->IoStatus.Information);
}

BOOLEAN IoCancelIrp(PIRP irp)
{
    for (unsigned i = 0; i < npending; i++)
        if (pending[i].irp == irp) {
            irp->Cancel = TRUE;
            io_complete_pending(i, STATUS_CANCELLED);
            return TRUE;
        }
    if (hooks.cancel && hooks.cancel(irp)) /* a parked receive or accept */
        return TRUE;
    irp->Cancel = TRUE;
    return FALSE;
}

bool io_pend_irp(PIRP irp, NTSTATUS status, ULONG_PTR information, const void *owner)
{
    if (npending == STUB_MAX_PENDING_IRPS || io_irp_is_pending(irp))
        return false;
    irp->PendingReturned = TRUE;
    pending[npending++] = (pending_irp){irp, status, information, owner};
    trace_event(T_IRP_PENDING, irp_id(irp), npending, STATUS_PENDING);
    return true;
}

unsigned io_pending_count(void)
{
    return npending;
}

NTSTATUS io_pending_status(unsigned which)
{
    return which < npending ? pending[which].status : STATUS_SUCCESS;
}

const void *io_pending_owner(unsigned which)
{
    return which < npending ? pending[which].owner : NULL;
}

PIRP io_pending_irp(unsigned which)
{
    return which < npending ? pending[which].irp : NULL;
}

void io_complete_pending(unsigned which, NTSTATUS status)
{
    if (which >= npending)
        return;
    pending_irp p = pending[which];
    for (unsigned i = which; i + 1 < npending; i++)
        pending[i] = pending[i + 1];
    npending--;
    io_complete(p.irp, status, p.information);
}

void io_final_checks(void)
{
    const pool_entry *e = pool_first_live_irp();
    if (e) {
        site_point_at(e->file, e->line);
        verdict_fire(V_IRP_LEAK, "an IRP allocated at %s:%d was never freed with IoFreeIrp", e->file ? e->file : "?",
                     e->line);
    }
}
