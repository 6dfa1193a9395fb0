/* test_decoder.c - the one decoder (fuzz/scenario.c over fuzz/fuzz_input.c): any byte string
 * decodes to a valid scenario; describe then encode gives the same bytes back; a bad text gets
 * a one-line message with its line number. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "ut.h"

#define PROVIDER_RECORD 23 /* bytes per provider record (scenario.h) */

/* The decoder's largest scenario for a target: every field read, every op slot used. */
static size_t largest(scenario_target t)
{
    size_t providers = scenario_targets[t].max_providers;
    size_t ops = scenario_targets[t].ops ? SCENARIO_MAX_OPS : 0;
    return 2 + 2 * SCENARIO_MAX_FAULTS + PROVIDER_RECORD * providers + 2 * ops + 2 * SCENARIO_MAX_PREEMPTIONS +
           CB_KIND_COUNT + SCENARIO_MAX_PREEMPTIONS;
}

/* max_len from fuzz/<target>.options when it exists, else the largest scenario. */
static size_t max_len(scenario_target t, bool *from_options)
{
    char path[128];
    snprintf(path, sizeof path, "fuzz/%s.options", scenario_targets[t].name);
    FILE *f = fopen(path, "r");
    size_t n = 0;
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f))
            if (sscanf(line, " max_len = %zu", &n) == 1)
                break;
        fclose(f);
    }
    if (from_options)
        *from_options = n > 0;
    return n ? n : largest(t);
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void check_valid(const scenario *sc, scenario_target t)
{
    assert_int_equal(sc->target, t);
    assert_in_range(sc->nproviders, 1, SCENARIO_MAX_PROVIDERS);
    assert_true(sc->nproviders <= scenario_targets[t].max_providers);
    assert_in_range(sc->nops, 0, SCENARIO_MAX_OPS);
    if (!scenario_targets[t].ops)
        assert_int_equal(sc->nops, 0);
    for (unsigned i = 0; i < sc->nops; i++)
        assert_in_range(sc->ops[i].kind, 0, OP_COUNT - 1);
    for (unsigned i = 0; i < sc->nproviders; i++) {
        const stub_provider_spec *s = &sc->providers[i].spec;
        assert_in_range(s->npi, 0, NPI_KIND_COUNT - 1);
        assert_true(s->module_id.Type == MIT_GUID || s->module_id.Type == MIT_IF_LUID ||
                    s->module_id.Type == (NPI_MODULEID_TYPE)0x7f);
        assert_int_equal(s->module_id.Length, sizeof(NPI_MODULEID));
    }
    if (!scenario_targets[t].leave_flag)
        assert_false(sc->provider_leaves);
}

static void decode_sizes(void **state)
{
    (void)state;
    for (int t = 0; t < TARGET_COUNT; t++) {
        size_t m = max_len((scenario_target)t, NULL);
        const size_t sizes[] = {0, 1, m, 10 * m};
        for (size_t i = 0; i < 4; i++) {
            uint8_t *data = malloc(sizes[i] ? sizes[i] : 1);
            for (int fill = 0; fill < 3; fill++) {
                for (size_t j = 0; j < sizes[i]; j++)
                    data[j] = fill == 0 ? 0 : fill == 1 ? 0xff : (uint8_t)next_random();
                scenario sc;
                scenario_decode(&sc, (scenario_target)t, data, sizes[i], NULL);
                check_valid(&sc, (scenario_target)t);
            }
            free(data);
        }
    }
}

/* The empty input is the all-zero scenario: one WSK provider, no faults, no ops. */
static void empty_input(void **state)
{
    (void)state;
    scenario sc;
    scenario_decode(&sc, TARGET_fuzz_lifecycle, (const uint8_t *)"", 0, NULL);
    assert_int_equal(sc.nproviders, 1);
    assert_int_equal(sc.nops, 0);
    assert_false(sc.plan.hostile);
    for (unsigned i = 0; i < SCENARIO_MAX_FAULTS; i++)
        assert_int_equal(sc.plan.faults[i].point, 0);
    assert_int_equal(sc.providers[0].spec.npi, NPI_KIND_WSK);
    assert_true(sc.providers[0].spec.has_characteristics);
}

