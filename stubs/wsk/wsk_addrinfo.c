/* wsk_addrinfo.c - WskGetAddressInfo / WskFreeAddressInfo (and a loud WskGetNameInfo).
 *
 * Name resolution is deterministic: a literal IPv4 name resolves to itself, any other name to
 * an address of the documentation ranges (192.0.2.x, 2001:db8::x) chosen by the name; with no
 * family hint the list holds an IPv4 and an IPv6 entry, so client loops over ai_next run. Each
 * node and its address are exact-size heap blocks (ASan sees reads past them). A list is the
 * client's until WskFreeAddressInfo gives it back; one never freed is ADDRINFO_NOT_FREED, a
 * pointer that is no live list head is WSK_BAD_ARGUMENT. */
#include <stdlib.h>
#include <string.h>

#include "wsk_calls.h"

#define MAX_LISTS 16

typedef struct {
    ADDRINFOEXW *head;
    int binding, wsk_reg;
    bool live;
    void *caller;
} addr_list;

static addr_list lists[MAX_LISTS];
static unsigned nlists;

/* A list's nodes and addresses are pool blocks the kernel owns: after WskFreeAddressInfo a read
 * through a kept pointer is a heap-use-after-free naming the line of the free. */
#define ADDRINFO_TAG 'fnIA'

static void free_nodes(ADDRINFOEXW *a, void *caller)
{
    while (a) {
        ADDRINFOEXW *next = a->ai_next;
        pool_free_kernel(a->ai_addr, caller);
        pool_free_kernel(a, caller);
        a = next;
    }
}

void wsk_addrinfo_reset(void)
{
    nlists = 0; /* the nodes are pool blocks: the pool's reset takes them back */
}

static void report(const addr_list *l, const char *when)
{
    site_note_caller(l->caller);
    verdict_fire(V_ADDRINFO_NOT_FREED, "%s with an ADDRINFOEXW list from WskGetAddressInfo%s never freed with "
                 "WskFreeAddressInfo", when, site_resolve_caller() ? " (asked for at the client site below)" : "");
}

void wsk_addrinfo_deregistering(int wsk_reg)
{
    for (unsigned i = 0; i < nlists; i++)
        if (lists[i].live && lists[i].wsk_reg == wsk_reg)
            report(&lists[i], "WskDeregister was called");
}

void wsk_addrinfo_final_checks(void)
{
    for (unsigned i = 0; i < nlists; i++)
        if (lists[i].live)
            report(&lists[i], "the scenario ended");
}

/* ---- names ---- */

static bool parse_v4(const WCHAR *s, size_t n, IN_ADDR *out)
{
    unsigned part = 0, value = 0, digits = 0;
    UCHAR b[4];
    for (size_t i = 0; i <= n; i++) {
        WCHAR ch = i < n ? s[i] : '.';
        if (ch >= '0' && ch <= '9' && digits < 3) {
            value = value * 10 + (unsigned)(ch - '0');
            digits++;
        } else if (ch == '.' && digits && value <= 255 && part < 4) {
            b[part++] = (UCHAR)value;
            value = digits = 0;
        } else {
            return false;
        }
    }
    if (part != 4)
        return false;
    memcpy(&out->s_addr, b, 4);
    return true;
}

/* Read a UNICODE_STRING as the provider does: Length bytes of Buffer. */
static void read_name(const UNICODE_STRING *u, const char *what, uint32_t *hash, bool *is_v4, IN_ADDR *v4,
                      USHORT *port)
{
    if (u->Length > u->MaximumLength || (u->Length && !u->Buffer) || (u->Length & 1))
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskGetAddressInfo got a %s UNICODE_STRING with Length %u, MaximumLength %u "
                     "and Buffer %p", what, u->Length, u->MaximumLength, (void *)u->Buffer);
    size_t n = u->Length / sizeof(WCHAR);
    uint32_t h = 2166136261u;
    unsigned number = 0;
    bool numeric = n > 0;
    for (size_t i = 0; i < n; i++) {
        WCHAR ch = u->Buffer[i];
        h = (h ^ ch) * 16777619u;
        numeric = numeric && ch >= '0' && ch <= '9' && number < 65536;
        number = number * 10 + (unsigned)(ch - '0');
    }
    if (hash)
        *hash = h;
    if (is_v4)
        *is_v4 = parse_v4(u->Buffer, n, v4);
    if (port)
        *port = RtlUshortByteSwap((USHORT)(numeric && number < 65536 ? number : n ? 80 : 0));
}

static ADDRINFOEXW *node(int family, const wsk_call *c)
{
    ADDRINFOEXW *a = pool_alloc_kernel(sizeof *a, ADDRINFO_TAG, c->caller);
    if (!a)
        return NULL;
    a->ai_family = family;
    a->ai_socktype = SOCK_STREAM;
    a->ai_protocol = IPPROTO_TCP;
    if (family == AF_INET6) {
        SOCKADDR_IN6 *s = pool_alloc_kernel(sizeof *s, ADDRINFO_TAG, c->caller);
        if (s) {
            s->sin6_family = AF_INET6;
            s->sin6_port = c->port;
            s->sin6_addr.u.Byte[0] = 0x20;
            s->sin6_addr.u.Byte[1] = 0x01;
            s->sin6_addr.u.Byte[2] = 0x0d;
            s->sin6_addr.u.Byte[3] = 0xb8;
            s->sin6_addr.u.Byte[15] = (UCHAR)(1 + c->name_hash % 250);
        }
        a->ai_addr = (struct sockaddr *)s;
        a->ai_addrlen = sizeof *s;
    } else {
        SOCKADDR_IN *s = pool_alloc_kernel(sizeof *s, ADDRINFO_TAG, c->caller);
        if (s) {
            s->sin_family = AF_INET;
            s->sin_port = c->port;
            s->sin_addr.s_addr = c->name_is_v4 ? c->v4.s_addr : RtlUlongByteSwap(0xC0000200u + 1 + c->name_hash % 250);
        }
        a->ai_addr = (struct sockaddr *)s;
        a->ai_addrlen = sizeof *s;
    }
    if (!a->ai_addr) {
        pool_free_kernel(a, NULL);
        return NULL;
    }
    return a;
}

