/* not_modeled.h - loud stubs: a routine the model does not implement says so. */
#ifndef WSKFUZZ_NOT_MODELED_H
#define WSKFUZZ_NOT_MODELED_H

/* A routine the model does not implement was called (`name` is a string literal: records are
 * kept by its address). Says so once per process and counts it (not_modeled_log.c). The return
 * address of the routine that says so is the client's call site when the macro noted none. */
#define wskfuzz_not_modeled(name) not_modeled_called((name), __builtin_return_address(0))
void not_modeled_called(const char *name, void *caller);
void not_modeled_reset(void); /* before each input */
/* The summary lines now (as at exit): for a process that ends with _exit, skipping exit handlers. */
void not_modeled_summarize(void);

#endif
