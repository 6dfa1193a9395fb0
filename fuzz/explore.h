/* explore.h - systematic fault, schedule and IRQL exploration: the sweep of one base scenario
 * (explore.c, run in a child process) and what it shares with the supervisor (explore_main.c).
 *
 * A variant is the base's decoded scenario with a fault in a free fault slot (scenario.h), an
 * event-order change, a preemption in a free preemption slot or another IRQL for a kind of
 * callback, encoded back to bytes; each variant has a sequence number in a fixed enumeration order,
 * so a child that dies can be replaced by one that resumes after the run that killed it. */
#ifndef WSKFUZZ_EXPLORE_H
#define WSKFUZZ_EXPLORE_H

#include <stdbool.h>
#include <stdint.h>

#include "scenario.h"

#define EXPLORE_MAX_BYTES 4096   /* a base longer than this is cut (the decoder reads far less) */
#define EXPLORE_LABEL_MAX 96
#define EXPLORE_MAX_CRASHED 256  /* runs that killed a child, per base */

/* Shared (MAP_SHARED) between the supervisor and the child that sweeps the bases in order. */
typedef struct {
    /* supervisor -> child: where to resume after a child died */
    uint32_t resume_base;                   /* bases before it are done */
    uint32_t resume_at;                     /* in resume_base: runs before this were done and reported */
    uint32_t ncrashed;
    uint32_t crashed[EXPLORE_MAX_CRASHED];  /* in resume_base: runs never to run again */
    /* child -> supervisor: the run in progress (what a crash is attributed to) */
    uint32_t in_run, base, seq;
    uint32_t len;
    uint8_t bytes[EXPLORE_MAX_BYTES];
    char label[EXPLORE_LABEL_MAX];
    /* child -> supervisor: totals of this child, for runs not done by an earlier one */
    uint32_t done, runs, truncated_bases;
    uint32_t points;                        /* fault points of the bases' clean runs */
    uint32_t kind_points[FP_KIND_COUNT];
    /* of every clean run (both ways of a leave flag): preemption points, the schedules built from
     * them (one per point and thread runnable there), the IRQL choices built, and the clean runs
     * with more preemption points than are swept (STUB_MAX_RECORDED_PREEMPTIONS) */
    uint32_t preempt_points, schedules, irql_choices, preempt_cut;
} explore_shared;

/* A run that ended in a verdict, as the child reports it through its pipe; `len` bytes follow. */
typedef struct {
    uint32_t base, seq;
    int32_t verdict;
    uint32_t len;
    char label[EXPLORE_LABEL_MAX];
} explore_record;

typedef struct {
    scenario_target target;
    unsigned depth;       /* 1: single faults, preemptions, IRQL choices; 2: also every pair of faults,
                           * and every single fault after each single preemption */
    bool hostile;         /* WSKFUZZ_HOSTILE=1: sweep the hostile status table */
    uint32_t max_runs;    /* per base */
} explore_options;

/* Sweep base number `index` in this process (the child): run every variant, report verdicts to fd. */
void explore_base(const explore_options *opt, uint32_t index, const uint8_t *base, size_t len, explore_shared *sh,
                  int fd);

/* Run one input with the verdict catcher set: the verdict it fired, or V_COUNT. */
verdict_id explore_run_one(scenario_target target, const uint8_t *data, size_t len);

#endif
