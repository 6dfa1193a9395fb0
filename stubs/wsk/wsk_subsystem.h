/* wsk_subsystem.h - the WSK subsystem as the host sees it: providers it registers with the NMR
 * for the scenario, and its part of reset and the end-of-scenario checks. */
#ifndef WSKFUZZ_WSK_SUBSYSTEM_H
#define WSKFUZZ_WSK_SUBSYSTEM_H

#include "core.h"

typedef enum { NPI_KIND_WSK, NPI_KIND_OTHER, NPI_KIND_COUNT } npi_kind;

/* One provider of the scenario: the WSK subsystem under the WSK NPI, or the same provider under
 * another NPI (one the WSK client must not be attached to). */
typedef struct {
    NPI_REGISTRATION_INSTANCE instance;  /* NpiId / ModuleId / characteristics are set by the stub */
    npi_kind npi;
    NPI_MODULEID module_id;
    bool has_characteristics;
    WSK_PROVIDER_CHARACTERISTICS characteristics;
    bool dispatch_highest_minor; /* dispatch Version: highest minor of the major, not the requested one */
} stub_provider_spec;

/* Register a provider (the spec must live as long as the scenario); its index, or -1. */
int wsk_provider_register(const stub_provider_spec *spec);
void wsk_provider_deregister(int provider);

bool wsk_has_registrations(void); /* a WskRegister registration is active */

void wsk_start(void);
void wsk_reset(void);
void wsk_unload_checks(void);
void wsk_final_checks(void);

#endif
