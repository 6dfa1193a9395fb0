/* explore.c - the sweep of one base scenario, run inside a child of explore_main.c.
 *
 * Clean run first: it numbers the fault points and records their kinds. Then one run per
 * single fault (every allocation failing, every status of the call's table), with the fault
 * written into a free slot of the input's fault plan; where a call pends (STATUS_PENDING),
 * every ordering of its completion against the scenario's events; with depth 2, every second
 * fault after the first. The attach target has no event list: its ordering is whether the
 * provider leaves before the driver unloads (flags bit 1), swept both ways. */
#include "explore.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "play.h"

/* Byte layout (scenario.h): flags, provider_count, SCENARIO_MAX_FAULTS x {point, choice}. */
#define FLAGS_AT 0
#define FLAG_HOSTILE 1u
#define FLAG_PROVIDER_LEAVES 2u
#define SLOT_AT(i) (2u + 2u * (i))
#define FAULTS_END SLOT_AT(SCENARIO_MAX_FAULTS)
#define PROVIDER_BYTES 23u
#define MAX_POINT STUB_MAX_RECORDED_POINTS

typedef struct {
    uint8_t b[EXPLORE_MAX_BYTES];
    size_t len;
} input;

typedef struct {
    bool ran;
    verdict_id verdict;
    unsigned npoints;
    uint8_t kinds[MAX_POINT + 1]; /* filled only when asked for */
} outcome;

typedef struct {
    const explore_options *opt;
    explore_shared *sh;
    int fd;
    uint32_t base, seq;
    /* where an earlier child stopped in this base (nothing for a base it never reached) */
    uint32_t resume_at, ncrashed;
    const uint32_t *crashed;
} sweep;

verdict_id explore_run_one(scenario_target target, const uint8_t *data, size_t len)
{
    static jmp_buf catcher;
    verdict_set_catcher(&catcher);
    if (setjmp(catcher))
        return verdict_last();
    scenario_run(target, data, len);
    verdict_set_catcher(NULL);
    return V_COUNT;
}

static void copy_input(input *dst, const input *src)
{
    memcpy(dst->b, src->b, src->len);
    dst->len = src->len;
}

/* Missing bytes read as zeros, so padding with zeros never changes the scenario. */
static void pad_to(input *in, size_t len)
{
    if (len > sizeof in->b)
        len = sizeof in->b;
    if (in->len < len) {
        memset(in->b + in->len, 0, len - in->len);
        in->len = len;
    }
}

static uint8_t byte_at(const input *in, size_t at)
{
    return at < in->len ? in->b[at] : 0;
}

static unsigned free_slots(const input *in, unsigned slots[SCENARIO_MAX_FAULTS])
{
    unsigned n = 0;
    for (unsigned i = 0; i < SCENARIO_MAX_FAULTS; i++)
        if (byte_at(in, SLOT_AT(i)) == 0)
            slots[n++] = i;
    return n;
}

/* A point the plan already names: the first matching slot wins, so a second one is moot. */
static bool point_planned(const input *in, unsigned point)
{
    for (unsigned i = 0; i < SCENARIO_MAX_FAULTS; i++)
        if (byte_at(in, SLOT_AT(i)) == point)
            return true;
    return false;
}

static void set_fault(input *in, unsigned slot, unsigned point, unsigned choice)
{
    pad_to(in, SLOT_AT(slot) + 2);
    in->b[SLOT_AT(slot)] = (uint8_t)point;
    in->b[SLOT_AT(slot) + 1] = (uint8_t)choice;
}

static void report(sweep *s, const input *in, uint32_t seq, verdict_id v, const char *label)
{
    explore_record r;
    memset(&r, 0, sizeof r);
    r.base = s->base;
    r.seq = seq;
    r.verdict = (int32_t)v;
    r.len = (uint32_t)in->len;
    snprintf(r.label, sizeof r.label, "%s", label);
    uint8_t buf[sizeof r + EXPLORE_MAX_BYTES];
    memcpy(buf, &r, sizeof r);
    memcpy(buf + sizeof r, in->b, in->len);
    size_t n = sizeof r + in->len, done = 0;
    while (done < n) {
        ssize_t w = write(s->fd, buf + done, n - done);
        if (w <= 0)
            _exit(3); /* the supervisor is gone */
        done += (size_t)w;
    }
}

