/* kernel.h - the stub kernel's private state: every modelled object of one scenario.
 *
 * All of it lives in one struct, `k`, cleared by stub_reset() at the start of each input;
 * object arrays are bounded and never recycled within a scenario, so a stale handle is
 * always recognised. */
#ifndef WSKFUZZ_KERNEL_H
#define WSKFUZZ_KERNEL_H

#include <stdio.h>

#include "stub_control.h"
#include "trace.h"

/* For the loops that write memory the sanitizers must not look at (ASan's redzones between the
 * client's globals, ASan's shadow) and that must not become a memcpy/memset call either: the
 * sanitizers' versions check what they copy. */
#if defined(__clang__)
#define STUB_UNCHECKED_STORES \
    __attribute__((no_sanitize("address", "memory", "undefined"), no_builtin("memcpy", "memset")))
#else
#define STUB_UNCHECKED_STORES \
    __attribute__((no_sanitize_address, no_sanitize_undefined, optimize("no-tree-loop-distribute-patterns")))
#endif

/* memcpy and memset for the stub's own per-input work, unchecked (raw_memory.c). */
void stub_raw_copy(void *dst, const void *src, size_t n);
void stub_raw_fill(void *dst, unsigned char byte, size_t n);

#define WSKFUZZ_CLIENT_MAGIC 0x4b53574bu /* "KWSK" */

typedef enum { REG_FREE, REG_ACTIVE, REG_DEREGISTERING, REG_DEREGISTERED } reg_state;

typedef struct {
    reg_state state;
    bool waited;                               /* NmrWaitFor...DeregisterComplete returned */
    const NPI_CLIENT_CHARACTERISTICS *chars;   /* the client's own memory: must stay valid */
    void *context;
} nmr_client;

typedef struct {
    reg_state state;
    NPI_PROVIDER_CHARACTERISTICS chars;        /* the stub's own provider characteristics */
    const stub_provider_spec *spec;            /* the scenario's: lives as long as the scenario */
    NPIID npi_id;
    /* What the client is shown (world.c): exact-size blocks fenced by poisoned memory, so ASan
     * sees any read past them. */
    NPI_REGISTRATION_INSTANCE *view;
} nmr_provider;

typedef enum {
    BIND_ATTACHING,      /* inside ClientAttachProvider */
    BIND_REFUSED,        /* the attach did not complete: nothing more happens */
    BIND_ATTACHED,
    BIND_DETACHING,      /* ClientDetachProvider called, not yet complete from the client side */
    BIND_CLEANED         /* both sides detached, cleanup delivered */
} bind_state;

/* The WSK_CLIENT object handed to clients: opaque to them, checked on every provider call. */
struct _WSK_CLIENT {
    uint32_t magic;
    int binding;   /* NMR binding index, or -1 */
    int wsk_reg;   /* WskRegister registration index, or -1 */
};

typedef struct {
    bind_state state;
    int client, provider;
    unsigned attempts;                  /* NmrClientAttachProvider calls in the callback */
    NTSTATUS last_status;               /* of the last NmrClientAttachProvider */
    unsigned alloc_mark;                /* pool serial at the start of the callback */
    void *client_context;
    const void *client_dispatch;
    bool client_detached, client_pending, completed, provider_detached;
    struct _WSK_CLIENT wsk_client;
    WSK_PROVIDER_DISPATCH dispatch;
} nmr_binding;

typedef struct {
    reg_state state;
    WSK_REGISTRATION *registration;     /* the client's block */
    const WSK_CLIENT_NPI *npi;
    unsigned captures;
    struct _WSK_CLIENT wsk_client;
    WSK_PROVIDER_DISPATCH dispatch;
} wsk_reg;

typedef struct {
    void *ptr;         /* as handed to the client */
    size_t size;
    ULONG tag;
    const char *file;  /* client call site */
    int line;
    unsigned serial;   /* allocation order, for "made during this callback" */
    unsigned step;     /* scenario step that made it */
    bool is_irp;
    int failed_attach; /* binding whose refused ClientAttachProvider made it, or -1 */
} pool_entry;

typedef struct {
    PIRP irp;
    NTSTATUS status;   /* the status it completes with unless the world says otherwise */
    ULONG_PTR information;
    int binding, wsk_reg;
} pending_irp;