/* The byte layout of scenario.h, field by field. */
static void layout_fields(void **state)
{
    (void)state;
    const uint8_t in[] = {
        0x03, 0x02,                         /* flags: hostile | provider leaves; provider_count */
        5, 1, 0, 0, 0, 0, 0, 0,             /* fault0 = point 5 choice 1 */
        1, 1, 0x34, 0x12, 40, 0, 7, 0, 0, 0, /* other, on-op, version 0x1234, size 40, number 7 */
        1, 0x78, 0x56, 0x34, 0x12, 0xcd, 0xab, /* luid, data1, data2 */
        1, 1, 0x02, 0x01, 0x00, 0x01,       /* null, highest-minor, highest 1.2, lowest 1.0 */
        3, 9,                               /* op: unload, arg 9 */
    };
    scenario sc;
    scenario_decode(&sc, TARGET_fuzz_attach, in, sizeof in, NULL);
    assert_true(sc.plan.hostile);
    assert_true(sc.provider_leaves);
    assert_int_equal(sc.plan.faults[0].point, 5);
    assert_int_equal(sc.plan.faults[0].choice, 1);
    const scenario_provider *p = &sc.providers[0];
    assert_int_equal(p->spec.npi, NPI_KIND_OTHER);
    assert_true(p->arrives_later);
    assert_int_equal(p->spec.instance.Version, 0x1234);
    assert_int_equal(p->spec.instance.Size, 40);
    assert_int_equal(p->spec.instance.Number, 7);
    assert_int_equal(p->spec.module_id.Type, MIT_IF_LUID);
    assert_int_equal(p->spec.module_id.Guid.Data1, 0x12345678);
    assert_int_equal(p->spec.module_id.Guid.Data2, 0xabcd);
    assert_false(p->spec.has_characteristics);
    assert_true(p->spec.dispatch_highest_minor);
    assert_int_equal(p->spec.characteristics.HighestVersion, MAKE_WSK_VERSION(1, 2));
    assert_int_equal(p->spec.characteristics.LowestVersion, MAKE_WSK_VERSION(1, 0));
    assert_int_equal(sc.nops, 0); /* fuzz_attach has no ops: the last two bytes are trailing */
    scenario_decode(&sc, TARGET_fuzz_wskreg, in, sizeof in, NULL);
    assert_false(sc.provider_leaves); /* bit 1 means something only to fuzz_attach */
    assert_int_equal(sc.nops, 1);
    assert_int_equal(sc.ops[0].kind, OP_CLIENT_UNLOAD);
    assert_int_equal(sc.ops[0].arg, 9);
    scenario_decode(&sc, TARGET_fuzz_lifecycle, in, sizeof in, NULL);
    assert_int_equal(sc.nproviders, 3); /* 1 + 2 % 4 */
}

/* max_len from the .options file fits the largest scenario. */
static void options_max_len(void **state)
{
    (void)state;
    bool any = false;
    for (int t = 0; t < TARGET_COUNT; t++) {
        bool from_options;
        size_t m = max_len((scenario_target)t, &from_options);
        if (!from_options)
            continue;
        any = true;
        if (m < largest((scenario_target)t))
            print_error("%s: max_len %zu < largest scenario %zu\n", scenario_targets[t].name, m,
                        largest((scenario_target)t));
        assert_true(m >= largest((scenario_target)t));
    }
    if (!any)
        skip();
}

static char *describe_text(scenario_target t, const uint8_t *data, size_t n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    scenario sc;
    scenario_decode(&sc, t, data, n, f);
    fclose(f);
    return text;
}

