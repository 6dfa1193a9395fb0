/* scenario.h - what one fuzz input decides, and the one decoder that reads it.
 *
 * Byte layout (little-endian; any length is valid, missing bytes read as zero):
 *
 *   header     u8 flags            bit 0 hostile statuses, bit 1 the providers leave before unload
 *                                  (targets with .leave_flag)
 *              u8 provider_count   1 + value % the target's .max_providers (fuzz/targets.def)
 *   faults     SCENARIO_MAX_FAULTS x { u8 point (1-based fault point, 0 = unused), u8 choice }
 *   providers  provider_count x 23-byte records:
 *              u8 npi (wsk | other)   u8 arrives (before the driver | on a register op)
 *              u16 version  u16 size  u32 number
 *              u8 module_type (guid | luid | unknown)  u32 module_data1  u16 module_data2
 *              u8 characteristics (present | null)  u8 dispatch (requested | highest-minor)
 *              u16 highest_version  u16 lowest_version
 *   ops        targets with .ops: up to SCENARIO_MAX_OPS x { u8 op, u8 arg } to the end
 *   preemptions  when bytes are left after the providers (targets without .ops) or after
 *              SCENARIO_MAX_OPS ops: SCENARIO_MAX_PREEMPTIONS x { u8 thread, u8 call }: when that
 *              simulated thread (0: the harness's) makes its call-th kernel call (0 = unused),
 *              another runnable thread runs first.
 *   irqls      when bytes are left after the preemptions: u8 each for ClientDetachProvider,
 *              ClientCleanupBindingContext and IRP completion routines, value % 4: 0 default (detach
 *              and cleanup at DISPATCH_LEVEL, a completion routine at its completer's IRQL),
 *              1 PASSIVE_LEVEL, 2 APC_LEVEL, 3 DISPATCH_LEVEL (never below the caller's IRQL).
 *   targets    when bytes are left after the irqls: SCENARIO_MAX_PREEMPTIONS x u8 to, value % 17:
 *              0 the scheduler's fixed order picks who runs at that preemption (as before the
 *              byte existed), k thread k-1 when it is runnable there (else the order). A byte per
 *              slot, not a rank among the runnable: a thread number reads the same in every trace.
 *              Each part is appended after the last: older inputs keep their meaning.
 *
 * Fixed-size records keep a small byte change a small scenario change. */
#ifndef WSKFUZZ_SCENARIO_H
#define WSKFUZZ_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../stubs/host/stub_control.h"

#define SCENARIO_MAX_FAULTS STUB_MAX_FAULTS
#define SCENARIO_MAX_PROVIDERS STUB_MAX_PROVIDERS
#define SCENARIO_MAX_OPS 32
#define SCENARIO_MAX_PREEMPTIONS STUB_MAX_PREEMPTIONS

/* The targets, one per row of fuzz/targets.def: TARGET_<name>. */
typedef enum {
#define WSKFUZZ_TARGET(name, ...) TARGET_##name,
#include "targets.def"
#undef WSKFUZZ_TARGET
    TARGET_COUNT
} scenario_target;

/* What a target decodes and plays: its row of fuzz/targets.def (the fields are described there). */
typedef struct {
    const char *name, *summary;
    unsigned max_providers;
    bool ops, leave_flag, unscripted_arrivals;
} scenario_target_info;

extern const scenario_target_info scenario_targets[TARGET_COUNT];

typedef enum {
    OP_PROVIDER_REGISTER,   /* arg: provider index (mod count) */
    OP_PROVIDER_DEREGISTER, /* arg: provider index */
    OP_COMPLETE_IRP,        /* arg: low nibble = which pending IRP, high nibble = status */
    OP_CLIENT_UNLOAD,       /* the driver unloads now */
    OP_COUNT
} scenario_op_kind;

typedef struct {
    uint8_t kind, arg;
} scenario_op;

typedef struct {
    stub_provider_spec spec;
    bool arrives_later; /* false: registered before DriverEntry */
} scenario_provider;

typedef struct {
    scenario_target target;
    stub_plan plan;
    bool provider_leaves; /* attach: the provider deregisters before the driver unloads */
    unsigned nproviders;
    scenario_provider providers[SCENARIO_MAX_PROVIDERS];
    unsigned nops;
    scenario_op ops[SCENARIO_MAX_OPS];
} scenario;

bool scenario_target_parse(const char *name, scenario_target *out);
/* The target names joined by `sep` (one name, sep, the next, ...), for usage texts. */
const char *scenario_target_list(const char *sep);

/* Decode bytes (total: never fails). With `describe` set, also print the text form there. */
void scenario_decode(scenario *sc, scenario_target target, const uint8_t *data, size_t size, FILE *describe);
/* The bytes that decode to `sc` (the inverse of scenario_decode for what the decoder keeps): the
 * length, or 0 when it does not fit in `cap`. */
size_t scenario_to_bytes(const scenario *sc, uint8_t *out, size_t cap);
/* Encode a text scenario into bytes. Returns false with a one-line message on a bad text. */
bool scenario_encode(const char *text, scenario_target *target, uint8_t **bytes, size_t *size, char *message,
                     size_t message_size);
/* Completion statuses the OP_COMPLETE_IRP high nibble selects (0 = the provider's own status). */
NTSTATUS scenario_completion_status(unsigned nibble, NTSTATUS own);

#endif
