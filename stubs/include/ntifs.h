/* ntifs.h - the WDK's header for file-system and filter drivers, which some WSK clients include
 * instead of ntddk.h; the part the stub kernel models is ntddk.h's. */
#ifndef WSKFUZZ_NTIFS_H
#define WSKFUZZ_NTIFS_H
#ifndef _NTIFS_
#define _NTIFS_ /* the WDK's guard, which drivers test */
#endif
#include "ntddk.h"
#endif
