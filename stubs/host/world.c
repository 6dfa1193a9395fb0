/* world.c - what happens around the client: providers arriving and leaving, IRPs completing.
 * The harness plays these from the scenario; when the client blocks, the harness's hook gets
 * the next world event, and when the script has none left, pending IRPs complete in order. */
#include "kernel.h"

#include "asan_runtime.h"

/* What a provider shows the client, each part followed by a poisoned fence: a read past the
 * 4-byte WSK_PROVIDER_CHARACTERISTICS (say, as a larger struct) is an ASan report, as it would be
 * a read of someone else's memory on Windows. Set up once; no allocation per input. */
#define FENCE_BYTES 32
typedef struct {
    _Alignas(32) NPI_REGISTRATION_INSTANCE instance;
    char fence1[FENCE_BYTES];
    _Alignas(32) NPI_MODULEID module_id;
    char fence2[FENCE_BYTES];
    _Alignas(32) WSK_PROVIDER_CHARACTERISTICS characteristics;
    char fence3[FENCE_BYTES];
} provider_view;

static provider_view views[STUB_MAX_PROVIDERS];

/* Poison from the end of one part of a view to the start of the next. */
static void fence_between(const asan_runtime *asan, const void *end, const void *next)
{
    asan->poison(end, (size_t)((const char *)next - (const char *)end));
}

static void fence_views(void)
{
    static bool fenced;
    const asan_runtime *asan = asan_runtime_get();
    if (fenced || !asan)
        return;
    for (unsigned i = 0; i < STUB_MAX_PROVIDERS; i++) {
        provider_view *v = &views[i];
        fence_between(asan, &v->instance + 1, &v->module_id);
        fence_between(asan, &v->module_id + 1, &v->characteristics);
        fence_between(asan, &v->characteristics + 1, v + 1);
    }
    fenced = true;
}

static bool (*world_hook)(void *);
static void *world_arg;

/* A second NPI, for providers the WSK client must not be attached to. */
static const NPIID other_npi = {0x2227E804, 0x8D8B, 0x11D4, {0xAB, 0xAD, 0x00, 0x90, 0x27, 0x71, 0x9E, 0x09}};

void stub_set_world_hook(bool (*advance)(void *), void *arg)
{
    world_hook = advance;
    world_arg = arg;
}

bool world_advance(void)
{
    trace_event(T_WORLD_WAIT, k.npending, 0, 0);
    if (world_hook && world_hook(world_arg))
        return true;
    if (k.npending) {
        stub_complete_irp(0, k.pending[0].status);
        return true;
    }
    return false;
}

void stub_drain_world(void)
{
    while (k.npending)
        stub_complete_irp(0, k.pending[0].status);
}

int stub_provider_register(const stub_provider_spec *spec)
{
    if (k.nproviders == STUB_MAX_PROVIDERS)
        return -1;
    fence_views();
    provider_view *v = &views[k.nproviders];
    nmr_provider *p = &k.providers[k.nproviders];
    p->spec = spec;
    p->npi_id = spec->npi == NPI_KIND_WSK ? NPI_WSK_INTERFACE_ID : other_npi;
    v->module_id = spec->module_id;
    v->characteristics = spec->characteristics;
    v->instance = spec->instance;
    v->instance.NpiId = &p->npi_id;
    v->instance.ModuleId = &v->module_id;
    v->instance.NpiSpecificCharacteristics = spec->has_characteristics ? &v->characteristics : NULL;
    p->view = &v->instance;
    NPI_PROVIDER_CHARACTERISTICS chars = {0, sizeof chars, wsk_provider_attach_client, wsk_provider_detach_client,
                                          wsk_provider_cleanup, *p->view};
    HANDLE h;
    NmrRegisterProvider(&chars, p, &h);
    return (int)(p - k.providers);
}

void stub_provider_deregister(int provider)
{
    if (provider < 0 || (unsigned)provider >= k.nproviders || k.providers[provider].state != REG_ACTIVE)
        return;
    NmrDeregisterProvider((HANDLE)&k.providers[provider]);
}