static bool was_crashed(const sweep *s, uint32_t seq)
{
    for (uint32_t i = 0; i < s->ncrashed; i++)
        if (s->crashed[i] == seq)
            return true;
    return false;
}

/* One variant: run it unless an earlier child already did (and nothing here needs its points),
 * or it killed a child. The shared page names it while it runs. */
static void visit(sweep *s, const input *in, const char *label, bool need_points, outcome *o)
{
    explore_shared *sh = s->sh;
    uint32_t seq = s->seq++;
    o->ran = false;
    o->verdict = V_COUNT;
    o->npoints = 0;
    if (seq >= s->opt->max_runs) {
        if (seq == s->opt->max_runs && seq >= s->resume_at)
            sh->truncated_bases++;
        return;
    }
    if (was_crashed(s, seq) || (seq < s->resume_at && !need_points))
        return;
    memcpy(sh->bytes, in->b, in->len);
    sh->len = (uint32_t)in->len;
    snprintf(sh->label, sizeof sh->label, "%s", label);
    __atomic_store_n(&sh->base, s->base, __ATOMIC_RELEASE);
    __atomic_store_n(&sh->seq, seq, __ATOMIC_RELEASE);
    __atomic_store_n(&sh->in_run, 1, __ATOMIC_RELEASE);
    o->verdict = explore_run_one(s->opt->target, in->b, in->len);
    __atomic_store_n(&sh->in_run, 0, __ATOMIC_RELEASE);
    o->ran = true;
    o->npoints = stub_fault_point_count();
    if (need_points)
        for (unsigned p = 1; p <= o->npoints && p <= MAX_POINT; p++)
            o->kinds[p] = (uint8_t)stub_fault_point_kind(p);
    if (seq >= s->resume_at) {
        sh->runs++;
        if (o->verdict != V_COUNT)
            report(s, in, seq, o->verdict, label);
    }
}

static const char *effect_name(fault_kind kind, NTSTATUS status)
{
    return kind == FP_ALLOC ? "allocfail" : status_name(status);
}

/* Orderings of a pending call's completion: an event inserted at every position of the
 * scenario's event list - the IRP completing (with the provider's status, cancelled, failed)
 * or a provider leaving while the call is in flight. */
static void sweep_orderings(sweep *s, const input *v, const char *prefix)
{
    scenario sc;
    scenario_decode(&sc, s->opt->target, v->b, v->len, NULL);
    if (sc.target == TARGET_ATTACH || sc.nops >= SCENARIO_MAX_OPS)
        return;
    size_t ops_at = FAULTS_END + PROVIDER_BYTES * sc.nproviders;
    input norm;
    copy_input(&norm, v);
    pad_to(&norm, ops_at + 2 * sc.nops);
    if (norm.len + 2 > sizeof norm.b)
        return;
    static const struct {
        uint8_t op, arg;
        const char *name;
    } events[] = {
        {OP_COMPLETE_IRP, 0x00, "complete"},          /* the provider's own status */
        {OP_COMPLETE_IRP, 0x20, "complete-cancelled"}, /* nibble 2: STATUS_CANCELLED */
        {OP_COMPLETE_IRP, 0x30, "complete-failed"},    /* nibble 3: STATUS_UNSUCCESSFUL */
        {OP_PROVIDER_DEREGISTER, 0, "provider-leaves"},
    };
    for (unsigned j = 0; j <= sc.nops; j++)
        for (unsigned e = 0; e < sizeof events / sizeof events[0]; e++) {
            unsigned copies = events[e].op == OP_PROVIDER_DEREGISTER ? sc.nproviders : 1;
            for (unsigned who = 0; who < copies; who++) {
                input w;
                size_t at = ops_at + 2 * j;
                memcpy(w.b, norm.b, at);
                w.b[at] = events[e].op;
                w.b[at + 1] = (uint8_t)(events[e].arg + who);
                memcpy(w.b + at + 2, norm.b + at, norm.len - at);
                w.len = norm.len + 2;
                char label[EXPLORE_LABEL_MAX];
                if (copies > 1)
                    snprintf(label, sizeof label, "%s+op%u=%s%u", prefix, j, events[e].name, who);
                else
                    snprintf(label, sizeof label, "%s+op%u=%s", prefix, j, events[e].name);
                outcome o;
                visit(s, &w, label, false, &o);
            }
        }
}

