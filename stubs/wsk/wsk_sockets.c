/* wsk_sockets.c - WSK sockets: WskSocket and WskSocketConnect on the client-level dispatch, and
 * the socket-level tables (basic, listen, connection, datagram, stream) they hand out.
 *
 * Sockets are objects the stub tracks like pool: created by a completed WskSocket /
 * WskSocketConnect / WskAccept, alive until WskCloseSocket completes; their WSK_SOCKET block
 * stays allocated until the scenario ends, so a late call on a closed socket is recognized and
 * reported (SOCKET_USE_AFTER_CLOSE, SOCKET_CLOSED_TWICE) instead of crashing. Arguments are
 * checked against the function's page (WSK_BAD_ARGUMENT, SOCKET_BAD_STATE), IRPs against
 * "Using IRPs with Winsock Kernel Functions" (wsk_calls.c), and the fault plan decides each
 * outcome. The network is simple and deterministic: every connect reaches a peer that sends
 * PEER_STREAM_BYTES and then closes gracefully; a bound datagram socket receives
 * PEER_DATAGRAMS datagrams; a listening socket gets LISTEN_CONNECTIONS connections. After
 * that, receives and accepts wait ("parked") until the socket closes or the IRP is cancelled. */
#include <stdlib.h>
#include <string.h>

#include "wsk_calls.h"

#define MAX_SOCKETS 32
#define PEER_STREAM_BYTES 1024
#define PEER_DATAGRAMS 4
#define DATAGRAM_BYTES 64
#define LISTEN_CONNECTIONS 2

typedef enum { K_BASIC, K_LISTEN, K_CONNECTION, K_DATAGRAM, K_STREAM } sock_kind;
typedef enum { S_OPEN, S_CLOSING, S_CLOSED } sock_life;

typedef enum {
    OP_CREATE, OP_CREATE_CONNECT, OP_CONTROL, OP_CLOSE, OP_BIND, OP_LISTEN, OP_CONNECT, OP_ACCEPT, OP_SEND,
    OP_RECEIVE, OP_SEND_TO, OP_RECEIVE_FROM, OP_DISCONNECT, OP_LOCAL_ADDRESS, OP_REMOTE_ADDRESS, OP_NOT_MODELED
} op_code;

static const char *const op_names[] = {
    "WskSocket", "WskSocketConnect", "WskControlSocket", "WskCloseSocket", "WskBind", "WskListen", "WskConnect",
    "WskAccept", "WskSend", "WskReceive", "WskSendTo", "WskReceiveFrom", "WskDisconnect", "WskGetLocalAddress",
    "WskGetRemoteAddress", "a socket call not modeled",
};

const char *wsk_socket_call_name(uint64_t call)
{
    if (call == WSK_TRACE_GET_ADDRESS_INFO)
        return "WskGetAddressInfo";
    if (call == WSK_TRACE_FREE_ADDRESS_INFO)
        return "WskFreeAddressInfo";
    return call < sizeof op_names / sizeof op_names[0] ? op_names[call] : "a WSK socket call";
}

bool wsk_socket_call_creates(uint64_t call)
{
    return call == OP_CREATE || call == OP_CREATE_CONNECT;
}

typedef struct {
    WSK_SOCKET *obj;       /* the client's handle: an exact-size heap block */
    sock_kind kind;
    sock_life life;
    bool close_failed;     /* a (hostile) failed close: closing again is not a second close */
    int binding, wsk_reg;  /* the WSK_CLIENT it was created through */
    void *created_by;      /* the client's return address at creation (for reports) */
    ADDRESS_FAMILY af;
    bool bound, listening, connecting, connected, send_shut, broken;
    uint32_t peer_left;    /* stream bytes the peer still sends */
    unsigned datagrams_left, connections_left;
    SOCKADDR_STORAGE local, remote;
    bool has_remote;
} wsk_sock;

static wsk_sock socks[MAX_SOCKETS];
static unsigned nsocks;
static bool detach_waits[STUB_MAX_BINDINGS]; /* the provider's detach of a binding waits for its sockets */

static const char *const kind_names[] = {"basic", "listen", "connection", "datagram", "stream"};

/* ---- bookkeeping ---- */

void wsk_sockets_reset(void)
{
    nsocks = 0; /* their objects are pool blocks: the pool's reset takes them back */
    stub_raw_fill(detach_waits, 0, sizeof detach_waits);
}

static int sock_of(PWSK_SOCKET s)
{
    for (unsigned i = 0; i < nsocks; i++)
        if (socks[i].obj == s)
            return (int)i;
    return -1;
}

static const void *dispatch_for(sock_kind kind);

static int new_socket(sock_kind kind, ADDRESS_FAMILY af, int binding, int wsk_reg, void *created_by)
{
    if (nsocks == MAX_SOCKETS)
        return -1;
    WSK_SOCKET *obj = pool_alloc_kernel(sizeof *obj, 'kcoS', created_by);
    if (!obj)
        return -1;
    obj->Dispatch = dispatch_for(kind);
    int i = (int)nsocks++;
    socks[i] = (wsk_sock){.obj = obj, .kind = kind, .binding = binding, .wsk_reg = wsk_reg,
                          .created_by = created_by, .af = af};
    return i;
}

static bool sock_open(const wsk_sock *s)
{
    return s->life != S_CLOSED;
}

static bool open_on_binding(int binding)
{
    for (unsigned i = 0; i < nsocks; i++)
        if (socks[i].binding == binding && sock_open(&socks[i]))
            return true;
    return false;
}

/* The subsystem's side of a binding detaches once the binding's sockets are closed and its calls
 * in flight (a socket being created, a name being resolved) have completed. */
