/* fuzz_lifecycle.c - several providers (WSK and other NPIs) arrive and leave around the client,
 * which unloads whenever the script says, with pending detaches completing in any order.
 * Input layout: fuzz/scenario.h. */
#include "play.h"

const scenario_target wskfuzz_target = TARGET_LIFECYCLE;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scenario_run(wskfuzz_target, data, size);
    return 0;
}