struct kernel {
    /* fault plan */
    stub_plan plan;
    unsigned fault_points;
    uint8_t point_kinds[STUB_MAX_RECORDED_POINTS + 1];
    /* driver */
    DRIVER_OBJECT driver;
    bool loaded, in_driver_entry, unloading;
    unsigned step;
    /* NMR */
    nmr_client clients[STUB_MAX_CLIENTS];
    unsigned nclients;
    nmr_provider providers[STUB_MAX_PROVIDERS];
    unsigned nproviders;
    nmr_binding bindings[STUB_MAX_BINDINGS];
    unsigned nbindings;
    int attaching;                       /* binding inside ClientAttachProvider, or -1 */
    /* WskRegister */
    wsk_reg wsk_regs[STUB_MAX_WSK_REGS];
    unsigned nwsk_regs;
    /* pool */
    pool_entry pool[STUB_MAX_POOL];
    unsigned npool;                      /* live entries, kept dense */
    unsigned pool_serial;
    /* IRPs the provider holds */
    pending_irp pending[STUB_MAX_PENDING_IRPS];
    unsigned npending;
    /* the client's call site: site_* for the next trace event, last_* for verdicts */
    const char *site_file, *last_file;
    int site_line, last_line;
};

extern struct kernel k;

/* fault_plan.c */
bool fault_alloc_fails(void);
NTSTATUS fault_status(fault_kind kind); /* STATUS_SUCCESS: no fault here */

/* pool_arena.c: where pool blocks live (NULL from arena_take: use malloc) */
void *arena_take(size_t size);
void arena_give_back(void *p, size_t size);
bool arena_owns(const void *p);
void arena_rewind(void);

/* pool.c */
void pool_reset(void);
pool_entry *pool_find(const void *p);
void *pool_alloc_irp(size_t size);
void pool_free_irp(void *p);
const pool_entry *pool_first_live_since(unsigned serial);
void pool_mark_failed_attach(unsigned serial, int binding);
void pool_describe_address(FILE *out, const void *addr); /* the live or freed block near addr */

/* nmr.c */
void nmr_detach_binding(int b);
void nmr_binding_maybe_cleanup(int b);
bool nmr_resident(const void *p, const char **what);
void nmr_unload_checks(void);
void nmr_final_checks(void);
int nmr_first_wsk_provider(void);

/* wsk_subsystem.c: the WSK provider behind the NMR and the WskRegister library */
NPI_PROVIDER_ATTACH_CLIENT_FN wsk_provider_attach_client;
NPI_PROVIDER_DETACH_CLIENT_FN wsk_provider_detach_client;
NPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN wsk_provider_cleanup;
bool wsk_version_supported(const stub_provider_spec *spec, USHORT requested);
void wsk_fill_dispatch(WSK_PROVIDER_DISPATCH *d, const stub_provider_spec *spec, USHORT requested);
void wsk_reg_final_checks(void);
bool wsk_reg_resident(const void *p, const char **what);

/* io.c */
bool io_pend_irp(PIRP irp, NTSTATUS status, ULONG_PTR information, int binding, int wsk_reg);
bool io_irp_is_pending(PIRP irp);
void io_complete(PIRP irp, NTSTATUS status, ULONG_PTR information);
void io_final_checks(void);

/* The socket, address-list, wait and MDL models (model_hooks.c and the files it names): the
 * hooks the core calls. */
void models_reset(void);                                    /* stub_reset */
void models_final_checks(void);                             /* stub_final_checks: sockets, lists left */
void wsk_irp_completing(PIRP irp, NTSTATUS *status, ULONG_PTR *information); /* io_complete, first */
bool wsk_irp_cancel(PIRP irp);                              /* IoCancelIrp on a parked IRP */
void wsk_irp_completed(void);                               /* io_complete, after the routine */
bool wsk_sockets_provider_detaching(int binding);           /* true: the detach waits for sockets */
void wsk_registration_deregistering(int wsk_reg);           /* WskDeregister waits for sockets */
void wsk_sockets_detach_stuck(int client);                  /* NmrWaitForClientDeregisterComplete gives up */
void wsk_caller_forget(void);                               /* a macro noted a newer client site */
/* A verdict about memory points at the client line that allocated it, not at the last call. */
void verdict_point_at(const char *file, int line);
bool wsk_caller_site(void);                                 /* a verdict: point at the noted caller */
void wsk_client_check(PWSK_CLIENT client, const char *call); /* wsk_provider.c */
WSK_SOCKET_FN wsk_socket;
WSK_SOCKET_CONNECT_FN wsk_socket_connect;
WSK_GET_ADDRESS_INFO_FN wsk_get_address_info;
WSK_FREE_ADDRESS_INFO_FN wsk_free_address_info;
WSK_GET_NAME_INFO_FN wsk_get_name_info;

/* world.c */
bool world_advance(void);   /* the world makes progress while the client blocks */



#endif
