/* module.h - what each part of the stub kernel offers the host: one row of the host's static
 * module table (host/modules.c), run in table order. Any entry may be NULL. */
#ifndef WSKFUZZ_MODULE_H
#define WSKFUZZ_MODULE_H

typedef struct {
    const char *name;
    void (*start)(void);          /* once, before the first scenario: register upward hooks */
    void (*reset)(void);          /* before every scenario: nothing survives it */
    void (*unload_checks)(void);  /* after DriverUnload, or after a failed DriverEntry */
    void (*final_checks)(void);   /* at the end of the scenario: what is left over */
} stub_module;

#endif
