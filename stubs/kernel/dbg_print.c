/* dbg_print.c - the DbgPrint family: debug output goes nowhere (no debugger is attached, and
 * per-input I/O would cost). */
#include <stdarg.h>

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

ULONG vDbgPrintEx(ULONG component, ULONG level, PCSTR format, va_list args)
{
    (void)component, (void)level, (void)format, (void)args;
    return 0;
}

ULONG vDbgPrintExWithPrefix(PCSTR prefix, ULONG component, ULONG level, PCSTR format, va_list args)
{
    (void)prefix, (void)component, (void)level, (void)format, (void)args;
    return 0;
}

ULONG DbgPrintReturnControlC(PCSTR format, ...)
{
    (void)format;
    return 0;
}
