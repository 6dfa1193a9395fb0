/* nmr.h - the Network Module Registrar for any NPI (nmr.c owns its registrations and
 * bindings). It knows nothing of WSK: providers register through nmr_provider_register, and
 * the models above ask about bindings through the functions below. */
#ifndef WSKFUZZ_NMR_H
#define WSKFUZZ_NMR_H

#include "core.h"

typedef enum {
    NMR_BINDING_ATTACHING, /* inside ClientAttachProvider */
    NMR_BINDING_REFUSED,   /* the attach did not complete: nothing more happens */
    NMR_BINDING_ATTACHED,
    NMR_BINDING_DETACHING, /* ClientDetachProvider called, not yet complete from the client side */
    NMR_BINDING_CLEANED    /* both sides detached, cleanup delivered */
} nmr_binding_state;

void nmr_start(void);
void nmr_trace_words_start(void); /* nmr_trace_words.c; nmr_start calls it */
void nmr_reset(void);
void nmr_unload_checks(void);
void nmr_final_checks(void);

/* A provider of the stub kernel registers (the exported NmrRegisterProvider is the client's, and
 * not modeled). `chars` must stay valid while it is registered, as on Windows: the client is
 * shown chars->ProviderRegistrationInstance itself. Returns the provider's index, or -1. */
int nmr_provider_register(const NPI_PROVIDER_CHARACTERISTICS *chars, void *context, HANDLE *handle);
bool nmr_provider_active(HANDLE provider);

bool nmr_has_active_clients(void);
unsigned nmr_binding_count(void);
int nmr_binding_index(HANDLE binding);         /* -1: not a binding handle */
HANDLE nmr_binding_handle(int binding);
nmr_binding_state nmr_binding_state_of(int binding);
int nmr_binding_client(int binding);           /* the client registration it belongs to */
bool nmr_binding_client_detached(int binding); /* its ClientDetachProvider is done (returned or completed) */
/* NmrWaitForClientDeregisterComplete gives up on a client's bindings: the provider may say why
 * (registered at start by the model of the provider). */
void nmr_set_wait_stuck_hook(void (*stuck)(int client));

#endif
