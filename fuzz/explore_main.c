/* explore_main.c - the supervisor of `./build.sh explore`: for each base scenario it forks a
 * child that runs the sweep (explore.c) in-process with the verdict catcher, so a verdict costs
 * a longjmp, not a process. A sanitizer crash or a hang kills only the child: the run in
 * progress (named in shared memory) becomes a finding, and a new child resumes after it.
 * The first input of each kind of violation is written to the crash folder, then replayed
 * alone in a fresh process to confirm it reproduces from the file.
 *
 *   usage: explore_main --target T [--depth 1|2] [--crashes DIR] [--client NAME]
 *                       [--timeout S] [--max-runs N] [BASE...]
 *   exit:  0 no violation, 1 violations, 2 usage or internal error */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "explore.h"
#include "play.h"

void not_modeled_summarize(void); /* the stub kernel's (stubs/kernel/not_modeled.h) */

#define MAX_BUCKETS 64
/* A client that crashes or hangs this often has a bug to fix first: the sweep stops there. */
#define MAX_CHILD_DEATHS 64
#define MAX_HANGS 8
#define HANG_AFTER_FIRST 0.5 /* seconds: once one hang is known, later ones cost less to find */

typedef struct {
    char name[64];      /* verdict ID, or the sanitizer's name for the crash */
    unsigned count;
    double first;       /* seconds from the start of the target's exploration */
    char file[1024];
    char base[256], label[EXPLORE_LABEL_MAX];
    uint8_t bytes[EXPLORE_MAX_BYTES];
    uint32_t len;
    const char *replays;
} bucket;

static explore_options opt = {0, 1, false, 200000}; /* the target is required: --target */
static const char *crash_dir;
static const char *client_name = "client";
static unsigned timeout_s = 5;
static unsigned hangs, deaths;
static explore_shared *sh;
static int err_fd = -1;
static char err_path[] = "/tmp/wskfuzz-explore-XXXXXX";
static bucket buckets[MAX_BUCKETS];
static unsigned nbuckets;
static struct timespec t0;
static unsigned long total_runs, total_points, kind_points[FP_KIND_COUNT], violations;
static unsigned long preempt_points, schedules, irql_choices, preempt_cut;
static unsigned truncated_bases, stopped_bases;

/* Crash reports here only name the crash (triage symbolizes): symbolizing costs ~0.5 s each. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "symbolize=0";
}

static double elapsed(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
}

static int usage(void)
{
    fprintf(stderr, "usage: explore_main --target %s [--depth 1|2] "
                    "[--crashes DIR] [--client NAME] [--timeout S] [--max-runs N] [BASE...]\n",
            scenario_target_list("|"));
    return 2;
}

/* File names keep letters, digits and . _ - + = ; anything else becomes '_'. */
static void safe_name(char *dst, size_t n, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < n; i++) {
        char c = src[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("._-+=", c);
        dst[i] = ok ? c : '_';
    }
    dst[i] = 0;
}

/* What killed a child, named as the mutant gallery's EXPECT lines and triage name it: the verdict
 * ID, ASAN:<type>, MSAN:<type>, UBSAN:<type>, LSAN:leak, TIMEOUT, or the signal / exit status. */
