/* fuzz_attach.c - one WSK provider with a fuzzed NPI_REGISTRATION_INSTANCE and WSK_PROVIDER_CHARACTERISTICS
 * meets the client's ClientAttachProvider under the fault plan; then unload and the residue checks.
 * Its row in fuzz/targets.def says what it decodes; input layout: fuzz/scenario.h. */
#include "entry.h"

const scenario_target wskfuzz_target = TARGET_fuzz_attach;
