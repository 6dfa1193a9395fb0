/* not_modeled.h - loud stubs: a routine the model does not implement says so. */
#ifndef WSKFUZZ_NOT_MODELED_H
#define WSKFUZZ_NOT_MODELED_H

/* Print "WSKFUZZ NOT MODELED <name>" once per process. */
void wskfuzz_not_modeled(const char *name);

#endif