static void classify(char *name, size_t n, int status, bool timed_out)
{
    static char text[65536];
    ssize_t got = pread(err_fd, text, sizeof text - 1, 0);
    text[got > 0 ? got : 0] = 0;
    const char *p;
    char word[64] = "", word2[64] = "";
    if (timed_out || (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)) {
        snprintf(name, n, "TIMEOUT");
    } else if ((p = strstr(text, "WSKFUZZ VIOLATION "))) {
        sscanf(p + 18, "%63[A-Z0-9_]", word);
        snprintf(name, n, "%s", word);
    } else if ((p = strstr(text, "ERROR: AddressSanitizer: ")) || (p = strstr(text, "ERROR: MemorySanitizer: "))) {
        p = strstr(p, "Sanitizer: ") + 11;
        if (!strncmp(p, "attempting ", 11))
            p += 11; /* "attempting double-free" */
        sscanf(p, "%63[A-Za-z-]", word);
        snprintf(name, n, "%s:%s", strstr(text, "AddressSanitizer") ? "ASAN" : "MSAN", word);
    } else if (strstr(text, "ERROR: LeakSanitizer:")) {
        snprintf(name, n, "LSAN:leak");
    } else if ((p = strstr(text, "runtime error: "))) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (memmem(p, len, "null pointer", 12))
            snprintf(name, n, "UBSAN:null-pointer");
        else if (sscanf(p + 15, "%63s %63s", word, word2) >= 1)
            snprintf(name, n, "UBSAN:%s%s%s", word, word2[0] ? "-" : "", word2);
        else
            snprintf(name, n, "UBSAN:?");
    } else if (WIFSIGNALED(status)) {
        const char *sig = sigabbrev_np(WTERMSIG(status));
        snprintf(name, n, "signal-SIG%s", sig ? sig : "?");
    } else {
        snprintf(name, n, "exit-%d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
}

static void write_file(bucket *b)
{
    char id[64], base[128], label[EXPLORE_LABEL_MAX], leaf[300];
    safe_name(id, sizeof id, b->name);
    safe_name(base, sizeof base, b->base);
    safe_name(label, sizeof label, b->label);
    snprintf(leaf, sizeof leaf, "explore-%s-%s-%s", id, base, label);
    snprintf(b->file, sizeof b->file, "%s/%s", crash_dir, leaf);
    FILE *f = fopen(b->file, "wb");
    if (!f || fwrite(b->bytes, 1, b->len, f) != b->len || fclose(f)) {
        fprintf(stderr, "explore: cannot write %s: %s\n", b->file, strerror(errno));
        snprintf(b->file, sizeof b->file, "(not written)");
    }
}

static void found(const char *name, const char *base, const char *label, const uint8_t *bytes, uint32_t len)
{
    violations++;
    for (unsigned i = 0; i < nbuckets; i++)
        if (!strcmp(buckets[i].name, name)) {
            buckets[i].count++;
            return;
        }
    if (nbuckets == MAX_BUCKETS)
        return;
    bucket *b = &buckets[nbuckets++];
    snprintf(b->name, sizeof b->name, "%s", name);
    b->count = 1;
    b->first = elapsed();
    snprintf(b->base, sizeof b->base, "%s", base);
    snprintf(b->label, sizeof b->label, "%s", label);
    memcpy(b->bytes, bytes, len);
    b->len = len;
    if (crash_dir)
        write_file(b);
}

static bool read_full(int fd, void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = read(fd, (char *)buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        done += (size_t)r;
    }
    return true;
}

typedef struct {
    char name[256];
    uint8_t *bytes;
    size_t len;
} base_input;

static base_input *bases;
static unsigned nbases;

/* Take the child's verdict records until it exits; kill it when one run stalls. */
static bool supervise(pid_t pid, int fd)
{
    uint32_t last_seq = UINT32_MAX, last_base = UINT32_MAX;
    double last_change = elapsed();
    bool timed_out = false;
    for (;;) {
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, 100);
        if (r > 0) {
            explore_record rec;
            static uint8_t bytes[EXPLORE_MAX_BYTES];
            if (!read_full(fd, &rec, sizeof rec) || rec.len > sizeof bytes || rec.base >= nbases ||
                !read_full(fd, bytes, rec.len))
                break; /* EOF: the child is gone */
            rec.label[sizeof rec.label - 1] = 0;
            found(verdict_name((verdict_id)rec.verdict), bases[rec.base].name, rec.label, bytes, rec.len);
            continue;
        }
        uint32_t seq = __atomic_load_n(&sh->seq, __ATOMIC_ACQUIRE);
        uint32_t base = __atomic_load_n(&sh->base, __ATOMIC_ACQUIRE);
        if (seq != last_seq || base != last_base || !__atomic_load_n(&sh->in_run, __ATOMIC_ACQUIRE)) {
            last_seq = seq;
            last_base = base;
            last_change = elapsed();
        } else if (elapsed() - last_change > (hangs ? HANG_AFTER_FIRST : timeout_s) && !timed_out) {
            kill(pid, SIGKILL);
            timed_out = true;
        }
    }
    return timed_out;
}

static pid_t spawn(int pipe_fds[2])
{
    fflush(NULL);
    /* One log per child; the offset is shared with the child's stderr, so rewind it too. */
    if (ftruncate(err_fd, 0) == 0)
        lseek(err_fd, 0, SEEK_SET);
    pid_t pid = fork();
    if (pid == 0) {
        close(pipe_fds[0]);
        dup2(err_fd, 2);
        signal(SIGPIPE, SIG_DFL);
    }
    return pid;
}

