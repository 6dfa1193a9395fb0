/* wdk_types.h - the WDK's types for the stub kernel's own code. The harness is not a client:
 * WSKFUZZ_HARNESS keeps the MSVC spellings (try, leave, min, max...) out of it. */
#ifndef WSKFUZZ_WDK_TYPES_H
#define WSKFUZZ_WDK_TYPES_H

#define WSKFUZZ_HARNESS 1
#include <wsk.h>

#endif
