/* ke_irql.c - IRQL and spin locks: one processor, always at PASSIVE_LEVEL. */
#include "core.h"

KIRQL KeGetCurrentIrql(void)
{
    return PASSIVE_LEVEL;
}

void KeInitializeSpinLock(PKSPIN_LOCK lock)
{
    *lock = 0;
}

void KeAcquireSpinLock(PKSPIN_LOCK lock, PKIRQL old)
{
    *lock = 1;
    *old = PASSIVE_LEVEL;
}

void KeReleaseSpinLock(PKSPIN_LOCK lock, KIRQL irql)
{
    (void)irql;
    *lock = 0;
}
