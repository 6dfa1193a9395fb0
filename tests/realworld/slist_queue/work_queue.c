/*
 * work_queue.c - items are allocated once (ExAllocatePool2), kept on a free list, taken for a
 * request, and put on a done list when it completes; teardown flushes both lists and frees
 * every item, whatever state the driver got to.
 */
#include "work_queue.h"

static SLIST_HEADER g_FreeList;
static SLIST_HEADER g_DoneList;
static ULONG g_NextSequence;

static VOID
WqFreeChain(_In_opt_ PSLIST_ENTRY Entry)
{
    while (Entry != NULL) {
        PSLIST_ENTRY next = Entry->Next;
        ExFreePoolWithTag(CONTAINING_RECORD(Entry, WQ_ITEM, Link), WQ_TAG);
        Entry = next;
    }
}

NTSTATUS
WqInitialize(VOID)
{
    ULONG i;

    InitializeSListHead(&g_FreeList);
    ExInitializeSListHead(&g_DoneList);
    for (i = 0; i < WQ_ITEMS; i++) {
        PWQ_ITEM item = (PWQ_ITEM)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(WQ_ITEM), WQ_TAG);
        if (item == NULL) {
            WqTeardown();
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        InterlockedPushEntrySList(&g_FreeList, &item->Link);
    }
    return STATUS_SUCCESS;
}

/* One request per free item: ask the provider how many transports it has. */
VOID
WqRun(_In_ PWSK_PROVIDER_NPI Provider)
{
    PSLIST_ENTRY entry;

    while ((entry = InterlockedPopEntrySList(&g_FreeList)) != NULL) {
        PWQ_ITEM item = CONTAINING_RECORD(entry, WQ_ITEM, Link);
        WSK_TRANSPORT transports[2];
        SIZE_T bytes = 0;
        NTSTATUS status;

        item->Sequence = ++g_NextSequence;
        status = Provider->Dispatch->WskControlClient(Provider->Client, WSK_TRANSPORT_LIST_QUERY, 0, NULL,
                                                      sizeof(transports), transports, &bytes, NULL);
        item->TransportCount = NT_SUCCESS(status) ? (ULONG)(bytes / sizeof(WSK_TRANSPORT)) : 0;
        ExInterlockedPushEntrySList(&g_DoneList, &item->Link, NULL);
    }
    /* everything done goes back on the free list in one step */
    entry = InterlockedFlushSList(&g_DoneList);
    while (entry != NULL) {
        PSLIST_ENTRY next = entry->Next;
        InterlockedPushEntrySList(&g_FreeList, entry);
        entry = next;
    }
}

USHORT
WqFreeDepth(VOID)
{
    return QueryDepthSList(&g_FreeList);
}

VOID
WqTeardown(VOID)
{
    WqFreeChain(InterlockedFlushSList(&g_DoneList));
    WqFreeChain(ExInterlockedFlushSList(&g_FreeList));
}
