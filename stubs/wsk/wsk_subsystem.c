/* wsk_subsystem.c - the WSK subsystem's row in the host's module table: its parts' start,
 * reset and checks, in the order the checks must run. */
#include "wsk_calls.h"

void wsk_start(void)
{
    wsk_calls_start();
    wsk_sockets_start();
    wsk_registration_start();
    wsk_trace_words_start();
}

void wsk_reset(void)
{
    wsk_provider_reset();
    wsk_registration_reset();
    wsk_calls_reset();
    wsk_sockets_reset();
    wsk_addrinfo_reset();
}

void wsk_unload_checks(void)
{
    wsk_reg_final_checks();
}

void wsk_final_checks(void)
{
    wsk_reg_final_checks();
    wsk_sockets_final_checks();
    wsk_addrinfo_final_checks();
}
