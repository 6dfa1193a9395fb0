/*
 * query.c - configured by query/compile_flags.txt, the nearest to it: how many transport queries.
 */
#include "split.h"

#if !defined(SPLIT_QUERY) || !defined(SPLIT_QUERIES) || defined(SPLIT_ENTRY) || defined(SPLIT_LIB)
#error "query.c takes the flags of query/compile_flags.txt only"
#endif

NTSTATUS
SplitQuery(_In_ PWSK_PROVIDER_NPI Provider, _Inout_ PSPLIT_STATE State)
{
    ULONG i;

    for (i = 0; i < SPLIT_QUERIES; i++) {
        WSK_TRANSPORT transport;
        SIZE_T bytes = 0;
        NTSTATUS status = Provider->Dispatch->WskControlClient(Provider->Client, WSK_TRANSPORT_LIST_QUERY, 0, NULL,
                                                               sizeof(transport), &transport, &bytes, NULL);
        if (!NT_SUCCESS(status)) {
            return status;
        }
        State->Queries++;
    }
    return STATUS_SUCCESS;
}
