/* scenario.c - the one decoder: bytes (or text) to a scenario. Field names here are the
 * text format; see scenario.h for the byte layout. */
#include "scenario.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"

const scenario_target_info scenario_targets[TARGET_COUNT] = {
#define WSKFUZZ_TARGET(target, ...) {.name = #target, __VA_ARGS__},
#include "targets.def"
#undef WSKFUZZ_TARGET
};

static const char *const npi_names[] = {"wsk", "other"};
static const char *const arrival_names[] = {"before-driver", "on-op"};
static const char *const presence_names[] = {"present", "null"};
static const char *const dispatch_names[] = {"requested", "highest-minor"};
static const char *const module_type_names[] = {"guid", "luid", "unknown"};
static const char *const op_names[OP_COUNT] = {"provider-register", "provider-deregister", "complete-irp",
                                               "unload"};
static const char *const irql_names[IRQL_CHOICE_COUNT] = {"default", "passive", "apc", "dispatch"};
static const char *const irql_fields[CB_KIND_COUNT] = {"irql.detach", "irql.cleanup", "irql.completion"};
/* preempt<N>.to: 0 the scheduler's order, k thread k-1 */
static const char *const to_names[1 + STUB_MAX_THREADS] = {
    "order",   "thread0", "thread1",  "thread2",  "thread3",  "thread4",  "thread5",  "thread6",  "thread7",
    "thread8", "thread9", "thread10", "thread11", "thread12", "thread13", "thread14", "thread15"};
_Static_assert(STUB_MAX_THREADS == 16, "one name per thread in to_names");

bool scenario_target_parse(const char *name, scenario_target *out)
{
    for (int t = 0; t < TARGET_COUNT; t++)
        if (!strcmp(name, scenario_targets[t].name)) {
            *out = (scenario_target)t;
            return true;
        }
    return false;
}

