/* explore.c - the sweep of one base scenario, run inside a child of explore_main.c.
 *
 * Clean run first: it numbers the fault points and records their kinds. Then one run per
 * single fault (every allocation failing, every status of the call's table), with the fault
 * written into a free slot of the input's fault plan; where a call pends (STATUS_PENDING),
 * every ordering of its completion against the scenario's events; with depth 2, every second
 * fault after the first. A target without an event list (no .ops in fuzz/targets.def) but with
 * .leave_flag has one ordering: whether the provider leaves before the driver unloads, swept both
 * ways.
 *
 * Variants are made on the decoder's own scenario (fuzz/scenario.h) and turned into bytes by its
 * encoder, scenario_to_bytes: this file knows no byte offsets. */
#include "explore.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "play.h"

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

static unsigned free_slots(const scenario *sc, unsigned slots[SCENARIO_MAX_FAULTS])
{
    unsigned n = 0;
    for (unsigned i = 0; i < SCENARIO_MAX_FAULTS; i++)
        if (sc->plan.faults[i].point == 0)
            slots[n++] = i;
    return n;
}

/* A point the plan already names: the first matching slot wins, so a second one is moot. */
static bool point_planned(const scenario *sc, unsigned point)
{
    for (unsigned i = 0; i < SCENARIO_MAX_FAULTS; i++)
        if (sc->plan.faults[i].point == point)
            return true;
    return false;
}

static void set_fault(scenario *sc, unsigned slot, unsigned point, unsigned choice)
{
    sc->plan.faults[slot].point = (uint8_t)point;
    sc->plan.faults[slot].choice = (uint8_t)choice;
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
static void visit(sweep *s, const scenario *sc, const char *label, bool need_points, outcome *o)
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
    static input encoded;
    input *in = &encoded;
    in->len = scenario_to_bytes(sc, in->b, sizeof in->b);
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
static void sweep_orderings(sweep *s, const scenario *v, const char *prefix)
{
    if (!scenario_targets[v->target].ops || v->nops >= SCENARIO_MAX_OPS)
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
    for (unsigned j = 0; j <= v->nops; j++)
        for (unsigned e = 0; e < sizeof events / sizeof events[0]; e++) {
            unsigned copies = events[e].op == OP_PROVIDER_DEREGISTER ? v->nproviders : 1;
            for (unsigned who = 0; who < copies; who++) {
                static scenario w;
                w = *v;
                memmove(&w.ops[j + 1], &w.ops[j], (v->nops - j) * sizeof w.ops[0]);
                w.ops[j] = (scenario_op){events[e].op, (uint8_t)(events[e].arg + who)};
                w.nops++;
                char label[EXPLORE_LABEL_MAX];
                int n = copies > 1 ? snprintf(label, sizeof label, "%s+op%u=%s%u", prefix, j, events[e].name, who)
                                   : snprintf(label, sizeof label, "%s+op%u=%s", prefix, j, events[e].name);
                if (n >= (int)sizeof label)
                    label[sizeof label - 2] = '~'; /* cut: the label only names the run */
                outcome o;
                visit(s, &w, label, false, &o);
            }
        }
}

/* Every single fault of a variant whose clean run is `clean`; with depth 2, every pair. */
static void sweep_faults(sweep *s, const scenario *base, const char *prefix, const outcome *clean)
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
            static scenario v; /* scenarios are large: static, and never nested */
            v = *base;
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
                    static scenario w;
                    w = v;
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
    static scenario in;
    static outcome clean;
    scenario_decode(&in, opt->target, base, len, NULL);
    if (opt->hostile)
        in.plan.hostile = true;
    /* The one ordering choice of a target without ops: both ways, the base's own way first. */
    const scenario_target_info *info = &scenario_targets[opt->target];
    unsigned orders = !info->ops && info->leave_flag ? 2 : 1;
    for (unsigned order = 0; order < orders; order++) {
        if (order == 1)
            in.provider_leaves = !in.provider_leaves;
        const char *prefix = order == 0 ? "" : in.provider_leaves ? "leaves" : "stays";
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
