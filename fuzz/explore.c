/* explore.c - the sweep of one base scenario, run inside a child of explore_main.c.
 *
 * Clean run first: it numbers the fault points and records their kinds, and notes each point
 * where a preemption would switch threads (with the threads runnable there) and which kinds of
 * callback ran. Then one run per single fault (every allocation failing, every status of the
 * call's table), with the fault written into a free slot of the input's fault plan; where a call
 * pends (STATUS_PENDING), every ordering of its completion against the scenario's events; with
 * depth 2, every second fault after the first. Then one run per single preemption (each noted
 * point x each thread runnable there, in a free preemption slot; with depth 2, each followed by
 * every single fault), and one per other IRQL of each callback kind reached. A target without
 * an event list (no .ops in fuzz/targets.def) but with .leave_flag has one ordering: whether the
 * provider leaves before the driver unloads, swept both ways.
 *
 * Variants are made on the decoder's own scenario (fuzz/scenario.h) and turned into bytes by its
 * encoder, scenario_to_bytes: this file knows no byte offsets. */
#include "explore.h"

#include <setjmp.h>
#include <stdarg.h>
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
    bool ran, fresh; /* fresh: run by this child, not an earlier one (it counts in the totals) */
    verdict_id verdict;
    unsigned npoints;
    uint8_t kinds[MAX_POINT + 1]; /* filled only when asked for, as the two below */
    unsigned callbacks, npreempt; /* the callback kinds reached; preemption points, all of them */
    stub_preemption_point preempt[STUB_MAX_RECORDED_PREEMPTIONS];
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
    o->ran = o->fresh = false;
    o->verdict = V_COUNT;
    o->npoints = o->callbacks = o->npreempt = 0;
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
    stub_record_schedule(need_points); /* the scheduler notes every point a preemption could take */
    o->verdict = explore_run_one(s->opt->target, in->b, in->len);
    stub_record_schedule(false);
    __atomic_store_n(&sh->in_run, 0, __ATOMIC_RELEASE);
    o->ran = true;
    o->fresh = seq >= s->resume_at;
    o->npoints = stub_fault_point_count();
    if (need_points) {
        for (unsigned p = 1; p <= o->npoints && p <= MAX_POINT; p++)
            o->kinds[p] = (uint8_t)stub_fault_point_kind(p);
        o->callbacks = stub_callback_kinds_reached();
        o->npreempt = stub_preemption_point_count();
        for (unsigned i = 0; i < o->npreempt && i < STUB_MAX_RECORDED_PREEMPTIONS; i++)
            o->preempt[i] = *stub_preemption_point_at(i);
    }
    if (seq >= s->resume_at) {
        sh->runs++;
        if (o->verdict != V_COUNT)
            report(s, in, seq, o->verdict, label);
    }
}

/* A run's label: the label of the variant it was made from, "+" (when there is one), then this
 * run's own part. A label cut at EXPLORE_LABEL_MAX ends in '~': it only names the run. */
static void name_run(char label[EXPLORE_LABEL_MAX], const char *prefix, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void name_run(char label[EXPLORE_LABEL_MAX], const char *prefix, const char *fmt, ...)
{
    int n = snprintf(label, EXPLORE_LABEL_MAX, "%s%s", prefix, *prefix ? "+" : "");
    if (n >= 0 && n < EXPLORE_LABEL_MAX) {
        va_list ap;
        va_start(ap, fmt);
        n += vsnprintf(label + n, (size_t)(EXPLORE_LABEL_MAX - n), fmt, ap);
        va_end(ap);
    }
    if (n >= EXPLORE_LABEL_MAX)
        label[EXPLORE_LABEL_MAX - 2] = '~';
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
                if (copies > 1)
                    name_run(label, prefix, "op%u=%s%u", j, events[e].name, who);
                else
                    name_run(label, prefix, "op%u=%s", j, events[e].name);
                outcome o;
                visit(s, &w, label, false, &o);
            }
        }
}

/* Every single fault of a variant whose clean run is `clean`; with `pairs`, every pair. */
static void sweep_faults(sweep *s, const scenario *base, const char *prefix, const outcome *clean, bool pairs)
{
    unsigned slots[SCENARIO_MAX_FAULTS];
    unsigned nfree = free_slots(base, slots);
    if (!nfree)
        return;
    pairs = pairs && nfree >= 2;
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
            name_run(label, prefix, "p%u=%s", p, effect_name(kind, table[c]));
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
                    name_run(label2, label, "p%u=%s", p2, effect_name(kind2, table2[c2]));
                    outcome o;
                    visit(s, &w, label2, false, &o);
                }
            }
        }
    }
}

/* The appended parts of an input (preemptions, IRQLs) follow the last op slot: a target with ops
 * reaches them with all SCENARIO_MAX_OPS ops. `unload` pads them: the first unloads the driver
 * where the scenario's end would, the others do nothing (the driver is gone). */
