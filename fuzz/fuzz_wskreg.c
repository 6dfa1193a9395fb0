/* fuzz_wskreg.c - the WskRegister path: captures with each wait mode meet a WSK subsystem
 * that is ready, late or never there; release and deregistration as the client does them.
 * Its row in fuzz/targets.def says what it decodes; input layout: fuzz/scenario.h. */
#include "entry.h"

const scenario_target wskfuzz_target = TARGET_fuzz_wskreg;
