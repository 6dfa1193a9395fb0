/*
 * work_queue.h - a fixed pool of work items on interlocked singly linked lists, the way
 * drivers keep per-request contexts without taking a lock: a free list and a done list.
 */
#pragma once
#include <ntddk.h>
#include <wsk.h>

#define WQ_TAG 'qWlS'
#define WQ_ITEMS 4

typedef struct _WQ_ITEM {
    SLIST_ENTRY Link; /* first: SLIST entries are 16-byte aligned, as pool blocks are */
    ULONG Sequence;
    ULONG TransportCount;
} WQ_ITEM, *PWQ_ITEM;

NTSTATUS WqInitialize(VOID);
VOID WqRun(_In_ PWSK_PROVIDER_NPI Provider);
VOID WqTeardown(VOID);
USHORT WqFreeDepth(VOID);