static void make_room_for_appended(scenario *v)
{
    if (scenario_targets[v->target].ops)
        while (v->nops < SCENARIO_MAX_OPS)
            v->ops[v->nops++] = (scenario_op){OP_CLIENT_UNLOAD, 0};
}

static int free_preemption_slot(const scenario *sc)
{
    for (unsigned i = 0; i < SCENARIO_MAX_PREEMPTIONS; i++)
        if (sc->plan.preemptions[i].call == 0)
            return (int)i;
    return -1;
}

static unsigned schedules_of(const outcome *clean, const scenario *base)
{
    unsigned n = 0;
    if (free_preemption_slot(base) < 0)
        return 0;
    for (unsigned i = 0; i < clean->npreempt && i < STUB_MAX_RECORDED_PREEMPTIONS; i++)
        n += (unsigned)__builtin_popcount(clean->preempt[i].runnable);
    return n;
}

/* Every single preemption: at each kernel call of each thread where one would switch (the clean
 * run noted them), to each thread runnable there. With depth 2, every single fault after each. */
static void sweep_schedules(sweep *s, const scenario *base, const char *prefix, const outcome *clean)
{
    int slot = free_preemption_slot(base);
    if (slot < 0)
        return;
    static outcome pre; /* large: one at a time, never nested */
    bool faults_too = s->opt->depth >= 2;
    for (unsigned i = 0; i < clean->npreempt && i < STUB_MAX_RECORDED_PREEMPTIONS; i++) {
        const stub_preemption_point p = clean->preempt[i];
        for (unsigned to = 0; to < STUB_MAX_THREADS; to++) {
            if (!(p.runnable & (1u << to)))
                continue;
            static scenario v;
            v = *base;
            make_room_for_appended(&v);
            /* the scheduler's own choice stays 0: the input reads as one without a target */
            v.plan.preemptions[slot] = (stub_preemption){p.thread, p.call, (uint8_t)(to == p.order ? 0 : to + 1)};
            char label[EXPLORE_LABEL_MAX];
            if (to == p.order)
                name_run(label, prefix, "pre:t%u@%u", p.thread, p.call);
            else
                name_run(label, prefix, "pre:t%u@%u>t%u", p.thread, p.call, to);
            visit(s, &v, label, faults_too, &pre);
            if (faults_too && pre.ran && pre.verdict == V_COUNT)
                sweep_faults(s, &v, label, &pre, false);
        }
    }
}

/* The IRQL choices a kind of callback offers beyond the base's own (a choice equal to the default
 * is the same run: detach and cleanup default to DISPATCH_LEVEL, and a completion routine's
 * default, its completer's IRQL, is what `passive` gives too, as a choice never lowers it). */
static bool irql_choice_new(const scenario *base, unsigned kind, unsigned choice)
{
    unsigned own = base->plan.callback_irql[kind];
    unsigned same_as_default = kind == CB_COMPLETION ? IRQL_CHOICE_PASSIVE : IRQL_CHOICE_DISPATCH;
    return choice != own && !(own == IRQL_CHOICE_DEFAULT && choice == same_as_default);
}

static unsigned irql_choices_of(const outcome *clean, const scenario *base)
{
    unsigned n = 0;
    for (unsigned k = 0; k < CB_KIND_COUNT; k++)
        for (unsigned c = IRQL_CHOICE_PASSIVE; c < IRQL_CHOICE_COUNT && (clean->callbacks & (1u << k)); c++)
            n += irql_choice_new(base, k, c);
    return n;
}

/* One run per other IRQL of each kind of callback the clean run reached. */
static void sweep_irqls(sweep *s, const scenario *base, const char *prefix, const outcome *clean)
{
    for (unsigned k = 0; k < CB_KIND_COUNT; k++) {
        if (!(clean->callbacks & (1u << k)))
            continue;
        for (unsigned c = IRQL_CHOICE_PASSIVE; c < IRQL_CHOICE_COUNT; c++) {
            if (!irql_choice_new(base, k, c))
                continue;
            static scenario v;
            v = *base;
            make_room_for_appended(&v);
            v.plan.callback_irql[k] = (uint8_t)c;
            char label[EXPLORE_LABEL_MAX];
            name_run(label, prefix, "irql:%s=%s", callback_kind_name((callback_kind)k),
                     irql_choice_name((irql_choice)c));
            outcome o;
            visit(s, &v, label, false, &o);
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
        if (clean.fresh) {
            sh->preempt_points += clean.npreempt;
            sh->preempt_cut += clean.npreempt > STUB_MAX_RECORDED_PREEMPTIONS;
            sh->schedules += schedules_of(&clean, &in);
            sh->irql_choices += irql_choices_of(&clean, &in);
        }
        if (!clean.ran)
            continue;
        sweep_faults(&s, &in, prefix, &clean, opt->depth >= 2);
        sweep_schedules(&s, &in, prefix, &clean);
        sweep_irqls(&s, &in, prefix, &clean);
    }
}
