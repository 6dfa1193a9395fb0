/* io.h - IRPs (io.c owns the IRPs a provider holds pending). */
#ifndef WSKFUZZ_IO_H
#define WSKFUZZ_IO_H

#include "core.h"

/* What the provider above does around an IRP's completion, registered at start (the WSK
 * subsystem: its calls do their work as their IRP completes). */
typedef struct {
    void (*completing)(PIRP irp, NTSTATUS *status, ULONG_PTR *information); /* before the routine */
    void (*completed)(void);                                                 /* after it */
    bool (*cancel)(PIRP irp);     /* IoCancelIrp on an IRP it holds outside the pending list */
    void (*reused)(PIRP irp);     /* IoReuseIrp: the IRP may go to a call again */
} io_provider_hooks;
void io_set_provider_hooks(const io_provider_hooks *hooks);

void io_reset(void);
void io_final_checks(void);     /* IRP_LEAK */
/* Hold an IRP pending (owner: who it came through, for io_pending_owner); false when the
 * provider holds as many as it can. */
bool io_pend_irp(PIRP irp, NTSTATUS status, ULONG_PTR information, const void *owner);
bool io_irp_is_pending(PIRP irp);
/* Complete an IRP as the provider: status into IoStatus, then the client's completion routine. */
void io_complete(PIRP irp, NTSTATUS status, ULONG_PTR information);
/* The pending list, oldest first. */
unsigned io_pending_count(void);
NTSTATUS io_pending_status(unsigned which);   /* the status the provider would give it */
const void *io_pending_owner(unsigned which);
PIRP io_pending_irp(unsigned which);
void io_complete_pending(unsigned which, NTSTATUS status);

#endif