static void perform_resolve(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    (void)information;
    if (!NT_SUCCESS(*status))
        return;
    if (nlists == MAX_LISTS) {
        *status = STATUS_INSUFFICIENT_RESOURCES;
        return;
    }
    ADDRINFOEXW *head = NULL, **tail = &head;
    if (c->family_hint != AF_INET6)
        if ((*tail = node(AF_INET, c)))
            tail = &(*tail)->ai_next;
    if (c->family_hint == AF_INET6 || (c->family_hint == AF_UNSPEC && !c->name_is_v4))
        if ((*tail = node(AF_INET6, c)))
            tail = &(*tail)->ai_next;
    if (!head) {
        *status = STATUS_INSUFFICIENT_RESOURCES;
        return;
    }
    lists[nlists++] = (addr_list){head, c->binding, c->wsk_reg, true, c->caller};
    *c->result = head;
}

/* ---- the dispatch functions ---- */

NTSTATUS WSKAPI wsk_get_address_info(PWSK_CLIENT client, PUNICODE_STRING node_name, PUNICODE_STRING service_name,
                                     ULONG name_space, GUID *provider, PADDRINFOEXW hints, PADDRINFOEXW *result,
                                     PEPROCESS process, PETHREAD thread, PIRP irp)
{
    (void)provider, (void)process, (void)thread;
    SITE_NOTE_CALLER();
    wsk_client_check(client, "WskGetAddressInfo");
    wsk_trace_call(WSK_TRACE_GET_ADDRESS_INFO, name_space, 0);
    wsk_irp_check(irp, "WskGetAddressInfo", true);
    wsk_call_point(((const struct _WSK_CLIENT *)client)->binding);
    if (!result)
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskGetAddressInfo got a NULL Result");
    const struct _WSK_CLIENT *wc = client;
    wsk_call *c = wsk_call_new(irp, perform_resolve, -1, wc->binding, wc->wsk_reg);
    if (!c) {
        io_complete(irp, STATUS_INSUFFICIENT_RESOURCES, 0);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    NTSTATUS model = STATUS_SUCCESS;
    if (!node_name && !service_name)
        model = STATUS_INVALID_PARAMETER;
    if (node_name)
        read_name(node_name, "NodeName", &c->name_hash, &c->name_is_v4, &c->v4, NULL);
    if (service_name)
        read_name(service_name, "ServiceName", NULL, NULL, NULL, &c->port);
    if (hints) {
        c->family_hint = hints->ai_family;
        if (hints->ai_family != AF_UNSPEC && hints->ai_family != AF_INET && hints->ai_family != AF_INET6)
            model = STATUS_NOT_SUPPORTED;
    }
    c->result = result;
    c->caller = __builtin_return_address(0);
    return wsk_call_finish(c, FP_WSK_ADDRINFO, model, false);
}

void WSKAPI wsk_free_address_info(PWSK_CLIENT client, PADDRINFOEXW info)
{
    SITE_NOTE_CALLER();
    /* Freeing a list is how a detaching client lets go: allowed while the binding detaches. */
    const struct _WSK_CLIENT *wc = client;
    if (!wsk_client_detaching(client))
        wsk_client_check(client, "WskFreeAddressInfo");
    wsk_trace_call(WSK_TRACE_FREE_ADDRESS_INFO, 0, 0);
    for (unsigned i = 0; i < nlists; i++)
        if (lists[i].head == info) {
            if (!lists[i].live)
                continue;
            if (lists[i].binding != wc->binding || lists[i].wsk_reg != wc->wsk_reg)
                verdict_fire(V_WSK_BAD_ARGUMENT, "WskFreeAddressInfo with a WSK_CLIENT other than the one the list "
                             "came from");
            free_nodes(info, __builtin_return_address(0));
            lists[i].live = false;
            return;
        }
    bool freed = false;
    for (unsigned i = 0; i < nlists; i++)
        freed |= lists[i].head == info && !lists[i].live;
    verdict_fire(V_WSK_BAD_ARGUMENT, "WskFreeAddressInfo(%p): %s", (void *)info,
                 freed ? "that list was already freed" : "not the head of a list WskGetAddressInfo returned");
}

NTSTATUS WSKAPI wsk_get_name_info(PWSK_CLIENT client, PSOCKADDR address, ULONG length, PUNICODE_STRING node_name,
                                  PUNICODE_STRING service_name, ULONG flags, PEPROCESS process, PETHREAD thread,
                                  PIRP irp)
{
    (void)address, (void)length, (void)node_name, (void)service_name, (void)flags, (void)process, (void)thread;
    SITE_NOTE_CALLER();
    wskfuzz_not_modeled("WskGetNameInfo");
    wsk_client_check(client, "WskGetNameInfo");
    if (wsk_irp_check(irp, "WskGetNameInfo", true))
        io_complete(irp, STATUS_NOT_IMPLEMENTED, 0);
    return STATUS_NOT_IMPLEMENTED;
}
