/* slist.c - interlocked singly linked lists (SLIST_HEADER), as the x64 kernel keeps them: the
 * header holds the depth, a sequence number bumped by every change and the first entry's
 * address >> 4. One thread runs the scenario, so "interlocked" is plain code here.
 * An entry that is not 16-byte aligned would lose its low address bits on Windows (the header
 * has no room for them): that is a bug of the driver, stopped here with a message. */
#include <stdio.h>
#include <stdlib.h>

#include <wdm.h>

static PSLIST_ENTRY first(const SLIST_HEADER *h)
{
    return (PSLIST_ENTRY)(ULONG_PTR)(h->HeaderX64.NextEntry << 4);
}

static void set_first(PSLIST_HEADER h, PSLIST_ENTRY e, int depth_change)
{
    h->HeaderX64.NextEntry = (ULONG_PTR)e >> 4;
    h->HeaderX64.Depth = (USHORT)(h->HeaderX64.Depth + depth_change);
    h->HeaderX64.Sequence++;
}

static void check_aligned(const char *routine, const void *p)
{
    if ((ULONG_PTR)p & (MEMORY_ALLOCATION_ALIGNMENT - 1)) {
        fprintf(stderr, "wskfuzz: %s: %p is not %d-byte aligned: the x64 SLIST_HEADER keeps only the bits above the "
                        "4th, so Windows would lose this entry (SLIST_ENTRY is DECLSPEC_ALIGN(16))\n",
                routine, p, MEMORY_ALLOCATION_ALIGNMENT);
        abort();
    }
}

void InitializeSListHead(PSLIST_HEADER SListHead)
{
    check_aligned(__func__, SListHead);
    SListHead->Alignment = 0;
    SListHead->Region = 0;
}

PSLIST_ENTRY InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry)
{
    PSLIST_ENTRY old = first(ListHead);
    check_aligned(__func__, ListEntry);
    ListEntry->Next = old;
    set_first(ListHead, ListEntry, 1);
    return old;
}

PSLIST_ENTRY InterlockedPopEntrySList(PSLIST_HEADER ListHead)
{
    PSLIST_ENTRY e = first(ListHead);
    if (e)
        set_first(ListHead, e->Next, -1);
    return e;
}

PSLIST_ENTRY InterlockedFlushSList(PSLIST_HEADER ListHead)
{
    PSLIST_ENTRY e = first(ListHead);
    if (e) {
        ListHead->HeaderX64.NextEntry = 0;
        ListHead->HeaderX64.Depth = 0;
    }
    return e;
}

USHORT ExQueryDepthSList(PSLIST_HEADER SListHead)
{
    return (USHORT)SListHead->HeaderX64.Depth;
}

/* The Ex variants take a spin lock that x64 ignores. */
PSLIST_ENTRY ExInterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    (void)Lock;
    return InterlockedPushEntrySList(ListHead, ListEntry);
}

PSLIST_ENTRY ExInterlockedPopEntrySList(PSLIST_HEADER ListHead, PKSPIN_LOCK Lock)
{
    (void)Lock;
    return InterlockedPopEntrySList(ListHead);
}

PSLIST_ENTRY ExInterlockedFlushSList(PSLIST_HEADER ListHead)
{
    return InterlockedFlushSList(ListHead);
}

/* A chain List..ListEnd of Count entries, already linked, goes on the front in one step. */
PSLIST_ENTRY InterlockedPushListSListEx(PSLIST_HEADER ListHead, PSLIST_ENTRY List, PSLIST_ENTRY ListEnd, ULONG Count)
{
    PSLIST_ENTRY old = first(ListHead);
    check_aligned(__func__, List);
    ListEnd->Next = old;
    set_first(ListHead, List, (int)Count);
    return old;
}
