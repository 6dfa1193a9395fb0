/* asan_runtime.c - find the ASan runtime's interface in this process (see asan_runtime.h). */
#define _GNU_SOURCE
#include "asan_runtime.h"

#include <dlfcn.h>
#include <stdbool.h>

const asan_runtime *asan_runtime_get(void)
{
    static asan_runtime rt;
    static bool looked, found;
    if (!looked) {
        /* Casts through void *: POSIX guarantees a function pointer survives them. */
        *(void **)&rt.poison = dlsym(RTLD_DEFAULT, "__asan_poison_memory_region");
        *(void **)&rt.unpoison = dlsym(RTLD_DEFAULT, "__asan_unpoison_memory_region");
        *(void **)&rt.shadow_mapping = dlsym(RTLD_DEFAULT, "__asan_get_shadow_mapping");
        *(void **)&rt.report_address = dlsym(RTLD_DEFAULT, "__asan_get_report_address");
        found = rt.poison && rt.unpoison && rt.shadow_mapping && rt.report_address;
        looked = true;
    }
    return found ? &rt : NULL;
}
