/* host_trace_words.c - how the host's events read in a trace: the driver's entry points and
 * the world moving on while the client blocks. */
#include <stdio.h>

#include "host.h"

static void format_host(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    switch (v->ev) {
    case T_DRIVER_ENTRY:
        snprintf(out, size, v->is_return ? "DriverEntry returns %s" : "DriverEntry(DriverObject, RegistryPath)",
                 status_name(v->status));
        return;
    case T_DRIVER_UNLOAD:
        snprintf(out, size, v->is_return ? "DriverUnload returns" : "DriverUnload(DriverObject)");
        return;
    case T_WORLD_WAIT:
        snprintf(out, size, "the client blocks; the world moves on (%llu IRP%s pending)", (unsigned long long)v->a,
                 v->a == 1 ? "" : "s");
        return;
    default:
        snprintf(out, size, "event %d", (int)v->ev);
        return;
    }
}

void host_trace_words_start(void)
{
    trace_set_formatter(T_DRIVER_ENTRY, format_host);
    trace_set_formatter(T_DRIVER_UNLOAD, format_host);
    trace_set_formatter(T_WORLD_WAIT, format_host);
}