/* Every single fault of a variant whose clean run is `clean`; with depth 2, every pair. */
static void sweep_faults(sweep *s, const input *base, const char *prefix, const outcome *clean)
{
    unsigned slots[SCENARIO_MAX_FAULTS];
    unsigned nfree = free_slots(base, slots);
    if (!nfree)
        return;
    bool pairs = s->opt->depth >= 2 && nfree >= 2;
    static outcome first; /* a depth-2 outcome is large: one at a time, never nested */
    for (unsigned p = 1; p <= clean->npoints && p <= MAX_POINT; p++) {
        if (point_planned(base, p))
            continue;
        fault_kind kind = (fault_kind)clean->kinds[p];
        unsigned n;
        const NTSTATUS *table = fault_statuses(kind, s->opt->hostile, &n);
        for (unsigned c = 0; c < n; c++) {
            input v;
            copy_input(&v, base);
            set_fault(&v, slots[0], p, c);
            char label[EXPLORE_LABEL_MAX];
            snprintf(label, sizeof label, "%s%sp%u=%s", prefix, *prefix ? "+" : "", p, effect_name(kind, table[c]));
            visit(s, &v, label, pairs, &first);
            if (table[c] == STATUS_PENDING)
                sweep_orderings(s, &v, label);
            if (!pairs || !first.ran || first.verdict != V_COUNT)
                continue;
            for (unsigned p2 = p + 1; p2 <= first.npoints && p2 <= MAX_POINT; p2++) {
                if (point_planned(&v, p2))
                    continue;
                fault_kind kind2 = (fault_kind)first.kinds[p2];
                unsigned n2;
                const NTSTATUS *table2 = fault_statuses(kind2, s->opt->hostile, &n2);
                for (unsigned c2 = 0; c2 < n2; c2++) {
                    input w;
                    copy_input(&w, &v);
                    set_fault(&w, slots[1], p2, c2);
                    char label2[EXPLORE_LABEL_MAX];
                    if (snprintf(label2, sizeof label2, "%s+p%u=%s", label, p2, effect_name(kind2, table2[c2])) >=
                        (int)sizeof label2)
                        label2[sizeof label2 - 2] = '~'; /* cut: the label only names the run */
                    outcome o;
                    visit(s, &w, label2, false, &o);
                }
            }
        }
    }
}

void explore_base(const explore_options *opt, uint32_t index, const uint8_t *base, size_t len, explore_shared *sh,
                  int fd)
{
    sweep s = {opt, sh, fd, index, 0, 0, 0, NULL};
    if (index == sh->resume_base) {
        s.resume_at = sh->resume_at;
        s.ncrashed = sh->ncrashed;
        s.crashed = sh->crashed;
    }
    static input in;
    static outcome clean;
    if (len > sizeof in.b - 256)
        len = sizeof in.b - 256; /* room for padding and an inserted event */
    memcpy(in.b, base, len);
    in.len = len;
    if (opt->hostile) {
        pad_to(&in, 1);
        in.b[FLAGS_AT] |= FLAG_HOSTILE;
    }
    /* The attach target's one ordering choice: both ways, the base's own way first. */
    unsigned orders = opt->target == TARGET_ATTACH ? 2 : 1;
    for (unsigned order = 0; order < orders; order++) {
        if (order == 1) {
            pad_to(&in, 1);
            in.b[FLAGS_AT] ^= FLAG_PROVIDER_LEAVES;
        }
        const char *prefix = order == 0 ? "" : (in.b[FLAGS_AT] & FLAG_PROVIDER_LEAVES) ? "leaves" : "stays";
        visit(&s, &in, order == 0 ? "clean" : prefix, true, &clean);
        if (order == 0 && clean.ran && s.resume_at == 0) { /* counted once, by the first child */
            sh->points += clean.npoints;
            for (unsigned p = 1; p <= clean.npoints && p <= MAX_POINT; p++)
                sh->kind_points[clean.kinds[p] < FP_KIND_COUNT ? clean.kinds[p] : 0]++;
        }
        if (clean.ran)
            sweep_faults(&s, &in, prefix, &clean);
    }
}
