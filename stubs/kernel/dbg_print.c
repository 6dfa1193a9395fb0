/* dbg_print.c - debug output goes nowhere: no debugger is attached, and per-input I/O would cost. */
#include "core.h"

ULONG DbgPrint(PCSTR format, ...)
{
    (void)format;
    return 0;
}

ULONG DbgPrintEx(ULONG component, ULONG level, PCSTR format, ...)
{
    (void)component, (void)level, (void)format;
    return 0;
}
