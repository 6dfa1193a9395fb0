/* model_hooks.c - where the stub kernel's core reaches the models of what real-world clients
 * use beyond attach: IRP-based WSK calls (wsk_calls.c), sockets (wsk_sockets.c), address lists
 * (wsk_addrinfo.c), waits and synchronization (ke_sync.c), MDLs (mm_mdl.c), the kernel string
 * and address routines (crt.c, rtl_net.c) and the loud stubs (not_modeled.c). */
#include "wsk_calls.h"

void models_reset(void)
{
    wsk_calls_reset();
    wsk_sockets_reset();
    wsk_addrinfo_reset();
    ke_sync_reset();
}

void models_final_checks(void)
{
    wsk_sockets_final_checks();
    wsk_addrinfo_final_checks();
}

void wsk_registration_deregistering(int wsk_reg)
{
    wsk_sockets_deregistering(wsk_reg);
    wsk_addrinfo_deregistering(wsk_reg);
}