static bool binding_busy(int binding)
{
    return open_on_binding(binding) || wsk_calls_on_binding(binding);
}

bool wsk_sockets_provider_detaching(int binding)
{
    bool wait = binding >= 0 && binding < STUB_MAX_BINDINGS && binding_busy(binding);
    if (wait)
        detach_waits[binding] = true;
    return wait;
}

/* Runs once an IRP's completion routine has returned: the subsystem finishes detaching after
 * the client saw the completion, so the routine may still use the client's binding context
 * (which the cleanup callback frees). */
void wsk_irp_completed(void)
{
    for (int b = 0; b < STUB_MAX_BINDINGS; b++)
        if (detach_waits[b] && !binding_busy(b)) {
            detach_waits[b] = false;
            NmrProviderDetachClientComplete(nmr_binding_handle(b));
        }
}

static void report_open_socket(int i, const char *when)
{
    site_note_caller(socks[i].created_by);
    verdict_fire(V_SOCKET_NOT_CLOSED, "%s: %s socket %d is still open%s", when, kind_names[socks[i].kind], i,
                 site_resolve_caller() ? " (created at the client site below)" : "");
}

void wsk_sockets_deregistering(int wsk_reg)
{
    for (;;) {
        bool open = false;
        for (unsigned i = 0; i < nsocks; i++)
            open |= socks[i].wsk_reg == wsk_reg && sock_open(&socks[i]);
        if (!open || !world_wait())
            break;
    }
    for (unsigned i = 0; i < nsocks; i++)
        if (socks[i].wsk_reg == wsk_reg && sock_open(&socks[i]))
            report_open_socket((int)i, "WskDeregister waits until every socket is closed and never returns");
}

static void detach_stuck(int client)
{
    for (unsigned b = 0; b < nmr_binding_count(); b++)
        if (nmr_binding_client((int)b) == client && nmr_binding_state_of((int)b) == NMR_BINDING_DETACHING &&
            detach_waits[b])
            for (unsigned i = 0; i < nsocks; i++)
                if (socks[i].binding == (int)b && sock_open(&socks[i]))
                    report_open_socket((int)i, "NmrWaitForClientDeregisterComplete never returns: the WSK "
                                               "subsystem finishes detaching only after the binding's sockets "
                                               "are closed");
}

void wsk_sockets_start(void)
{
    nmr_set_wait_stuck_hook(detach_stuck);
}

void wsk_sockets_final_checks(void)
{
    for (unsigned i = 0; i < nsocks; i++)
        if (sock_open(&socks[i]))
            report_open_socket((int)i, "the scenario ended");
}

/* ---- argument checks shared by the socket functions ---- */

static wsk_sock *enter(PWSK_SOCKET s, const char *call, op_code op)
{
    int i = sock_of(s);
    wsk_trace_call(op, (uint64_t)i, 0);
    if (i < 0)
        verdict_fire(V_WSK_BAD_ARGUMENT, "%s on %p, which is no socket the WSK subsystem created", call, (void *)s);
    if (socks[i].life != S_OPEN)
        verdict_fire(V_SOCKET_USE_AFTER_CLOSE, "%s on %s socket %d after WskCloseSocket", call,
                     kind_names[socks[i].kind], i);
    return &socks[i];
}

static int index_of(const wsk_sock *s)
{
    return (int)(s - socks);
}

/* The call's preemption point (wsk_call_point), once its socket is known to be open. Another
 * thread may run meanwhile; if it closes the socket, it broke "Closing a Socket": no call to any
 * of a socket's functions may be in progress when WskCloseSocket is called. */
static void in_flight(wsk_sock *s, const char *call)
{
    wsk_call_point(s->binding);
    if (s->life != S_OPEN)
        verdict_fire(V_SOCKET_USE_AFTER_CLOSE, "%s on %s socket %d was still in progress when another thread called "
                     "WskCloseSocket on it", call, kind_names[s->kind], index_of(s));
}

static void reserved_zero(ULONG flags, const char *call)
{
    if (flags)
        verdict_fire(V_WSK_BAD_ARGUMENT, "%s got Flags 0x%x; the parameter is reserved and must be 0", call, flags);
}

/* Copy a socket address as the provider reads it: as long as its family says. */
static bool read_address(const SOCKADDR *a, SOCKADDR_STORAGE *out)
{
    memset(out, 0, sizeof *out);
    if (a->sa_family == AF_INET) {
        memcpy(out, a, sizeof(SOCKADDR_IN));
        return true;
    }
    if (a->sa_family == AF_INET6) {
        memcpy(out, a, sizeof(SOCKADDR_IN6));
        return true;
    }
    out->ss_family = a->sa_family;
    return false;
}

static void write_address(PSOCKADDR to, const SOCKADDR_STORAGE *from)
{
    if (to)
        memcpy(to, from, from->ss_family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN));
}

/* A deterministic peer address of the socket's family. */
static void peer_address(SOCKADDR_STORAGE *out, ADDRESS_FAMILY af, unsigned n)
{
    memset(out, 0, sizeof *out);
    if (af == AF_INET6) {
        SOCKADDR_IN6 *a = (SOCKADDR_IN6 *)out;
        static const UCHAR doc_prefix[4] = {0x20, 0x01, 0x0d, 0xb8};
        a->sin6_family = AF_INET6;
        a->sin6_port = RtlUshortByteSwap((USHORT)(50000 + n));
        memcpy(a->sin6_addr.u.Byte, doc_prefix, sizeof doc_prefix);
        a->sin6_addr.u.Byte[15] = (UCHAR)(n + 1);
    } else {
        SOCKADDR_IN *a = (SOCKADDR_IN *)out;
        a->sin_family = AF_INET;
        a->sin_port = RtlUshortByteSwap((USHORT)(50000 + n));
        a->sin_addr.s_addr = RtlUlongByteSwap(0xC6336400u + 1 + (n & 0x7f)); /* 198.51.100.x */
    }
}

