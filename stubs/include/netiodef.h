/* netiodef.h - NPI identifiers and module IDs, shared by netioddk.h and wsk.h. */
#ifndef WSKFUZZ_NETIODEF_H
#define WSKFUZZ_NETIODEF_H

#include "ntdef.h"

typedef GUID NPIID;
typedef NPIID *PNPIID_MUTABLE;
typedef const NPIID *PNPIID;

typedef enum {
    MIT_GUID = 1,
    MIT_IF_LUID = 2
} NPI_MODULEID_TYPE;

typedef struct _NPI_MODULEID {
    USHORT Length;
    NPI_MODULEID_TYPE Type;
    union {
        GUID Guid;
        LUID IfLuid;
    };
} NPI_MODULEID;
typedef const NPI_MODULEID *PNPI_MODULEID;

static inline BOOLEAN NmrIsEqualNpiModuleId(PNPI_MODULEID a, PNPI_MODULEID b)
{
    if (a->Type != b->Type)
        return FALSE;
    if (a->Type == MIT_GUID)
        return IsEqualGUID(&a->Guid, &b->Guid);
    return a->IfLuid.LowPart == b->IfLuid.LowPart && a->IfLuid.HighPart == b->IfLuid.HighPart;
}

_Static_assert(sizeof(GUID) == 16, "GUID is 16 bytes on Windows x64");
_Static_assert(sizeof(LUID) == 8, "LUID is 8 bytes on Windows x64");
_Static_assert(sizeof(NPI_MODULEID) == 24, "NPI_MODULEID is 24 bytes on Windows x64");

#endif