static void round_trip_one(scenario_target t, const uint8_t *data, size_t n)
{
    char *text = describe_text(t, data, n);
    scenario_target back;
    uint8_t *bytes = NULL;
    size_t size = 0;
    char message[300] = "";
    bool ok = scenario_encode(text, &back, &bytes, &size, message, sizeof message);
    if (!ok || back != t || size != n || (n && memcmp(bytes, data, n))) {
        /* stderr directly: cmocka's print_error cuts long texts */
        fprintf(stderr, "round trip failed (%s, %zu bytes -> %zu): %s\n%s\n", scenario_targets[t].name, n, size,
                message, text);
        fflush(stderr);
        free(text);
        free(bytes);
        fail();
    }
    free(text);
    free(bytes);
}

static void round_trip(void **state)
{
    (void)state;
    uint8_t data[1024];
    for (int t = 0; t < TARGET_COUNT; t++) {
        size_t top = 3 * largest((scenario_target)t);
        round_trip_one((scenario_target)t, data, 0);
        for (unsigned iter = 0; iter < 300; iter++) {
            size_t n = next_random() % (top + 1);
            unsigned style = iter % 3; /* uniform bytes, mostly 0xff (out-of-table names), mostly small */
            for (size_t i = 0; i < n; i++) {
                uint32_t r = next_random();
                data[i] = style == 0 ? (uint8_t)r : style == 1 ? (r % 4 ? 0xff : (uint8_t)(r >> 8)) : (uint8_t)(r % 4);
            }
            round_trip_one((scenario_target)t, data, n);
        }
    }
}

/* Encode: false with a one-line message that names the line (or says there is no target line). */
static void expect_error(const char *text, const char *want_prefix, const char *want_part)
{
    scenario_target t;
    uint8_t *bytes = NULL;
    size_t size = 0;
    char message[300] = "";
    bool ok = scenario_encode(text, &t, &bytes, &size, message, sizeof message);
    if (ok || strncmp(message, want_prefix, strlen(want_prefix)) || !strstr(message, want_part) ||
        strchr(message, '\n')) {
        fprintf(stderr, "message: '%s' (want '%s...%s') for the text:\n%s\n", message, want_prefix, want_part, text);
        fflush(stderr);
        free(bytes);
        fail();
    }
}

/* A described scenario with line `line` (1-based) replaced. */
static char *with_line(const char *text, unsigned line, const char *replacement)
{
    size_t cap = strlen(text) + strlen(replacement) + 2;
    char *out = malloc(cap), *o = out;
    unsigned n = 1;
    for (const char *s = text; *s;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        const char *src = n == line ? replacement : s;
        size_t srclen = n == line ? strlen(replacement) : len;
        memcpy(o, src, srclen);
        o += srclen;
        *o++ = '\n';
        s += len + (nl ? 1 : 0);
        n++;
    }
    *o = 0;
    return out;
}

static unsigned line_of(const char *text, const char *field)
{
    unsigned n = 1;
    size_t flen = strlen(field);
    for (const char *s = text; *s; n++) {
        if (!strncmp(s, field, flen) && s[flen] == ' ')
            return n;
        const char *nl = strchr(s, '\n');
        if (!nl)
            break;
        s = nl + 1;
    }
    fail_msg("no field %s", field);
    return 0;
}