/* The WSK_BUF page: MDL may be NULL only for Length 0; Offset inside the first MDL; every
 * MDL describes locked or nonpaged memory; the chain covers Offset + Length. */
static void check_buffer(const WSK_BUF *b, const char *call)
{
    if (b->Length == 0)
        return;
    if (!b->Mdl)
        verdict_fire(V_WSK_BAD_ARGUMENT, "%s got a WSK_BUF of %zu bytes without an MDL", call, (size_t)b->Length);
    if (b->Offset >= b->Mdl->ByteCount)
        verdict_fire(V_WSK_BAD_ARGUMENT, "%s got a WSK_BUF whose Offset %u is not inside its first MDL (%u bytes)",
                     call, b->Offset, b->Mdl->ByteCount);
    SIZE_T covered = 0, need = (SIZE_T)b->Offset + b->Length;
    unsigned n = 0;
    for (const MDL *m = b->Mdl; m && covered < need && n < 1024; m = m->Next, n++) {
        if (!(m->MdlFlags & (MDL_PAGES_LOCKED | MDL_SOURCE_IS_NONPAGED_POOL | MDL_PARTIAL)))
            verdict_fire(V_WSK_BAD_ARGUMENT, "%s got a WSK_BUF whose MDL %u describes memory that is neither locked "
                         "(MmProbeAndLockPages) nor nonpaged pool (MmBuildMdlForNonPagedPool)", call, n);
        covered += m->ByteCount;
    }
    if (covered < need)
        verdict_fire(V_WSK_BAD_ARGUMENT, "%s got a WSK_BUF for %zu bytes at offset %u, but its MDL chain describes "
                     "only %zu", call, (size_t)b->Length, b->Offset, (size_t)covered);
}

/* Move bytes between the buffer a WSK_BUF describes and the peer, as the provider does (the
 * client's memory is touched here, so ASan sees a buffer that went away). */
static void transfer(const WSK_BUF *b, SIZE_T n, bool to_client, uint32_t stream_pos)
{
    SIZE_T skip = b->Offset, done = 0;
    for (const MDL *m = b->Mdl; m && done < n; m = m->Next) {
        UCHAR *va = (UCHAR *)m->StartVa + m->ByteOffset;
        SIZE_T len = m->ByteCount;
        if (skip >= len) {
            skip -= len;
            continue;
        }
        va += skip;
        len -= skip;
        skip = 0;
        if (len > n - done)
            len = n - done;
        for (SIZE_T i = 0; i < len; i++) {
            if (to_client)
                va[i] = (UCHAR)"wskfuzz peer: 0123456789 abcdefghijklmnopqrstuvwxyz\r\n"[(stream_pos + done + i) % 54];
            else
                (void)*(volatile const UCHAR *)&va[i]; /* the provider reads what it sends */
        }
        done += len;
    }
}

