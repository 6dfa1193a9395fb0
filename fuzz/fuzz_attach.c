/* fuzz_attach.c - one WSK provider with a fuzzed NPI_REGISTRATION_INSTANCE and WSK_PROVIDER_CHARACTERISTICS
 * meets the client's ClientAttachProvider under the fault plan; then unload and the residue checks.
 * Input layout: fuzz/scenario.h. */
#include "play.h"

const scenario_target wskfuzz_target = TARGET_ATTACH;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scenario_run(wskfuzz_target, data, size);
    return 0;
}
