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

#define MAX_BUCKETS 64
#define MAX_CRASH_RESTARTS EXPLORE_MAX_CRASHED

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

static explore_options opt = {TARGET_ATTACH, 1, false, 200000};
static const char *crash_dir;
static const char *client_name = "client";
static unsigned timeout_s = 10;
static explore_shared *sh;
static int err_fd = -1;
static char err_path[] = "/tmp/wskfuzz-explore-XXXXXX";
static bucket buckets[MAX_BUCKETS];
static unsigned nbuckets;
static struct timespec t0;
static unsigned long total_runs, total_points, kind_points[FP_KIND_COUNT], violations;
static unsigned truncated_bases, stopped_bases;

static double elapsed(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
}

static int usage(void)
{
    fprintf(stderr, "usage: explore_main --target fuzz_attach|fuzz_lifecycle|fuzz_wskreg [--depth 1|2] "
                    "[--crashes DIR] [--client NAME] [--timeout S] [--max-runs N] [BASE...]\n");
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

/* The sanitizer's or the harness's own name for what killed a child, from its stderr. */
static void classify(char *name, size_t n, int status, bool timed_out)
{
    static char text[65536];
    ssize_t got = pread(err_fd, text, sizeof text - 1, 0);
    text[got > 0 ? got : 0] = 0;
    const char *p;
    char word[64] = "";
    if (timed_out) {
        snprintf(name, n, "timeout");
    } else if ((p = strstr(text, "WSKFUZZ VIOLATION "))) {
        sscanf(p + 18, "%63[A-Z_]", word);
        snprintf(name, n, "%s", word);
    } else if ((p = strstr(text, "ERROR: AddressSanitizer: ")) || (p = strstr(text, "ERROR: MemorySanitizer: "))) {
        sscanf(p + 24, "%63[A-Za-z-]", word);
        snprintf(name, n, "%s", word);
    } else if (strstr(text, "ERROR: LeakSanitizer:")) {
        snprintf(name, n, "memory-leak");
    } else if (strstr(text, "runtime error:")) {
        snprintf(name, n, "undefined-behavior");
    } else if (WIFSIGNALED(status)) {
        snprintf(name, n, "signal-%s", sigabbrev_np(WTERMSIG(status)) ? sigabbrev_np(WTERMSIG(status)) : "?");
    } else {
        snprintf(name, n, "exit-%d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
}

static void write_file(bucket *b)
{
    char base[128], label[EXPLORE_LABEL_MAX], leaf[300];
    safe_name(base, sizeof base, b->base);
    safe_name(label, sizeof label, b->label);
    snprintf(leaf, sizeof leaf, "explore-%s-%s-%s", b->name, base, label);
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

/* Take the child's verdict records until it exits; kill it when one run stalls. */
static bool supervise(pid_t pid, int fd, const char *base)
{
    uint32_t last_seq = UINT32_MAX;
    double last_change = elapsed();
    bool timed_out = false;
    for (;;) {
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, 100);
        if (r > 0) {
            explore_record rec;
            static uint8_t bytes[EXPLORE_MAX_BYTES];
            if (!read_full(fd, &rec, sizeof rec) || rec.len > sizeof bytes || !read_full(fd, bytes, rec.len))
                break; /* EOF: the child is gone */
            rec.label[sizeof rec.label - 1] = 0;
            found(verdict_name((verdict_id)rec.verdict), base, rec.label, bytes, rec.len);
            continue;
        }
        uint32_t seq = __atomic_load_n(&sh->seq, __ATOMIC_ACQUIRE);
        if (seq != last_seq || !__atomic_load_n(&sh->in_run, __ATOMIC_ACQUIRE)) {
            last_seq = seq;
            last_change = elapsed();
        } else if (elapsed() - last_change > timeout_s && !timed_out) {
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

/* Explore one base: children until one finishes the sweep (or crashes stop it). */
static int explore_one(const char *name, const uint8_t *base, size_t len)
{
    memset(sh, 0, sizeof *sh);
    for (unsigned restarts = 0;; restarts++) {
        sh->done = sh->runs = sh->truncated = sh->in_run = sh->points = 0;
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
            explore_base(&opt, base, len, sh, fds[1]);
            sh->done = 1;
            _exit(0); /* no exit handlers: LeakSanitizer would judge the last scenario's live state */
        }
        close(fds[1]);
        bool timed_out = supervise(pid, fds[0], name);
        close(fds[0]);
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        total_runs += sh->runs;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && sh->done) {
            total_points += sh->points;
            for (int k = 0; k < FP_KIND_COUNT; k++)
                kind_points[k] += sh->kind_points[k];
            truncated_bases += sh->truncated;
            return 0;
        }
        if (!sh->in_run) {
            static char text[8192];
            ssize_t got = pread(err_fd, text, sizeof text - 1, 0);
            text[got > 0 ? got : 0] = 0;
            fprintf(stderr, "explore: the sweep of %s died outside a scenario:\n%s\n", name, text);
            return 2;
        }
        char what[64];
        classify(what, sizeof what, status, timed_out);
        sh->label[sizeof sh->label - 1] = 0;
        total_runs++;
        found(what, name, sh->label, sh->bytes, sh->len);
        if (restarts + 1 == MAX_CRASH_RESTARTS) {
            stopped_bases++;
            return 0;
        }
        sh->crashed[sh->ncrashed++] = sh->seq;
        sh->resume_at = sh->seq + 1;
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
    static uint8_t buf[EXPLORE_MAX_BYTES];
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "explore: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    *len = fread(buf, 1, sizeof buf, f);
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

    unsigned nbases = 0;
    int rc = 0;
    static const uint8_t empty[1];
    for (int i = first; i < argc && !rc; i++, nbases++) {
        size_t len;
        const uint8_t *bytes = read_base(argv[i], &len);
        if (!bytes)
            return 2;
        const char *slash = strrchr(argv[i], '/');
        rc = explore_one(slash ? slash + 1 : argv[i], bytes, len);
    }
    if (first == argc) {
        fprintf(stderr, "explore: no base scenarios for %s: exploring the empty input\n",
                scenario_target_names[opt.target]);
        rc = explore_one("empty", empty, 0);
        nbases = 1;
    }
    double took = elapsed();
    if (rc)
        return rc;
    for (unsigned i = 0; i < nbuckets; i++)
        buckets[i].replays = replays(&buckets[i]);

    printf("explore %s (%s): %u base scenario%s, %lu scenarios run, %lu fault points (", scenario_target_names[opt.target],
           client_name, nbases, nbases == 1 ? "" : "s", total_runs, total_points);
    const char *sep = "";
    for (int k = 0; k < FP_KIND_COUNT; k++)
        if (kind_points[k]) {
            printf("%s%s %lu", sep, fault_kind_name((fault_kind)k), kind_points[k]);
            sep = ", ";
        }
    printf("), %lu violation%s, %.3f s%s\n", violations, violations == 1 ? "" : "s", took,
           opt.depth == 2 ? ", depth 2" : "");
    if (truncated_bases)
        printf("  note: %u base%s hit --max-runs %u\n", truncated_bases, truncated_bases == 1 ? "" : "s", opt.max_runs);
    if (stopped_bases)
        printf("  note: %u base%s stopped after %u crashes\n", stopped_bases, stopped_bases == 1 ? "" : "s",
               MAX_CRASH_RESTARTS);
    for (unsigned i = 0; i < nbuckets; i++) {
        const bucket *b = &buckets[i];
        printf("  VIOLATION %s: %u scenario%s, first after %.3f s (%s, %s): %s (replays alone: %s)\n", b->name,
               b->count, b->count == 1 ? "" : "s", b->first, b->base, b->label, b->file[0] ? b->file : "(no --crashes)",
               b->replays);
    }
    return violations ? 1 : 0;
}