static void encode_errors(void **state)
{
    (void)state;
    expect_error("flags 0\n", "line 1: ", "target");
    expect_error("# a comment\n\ntarget fuzz_nothing\n", "line 3: ", "unknown or missing target");
    expect_error("", "no 'target <name>' line", "fuzz_attach");
    expect_error("# only a comment\n", "no 'target <name>' line", "fuzz_attach");

    uint8_t data[64];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7);
    char *text = describe_text(TARGET_fuzz_wskreg, data, sizeof data);
    char buf[64];
    unsigned l = line_of(text, "provider0.version");
    char *bad = with_line(text, l, "provider0.verzion 3");
    snprintf(buf, sizeof buf, "line %u: ", l);
    expect_error(bad, buf, "expected field 'provider0.version'");
    free(bad);

    l = line_of(text, "provider0.highest_version");
    bad = with_line(text, l, "provider0.highest_version 1.x");
    snprintf(buf, sizeof buf, "line %u: ", l);
    expect_error(bad, buf, "not a valid value");
    free(bad);

    l = line_of(text, "provider0.highest_version");
    bad = with_line(text, l, "provider0.highest_version 256.0");
    expect_error(bad, buf, "not a valid value");
    free(bad);

    l = line_of(text, "flags");
    bad = with_line(text, l, "flags 256");
    snprintf(buf, sizeof buf, "line %u: ", l);
    expect_error(bad, buf, "not a valid value");
    free(bad);

    l = line_of(text, "provider0.npi");
    bad = with_line(text, l, "provider0.npi tcp");
    snprintf(buf, sizeof buf, "line %u: ", l);
    expect_error(bad, buf, "not a valid value");
    free(bad);

    l = line_of(text, "fault1.point");
    bad = with_line(text, l, "fault1.point -1");
    snprintf(buf, sizeof buf, "line %u: ", l);
    expect_error(bad, buf, "not a valid value");
    free(bad);

    /* cut after the faults: the first missing field is named */
    l = line_of(text, "provider0.npi");
    char *cut = strdup(text);
    char *p = cut;
    for (unsigned n = 1; n < l; n++)
        p = strchr(p, '\n') + 1;
    *p = 0;
    snprintf(buf, sizeof buf, "line %u: ", l - 1);
    expect_error(cut, buf, "ends before field 'provider0.npi'");
    free(cut);

    /* after the scenario: odd hex, a stray line */
    size_t len = strlen(text);
    char *tail = malloc(len + 64);
    unsigned last = 1;
    for (const char *s = text; *s; s++)
        last += *s == '\n';
    snprintf(tail, len + 64, "%strailing abc\n", text);
    snprintf(buf, sizeof buf, "line %u: ", last);
    expect_error(tail, buf, "even number of hex digits");
    snprintf(tail, len + 64, "%strailing zz\n", text);
    expect_error(tail, buf, "not a hex digit");
    snprintf(tail, len + 64, "%struncate x\n", text);
    expect_error(tail, buf, "byte count");
    free(tail);
    free(text);

    /* fuzz_attach has no ops: a line after the last field is unexpected */
    text = describe_text(TARGET_fuzz_attach, data, largest(TARGET_fuzz_attach));
    len = strlen(text);
    tail = malloc(len + 64);
    last = 1;
    for (const char *s = text; *s; s++)
        last += *s == '\n';
    snprintf(tail, len + 64, "%sop unload\n", text);
    snprintf(buf, sizeof buf, "line %u: ", last);
    expect_error(tail, buf, "unexpected line");
    free(tail);
    free(text);
}

