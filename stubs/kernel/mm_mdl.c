/* mm_mdl.c - memory descriptor lists as the WDK documents them: IoAllocateMdl takes pool
 * (a fault point, and a leak is a pool leak with the client's line), MmProbeAndLockPages /
 * MmUnlockPages pair up, MmBuildMdlForNonPagedPool MDLs are never locked or unlocked, IoFreeMdl
 * comes after the unlock. Probing touches the described memory, so ASan reports a buffer that
 * is not there. */
#include "core.h"
#include "not_modeled.h"
#include "pool.h"

#undef IoAllocateMdl
#undef IoFreeMdl
#undef MmProbeAndLockPages
#undef MmUnlockPages
#undef MmBuildMdlForNonPagedPool
#undef MmGetSystemAddressForMdlSafe
#undef ExAllocatePoolWithTag
#undef ExFreePoolWithTag

#define MDL_TAG 0x4d646c20 /* 'Mdl ' */
#define MAX_MDL_PAGES 65536

static PVOID va_of(const MDL *m)
{
    return (PCHAR)m->StartVa + m->ByteOffset;
}

SIZE_T MmSizeOfMdl(PVOID base, SIZE_T length)
{
    return sizeof(MDL) + sizeof(PFN_NUMBER) * ADDRESS_AND_SIZE_TO_SPAN_PAGES(base, length);
}

PMDL IoAllocateMdl(PVOID va, ULONG length, BOOLEAN secondary, BOOLEAN quota, PIRP irp)
{
    (void)quota;
    ULONG pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, length);
    if (pages > MAX_MDL_PAGES)
        return NULL; /* documented: NULL when the buffer is too large */
    SIZE_T size = sizeof(MDL) + sizeof(PFN_NUMBER) * (pages ? pages : 1);
    PMDL mdl = ExAllocatePoolWithTag(NonPagedPoolNx, size, MDL_TAG);
    if (!mdl)
        return NULL;
    memset(mdl, 0, size);
    mdl->Size = (CSHORT)(size > 0x7fff ? 0x7fff : size);
    mdl->MdlFlags = MDL_ALLOCATED_FIXED_SIZE;
    mdl->StartVa = PAGE_ALIGN(va);
    mdl->ByteOffset = BYTE_OFFSET(va);
    mdl->ByteCount = length;
    if (irp) {
        if (!secondary) {
            irp->MdlAddress = mdl;
        } else {
            PMDL *tail = &irp->MdlAddress;
            while (*tail)
                tail = &(*tail)->Next;
            *tail = mdl;
        }
    }
    return mdl;
}

void IoFreeMdl(PMDL mdl)
{
    if (mdl && (mdl->MdlFlags & MDL_PAGES_LOCKED))
        verdict_fire(V_MDL_MISUSE, "IoFreeMdl on an MDL whose pages are still locked: call MmUnlockPages first");
    ExFreePoolWithTag(mdl, MDL_TAG);
}

void IoBuildPartialMdl(PMDL source, PMDL target, PVOID va, ULONG length)
{
    if (!length)
        length = source->ByteCount - (ULONG)((PCHAR)va - (PCHAR)va_of(source));
    target->StartVa = PAGE_ALIGN(va);
    target->ByteOffset = BYTE_OFFSET(va);
    target->ByteCount = length;
    target->MdlFlags = (CSHORT)((target->MdlFlags & MDL_ALLOCATED_FIXED_SIZE) | MDL_PARTIAL |
                                (source->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL));
    target->MappedSystemVa = va;
}

void MmProbeAndLockPages(PMDL mdl, KPROCESSOR_MODE mode, LOCK_OPERATION operation)
{
    (void)mode;
    if (mdl->MdlFlags & MDL_PAGES_LOCKED)
        verdict_fire(V_MDL_MISUSE, "MmProbeAndLockPages on an MDL that is already locked (unlock it first)");
    if (mdl->MdlFlags & (MDL_SOURCE_IS_NONPAGED_POOL | MDL_PARTIAL))
        verdict_fire(V_MDL_MISUSE, "MmProbeAndLockPages on an MDL built by %s: such MDLs are never locked",
                     mdl->MdlFlags & MDL_PARTIAL ? "IoBuildPartialMdl" : "MmBuildMdlForNonPagedPool");
    /* The probe: touch one byte per page, as making the pages resident does. */
    volatile const UCHAR *p = va_of(mdl);
    for (ULONG off = 0; off < mdl->ByteCount; off += PAGE_SIZE - BYTE_OFFSET(p + off))
        (void)p[off];
    if (mdl->ByteCount)
        (void)p[mdl->ByteCount - 1];
    mdl->MdlFlags |= MDL_PAGES_LOCKED;
    if (operation != IoReadAccess)
        mdl->MdlFlags |= MDL_WRITE_OPERATION;
}

void MmUnlockPages(PMDL mdl)
{
    if (mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL)
        verdict_fire(V_MDL_MISUSE, "MmUnlockPages on an MDL built by MmBuildMdlForNonPagedPool: it was never locked");
    if (!(mdl->MdlFlags & MDL_PAGES_LOCKED))
        verdict_fire(V_MDL_MISUSE, "MmUnlockPages on an MDL that is not locked (never locked, or unlocked twice)");
    mdl->MdlFlags &= (CSHORT) ~(MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA | MDL_WRITE_OPERATION);
    mdl->MappedSystemVa = NULL;
}

void MmBuildMdlForNonPagedPool(PMDL mdl)
{
    if (mdl->MdlFlags & MDL_PAGES_LOCKED)
        verdict_fire(V_MDL_MISUSE, "MmBuildMdlForNonPagedPool on an MDL locked by MmProbeAndLockPages");
    mdl->MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
    mdl->MappedSystemVa = va_of(mdl);
}

static PVOID map(PMDL mdl, const char *call, bool can_fail)
{
    if (mdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL | MDL_PARTIAL))
        return mdl->MappedSystemVa ? mdl->MappedSystemVa : va_of(mdl);
    if (!(mdl->MdlFlags & MDL_PAGES_LOCKED))
        verdict_fire(V_MDL_MISUSE, "%s on an MDL whose pages are not locked (MmProbeAndLockPages first)", call);
    if (can_fail && fault_alloc_fails())
        return NULL; /* documented: NULL when system address space runs short */
    mdl->MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA;
    mdl->MappedSystemVa = va_of(mdl);
    return mdl->MappedSystemVa;
}

PVOID MmGetSystemAddressForMdlSafe(PMDL mdl, ULONG priority)
{
    (void)priority;
    return map(mdl, "MmGetSystemAddressForMdlSafe", true);
}

PVOID MmMapLockedPagesSpecifyCache(PMDL mdl, KPROCESSOR_MODE mode, MEMORY_CACHING_TYPE cache, PVOID requested,
                                   ULONG bugcheck_on_failure, ULONG priority)
{
    (void)mode, (void)cache, (void)requested, (void)priority;
    return map(mdl, "MmMapLockedPagesSpecifyCache", !bugcheck_on_failure);
}

PVOID MmMapLockedPages(PMDL mdl, KPROCESSOR_MODE mode)
{
    (void)mode;
    return map(mdl, "MmMapLockedPages", false);
}

void MmUnmapLockedPages(PVOID base, PMDL mdl)
{
    (void)base;
    mdl->MdlFlags &= (CSHORT)~MDL_MAPPED_TO_SYSTEM_VA;
}
