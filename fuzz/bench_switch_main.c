/* bench_switch_main.c - the cost of the execution model's thread switches, for ./build.sh bench:
 *
 *   fiber   two stacks switching to each other, alone: the price of one switch (ucontext and the
 *           ASan fiber annotations of the client's runtime), in ns
 *   replay  the seed corpus of a target played ROUNDS times against the client: inputs and
 *           switches per second, and switches per input
 *
 *   usage: bench_switch_main --target T ROUNDS FILE...
 *   prints one line: switch <target> fiber_ns=<ns> inputs_per_s=<n> switches_per_s=<n>
 *                    switches_per_input=<n>
 *   exit:  0, or 2 on a usage error */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "play.h"
#include "fiber.h"
#include "sched.h"

#define FIBER_ROUNDS 200000
#define MAX_INPUTS 4096
#define MAX_INPUT_BYTES 4096

static fiber harness_side, other_side;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void ping_pong(void)
{
    fiber_entered();
    for (;;)
        fiber_switch(&other_side, &harness_side);
}

/* ns per switch of two bare fibers (each round is two switches). Slot 1: a scenario reuses the
 * stack later, as any thread of a later scenario does. */
static double fiber_ns(void)
{
    if (!fiber_make(&other_side, 1, ping_pong))
        return 0;
    double t = now_s();
    for (unsigned i = 0; i < FIBER_ROUNDS; i++)
        fiber_switch(&harness_side, &other_side);
    return (now_s() - t) * 1e9 / (2.0 * FIBER_ROUNDS);
}

static size_t read_input(const char *path, uint8_t *buf)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_switch_main: %s: cannot read\n", path);
        exit(2);
    }
    size_t n = fread(buf, 1, MAX_INPUT_BYTES, f);
    fclose(f);
    return n;
}

int main(int argc, char **argv)
{
    scenario_target target;
    if (argc < 5 || strcmp(argv[1], "--target") || !scenario_target_parse(argv[2], &target) || atoi(argv[3]) <= 0) {
        fprintf(stderr, "usage: bench_switch_main --target %s ROUNDS FILE...\n", scenario_target_list("|"));
        return 2;
    }
    unsigned rounds = (unsigned)atoi(argv[3]), n = 0;
    static uint8_t inputs[MAX_INPUTS][MAX_INPUT_BYTES];
    static size_t sizes[MAX_INPUTS];
    for (int i = 4; i < argc && n < MAX_INPUTS; i++, n++)
        sizes[n] = read_input(argv[i], inputs[n]);
    scenario_settings_from_env();
    double fns = fiber_ns();
    unsigned long long before = sched_switch_total();
    double t = now_s();
    for (unsigned r = 0; r < rounds; r++)
        for (unsigned i = 0; i < n; i++)
            scenario_run(target, inputs[i], sizes[i]);
    double secs = now_s() - t;
    unsigned long long switched = sched_switch_total() - before;
    double runs = (double)rounds * n;
    printf("switch %s fiber_ns=%.0f inputs_per_s=%.0f switches_per_s=%.0f switches_per_input=%.2f\n", argv[2], fns,
           runs / secs, (double)switched / secs, (double)switched / runs);
    return 0;
}