/* Hand-written text: comments, blank lines, names, versions, hex. */
static void encode_by_hand(void **state)
{
    (void)state;
    const char *text = "# a seed written by hand\n\n"
                       "target fuzz_wskreg\n"
                       "flags 0x1   # hostile\n"
                       "provider_count 0\n"
                       "\n"
                       "fault0.point 2\nfault0.choice 1\nfault1.point 0\nfault1.choice 0\n"
                       "fault2.point 0\nfault2.choice 0\nfault3.point 0\nfault3.choice 0\n"
                       "provider0.npi wsk\nprovider0.arrives on-op\nprovider0.version 0\nprovider0.size 40\n"
                       "provider0.number 0\nprovider0.module_type guid\nprovider0.module_data1 0xeb004a00\n"
                       "provider0.module_data2 0x9b1a\nprovider0.characteristics present\n"
                       "provider0.dispatch_version requested\nprovider0.highest_version 1.0\n"
                       "provider0.lowest_version 1.0\n"
                       "op provider-register\narg 0\nop unload\narg 0\n";
    scenario_target t;
    uint8_t *bytes = NULL;
    size_t size = 0;
    char message[300] = "";
    assert_true(scenario_encode(text, &t, &bytes, &size, message, sizeof message));
    assert_int_equal(t, TARGET_fuzz_wskreg);
    assert_int_equal(size, largest(TARGET_fuzz_wskreg) - 2 * (SCENARIO_MAX_OPS - 2) - 3 * SCENARIO_MAX_PREEMPTIONS -
                               CB_KIND_COUNT);
    scenario sc;
    scenario_decode(&sc, t, bytes, size, NULL);
    assert_true(sc.plan.hostile);
    assert_int_equal(sc.plan.faults[0].point, 2);
    assert_true(sc.providers[0].arrives_later);
    assert_int_equal(sc.providers[0].spec.module_id.Guid.Data1, 0xeb004a00);
    assert_int_equal(sc.nops, 2);
    assert_int_equal(sc.ops[0].kind, OP_PROVIDER_REGISTER);
    assert_int_equal(sc.ops[1].kind, OP_CLIENT_UNLOAD);
    free(bytes);
}

/* scenario_to_bytes (explore's encoder) gives bytes that decode to the same scenario, for any
 * input of any target, and is stable: its own output encodes to itself. */
static void to_bytes_round_trip(void **state)
{
    (void)state;
    for (int t = 0; t < TARGET_COUNT; t++)
        for (unsigned iter = 0; iter < 2000; iter++) {
            uint8_t in[256], out[512], again[512];
            size_t n = next_random() % sizeof in;
            for (size_t i = 0; i < n; i++)
                in[i] = (uint8_t)(iter % 2 ? next_random() : next_random() % 5);
            scenario a, b;
            scenario_decode(&a, (scenario_target)t, in, n, NULL);
            size_t len = scenario_to_bytes(&a, out, sizeof out);
            assert_true(len > 0);
            scenario_decode(&b, (scenario_target)t, out, len, NULL);
            assert_int_equal(b.nproviders, a.nproviders);
            assert_int_equal(b.nops, a.nops);
            assert_int_equal(b.provider_leaves, a.provider_leaves);
            assert_int_equal(b.plan.hostile, a.plan.hostile);
            assert_memory_equal(b.plan.faults, a.plan.faults, sizeof a.plan.faults);
            for (unsigned i = 0; i < a.nproviders; i++) {
                assert_int_equal(b.providers[i].arrives_later, a.providers[i].arrives_later);
                assert_memory_equal(&b.providers[i].spec, &a.providers[i].spec, sizeof a.providers[i].spec);
            }
            assert_memory_equal(b.ops, a.ops, a.nops * sizeof a.ops[0]);
            for (unsigned i = 0; i < SCENARIO_MAX_PREEMPTIONS; i++) { /* an unused slot's other bytes are moot */
                assert_int_equal(b.plan.preemptions[i].call, a.plan.preemptions[i].call);
                if (a.plan.preemptions[i].call) {
                    assert_int_equal(b.plan.preemptions[i].thread, a.plan.preemptions[i].thread);
                    assert_int_equal(b.plan.preemptions[i].to, a.plan.preemptions[i].to);
                }
            }
            assert_memory_equal(b.plan.callback_irql, a.plan.callback_irql, sizeof a.plan.callback_irql);
            assert_int_equal(scenario_to_bytes(&b, again, sizeof again), len);
            assert_memory_equal(again, out, len);
        }
    scenario sc;
    scenario_decode(&sc, TARGET_fuzz_lifecycle, (const uint8_t *)"\0\3", 2, NULL);
    uint8_t small[8];
    assert_int_equal(scenario_to_bytes(&sc, small, sizeof small), 0); /* does not fit: 0 */
}

/* The fuzzing path's decoder (plain: no text) and the describing one are one decoder instantiated
 * twice: they give the same scenario for every input, cut anywhere, inside a field too. */