const char *scenario_target_list(const char *sep)
{
    static char list[256]; /* the names are short and few: built once per separator change */
    static const char *built_with;
    if (built_with != sep) {
        list[0] = 0;
        for (int t = 0; t < TARGET_COUNT; t++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", t ? sep : "", scenario_targets[t].name);
        built_with = sep;
    }
    return list;
}

NTSTATUS scenario_completion_status(unsigned nibble, NTSTATUS own)
{
    static const NTSTATUS table[16] = {
        0, STATUS_SUCCESS, STATUS_CANCELLED, STATUS_UNSUCCESSFUL, STATUS_INSUFFICIENT_RESOURCES,
        STATUS_CONNECTION_REFUSED, STATUS_CONNECTION_RESET, STATUS_IO_TIMEOUT, STATUS_NOT_SUPPORTED,
        STATUS_INVALID_PARAMETER, STATUS_NETWORK_UNREACHABLE, STATUS_HOST_UNREACHABLE, STATUS_REQUEST_ABORTED,
        STATUS_BUFFER_OVERFLOW, STATUS_INVALID_DEVICE_STATE, STATUS_NOT_FOUND,
    };
    return nibble == 0 ? own : table[nibble & 15];
}

static inline __attribute__((always_inline)) void read_provider(fuzz_input *in, bool plain, unsigned i,
                                                                 scenario_provider *p)
{
#define NUM(suffix, width, fmt) in_field(in, plain, "provider%u." suffix, i, width, fmt, NULL, 0)
#define NAMED(suffix, names) \
    in_field(in, plain, "provider%u." suffix, i, 1, FMT_NAMES, names, (unsigned)(sizeof(names) / sizeof(*(names))))
    stub_provider_spec *s = &p->spec;
    memset(p, 0, sizeof *p);
    s->npi = (npi_kind)NAMED("npi", npi_names);
    p->arrives_later = NAMED("arrives", arrival_names) != 0;
    s->instance.Version = (USHORT)NUM("version", 2, FMT_DEC);
    s->instance.Size = (USHORT)NUM("size", 2, FMT_DEC);
    s->instance.Number = NUM("number", 4, FMT_DEC);
    unsigned type = NAMED("module_type", module_type_names);
    s->module_id.Length = sizeof(NPI_MODULEID);
    s->module_id.Type = type == 0 ? MIT_GUID : type == 1 ? MIT_IF_LUID : (NPI_MODULEID_TYPE)0x7f;
    s->module_id.Guid.Data1 = NUM("module_data1", 4, FMT_HEX);
    s->module_id.Guid.Data2 = (USHORT)NUM("module_data2", 2, FMT_HEX);
    s->has_characteristics = NAMED("characteristics", presence_names) == 0;
    s->dispatch_highest_minor = NAMED("dispatch_version", dispatch_names) != 0;
    s->characteristics.HighestVersion = (USHORT)NUM("highest_version", 2, FMT_VERSION);
    s->characteristics.LowestVersion = (USHORT)NUM("lowest_version", 2, FMT_VERSION);
#undef NUM
#undef NAMED
}

/* Instantiated twice, with `plain` a constant (see fuzz_input.h): the fuzzing path's decode_plain,
 * and decode_described for describing and encoding. */
static inline __attribute__((always_inline)) void decode(fuzz_input *in, bool plain, scenario *sc,
                                                         scenario_target target)
{
    const scenario_target_info *info = &scenario_targets[target];
    /* Only the header is cleared: providers and ops past their counts are never read. */
    sc->target = target;
    sc->plan = (stub_plan){0};
    sc->provider_leaves = false;
    sc->nproviders = sc->nops = 0;
    uint32_t flags = in_field(in, plain, "flags", 0, 1, FMT_HEX, NULL, 0);
    in_comment(in, plain, "flags: bit 0 = hostile statuses%s", info->leave_flag ? ", bit 1 = provider leaves first" : "");
    sc->plan.hostile = flags & 1;
    sc->provider_leaves = info->leave_flag && (flags & 2);
    uint32_t count = in_field(in, plain, "provider_count", 0, 1, FMT_DEC, NULL, 0);
    sc->nproviders = 1 + count % info->max_providers;
    in_comment(in, plain, "fault: point = the n-th allocation or status-returning call (0 = unused); "
                   "choice = index into that call's status list");
    for (unsigned i = 0; i < SCENARIO_MAX_FAULTS; i++) {
        sc->plan.faults[i].point = (uint8_t)in_field(in, plain, "fault%u.point", i, 1, FMT_DEC, NULL, 0);
        sc->plan.faults[i].choice = (uint8_t)in_field(in, plain, "fault%u.choice", i, 1, FMT_DEC, NULL, 0);
    }
    for (unsigned i = 0; i < sc->nproviders; i++)
        read_provider(in, plain, i, &sc->providers[i]);
    if (info->ops)
        while (sc->nops < SCENARIO_MAX_OPS && in_more(in, plain)) {
            scenario_op *op = &sc->ops[sc->nops++];
            op->kind = (uint8_t)in_field(in, plain, "op", 0, 1, FMT_NAMES, op_names, OP_COUNT);
            op->arg = (uint8_t)in_field(in, plain, "arg", 0, 1, FMT_DEC, NULL, 0);
        }
    /* Preemptions come next, then the callbacks' IRQLs, then whom each preemption hands over to:
     * each part only when the input goes on past the one before, so every older input keeps its
     * meaning (and a missing part reads as zero: the behaviour before it existed). */
    if ((!info->ops || sc->nops == SCENARIO_MAX_OPS) && in_more(in, plain)) {
        in_comment(in, plain, "preemption: when thread N (0: the harness's) makes its call-th kernel call "
                       "(0 = unused), another runnable thread runs first");
        for (unsigned i = 0; i < SCENARIO_MAX_PREEMPTIONS; i++) {
            sc->plan.preemptions[i].thread = (uint8_t)in_field(in, plain, "preempt%u.thread", i, 1, FMT_DEC, NULL, 0);
            sc->plan.preemptions[i].call = (uint8_t)in_field(in, plain, "preempt%u.call", i, 1, FMT_DEC, NULL, 0);
        }
        if (in_more(in, plain)) {
            in_comment(in, plain, "irql: the IRQL each callback runs at, within its documented range (default: detach "
                           "and cleanup at dispatch, a completion routine at its completer's); never below its caller's");
            for (unsigned k = 0; k < CB_KIND_COUNT; k++)
                sc->plan.callback_irql[k] =
                    (uint8_t)in_field(in, plain, irql_fields[k], 0, 1, FMT_NAMES, irql_names, IRQL_CHOICE_COUNT);
        }
        if (in_more(in, plain)) {
            in_comment(in, plain, "preemption target: the thread that runs instead (order: the scheduler's fixed order; "
                           "a named thread not runnable there: the order too)");
            for (unsigned i = 0; i < SCENARIO_MAX_PREEMPTIONS; i++)
                sc->plan.preemptions[i].to =
                    (uint8_t)in_field(in, plain, "preempt%u.to", i, 1, FMT_NAMES, to_names, 1 + STUB_MAX_THREADS);
        }
    }
    in_finish(in, plain);
}

/* The fuzzing path: a reader of its own, which no call sees. Not inlined: in a caller that also
 * describes, the compiler would share one reader between both, and that one escapes. */
static __attribute__((noinline)) void decode_plain(scenario *sc, scenario_target target, const uint8_t *data,
                                                   size_t size)
{
    fuzz_input in = {.data = data, .size = size};
    decode(&in, true, sc, target);
}

static __attribute__((noinline)) void decode_described(fuzz_input *in, scenario *sc, scenario_target target)
{
    decode(in, false, sc, target);
}

void scenario_decode(scenario *sc, scenario_target target, const uint8_t *data, size_t size, FILE *describe)
{
    if (!describe) {
        decode_plain(sc, target, data, size);
        return;
    }
    fuzz_input in;
    in_from_bytes(&in, data, size, describe);
    fprintf(describe, "target %s\n", scenario_targets[target].name);
    decode_described(&in, sc, target);
}

/* Little-endian writes that stop at `cap` (the length still counts, so a short buffer shows). */
typedef struct {
    uint8_t *b;
    size_t len, cap;
} byte_writer;

static void put(byte_writer *w, uint32_t v, unsigned width)
{
    for (unsigned i = 0; i < width; i++, w->len++)
        if (w->len < w->cap)
            w->b[w->len] = (uint8_t)(v >> (8 * i));
}

size_t scenario_to_bytes(const scenario *sc, uint8_t *out, size_t cap)
{
    /* Field for field as decode() reads them: a change there is a change here. */
    const scenario_target_info *info = &scenario_targets[sc->target];
    byte_writer w = {out, 0, cap};
    put(&w, (sc->plan.hostile ? 1u : 0u) | (info->leave_flag && sc->provider_leaves ? 2u : 0u), 1);
    put(&w, sc->nproviders - 1, 1);
    for (unsigned i = 0; i < SCENARIO_MAX_FAULTS; i++) {
        put(&w, sc->plan.faults[i].point, 1);
        put(&w, sc->plan.faults[i].choice, 1);
    }
    for (unsigned i = 0; i < sc->nproviders; i++) {
        const scenario_provider *p = &sc->providers[i];
        const stub_provider_spec *s = &p->spec;
        put(&w, (uint32_t)s->npi, 1);
        put(&w, p->arrives_later, 1);
        put(&w, s->instance.Version, 2);
        put(&w, s->instance.Size, 2);
        put(&w, s->instance.Number, 4);
        put(&w, s->module_id.Type == MIT_GUID ? 0 : s->module_id.Type == MIT_IF_LUID ? 1 : 2, 1);
        put(&w, s->module_id.Guid.Data1, 4);
        put(&w, s->module_id.Guid.Data2, 2);
        put(&w, !s->has_characteristics, 1);
        put(&w, s->dispatch_highest_minor, 1);
        put(&w, s->characteristics.HighestVersion, 2);
        put(&w, s->characteristics.LowestVersion, 2);
    }
    if (info->ops)
        for (unsigned i = 0; i < sc->nops; i++) {
            put(&w, sc->ops[i].kind, 1);
            put(&w, sc->ops[i].arg, 1);
        }
    /* The appended parts: each written when it or a later one says something. */
    bool preempts = false, irqls = false, targets = false;
    for (unsigned i = 0; i < SCENARIO_MAX_PREEMPTIONS; i++) {
        preempts |= sc->plan.preemptions[i].call != 0;
        targets |= sc->plan.preemptions[i].to != 0;
    }
    for (unsigned k = 0; k < CB_KIND_COUNT; k++)
        irqls |= sc->plan.callback_irql[k] != 0;
    if ((preempts || irqls || targets) && (!info->ops || sc->nops == SCENARIO_MAX_OPS)) {
        for (unsigned i = 0; i < SCENARIO_MAX_PREEMPTIONS; i++) {
            put(&w, sc->plan.preemptions[i].thread, 1);
            put(&w, sc->plan.preemptions[i].call, 1);
        }
        if (irqls || targets)
            for (unsigned k = 0; k < CB_KIND_COUNT; k++)
                put(&w, sc->plan.callback_irql[k], 1);
        if (targets)
            for (unsigned i = 0; i < SCENARIO_MAX_PREEMPTIONS; i++)
                put(&w, sc->plan.preemptions[i].to, 1);
    }
    return w.len <= cap ? w.len : 0;
}

bool scenario_encode(const char *text, scenario_target *target, uint8_t **bytes, size_t *size, char *message,
                     size_t message_size)
{
    /* The first line names the target: "target fuzz_attach". */
    const char *s = text;
    unsigned line = 0;
    char name[64] = "";
    while (*s) {
        line++;
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        const char *t = s;
        while (t < s + n && (*t == ' ' || *t == '\t' || *t == '\r'))
            t++;
        char first[96] = ""; /* scan this line only: sscanf's blanks would cross into the next */
        memcpy(first, t, (size_t)(s + n - t) < sizeof first - 1 ? (size_t)(s + n - t) : sizeof first - 1);
        if (sscanf(first, "target %63s", name) == 1) {
            s = nl ? nl + 1 : s + n;
            break;
        }
        if (t < s + n && *t != '#') {
            snprintf(message, message_size, "line %u: a scenario starts with 'target <name>'", line);
            return false;
        }
        s = nl ? nl + 1 : s + n;
    }
    if (!name[0]) {
        snprintf(message, message_size, "no 'target <name>' line: a scenario starts with one (%s)",
                 scenario_target_list(", "));
        return false;
    }
    if (!scenario_target_parse(name, target)) {
        snprintf(message, message_size, "line %u: unknown or missing target '%s' (%s)", line, name,
                 scenario_target_list(", "));
        return false;
    }
    fuzz_input in;
    in_from_text(&in, s);
    in.line = line;
    scenario sc;
    decode_described(&in, &sc, *target);
    if (in.error) {
        snprintf(message, message_size, "%s", in.message);
        free(in.out);
        return false;
    }
    *bytes = in.out;
    *size = in.out_len;
    return true;
}
