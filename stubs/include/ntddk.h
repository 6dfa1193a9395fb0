/* ntddk.h - the WDK's umbrella header for kernel-mode drivers; here it is wdm.h. */
#ifndef WSKFUZZ_NTDDK_H
#define WSKFUZZ_NTDDK_H
#include "wdm.h"
#endif