static void plain_equals_described(void **state)
{
    (void)state;
    uint8_t data[400];
    for (int t = 0; t < TARGET_COUNT; t++)
        for (unsigned iter = 0; iter < 3000; iter++) {
            size_t n = next_random() % (2 * largest((scenario_target)t) + 2);
            for (size_t i = 0; i < n; i++)
                data[i] = (uint8_t)(iter % 2 ? next_random() : next_random() % 3);
            scenario plain, described;
            memset(&plain, 0, sizeof plain);
            memset(&described, 0, sizeof described);
            scenario_decode(&plain, (scenario_target)t, data, n, NULL);
            char *text = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&text, &len);
            assert_non_null(f);
            scenario_decode(&described, (scenario_target)t, data, n, f);
            fclose(f);
            free(text);
            if (memcmp(&plain, &described, sizeof plain)) {
                print_error("%s: %zu bytes decode differently plain and described\n", scenario_targets[t].name, n);
                fail();
            }
        }
}

static void target_names(void **state)
{
    (void)state;
    for (int t = 0; t < TARGET_COUNT; t++) {
        scenario_target back;
        assert_true(scenario_target_parse(scenario_targets[t].name, &back));
        assert_int_equal(back, t);
    }
    scenario_target back;
    assert_false(scenario_target_parse("fuzz_attach2", &back));
    assert_int_equal(scenario_completion_status(0, STATUS_PENDING), STATUS_PENDING);
    for (unsigned n = 1; n < 16; n++)
        assert_int_not_equal(scenario_completion_status(n, STATUS_PENDING), STATUS_PENDING);
    assert_int_equal(scenario_completion_status(2, STATUS_SUCCESS), STATUS_CANCELLED);
}

/* Preemptions are read only past the last older field: after the provider of fuzz_attach, after
 * the 32nd op of the ops targets; an input that ends before has none (its meaning is unchanged). */
static void preemptions_appended(void **state)
{
    (void)state;
    size_t base = largest(TARGET_fuzz_attach) - 3 * SCENARIO_MAX_PREEMPTIONS - CB_KIND_COUNT;
    uint8_t in[64] = {0};
    scenario sc;
    scenario_decode(&sc, TARGET_fuzz_attach, in, base, NULL);
    for (unsigned i = 0; i < SCENARIO_MAX_PREEMPTIONS; i++)
        assert_int_equal(sc.plan.preemptions[i].call, 0);
    in[base] = 1, in[base + 1] = 7, in[base + 4] = 0, in[base + 5] = 2;
    scenario_decode(&sc, TARGET_fuzz_attach, in, base + 6, NULL);
    assert_int_equal(sc.plan.preemptions[0].thread, 1);
    assert_int_equal(sc.plan.preemptions[0].call, 7);
    assert_int_equal(sc.plan.preemptions[1].call, 0);
    assert_int_equal(sc.plan.preemptions[2].thread, 0);
    assert_int_equal(sc.plan.preemptions[2].call, 2);
    /* an ops target: the bytes after 3 ops are ops, not preemptions */
    size_t head = 2 + 2 * SCENARIO_MAX_FAULTS + PROVIDER_RECORD;
    uint8_t ops[256] = {0};
    scenario_decode(&sc, TARGET_fuzz_wskreg, ops, head + 6, NULL);
    assert_int_equal(sc.nops, 3);
    assert_int_equal(sc.plan.preemptions[0].call, 0);
    ops[head + 2 * SCENARIO_MAX_OPS + 1] = 9;
    scenario_decode(&sc, TARGET_fuzz_wskreg, ops, head + 2 * SCENARIO_MAX_OPS + 2, NULL);
    assert_int_equal(sc.nops, SCENARIO_MAX_OPS);
    assert_int_equal(sc.plan.preemptions[0].call, 9);
}

