/* asan_runtime.c - find the ASan runtime's interface in this process (see asan_runtime.h). */
#define _GNU_SOURCE
#include "asan_runtime.h"

#include <dlfcn.h>
#include <stdbool.h>

const asan_runtime *asan_runtime_found;
bool asan_runtime_looked_up;

const asan_runtime *asan_runtime_lookup(void)
{
    static asan_runtime rt;
    /* Casts through void *: POSIX guarantees a function pointer survives them. */
    *(void **)&rt.poison = dlsym(RTLD_DEFAULT, "__asan_poison_memory_region");
    *(void **)&rt.shadow_mapping = dlsym(RTLD_DEFAULT, "__asan_get_shadow_mapping");
    *(void **)&rt.report_address = dlsym(RTLD_DEFAULT, "__asan_get_report_address");
    bool found = rt.poison && rt.shadow_mapping && rt.report_address;
    asan_runtime_found = found ? &rt : NULL;
    asan_runtime_looked_up = true;
    return asan_runtime_found;
}
