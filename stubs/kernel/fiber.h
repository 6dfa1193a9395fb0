/* fiber.h - stacks the stub kernel switches between (fiber.c owns the stacks): each simulated
 * kernel thread is one; no OS threads, so a scenario stays one deterministic line of execution. */
#ifndef WSKFUZZ_FIBER_H
#define WSKFUZZ_FIBER_H

#include <stdbool.h>
#include <stddef.h>

#if defined(__x86_64__)
/* x86-64: a switch is ours (fiber.c): the stack pointer is all a fiber keeps between switches. */
typedef struct {
    void *sp;
} fiber_context;
#else
#include <ucontext.h>
typedef struct {
    ucontext_t uc;
} fiber_context;
#endif

typedef struct {
    fiber_context ctx;
    void *stack;            /* NULL for the harness's own stack */
    unsigned slot;          /* which of the reused stacks */
    size_t size;
    void *fake_stack;       /* ASan's fake stack of this fiber while it is switched out */
    const void *asan_bottom;/* the stack as ASan knows it (learned on the first switch away) */
    size_t asan_size;
} fiber;

/* Prepare `f` to run entry() on a stack of its own (slot: which of the reused stacks). */
bool fiber_make(fiber *f, unsigned slot, void (*entry)(void));
/* Switch from the running fiber `from` to `to`; returns when something switches back. */
void fiber_switch(fiber *from, fiber *to);
/* Switch away from a fiber that never runs again. */
void fiber_exit_to(fiber *finished, fiber *to) __attribute__((noreturn));
/* The first thing entry() does: tell ASan the switch into it is over. */
void fiber_entered(void);

#endif
