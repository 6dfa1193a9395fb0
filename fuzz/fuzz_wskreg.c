/* fuzz_wskreg.c - the WskRegister path: captures with each wait mode meet a WSK subsystem
 * that is ready, late or never there; release and deregistration as the client does them.
 * Input layout: fuzz/scenario.h. */
#include "play.h"

const scenario_target wskfuzz_target = TARGET_WSKREG;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scenario_run(wskfuzz_target, data, size);
    return 0;
}
