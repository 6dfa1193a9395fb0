/* security.h - the umbrella of sspi.h (drivers define SECURITY_KERNEL and include it). */
#include "sspi.h"
