/* status_names.h - NTSTATUS names for traces, verdicts and the text form of scenarios. */
#ifndef WSKFUZZ_STATUS_NAMES_H
#define WSKFUZZ_STATUS_NAMES_H

#include <stdbool.h>

#include "wdk_types.h"

const char *status_name(NTSTATUS s);     /* "STATUS_NOINTERFACE", or "0xC0001234" */
bool status_parse(const char *text, NTSTATUS *out); /* a name or a number */

#endif
