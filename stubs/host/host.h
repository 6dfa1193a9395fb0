/* host.h - what the host's files (stubs/host/) share: the module table and the world. */
#ifndef WSKFUZZ_HOST_H
#define WSKFUZZ_HOST_H

#include "stub_control.h"

void modules_start(void);  /* once; modules_reset calls it */
void modules_reset(void);
void modules_unload_checks(void);
void modules_final_checks(void);

bool world_advance(void);
void host_trace_words_start(void); /* host_trace_words.c */  /* the world makes progress while the client blocks */

#endif
