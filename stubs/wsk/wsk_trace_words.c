/* wsk_trace_words.c - how the WSK subsystem's events read in a trace, in the words of the calls:
 *   WskCaptureProviderNPI(registration 0, WaitTimeout=WSK_INFINITE_WAIT)
 *   WskSend(socket 2) */
#include <stdio.h>

#include "wsk_internal.h"

static void wait_text(char *out, size_t size, uint64_t timeout)
{
    if (timeout == WSK_NO_WAIT)
        snprintf(out, size, "WSK_NO_WAIT");
    else if (timeout == WSK_INFINITE_WAIT)
        snprintf(out, size, "WSK_INFINITE_WAIT");
    else
        snprintf(out, size, "%llu ms", (unsigned long long)timeout);
}

static void format_registration(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    long long r = (long long)(int64_t)v->a;
    const char *status = status_name(v->status);
    char wait[32];
    switch (v->ev) {
    case T_PROVIDER_REGISTER:
        snprintf(out, size, "provider %lld registers (%s)", r, v->b == NPI_KIND_WSK ? "the WSK NPI" : "another NPI");
        return;
    case T_WSK_REGISTER:
        if (v->is_return && v->status == STATUS_SUCCESS)
            snprintf(out, size, "WskRegister -> %s (registration %lld, WSK version %u.%u)", status, r,
                     WSK_MAJOR_VERSION(v->b), WSK_MINOR_VERSION(v->b));
        else
            snprintf(out, size, v->is_return ? "WskRegister -> %s" : "WskRegister(WskClientNpi, WskRegistration)",
                     status);
        return;
    case T_WSK_CAPTURE:
        wait_text(wait, sizeof wait, v->b);
        if (v->is_return)
            snprintf(out, size, "WskCaptureProviderNPI(registration %lld) -> %s", r, status);
        else
            snprintf(out, size, "WskCaptureProviderNPI(registration %lld, WaitTimeout=%s)", r, wait);
        return;
    case T_WSK_RELEASE:
        snprintf(out, size, "WskReleaseProviderNPI(registration %lld)", r);
        return;
    case T_WSK_QUERY:
        snprintf(out, size, v->is_return ? "WskQueryProviderCharacteristics(registration %lld) -> %s"
                                         : "WskQueryProviderCharacteristics(registration %lld)", r, status);
        return;
    case T_WSK_DEREGISTER:
        snprintf(out, size, "WskDeregister(registration %lld)", r);
        return;
    default:
        snprintf(out, size, "WSK event %d", (int)v->ev);
        return;
    }
}

static void format_dispatch_call(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    if (v->a == (uint64_t)-1)
        snprintf(out, size, "a WSK_PROVIDER_DISPATCH call with a WSK_CLIENT the provider never handed out");
    else if (v->a >= 0x100)
        snprintf(out, size, "a WSK_PROVIDER_DISPATCH call through registration %llu", (unsigned long long)(v->a - 0x100));
    else
        snprintf(out, size, "a WSK_PROVIDER_DISPATCH call through binding %llu", (unsigned long long)v->a);
}

static void format_socket_call(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    const char *name = wsk_socket_call_name(v->a);
    if (v->a == WSK_TRACE_GET_ADDRESS_INFO)
        snprintf(out, size, "%s(NameSpace %llu)", name, (unsigned long long)v->b);
    else if (wsk_socket_call_creates(v->a) && v->b)
        snprintf(out, size, "%s(Flags 0x%llx)", name, (unsigned long long)v->b);
    else if (v->a == WSK_TRACE_FREE_ADDRESS_INFO || wsk_socket_call_creates(v->a))
        snprintf(out, size, "%s", name);
    else
        snprintf(out, size, "%s(socket %llu)", name, (unsigned long long)v->b);
}

void wsk_trace_words_start(void)
{
    static const trace_event_id events[] = {T_PROVIDER_REGISTER, T_WSK_REGISTER, T_WSK_CAPTURE, T_WSK_RELEASE,
                                            T_WSK_QUERY, T_WSK_DEREGISTER};
    for (unsigned i = 0; i < sizeof events / sizeof events[0]; i++)
        trace_set_formatter(events[i], format_registration);
    trace_set_formatter(T_WSK_CALL, format_dispatch_call);
    trace_set_formatter(T_SOCKET_CALL, format_socket_call);
}
