/* concurrencysal.h - the WDK's source annotations, all documentation here (wskfuzz_sal.h). */
#include "wskfuzz_sal.h"