static NTSTATUS no_room(PIRP irp)
{
    if (irp)
        io_complete(irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    return STATUS_INSUFFICIENT_RESOURCES;
}

/* ---- what completes (perform functions: run when the IRP completes, for errors too) ---- */

static void performed_failure(wsk_call *c, NTSTATUS status)
{
    if (c->sock >= 0 && (status == STATUS_FILE_FORCED_CLOSED || status == STATUS_CONNECTION_RESET ||
                         status == STATUS_CONNECTION_ABORTED))
        socks[c->sock].broken = true;
}

static void perform_create(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    if (!NT_SUCCESS(*status))
        return;
    int i = new_socket((sock_kind)c->kind, c->af, c->binding, c->wsk_reg, c->caller);
    if (i < 0) {
        *status = STATUS_INSUFFICIENT_RESOURCES;
        return;
    }
    wsk_sock *s = &socks[i];
    if (c->connect_too) {
        s->bound = s->connected = true;
        s->local = c->local;
        s->remote = c->addr;
        s->peer_left = PEER_STREAM_BYTES;
    }
    *information = (ULONG_PTR)s->obj;
}

static void perform_control(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    (void)information;
    if (NT_SUCCESS(*status) && c->out && c->out_size)
        memset(c->out, 0, c->out_size); /* an empty answer to every query */
    if (c->out_returned)
        *c->out_returned = NT_SUCCESS(*status) ? c->out_size : 0;
    if (NT_SUCCESS(*status) && c->kind == 1 && c->sock >= 0) { /* SIO_WSK_SET_REMOTE_ADDRESS */
        socks[c->sock].remote = c->addr;
        socks[c->sock].has_remote = true;
    }
}

static void perform_close(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    (void)information;
    wsk_sock *s = &socks[c->sock];
    s->life = S_CLOSED;
    s->close_failed = !NT_SUCCESS(*status);
}

static void perform_bind(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    (void)information;
    wsk_sock *s = &socks[c->sock];
    if (!NT_SUCCESS(*status)) {
        performed_failure(c, *status);
        return;
    }
    s->bound = true;
    s->local = c->addr;
    USHORT *port = s->local.ss_family == AF_INET6 ? &((SOCKADDR_IN6 *)&s->local)->sin6_port
                                                  : &((SOCKADDR_IN *)&s->local)->sin_port;
    if (*port == 0)
        *port = RtlUshortByteSwap((USHORT)(49152 + c->sock)); /* an ephemeral port */
    if (s->kind == K_LISTEN) {
        s->listening = true;
        s->connections_left = LISTEN_CONNECTIONS;
    }
    if (s->kind == K_DATAGRAM)
        s->datagrams_left = PEER_DATAGRAMS;
}

static void perform_listen(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    (void)information;
    if (!NT_SUCCESS(*status))
        return;
    socks[c->sock].listening = true;
    socks[c->sock].connections_left = LISTEN_CONNECTIONS;
}

static void perform_connect(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    wsk_sock *s = &socks[c->sock];
    s->connecting = false;
    if (!NT_SUCCESS(*status)) {
        performed_failure(c, *status);
        return;
    }
    s->connected = true;
    s->remote = c->addr;
    s->peer_left = PEER_STREAM_BYTES;
    if (c->has_buf) { /* WskConnectEx sends its buffer once connected */
        transfer(&c->buf, c->buf.Length, false, 0);
        *information = c->buf.Length;
    }
}

static void perform_accept(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    wsk_sock *l = &socks[c->sock];
    if (!NT_SUCCESS(*status))
        return;
    int i = new_socket(K_CONNECTION, l->af, l->binding, l->wsk_reg, c->caller);
    if (i < 0) {
        *status = STATUS_INSUFFICIENT_RESOURCES;
        return;
    }
    l = &socks[c->sock];
    wsk_sock *s = &socks[i];
    s->bound = s->connected = true;
    s->local = l->local;
    peer_address(&s->remote, l->af, (unsigned)i);
    s->peer_left = PEER_STREAM_BYTES;
    write_address(c->out_local, &s->local);
    write_address(c->out_remote, &s->remote);
    *information = (ULONG_PTR)s->obj;
}

static void perform_send(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    if (!NT_SUCCESS(*status)) {
        performed_failure(c, *status);
        return;
    }
    transfer(&c->buf, c->buf.Length, false, 0);
    *information = c->buf.Length;
}

static void perform_receive(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    wsk_sock *s = &socks[c->sock];
    if (*status == STATUS_GRACEFUL_DISCONNECT) { /* the peer closes its side instead of sending */
        *status = STATUS_SUCCESS;
        s->peer_left = 0;
    }
    if (!NT_SUCCESS(*status)) {
        performed_failure(c, *status);
        return;
    }
    SIZE_T n = c->buf.Length < s->peer_left ? c->buf.Length : s->peer_left;
    transfer(&c->buf, n, true, PEER_STREAM_BYTES - s->peer_left);
    s->peer_left -= (uint32_t)n;
    *information = n;
}

static void perform_receive_from(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    wsk_sock *s = &socks[c->sock];
    bool empty = *status == STATUS_GRACEFUL_DISCONNECT;
    if (empty)
        *status = STATUS_SUCCESS;
    if (!NT_SUCCESS(*status))
        return;
    SIZE_T n = empty ? 0 : c->buf.Length < DATAGRAM_BYTES ? c->buf.Length : DATAGRAM_BYTES;
    transfer(&c->buf, n, true, 0);
    SOCKADDR_STORAGE from;
    if (s->has_remote)
        from = s->remote;
    else
        peer_address(&from, s->af, 0);
    write_address(c->out_remote, &from);
    if (c->control_length) /* no control information */
        *c->control_length = 0;
    if (c->control_flags)
        *c->control_flags = 0;
    *information = n;
}

static void perform_disconnect(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    wsk_sock *s = &socks[c->sock];
    if (!NT_SUCCESS(*status)) {
        performed_failure(c, *status);
        return;
    }
    if (c->has_buf) {
        transfer(&c->buf, c->buf.Length, false, 0);
        *information = c->buf.Length;
    }
    s->send_shut = true;
    if (c->flags & WSK_FLAG_ABORTIVE)
        s->broken = true;
}

static void perform_address(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    (void)information;
    if (NT_SUCCESS(*status))
        write_address(c->out_local, c->kind == OP_LOCAL_ADDRESS ? &socks[c->sock].local : &socks[c->sock].remote);
}

static void perform_nothing(wsk_call *c, NTSTATUS *status, ULONG_PTR *information)
{
    (void)c, (void)status, (void)information;
}

/* ---- the client-level functions ---- */

static bool kind_of_flags(ULONG flags, sock_kind *kind)
{
    switch (flags) {
    case WSK_FLAG_BASIC_SOCKET: *kind = K_BASIC; return true;
    case WSK_FLAG_LISTEN_SOCKET: *kind = K_LISTEN; return true;
    case WSK_FLAG_CONNECTION_SOCKET: *kind = K_CONNECTION; return true;
    case WSK_FLAG_DATAGRAM_SOCKET: *kind = K_DATAGRAM; return true;
    case WSK_FLAG_STREAM_SOCKET: *kind = K_STREAM; return true;
    default: return false;
    }
}

NTSTATUS WSKAPI wsk_socket(PWSK_CLIENT client, ADDRESS_FAMILY af, USHORT type, ULONG protocol, ULONG flags,
                           PVOID context, const void *dispatch, PEPROCESS process, PETHREAD thread,
                           PSECURITY_DESCRIPTOR sd, PIRP irp)
{
    (void)type, (void)protocol, (void)context, (void)dispatch, (void)process, (void)thread, (void)sd;
    SITE_NOTE_CALLER();
    wsk_client_check(client, "WskSocket");
    wsk_trace_call(OP_CREATE, flags, 0);
    wsk_irp_check(irp, "WskSocket", true);
    wsk_call_point(((const struct _WSK_CLIENT *)client)->binding);
    const struct _WSK_CLIENT *wc = client;
    wsk_call *c = wsk_call_new(irp, perform_create, -1, wc->binding, wc->wsk_reg);
    if (!c)
        return no_room(irp);
    sock_kind kind = K_BASIC;
    NTSTATUS model = STATUS_SUCCESS;
    if (!kind_of_flags(flags, &kind) || (af != AF_INET && af != AF_INET6))
        model = STATUS_INVALID_PARAMETER;
    c->kind = kind;
    c->af = af;
    c->caller = __builtin_return_address(0);
    return wsk_call_finish(c, FP_WSK_SOCKET, model, false);
}

NTSTATUS WSKAPI wsk_socket_connect(PWSK_CLIENT client, USHORT type, ULONG protocol, PSOCKADDR local,
                                   PSOCKADDR remote, ULONG flags, PVOID context,
                                   const WSK_CLIENT_CONNECTION_DISPATCH *dispatch, PEPROCESS process,
                                   PETHREAD thread, PSECURITY_DESCRIPTOR sd, PIRP irp)
{
    (void)type, (void)protocol, (void)context, (void)dispatch, (void)process, (void)thread, (void)sd;
    SITE_NOTE_CALLER();
    wsk_client_check(client, "WskSocketConnect");
    wsk_trace_call(OP_CREATE_CONNECT, 0, 0);
    wsk_irp_check(irp, "WskSocketConnect", true);
    wsk_call_point(((const struct _WSK_CLIENT *)client)->binding);
    if (!local || !remote)
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskSocketConnect got a NULL %s address; both are required",
                     local ? "remote" : "local");
    reserved_zero(flags, "WskSocketConnect");
    const struct _WSK_CLIENT *wc = client;
    wsk_call *c = wsk_call_new(irp, perform_create, -1, wc->binding, wc->wsk_reg);
    if (!c)
        return no_room(irp);
    NTSTATUS model = STATUS_SUCCESS;
    if (!read_address(local, &c->local) || !read_address(remote, &c->addr) ||
        c->local.ss_family != c->addr.ss_family)
        model = STATUS_INVALID_PARAMETER;
    c->kind = K_CONNECTION;
    c->af = c->local.ss_family;
    c->connect_too = true;
    c->caller = __builtin_return_address(0);
    return wsk_call_finish(c, FP_WSK_CONNECT, model, false);
}

