/* status_names.h - NTSTATUS names for traces, verdicts and the text form of scenarios, and the
 * WDK's names of the IRQLs below device level. */
#ifndef WSKFUZZ_STATUS_NAMES_H
#define WSKFUZZ_STATUS_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "wdk_types.h"

const char *status_name(NTSTATUS s);     /* "STATUS_NOINTERFACE", or "0xC0001234" */
bool status_parse(const char *text, NTSTATUS *out); /* a name or a number */
/* the table itself, sorted by value (unit tests check it) */
size_t status_name_count(void);
const char *status_name_at(size_t i, NTSTATUS *value); /* NULL past the end */
/* "PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL"; NULL for a device IRQL (each caller words it) */
const char *irql_level_name(unsigned irql);

#endif
