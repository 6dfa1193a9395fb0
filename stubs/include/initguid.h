/* initguid.h - asks DEFINE_GUID for definitions; guiddef.h always gives them (weakly). */
#ifndef INITGUID
#define INITGUID
#endif
#include "guiddef.h"