/* ---- the socket-level functions ---- */

static NTSTATUS WSKAPI control_socket(PWSK_SOCKET socket, WSK_CONTROL_SOCKET_TYPE type, ULONG code, ULONG level,
                                      SIZE_T in_size, PVOID in, SIZE_T out_size, PVOID out, SIZE_T *returned,
                                      PIRP irp)
{
    (void)level;
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskControlSocket", OP_CONTROL);
    wsk_irp_check(irp, "WskControlSocket", false);
    in_flight(s, "WskControlSocket");
    if ((in_size && !in) || (out_size && !out))
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskControlSocket got a %s size of %zu with a NULL buffer",
                     in_size && !in ? "input" : "output", (size_t)(in_size && !in ? in_size : out_size));
    wsk_call *c = wsk_call_new(irp, perform_control, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    NTSTATUS model = (unsigned)type >= WskControlMax ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
    for (SIZE_T i = 0; i < in_size; i++) /* the provider reads the whole input */
        (void)*((volatile const UCHAR *)in + i);
    if (type == WskIoctl && code == SIO_WSK_SET_REMOTE_ADDRESS && in_size >= sizeof(SOCKADDR)) {
        c->kind = 1;
        if (!read_address(in, &c->addr))
            model = STATUS_INVALID_PARAMETER;
    }
    c->out = out;
    c->out_size = out_size;
    c->out_returned = returned;
    return wsk_call_finish(c, FP_WSK_CONTROL, model, false);
}

static NTSTATUS WSKAPI close_socket(PWSK_SOCKET socket, PIRP irp)
{
    SITE_NOTE_CALLER();
    int i = sock_of(socket);
    wsk_trace_call(OP_CLOSE, (uint64_t)i, 0);
    if (i < 0)
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskCloseSocket on %p, which is no socket the WSK subsystem created",
                     (void *)socket);
    wsk_sock *s = &socks[i];
    wsk_call_point(s->binding); /* before the state is read: a close of another thread shows as a second close */
    if (s->life != S_OPEN && !(s->life == S_CLOSED && s->close_failed))
        verdict_fire(V_SOCKET_CLOSED_TWICE, "WskCloseSocket on %s socket %d, which is already %s", kind_names[s->kind], i,
                     s->life == S_CLOSING ? "being closed" : "closed");
    wsk_irp_check(irp, "WskCloseSocket", true);
    s->life = S_CLOSING;
    wsk_calls_cancel_socket(i); /* closing cancels the socket's pending requests */
    wsk_call *c = wsk_call_new(irp, perform_close, i, s->binding, s->wsk_reg);
    if (!c) { /* no room to pend: close at once */
        s->life = S_CLOSED;
        io_complete(irp, STATUS_SUCCESS, 0);
        return STATUS_SUCCESS;
    }
    return wsk_call_finish(c, FP_WSK_CLOSE, STATUS_SUCCESS, false);
}

