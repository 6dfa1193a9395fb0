/* standalone_main.c - the reproducer: replays files and folders through the target without a
 * fuzzing engine, with any C compiler. Each input runs twice (state left over from one run
 * would show in the next) under a per-input timeout; --describe prints the decoded scenario
 * and the trace as it happens (it sets WSKFUZZ_DESCRIBE=1 for the target to read).
 * Like libFuzzer's own driver it knows only LLVMFuzzerTestOneInput, and LLVMFuzzerInitialize
 * when the target defines one.
 *   usage: <target>-standalone [--runs N] [--timeout S] [--describe] FILE|DIR... */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Weak: a target without one (the bench's empty target) links as well. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#define MAX_INPUT_BYTES (1u << 20)

static const char *current_path = "";

static void on_timeout(int sig)
{
    (void)sig;
    static const char msg[] = " ... timeout\n";
    ssize_t ignored = write(2, current_path, strlen(current_path));
    ignored = write(2, msg, sizeof msg - 1);
    (void)ignored;
    _exit(70);
}

static int read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    uint8_t *buf = malloc(MAX_INPUT_BYTES);
    size_t n = buf ? fread(buf, 1, MAX_INPUT_BYTES, f) : 0;
    fclose(f);
    if (!buf)
        return -1;
    *data = buf;
    *size = n;
    return 0;
}

static int run_file(const char *path, unsigned runs, unsigned timeout, int describe)
{
    uint8_t *data;
    size_t size;
    if (read_file(path, &data, &size)) {
        fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
        return 2;
    }
    current_path = path;
    if (describe) {
        printf("== %s (%zu bytes)\n", path, size);
        runs = 1;
    }
    for (unsigned r = 0; r < runs; r++) {
        alarm(timeout);
        LLVMFuzzerTestOneInput(data, size);
        alarm(0);
    }
    printf("%s ... ok\n", path);
    free(data);
    return 0;
}

static int filter_regular(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int run_path(const char *path, unsigned runs, unsigned timeout, int describe)
{
    struct stat st;
    if (stat(path, &st)) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 2;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path, runs, timeout, describe);
    struct dirent **entries;
    int n = scandir(path, &entries, filter_regular, alphasort);
    if (n < 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 2;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char child[4096];
        snprintf(child, sizeof child, "%s/%s", path, entries[i]->d_name);
        if (!rc)
            rc = run_path(child, runs, timeout, describe);
        free(entries[i]);
    }
    free(entries);
    return rc;
}

int main(int argc, char **argv)
{
    unsigned runs = 2, timeout = 10;
    int describe = 0, first = 1;
    for (; first < argc && !strncmp(argv[first], "--", 2); first++) {
        if (!strcmp(argv[first], "--describe"))
            describe = 1;
        else if (!strcmp(argv[first], "--runs") && first + 1 < argc)
            runs = (unsigned)strtoul(argv[++first], NULL, 10);
        else if (!strcmp(argv[first], "--timeout") && first + 1 < argc)
            timeout = (unsigned)strtoul(argv[++first], NULL, 10);
        else {
            fprintf(stderr, "%s: unknown option %s\nusage: %s [--runs N] [--timeout S] [--describe] FILE|DIR...\n",
                    argv[0], argv[first], argv[0]);
            return 2;
        }
    }
    if (first == argc) {
        fprintf(stderr, "usage: %s [--runs N] [--timeout S] [--describe] FILE|DIR...\n", argv[0]);
        return 2;
    }
    if (describe)
        setenv("WSKFUZZ_DESCRIBE", "1", 1);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    signal(SIGALRM, on_timeout);
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = first; i < argc; i++) {
        int rc = run_path(argv[i], runs ? runs : 1, timeout, describe);
        if (rc)
            return rc;
    }
    return 0;
}
