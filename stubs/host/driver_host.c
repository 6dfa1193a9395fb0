/* driver_host.c - load and unload the client driver as the I/O manager would, reset the stub
 * kernel between inputs, and run the residue checks at the end of a scenario. */
#include <stdlib.h>

#include "kernel.h"

struct kernel k;

static const WCHAR registry_path_text[] = u"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\wskclient";
static UNICODE_STRING registry_path;

void stub_reset(void)
{
    pool_reset();
    models_reset();
    trace_reset();
    /* Counts to zero is enough: objects are initialized whole when they are created. */
    k.npool = k.nclients = k.nproviders = k.nbindings = k.nwsk_regs = k.npending = 0;
    k.fault_points = 0;
    k.pool_serial = 0;
    k.step = 0;
    k.attaching = -1;
    k.loaded = k.in_driver_entry = k.unloading = false;
    k.site_file = k.last_file = NULL;
    stub_raw_fill(&k.plan, 0, sizeof k.plan);
    stub_raw_fill(&k.driver, 0, sizeof k.driver);
    k.driver.Type = 4; /* IO_TYPE_DRIVER */
    k.driver.Size = (CSHORT)sizeof k.driver;
    registry_path = (UNICODE_STRING){sizeof registry_path_text - sizeof(WCHAR), sizeof registry_path_text,
                                     (PWSTR)registry_path_text};
    stub_client_globals_restore();
}

bool stub_driver_loaded(void)
{
    return k.loaded;
}

static bool has_registrations(void)
{
    for (unsigned i = 0; i < k.nclients; i++)
        if (k.clients[i].state == REG_ACTIVE)
            return true;
    for (unsigned i = 0; i < k.nwsk_regs; i++)
        if (k.wsk_regs[i].state == REG_ACTIVE)
            return true;
    return false;
}

NTSTATUS stub_load_driver(void)
{
    k.step++;
    trace_event(T_DRIVER_ENTRY, 0, 0, 0);
    k.in_driver_entry = true;
    NTSTATUS status = DriverEntry(&k.driver, &registry_path);
    k.in_driver_entry = false;
    trace_return(T_DRIVER_ENTRY, 0, 0, status);
    if (NT_SUCCESS(status)) {
        k.loaded = true;
        if (!k.driver.DriverUnload && has_registrations())
            verdict_fire(V_DRIVER_NO_UNLOAD, "DriverEntry returned %s without setting DriverUnload while it is "
                         "registered: it can never deregister", status_name(status));
        return status;
    }
    /* A failed DriverEntry is never unloaded: it must leave nothing behind. */
    nmr_unload_checks();
    wsk_reg_final_checks();
    return status;
}

void stub_unload_driver(void)
{
    if (!k.loaded)
        return;
    k.step++;
    k.unloading = true;
    trace_event(T_DRIVER_UNLOAD, 0, 0, 0);
    if (k.driver.DriverUnload)
        k.driver.DriverUnload(&k.driver);
    trace_return(T_DRIVER_UNLOAD, 0, 0, 0);
    nmr_unload_checks();
    wsk_reg_final_checks();
    k.loaded = false;
    k.unloading = false;
}

void stub_final_checks(void)
{
    stub_drain_world();
    nmr_final_checks();
    wsk_reg_final_checks();
    models_final_checks();
    io_final_checks();
    const pool_entry *left = pool_first_live_since(0);
    for (unsigned i = 0; i < k.npool; i++)
        if (k.pool[i].failed_attach >= 0)
            left = &k.pool[i]; /* the more telling verdict when there are several leaks */
    if (left)
        verdict_point_at(left->file, left->line);
    if (left && left->failed_attach >= 0)
        verdict_fire(V_POOL_LEAK_FAILED_ATTACH,
                     "ClientAttachProvider did not attach (binding %d) and the %zu bytes with tag '%c%c%c%c' it "
                     "allocated at %s:%d were never freed",
                     left->failed_attach, left->size, (char)(left->tag >> 24), (char)(left->tag >> 16),
                     (char)(left->tag >> 8), (char)left->tag, left->file ? left->file : "?", left->line);
    if (left)
        verdict_fire(V_POOL_LEAK, "%zu bytes with tag '%c%c%c%c' allocated at %s:%d (step %u) were never freed "
                     "(%u allocation%s left)",
                     left->size, (char)(left->tag >> 24), (char)(left->tag >> 16), (char)(left->tag >> 8),
                     (char)left->tag, left->file ? left->file : "?", left->line, left->step, k.npool,
                     k.npool == 1 ? "" : "s");
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