/* The callbacks' IRQLs and the preemption targets follow the preemptions: missing, they read as
 * zero (today's behaviour); present, they decode, print in words and come back from both encoders. */
static void irqls_and_targets_appended(void **state)
{
    (void)state;
    size_t end = largest(TARGET_fuzz_attach) - SCENARIO_MAX_PREEMPTIONS - CB_KIND_COUNT; /* after the preemptions */
    uint8_t in[64] = {0};
    scenario sc;
    in[end - 6] = 1, in[end - 5] = 4; /* preempt0: thread 1, call 4 */
    scenario_decode(&sc, TARGET_fuzz_attach, in, end, NULL);
    for (unsigned k = 0; k < CB_KIND_COUNT; k++)
        assert_int_equal(sc.plan.callback_irql[k], IRQL_CHOICE_DEFAULT);
    assert_int_equal(sc.plan.preemptions[0].to, 0);
    in[end] = 1, in[end + 1] = 6, in[end + 2] = 3; /* passive, 6 % 4 = apc, dispatch */
    scenario_decode(&sc, TARGET_fuzz_attach, in, end + 3, NULL);
    assert_int_equal(sc.plan.callback_irql[CB_DETACH], IRQL_CHOICE_PASSIVE);
    assert_int_equal(sc.plan.callback_irql[CB_CLEANUP], IRQL_CHOICE_APC);
    assert_int_equal(sc.plan.callback_irql[CB_COMPLETION], IRQL_CHOICE_DISPATCH);
    assert_int_equal(sc.plan.preemptions[0].to, 0);
    in[end + 3] = 3, in[end + 5] = 17; /* preempt0 to thread 2; preempt2: 17 % 17 = the order */
    scenario_decode(&sc, TARGET_fuzz_attach, in, end + 6, NULL);
    assert_int_equal(sc.plan.preemptions[0].to, 3);
    assert_int_equal(sc.plan.preemptions[2].to, 0);
    char *text = describe_text(TARGET_fuzz_attach, in, end + 6);
    assert_non_null(strstr(text, "irql.detach                  passive\n"));
    assert_non_null(strstr(text, "irql.cleanup                 6  # = apc\n"));
    assert_non_null(strstr(text, "irql.completion              dispatch\n"));
    assert_non_null(strstr(text, "preempt0.to                  thread2\n"));
    free(text);
    round_trip_one(TARGET_fuzz_attach, in, end + 6);
    /* the byte encoder writes the reduced values, and only the parts that say something */
    uint8_t out[64];
    size_t n = scenario_to_bytes(&sc, out, sizeof out);
    assert_int_equal(n, end + 6);
    assert_int_equal(out[end + 1], IRQL_CHOICE_APC);
    assert_int_equal(out[end + 5], 0);
    sc.plan.preemptions[0].to = 0;
    assert_int_equal(scenario_to_bytes(&sc, out, sizeof out), end + 3);
    sc.plan.preemptions[0] = (stub_preemption){0, 0, 0};
    assert_int_equal(scenario_to_bytes(&sc, out, sizeof out), end + 3); /* the IRQLs keep the preemption block */
    memset(sc.plan.callback_irql, 0, sizeof sc.plan.callback_irql);
    assert_int_equal(scenario_to_bytes(&sc, out, sizeof out), end - 2 * SCENARIO_MAX_PREEMPTIONS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_sizes),  cmocka_unit_test(empty_input),    cmocka_unit_test(layout_fields),
        cmocka_unit_test(options_max_len), cmocka_unit_test(round_trip),   cmocka_unit_test(encode_errors),
        cmocka_unit_test(encode_by_hand), cmocka_unit_test(target_names), cmocka_unit_test(to_bytes_round_trip),
        cmocka_unit_test(preemptions_appended), cmocka_unit_test(irqls_and_targets_appended),
        cmocka_unit_test(plain_equals_described),
    };
    return cmocka_run_group_tests_name("decoder", tests, NULL, NULL);
}