static NTSTATUS WSKAPI bind_socket(PWSK_SOCKET socket, PSOCKADDR address, ULONG flags, PIRP irp)
{
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskBind", OP_BIND);
    if (!address)
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskBind got a NULL LocalAddress");
    reserved_zero(flags, "WskBind");
    wsk_irp_check(irp, "WskBind", true);
    in_flight(s, "WskBind");
    wsk_call *c = wsk_call_new(irp, perform_bind, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    NTSTATUS model = STATUS_SUCCESS;
    if (!read_address(address, &c->addr) || c->addr.ss_family != s->af)
        model = STATUS_INVALID_PARAMETER;
    else if (s->bound)
        model = STATUS_ADDRESS_ALREADY_ASSOCIATED;
    return wsk_call_finish(c, FP_WSK_BIND, model, false);
}

static NTSTATUS WSKAPI listen_socket(PWSK_SOCKET socket, PIRP irp)
{
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskListen", OP_LISTEN);
    wsk_irp_check(irp, "WskListen", true);
    in_flight(s, "WskListen");
    if (!s->bound)
        verdict_fire(V_SOCKET_BAD_STATE, "WskListen on stream socket %d, which WskBind never bound", index_of(s));
    wsk_call *c = wsk_call_new(irp, perform_listen, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    return wsk_call_finish(c, FP_WSK_BIND, s->connected ? STATUS_INVALID_DEVICE_STATE : STATUS_SUCCESS, false);
}

static NTSTATUS connect_common(PWSK_SOCKET socket, PSOCKADDR remote, PWSK_BUF buffer, ULONG flags, PIRP irp,
                               const char *call)
{
    wsk_sock *s = enter(socket, call, OP_CONNECT);
    if (!remote)
        verdict_fire(V_WSK_BAD_ARGUMENT, "%s got a NULL RemoteAddress", call);
    reserved_zero(flags, call);
    wsk_irp_check(irp, call, true);
    in_flight(s, call);
    if (!s->bound)
        verdict_fire(V_SOCKET_BAD_STATE, "%s on %s socket %d, which WskBind never bound (the page requires a bound "
                     "socket)", call, kind_names[s->kind], index_of(s));
    if (buffer)
        check_buffer(buffer, call);
    wsk_call *c = wsk_call_new(irp, perform_connect, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    NTSTATUS model = STATUS_SUCCESS;
    if (!read_address(remote, &c->addr) || c->addr.ss_family != s->af)
        model = STATUS_INVALID_PARAMETER;
    else if (s->connected || s->connecting || s->listening)
        model = STATUS_CONNECTION_ACTIVE;
    else if (buffer && buffer->Length > 65535)
        model = STATUS_BUFFER_OVERFLOW;
    if (buffer) {
        c->buf = *buffer;
        c->has_buf = true;
    }
    if (model == STATUS_SUCCESS)
        s->connecting = true;
    return wsk_call_finish(c, FP_WSK_CONNECT, model, false);
}

static NTSTATUS WSKAPI connect_socket(PWSK_SOCKET socket, PSOCKADDR remote, ULONG flags, PIRP irp)
{
    SITE_NOTE_CALLER();
    return connect_common(socket, remote, NULL, flags, irp, "WskConnect");
}

static NTSTATUS WSKAPI connect_ex_socket(PWSK_SOCKET socket, PSOCKADDR remote, PWSK_BUF buffer, ULONG flags,
                                         PIRP irp)
{
    SITE_NOTE_CALLER();
    return connect_common(socket, remote, buffer, flags, irp, "WskConnectEx");
}

static NTSTATUS WSKAPI accept_socket(PWSK_SOCKET socket, ULONG flags, PVOID context,
                                     const WSK_CLIENT_CONNECTION_DISPATCH *dispatch, PSOCKADDR local,
                                     PSOCKADDR remote, PIRP irp)
{
    (void)context, (void)dispatch;
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskAccept", OP_ACCEPT);
    reserved_zero(flags, "WskAccept");
    wsk_irp_check(irp, "WskAccept", true);
    in_flight(s, "WskAccept");
    if (!s->listening)
        verdict_fire(V_SOCKET_BAD_STATE, "WskAccept on %s socket %d, which is not listening (bind a listening socket, "
                     "or WskListen a stream socket, first)", kind_names[s->kind], index_of(s));
    wsk_call *c = wsk_call_new(irp, perform_accept, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    c->out_local = local;
    c->out_remote = remote;
    c->caller = __builtin_return_address(0);
    bool park = s->connections_left == 0;
    if (!park)
        s->connections_left--;
    return wsk_call_finish(c, FP_WSK_CONNECT, STATUS_SUCCESS, park);
}

/* Send and receive need a completed connect; after a reset they fail, as the transport says. */
static NTSTATUS stream_state(wsk_sock *s, const char *call, bool sending)
{
    if (s->connecting)
        verdict_fire(V_SOCKET_BAD_STATE, "%s on socket %d before its WskConnect completed", call, index_of(s));
    if (!s->connected)
        verdict_fire(V_SOCKET_BAD_STATE, "%s on %s socket %d, which is not connected (connect failed or never "
                     "happened)", call, kind_names[s->kind], index_of(s));
    if (s->broken)
        return STATUS_CONNECTION_RESET;
    if (sending && s->send_shut)
        return STATUS_INVALID_DEVICE_STATE;
    return STATUS_SUCCESS;
}

static NTSTATUS WSKAPI send_socket(PWSK_SOCKET socket, PWSK_BUF buffer, ULONG flags, PIRP irp)
{
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskSend", OP_SEND);
    if (!buffer)
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskSend got a NULL WSK_BUF");
    wsk_irp_check(irp, "WskSend", true);
    in_flight(s, "WskSend");
    check_buffer(buffer, "WskSend");
    NTSTATUS model = stream_state(s, "WskSend", true);
    if (flags & ~(ULONG)WSK_FLAG_NODELAY)
        model = STATUS_NOT_SUPPORTED;
    wsk_call *c = wsk_call_new(irp, perform_send, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    c->buf = *buffer;
    return wsk_call_finish(c, FP_WSK_SEND, model, false);
}

static NTSTATUS WSKAPI receive_socket(PWSK_SOCKET socket, PWSK_BUF buffer, ULONG flags, PIRP irp)
{
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskReceive", OP_RECEIVE);
    if (!buffer)
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskReceive got a NULL WSK_BUF");
    wsk_irp_check(irp, "WskReceive", true);
    in_flight(s, "WskReceive");
    check_buffer(buffer, "WskReceive");
    NTSTATUS model = stream_state(s, "WskReceive", false);
    if (flags & ~(ULONG)(WSK_FLAG_WAITALL | WSK_FLAG_DRAIN))
        model = STATUS_NOT_SUPPORTED;
    wsk_call *c = wsk_call_new(irp, perform_receive, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    c->buf = *buffer;
    return wsk_call_finish(c, FP_WSK_RECEIVE, model, false);
}

static NTSTATUS WSKAPI disconnect_socket(PWSK_SOCKET socket, PWSK_BUF buffer, ULONG flags, PIRP irp)
{
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskDisconnect", OP_DISCONNECT);
    wsk_irp_check(irp, "WskDisconnect", true);
    in_flight(s, "WskDisconnect");
    if (buffer)
        check_buffer(buffer, "WskDisconnect");
    NTSTATUS model = STATUS_SUCCESS;
    if (!s->connected || s->connecting)
        model = STATUS_INVALID_DEVICE_STATE;
    else if (flags & ~(ULONG)WSK_FLAG_ABORTIVE)
        model = STATUS_INVALID_PARAMETER;
    wsk_call *c = wsk_call_new(irp, perform_disconnect, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    c->flags = flags;
    if (buffer) {
        c->buf = *buffer;
        c->has_buf = true;
    }
    return wsk_call_finish(c, FP_WSK_DISCONNECT, model, false);
}

static NTSTATUS address_common(PWSK_SOCKET socket, PSOCKADDR out, PIRP irp, op_code op, const char *call)
{
    wsk_sock *s = enter(socket, call, op);
    if (!out)
        verdict_fire(V_WSK_BAD_ARGUMENT, "%s got a NULL address buffer", call);
    wsk_irp_check(irp, call, true);
    in_flight(s, call);
    wsk_call *c = wsk_call_new(irp, perform_address, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    c->kind = op;
    c->out_local = out;
    bool known = op == OP_LOCAL_ADDRESS ? s->bound : s->connected && !s->connecting;
    return wsk_call_finish(c, FP_WSK_CONTROL, known ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_STATE, false);
}

static NTSTATUS WSKAPI local_address(PWSK_SOCKET socket, PSOCKADDR out, PIRP irp)
{
    SITE_NOTE_CALLER();
    return address_common(socket, out, irp, OP_LOCAL_ADDRESS, "WskGetLocalAddress");
}

static NTSTATUS WSKAPI remote_address(PWSK_SOCKET socket, PSOCKADDR out, PIRP irp)
{
    SITE_NOTE_CALLER();
    return address_common(socket, out, irp, OP_REMOTE_ADDRESS, "WskGetRemoteAddress");
}

/* No receive event is ever indicated here, so there is nothing a client may release. */
static NTSTATUS WSKAPI release_indications(PWSK_SOCKET socket, PWSK_DATA_INDICATION list)
{
    SITE_NOTE_CALLER();
    enter(socket, "WskRelease", OP_NOT_MODELED);
    verdict_fire(V_WSK_BAD_ARGUMENT, "WskRelease of data indication %p, which the WSK subsystem never indicated "
                 "(no receive event was delivered)", (void *)list);
    return STATUS_SUCCESS;
}

static NTSTATUS WSKAPI release_datagrams(PWSK_SOCKET socket, PWSK_DATAGRAM_INDICATION list)
{
    SITE_NOTE_CALLER();
    enter(socket, "WskRelease", OP_NOT_MODELED);
    verdict_fire(V_WSK_BAD_ARGUMENT, "WskRelease of datagram indication %p, which the WSK subsystem never indicated "
                 "(no receive-from event was delivered)", (void *)list);
    return STATUS_SUCCESS;
}

static NTSTATUS WSKAPI send_to_socket(PWSK_SOCKET socket, PWSK_BUF buffer, ULONG flags, PSOCKADDR remote,
                                      ULONG control_length, PCMSGHDR control, PIRP irp)
{
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskSendTo", OP_SEND_TO);
    if (!buffer)
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskSendTo got a NULL WSK_BUF");
    reserved_zero(flags, "WskSendTo");
    wsk_irp_check(irp, "WskSendTo", true);
    in_flight(s, "WskSendTo");
    check_buffer(buffer, "WskSendTo");
    if (!s->bound)
        verdict_fire(V_SOCKET_BAD_STATE, "WskSendTo on datagram socket %d, which WskBind never bound", index_of(s));
    for (ULONG i = 0; control && i < control_length; i++)
        (void)*((volatile const UCHAR *)control + i);
    wsk_call *c = wsk_call_new(irp, perform_send, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    NTSTATUS model = STATUS_SUCCESS;
    if (remote ? !read_address(remote, &c->addr) || c->addr.ss_family != s->af : !s->has_remote)
        model = STATUS_INVALID_PARAMETER;
    c->buf = *buffer;
    return wsk_call_finish(c, FP_WSK_SEND, model, false);
}

static NTSTATUS WSKAPI receive_from_socket(PWSK_SOCKET socket, PWSK_BUF buffer, ULONG flags, PSOCKADDR remote,
                                           PULONG control_length, PCMSGHDR control, PULONG control_flags, PIRP irp)
{
    (void)control;
    SITE_NOTE_CALLER();
    wsk_sock *s = enter(socket, "WskReceiveFrom", OP_RECEIVE_FROM);
    if (!buffer)
        verdict_fire(V_WSK_BAD_ARGUMENT, "WskReceiveFrom got a NULL WSK_BUF");
    reserved_zero(flags, "WskReceiveFrom");
    wsk_irp_check(irp, "WskReceiveFrom", true);
    in_flight(s, "WskReceiveFrom");
    check_buffer(buffer, "WskReceiveFrom");
    if (!s->bound)
        verdict_fire(V_SOCKET_BAD_STATE, "WskReceiveFrom on datagram socket %d, which WskBind never bound",
                     index_of(s));
    wsk_call *c = wsk_call_new(irp, perform_receive_from, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    c->buf = *buffer;
    c->out_remote = remote;
    c->control_length = control_length;
    c->control_flags = control_flags;
    bool park = s->datagrams_left == 0;
    if (!park)
        s->datagrams_left--;
    return wsk_call_finish(c, FP_WSK_RECEIVE, STATUS_SUCCESS, park);
}

/* Functions the model does not cover: loud, and their IRP completes with STATUS_NOT_IMPLEMENTED. */
static NTSTATUS not_modeled_call(PWSK_SOCKET socket, const char *call, PIRP irp)
{
    wskfuzz_not_modeled(call);
    wsk_sock *s = enter(socket, call, OP_NOT_MODELED);
    if (!wsk_irp_check(irp, call, false))
        return STATUS_NOT_IMPLEMENTED;
    wsk_call *c = wsk_call_new(irp, perform_nothing, index_of(s), s->binding, s->wsk_reg);
    if (!c)
        return no_room(irp);
    return wsk_call_finish(c, FP_WSK_CONTROL, STATUS_NOT_IMPLEMENTED, false);
}

static NTSTATUS WSKAPI inspect_complete(PWSK_SOCKET socket, PWSK_INSPECT_ID id, WSK_INSPECT_ACTION action, PIRP irp)
{
    (void)id, (void)action;
    SITE_NOTE_CALLER();
    return not_modeled_call(socket, "WskInspectComplete", irp);
}

static NTSTATUS WSKAPI send_messages(PWSK_SOCKET socket, PWSK_BUF_LIST list, ULONG flags, PSOCKADDR remote,
                                     ULONG control_length, PCMSGHDR control, PIRP irp)
{
    (void)list, (void)flags, (void)remote, (void)control_length, (void)control;
    SITE_NOTE_CALLER();
    return not_modeled_call(socket, "WskSendMessages", irp);
}

static NTSTATUS WSKAPI send_ex(PWSK_SOCKET socket, PWSK_BUF buffer, ULONG flags, ULONG control_length,
                               PCMSGHDR control, PIRP irp)
{
    (void)buffer, (void)flags, (void)control_length, (void)control;
    SITE_NOTE_CALLER();
    return not_modeled_call(socket, "WskSendEx", irp);
}

static NTSTATUS WSKAPI receive_ex(PWSK_SOCKET socket, PWSK_BUF buffer, ULONG flags, PULONG control_length,
                                  PCMSGHDR control, PULONG control_flags, PIRP irp)
{
    (void)buffer, (void)flags, (void)control_length, (void)control, (void)control_flags;
    SITE_NOTE_CALLER();
    return not_modeled_call(socket, "WskReceiveEx", irp);
}

/* ---- the tables (static and exact-size: a client reading past its socket's table is caught) ---- */

static const WSK_PROVIDER_BASIC_DISPATCH basic_dispatch = {control_socket, close_socket};
static const WSK_PROVIDER_LISTEN_DISPATCH listen_dispatch = {
    .WskControlSocket = control_socket, .WskCloseSocket = close_socket, .WskBind = bind_socket,
    .WskAccept = accept_socket, .WskInspectComplete = inspect_complete, .WskGetLocalAddress = local_address};
static const WSK_PROVIDER_CONNECTION_DISPATCH connection_dispatch = {
    .WskControlSocket = control_socket, .WskCloseSocket = close_socket, .WskBind = bind_socket,
    .WskConnect = connect_socket, .WskGetLocalAddress = local_address, .WskGetRemoteAddress = remote_address,
    .WskSend = send_socket, .WskReceive = receive_socket, .WskDisconnect = disconnect_socket,
    .WskRelease = release_indications, .WskConnectEx = connect_ex_socket, .WskSendEx = send_ex,
    .WskReceiveEx = receive_ex};
static const WSK_PROVIDER_DATAGRAM_DISPATCH datagram_dispatch = {
    .WskControlSocket = control_socket, .WskCloseSocket = close_socket, .WskBind = bind_socket,
    .WskSendTo = send_to_socket, .WskReceiveFrom = receive_from_socket, .WskRelease = release_datagrams,
    .WskGetLocalAddress = local_address, .WskSendMessages = send_messages};
static const WSK_PROVIDER_STREAM_DISPATCH stream_dispatch = {
    .WskControlSocket = control_socket, .WskCloseSocket = close_socket, .WskBind = bind_socket,
    .WskAccept = accept_socket, .WskConnect = connect_socket, .WskListen = listen_socket, .WskSend = send_socket,
    .WskReceive = receive_socket, .WskDisconnect = disconnect_socket, .WskRelease = release_indications,
    .WskGetLocalAddress = local_address, .WskGetRemoteAddress = remote_address, .WskConnectEx = connect_ex_socket,
    .WskSendEx = send_ex, .WskReceiveEx = receive_ex};

static const void *dispatch_for(sock_kind kind)
{
    switch (kind) {
    case K_LISTEN: return &listen_dispatch;
    case K_CONNECTION: return &connection_dispatch;
    case K_DATAGRAM: return &datagram_dispatch;
    case K_STREAM: return &stream_dispatch;
    default: return &basic_dispatch;
    }
}
