/* symbolize.c - a code address of the client in words, "file:line", when the debug information
 * has it: through the sanitizer runtime's symbolizer where a sanitizer is linked in (the libFuzzer
 * and AFL++ builds), else through addr2line on the executable (the gcc standalone reproducer, the
 * coverage build). Paths come out relative to the working directory, as __FILE__ gives them to the
 * trace's other lines, so every build words an address alike (up to the line of a call written
 * over several lines, where gcc and clang differ anyway). Asked only when a trace or a verdict is
 * put into words, never while a scenario runs; each address once per process. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"

extern void __sanitizer_symbolize_pc(void *pc, const char *fmt, char *out, size_t out_size) __attribute__((weak));

#define CACHED 256

typedef struct {
    void *pc;
    bool known;
    char text[256];
} cached_address;

static cached_address cache[CACHED];
static unsigned ncached;

/* "/cwd/src/x.c:12" -> "src/x.c:12" */
static void make_relative(char *where)
{
    char cwd[1024];
    if (!getcwd(cwd, sizeof cwd))
        return;
    size_t n = strlen(cwd);
    if (n > 1 && !strncmp(where, cwd, n) && where[n] == '/')
        memmove(where, where + n + 1, strlen(where + n + 1) + 1);
}

/* "file:line" with a line above 0 and a file the tools knew. */
static bool usable(const char *where)
{
    const char *colon = strrchr(where, ':');
    return colon && colon != where && atoi(colon + 1) > 0 && where[0] != '?';
}

static bool by_sanitizer(void *pc, char *out, size_t size)
{
    __sanitizer_symbolize_pc((char *)pc - 1, "%s:%l", out, size);
    return usable(out);
}

/* addr2line takes an address of the file: for a position-independent executable the offset from
 * where it was loaded, for a fixed one the address itself. */
static bool by_addr2line(void *pc, char *out, size_t size)
{
    Dl_info info;
    if (!dladdr(pc, &info) || !info.dli_fbase)
        return false;
    uintptr_t address = (uintptr_t)pc - 1;
    if (((const Elf64_Ehdr *)info.dli_fbase)->e_type == ET_DYN)
        address -= (uintptr_t)info.dli_fbase;
    char command[128];
    snprintf(command, sizeof command, "addr2line -e /proc/%d/exe 0x%llx 2>/dev/null", (int)getpid(),
             (unsigned long long)address);
    FILE *p = popen(command, "r");
    if (!p)
        return false;
    bool got = fgets(out, (int)size, p) != NULL;
    pclose(p);
    if (!got)
        return false;
    out[strcspn(out, " \n")] = 0; /* drops " (discriminator N)" */
    return usable(out);
}

bool site_symbolize(void *pc, char *out, unsigned out_size)
{
    if (!pc || out_size == 0)
        return false;
    cached_address *c = NULL;
    for (unsigned i = 0; i < ncached && !c; i++)
        if (cache[i].pc == pc)
            c = &cache[i];
    if (!c) {
        c = &cache[ncached < CACHED ? ncached++ : (unsigned)((uintptr_t)pc % CACHED)];
        c->pc = pc;
        c->text[0] = 0;
        c->known = __sanitizer_symbolize_pc ? by_sanitizer(pc, c->text, sizeof c->text)
                                            : by_addr2line(pc, c->text, sizeof c->text);
        if (c->known)
            make_relative(c->text);
    }
    snprintf(out, out_size, "%s", c->known ? c->text : "");
    return c->known;
}
