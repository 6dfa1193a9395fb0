/* fuzz_lifecycle.c - several providers (WSK and other NPIs) arrive and leave around the client,
 * which unloads whenever the script says, with pending detaches completing in any order.
 * Its row in fuzz/targets.def says what it decodes; input layout: fuzz/scenario.h. */
#include "entry.h"

const scenario_target wskfuzz_target = TARGET_fuzz_lifecycle;
