/* driver_runtime.c - ExInitializeDriverRuntime: with DrvRtPoolNxOptIn, a driver built with
 * POOL_NX_OPTIN=1 gets the no-execute pool for NonPagedPool and no-execute MDL mappings, as on
 * Windows 8 and later (NTDDI_VERSION here is a Windows 10 one). Before the call NonPagedPool
 * means the executable pool. Both are valid pool types to the pool model. */
#include <wdm.h>

POOL_TYPE ExDefaultNonPagedPoolType = NonPagedPoolExecute;
ULONG ExDefaultMdlProtection = 0;

void ExInitializeDriverRuntime(ULONG RuntimeFlags)
{
    if (RuntimeFlags & DrvRtPoolNxOptIn) {
        ExDefaultNonPagedPoolType = NonPagedPoolNx;
        ExDefaultMdlProtection = MdlMappingNoExecute;
    }
}
