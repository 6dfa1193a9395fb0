/* guiddef.h - GUID (defined in ntdef.h) and DEFINE_GUID. A GUID named with DEFINE_GUID is
 * defined weakly in every file that names it, so it links with or without INITGUID (the WDK
 * defines it only under INITGUID and takes the other files' copies from a library). */
#ifndef WSKFUZZ_GUIDDEF_H
#define WSKFUZZ_GUIDDEF_H
#ifndef GUID_DEFINED
#define GUID_DEFINED
#endif
#include "ntdef.h"

#ifndef DEFINE_GUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)                                      \
    extern const GUID name;                                                                            \
    __attribute__((weak)) const GUID name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#endif
#ifndef DEFINE_GUIDSTRUCT
#define DEFINE_GUIDSTRUCT(g, n) struct n
#endif
typedef GUID IID, CLSID, FMTID;
typedef const GUID *REFIID, *REFCLSID;
#ifndef IsEqualIID
#define IsEqualIID(a, b) IsEqualGUID((a), (b))
#endif
#endif
