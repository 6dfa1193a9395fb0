/* ntddk.h - the WDK's umbrella header for kernel-mode drivers; here it is wdm.h. */
#ifndef WSKFUZZ_NTDDK_H
#define WSKFUZZ_NTDDK_H
#ifndef _NTDDK_
#define _NTDDK_ /* the WDK's guard, which drivers test */
#endif
#include "wdm.h"
#endif
