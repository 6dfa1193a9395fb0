/* world.c - what happens around the client: providers arriving and leaving, IRPs completing.
 * The harness plays these from the scenario; when the client blocks, the harness's hook gets
 * the next world event, and when the script has none left, pending IRPs complete in order. */
#include <stdlib.h>

#include "kernel.h"

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
    nmr_provider *p = &k.providers[k.nproviders];
    p->spec = *spec;
    p->npi_id = spec->npi == NPI_KIND_WSK ? NPI_WSK_INTERFACE_ID : other_npi;
    p->module_view = malloc(sizeof *p->module_view);
    p->view = malloc(sizeof *p->view);
    p->characteristics_view = NULL;
    *p->module_view = spec->module_id;
    *p->view = spec->instance;
    p->view->NpiId = &p->npi_id;
    p->view->ModuleId = p->module_view;
    if (spec->has_characteristics) {
        p->characteristics_view = malloc(sizeof *p->characteristics_view);
        *p->characteristics_view = spec->characteristics;
    }
    p->view->NpiSpecificCharacteristics = p->characteristics_view;
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

void world_free_views(void)
{
    for (unsigned i = 0; i < k.nproviders; i++) {
        free(k.providers[i].view);
        free(k.providers[i].module_view);
        free(k.providers[i].characteristics_view);
    }
}