/* Sweep every base in one child; when a run kills it, the next child resumes after that run. */
static int explore_all(void)
{
    memset(sh, 0, sizeof *sh);
    for (;;) {
        sh->done = sh->runs = sh->truncated_bases = sh->in_run = sh->points = 0;
        sh->preempt_points = sh->schedules = sh->irql_choices = sh->preempt_cut = 0;
        memset(sh->kind_points, 0, sizeof sh->kind_points);
        int fds[2];
        if (pipe(fds)) {
            perror("explore: pipe");
            return 2;
        }
        pid_t pid = spawn(fds);
        if (pid < 0) {
            perror("explore: fork");
            return 2;
        }
        if (pid == 0) {
            for (uint32_t b = sh->resume_base; b < nbases; b++)
                explore_base(&opt, b, bases[b].bytes, bases[b].len, sh, fds[1]);
            sh->done = 1;
            not_modeled_summarize(); /* what exit handlers would have said: the routines not modeled */
            _exit(0); /* no exit handlers: LeakSanitizer would judge the last scenario's live state */
        }
        close(fds[1]);
        bool timed_out = supervise(pid, fds[0]);
        close(fds[0]);
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        total_runs += sh->runs;
        total_points += sh->points;
        for (int k = 0; k < FP_KIND_COUNT; k++)
            kind_points[k] += sh->kind_points[k];
        truncated_bases += sh->truncated_bases;
        preempt_points += sh->preempt_points;
        schedules += sh->schedules;
        irql_choices += sh->irql_choices;
        preempt_cut += sh->preempt_cut;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && sh->done)
            return 0;
        if (!sh->in_run) {
            static char text[8192];
            ssize_t got = pread(err_fd, text, sizeof text - 1, 0);
            text[got > 0 ? got : 0] = 0;
            fprintf(stderr, "explore: the sweep died outside a scenario:\n%s\n", text);
            return 2;
        }
        char what[64];
        classify(what, sizeof what, status, timed_out);
        sh->label[sizeof sh->label - 1] = 0;
        total_runs++;
        found(what, bases[sh->base].name, sh->label, sh->bytes, sh->len);
        hangs += timed_out;
        if (++deaths == MAX_CHILD_DEATHS || hangs == MAX_HANGS)
            return 0; /* noted in the summary */
        if (sh->base != sh->resume_base) {
            sh->resume_base = sh->base;
            sh->ncrashed = 0;
        }
        sh->crashed[sh->ncrashed++] = sh->seq;
        sh->resume_at = sh->seq + 1;
        if (sh->ncrashed == EXPLORE_MAX_CRASHED) { /* enough of this base: on to the next */
            stopped_bases++;
            sh->resume_base++;
            sh->resume_at = sh->ncrashed = 0;
        }
    }
}

/* Does the written file give the same finding alone, in a fresh process? */
static const char *replays(const bucket *b)
{
    int fds[2];
    if (pipe(fds))
        return "?";
    pid_t pid = spawn(fds);
    if (pid == 0) {
        alarm(timeout_s);
        verdict_id v = explore_run_one(opt.target, b->bytes, b->len);
        if (v != V_COUNT)
            fprintf(stderr, "WSKFUZZ VIOLATION %s:\n", verdict_name(v));
        _exit(v != V_COUNT ? 3 : 0);
    }
    close(fds[1]);
    close(fds[0]);
    if (pid < 0)
        return "?";
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return "no (it passes alone)";
    char what[64];
    classify(what, sizeof what, status, false);
    return strcmp(what, b->name) ? "no (another finding alone)" : "yes";
}

