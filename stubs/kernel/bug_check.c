/* bug_check.c - the crashes a driver asks for: KeBugCheck(Ex) and an exception no handler
 * catches. Each prints the code, the client line and the trace, then aborts. */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"

__attribute__((noreturn)) static void crash(const char *what, ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4)
{
    fflush(stdout);
    fprintf(stderr, "WSKFUZZ BUGCHECK 0x%X (0x%llx, 0x%llx, 0x%llx, 0x%llx): the driver called %s\n", code,
            (unsigned long long)p1, (unsigned long long)p2, (unsigned long long)p3, (unsigned long long)p4, what);
    int line;
    const char *file = site_for_verdict(&line);
    if (file)
        fprintf(stderr, "client site: %s:%d\n", file, line);
    trace_print(stderr);
    fflush(stderr);
    abort();
}

void KeBugCheckEx(ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4)
{
    crash("KeBugCheckEx", code, p1, p2, p3, p4);
}

void KeBugCheck(ULONG code)
{
    crash("KeBugCheck", code, 0, 0, 0, 0);
}

void ExRaiseStatus(NTSTATUS status)
{
    /* No __except handler ever runs here (excpt.h): an exception is a crash, as it is unhandled. */
    crash("ExRaiseStatus (an exception no handler catches: KMODE_EXCEPTION_NOT_HANDLED)", 0x1E,
          (ULONG_PTR)(ULONG)status, 0, 0, 0);
}
