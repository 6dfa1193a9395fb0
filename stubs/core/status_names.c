/* status_names.c - NTSTATUS names for traces, verdicts and the text form of scenarios: every name
 * of ntstatus.h (status_names.def, generated with it by scripts/gen_ntstatus.py). The table is
 * sorted by value, so a name is a binary search away; names are looked up when a trace or a
 * verdict is put into words, never while an input runs. The IRQL names are here too: the same
 * job, for the other value traces and verdicts name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status_names.h"

static const struct {
    NTSTATUS value;
    const char *name;
} names[] = {
#define S(n) {n, #n},
#include "status_names.def"
#undef S
};
enum { NAME_COUNT = sizeof names / sizeof names[0] };

size_t status_name_count(void)
{
    return NAME_COUNT;
}

const char *status_name_at(size_t i, NTSTATUS *value)
{
    if (i >= NAME_COUNT)
        return NULL;
    *value = names[i].value;
    return names[i].name;
}

const char *status_name(NTSTATUS s)
{
    static char buf[4][16];
    static unsigned next;
    size_t lo = 0, hi = NAME_COUNT;
    while (lo < hi) { /* the first entry not below s: of several names, the one traces print */
        size_t mid = lo + (hi - lo) / 2;
        if ((uint32_t)names[mid].value < (uint32_t)s)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < NAME_COUNT && names[lo].value == s)
        return names[lo].name;
    char *b = buf[next++ & 3];
    snprintf(b, sizeof buf[0], "0x%08X", (unsigned)s);
    return b;
}

bool status_parse(const char *text, NTSTATUS *out)
{
    for (size_t i = 0; i < NAME_COUNT; i++)
        if (strcmp(names[i].name, text) == 0) {
            *out = names[i].value;
            return true;
        }
    char *end;
    unsigned long v = strtoul(text, &end, 0);
    if (end == text || *end || v > 0xFFFFFFFFul)
        return false;
    *out = (NTSTATUS)(uint32_t)v;
    return true;
}

const char *irql_level_name(unsigned irql)
{
    return irql == PASSIVE_LEVEL ? "PASSIVE_LEVEL" : irql == APC_LEVEL ? "APC_LEVEL"
           : irql == DISPATCH_LEVEL ? "DISPATCH_LEVEL" : NULL;
}