static uint8_t *read_base(const char *path, size_t *len)
{
    uint8_t *buf = malloc(EXPLORE_MAX_BYTES);
    FILE *f = buf ? fopen(path, "rb") : NULL;
    if (!f) {
        fprintf(stderr, "explore: %s: %s\n", path, strerror(errno));
        free(buf);
        return NULL;
    }
    *len = fread(buf, 1, EXPLORE_MAX_BYTES, f);
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    int first = 1;
    bool target_set = false;
    for (; first < argc && !strncmp(argv[first], "--", 2); first += 2) {
        const char *o = argv[first], *v = first + 1 < argc ? argv[first + 1] : NULL;
        if (!v)
            return usage();
        if (!strcmp(o, "--target")) {
            if (!scenario_target_parse(v, &opt.target))
                return usage();
            target_set = true;
        } else if (!strcmp(o, "--depth") && (!strcmp(v, "1") || !strcmp(v, "2"))) {
            opt.depth = (unsigned)atoi(v);
        } else if (!strcmp(o, "--crashes")) {
            crash_dir = v;
        } else if (!strcmp(o, "--client")) {
            client_name = v;
        } else if (!strcmp(o, "--timeout") && atoi(v) > 0) {
            timeout_s = (unsigned)atoi(v);
        } else if (!strcmp(o, "--max-runs") && atol(v) > 0) {
            opt.max_runs = (uint32_t)atol(v);
        } else {
            return usage();
        }
    }
    if (!target_set)
        return usage();
    scenario_settings_from_env(); /* once, before any scenario */
    opt.hostile = scenario_hostile_allowed();
    sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    err_fd = mkstemp(err_path);
    if (sh == MAP_FAILED || err_fd < 0) {
        perror("explore: setup");
        return 2;
    }
    unlink(err_path);
    signal(SIGPIPE, SIG_IGN);
    clock_gettime(CLOCK_MONOTONIC, &t0);

    static const uint8_t empty[1];
    nbases = first < argc ? (unsigned)(argc - first) : 1;
    bases = calloc(nbases, sizeof *bases);
    if (!bases)
        return 2;
    for (unsigned i = 0; first < argc && i < nbases; i++) {
        const char *path = argv[first + (int)i];
        const char *slash = strrchr(path, '/');
        snprintf(bases[i].name, sizeof bases[i].name, "%s", slash ? slash + 1 : path);
        if (!(bases[i].bytes = read_base(path, &bases[i].len)))
            return 2;
    }
    if (first == argc) {
        fprintf(stderr, "explore: no base scenarios for %s: exploring the empty input\n",
                scenario_targets[opt.target].name);
        snprintf(bases[0].name, sizeof bases[0].name, "empty");
        bases[0].bytes = (uint8_t *)empty;
    }
    int rc = explore_all();
    double took = elapsed();
    if (rc)
        return rc;
    for (unsigned i = 0; i < nbuckets; i++)
        buckets[i].replays = replays(&buckets[i]);

    printf("explore %s (%s): %u base scenario%s, %lu scenarios run, %lu fault points (", scenario_targets[opt.target].name,
           client_name, nbases, nbases == 1 ? "" : "s", total_runs, total_points);
    const char *sep = "";
    for (int k = 0; k < FP_KIND_COUNT; k++)
        if (kind_points[k]) {
            printf("%s%s %lu", sep, fault_kind_name((fault_kind)k), kind_points[k]);
            sep = ", ";
        }
    printf("), %lu preemption points (%lu schedules), %lu IRQL choices, %lu violation%s, %.3f s%s\n",
           preempt_points, schedules, irql_choices, violations, violations == 1 ? "" : "s", took,
           opt.depth == 2 ? ", depth 2" : "");
    if (preempt_cut)
        printf("  note: %lu clean run%s had more preemption points than the first %u swept\n", preempt_cut,
               preempt_cut == 1 ? "" : "s", STUB_MAX_RECORDED_PREEMPTIONS);
    if (truncated_bases)
        printf("  note: %u base%s hit --max-runs %u\n", truncated_bases, truncated_bases == 1 ? "" : "s", opt.max_runs);
    if (deaths == MAX_CHILD_DEATHS || hangs == MAX_HANGS)
        printf("  note: the sweep stopped early after %u runs that crashed or hung (%u hung): fix those first\n",
               deaths, hangs);
    if (stopped_bases)
        printf("  note: %u base%s stopped after %u crashes\n", stopped_bases, stopped_bases == 1 ? "" : "s",
               EXPLORE_MAX_CRASHED);
    for (unsigned i = 0; i < nbuckets; i++) {
        const bucket *b = &buckets[i];
        printf("  VIOLATION %s: %u scenario%s, first after %.3f s (%s, %s): %s (replays alone: %s)\n", b->name,
               b->count, b->count == 1 ? "" : "s", b->first, b->base, b->label, b->file[0] ? b->file : "(no --crashes)",
               b->replays);
    }
    return violations ? 1 : 0;
}
