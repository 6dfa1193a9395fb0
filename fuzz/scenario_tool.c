/* scenario_tool.c - the text form of scenarios, both ways:
 *   scenario_tool describe --target T FILE   print an input as a readable scenario
 *   scenario_tool encode FILE.txt            write the bytes of a text scenario to stdout
 * The target of `describe` may also come from the path (corpus/<target>/...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

#define MAX_FILE_BYTES (1u << 20)

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(MAX_FILE_BYTES + 1);
    size_t n = buf ? fread(buf, 1, MAX_FILE_BYTES, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = 0;
    *size = n;
    return buf;
}

static bool target_from_path(const char *path, scenario_target *t)
{
    for (int i = 0; i < TARGET_COUNT; i++) {
        char needle[64];
        snprintf(needle, sizeof needle, "%s/", scenario_targets[i].name);
        if (strstr(path, needle)) {
            *t = (scenario_target)i;
            return true;
        }
    }
    return false;
}

static int usage(void)
{
    fprintf(stderr, "usage: scenario_tool describe [--target %s] FILE\n"
                    "       scenario_tool encode FILE.txt\n",
            scenario_target_list("|"));
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    if (!strcmp(argv[1], "describe")) {
        scenario_target t = 0;
        bool known = false;
        int i = 2;
        if (!strcmp(argv[i], "--target")) {
            if (argc < 5 || !scenario_target_parse(argv[3], &t)) {
                fprintf(stderr, "scenario_tool: unknown target '%s'\n", argc > 3 ? argv[3] : "");
                return 2;
            }
            known = true;
            i = 4;
        }
        if (i != argc - 1)
            return usage();
        if (!known && !target_from_path(argv[i], &t)) {
            fprintf(stderr, "scenario_tool: %s: say which target it is for (--target T)\n", argv[i]);
            return 2;
        }
        size_t size;
        char *data = slurp(argv[i], &size);
        if (!data) {
            fprintf(stderr, "scenario_tool: cannot read %s\n", argv[i]);
            return 2;
        }
        scenario sc;
        scenario_decode(&sc, t, (const uint8_t *)data, size, stdout);
        free(data);
        return 0;
    }
    if (!strcmp(argv[1], "encode") && argc == 3) {
        size_t size;
        char *text = slurp(argv[2], &size);
        if (!text) {
            fprintf(stderr, "scenario_tool: cannot read %s\n", argv[2]);
            return 2;
        }
        if (strlen(text) != size) {
            fprintf(stderr, "scenario_tool: %s: not a text scenario (it holds NUL bytes)\n", argv[2]);
            free(text);
            return 2;
        }
        scenario_target t;
        uint8_t *bytes;
        size_t n;
        char message[300];
        if (!scenario_encode(text, &t, &bytes, &n, message, sizeof message)) {
            fprintf(stderr, "scenario_tool: %s: %s\n", argv[2], message);
            free(text);
            return 2;
        }
        fwrite(bytes, 1, n, stdout);
        free(bytes);
        free(text);
        return 0;
    }
    return usage();
}
