/* core.h - what every model of the stub kernel uses (stubs/core/): WDK types, limits, the fault
 * plan, verdicts, the trace, call sites, the scenario's phase, waiting on the world, status
 * names and unchecked copies. Nothing here names a model above it. */
#ifndef WSKFUZZ_CORE_H
#define WSKFUZZ_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "wdk_types.h"

#include "fault_plan.h"
#include "limits.h"
#include "module.h"
#include "phase.h"
#include "raw_memory.h"
#include "site.h"
#include "status_names.h"
#include "trace.h"
#include "verdict.h"
#include "world_wait.h"

#endif
