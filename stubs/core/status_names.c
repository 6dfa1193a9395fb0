/* status_names.c - NTSTATUS names for traces, verdicts and the text form of scenarios. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status_names.h"

static const struct {
    NTSTATUS value;
    const char *name;
} names[] = {
#define S(n) {n, #n},
    S(STATUS_SUCCESS) S(STATUS_TIMEOUT) S(STATUS_PENDING) S(STATUS_REPARSE) S(STATUS_MORE_ENTRIES)
    S(STATUS_ALERTED) S(STATUS_NOT_ALL_ASSIGNED) S(STATUS_OBJECT_NAME_EXISTS) S(STATUS_BUFFER_OVERFLOW)
    S(STATUS_NO_MORE_ENTRIES) S(STATUS_UNSUCCESSFUL) S(STATUS_NOT_IMPLEMENTED) S(STATUS_INVALID_HANDLE)
    S(STATUS_INVALID_PARAMETER) S(STATUS_NO_MEMORY) S(STATUS_INSUFFICIENT_RESOURCES)
    S(STATUS_DEVICE_NOT_READY) S(STATUS_NOT_SUPPORTED) S(STATUS_INTERNAL_ERROR) S(STATUS_CANCELLED)
    S(STATUS_INVALID_DEVICE_STATE) S(STATUS_NOT_FOUND) S(STATUS_NOINTERFACE) S(STATUS_ACCESS_DENIED)
    S(STATUS_BUFFER_TOO_SMALL) S(STATUS_INVALID_DEVICE_REQUEST) S(STATUS_MORE_PROCESSING_REQUIRED)
    S(STATUS_CONNECTION_REFUSED) S(STATUS_CONNECTION_RESET) S(STATUS_CONNECTION_ABORTED)
    S(STATUS_NETWORK_UNREACHABLE) S(STATUS_HOST_UNREACHABLE) S(STATUS_IO_TIMEOUT)
    S(STATUS_ADDRESS_ALREADY_EXISTS) S(STATUS_INVALID_ADDRESS) S(STATUS_REQUEST_ABORTED)
    S(STATUS_ACCESS_VIOLATION) S(STATUS_INVALID_INFO_CLASS) S(STATUS_INFO_LENGTH_MISMATCH)
    S(STATUS_NO_SUCH_DEVICE) S(STATUS_OBJECT_NAME_NOT_FOUND) S(STATUS_DELETE_PENDING) S(STATUS_FILE_CLOSED)
    S(STATUS_FILE_FORCED_CLOSED) S(STATUS_GRACEFUL_DISCONNECT) S(STATUS_CONNECTION_DISCONNECTED)
#undef S
};

const char *status_name(NTSTATUS s)
{
    static char buf[4][16];
    static unsigned next;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].value == s)
            return names[i].name;
    char *b = buf[next++ & 3];
    snprintf(b, sizeof buf[0], "0x%08X", (unsigned)s);
    return b;
}

bool status_parse(const char *text, NTSTATUS *out)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
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
