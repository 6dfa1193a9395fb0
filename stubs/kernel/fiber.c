/* fiber.c - the stacks of simulated kernel threads: ucontext switches, announced to ASan when its
 * runtime is in the process (the stubs are built without ASan, but a client built with it brings
 * the runtime, and its stack bookkeeping must follow every switch or it reports false overflows). */
#define _GNU_SOURCE
#include "fiber.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "limits.h"

#define FIBER_STACK (512u * 1024u) /* ASan-instrumented client frames are large */

typedef struct {
    void (*start)(void **fake_stack_save, const void *bottom, size_t size);
    void (*finish)(void *fake_stack_save, const void **bottom_old, size_t *size_old);
    void (*unpoison)(void const volatile *addr, size_t size);
} asan_fiber_api;

static asan_fiber_api api;
static bool looked_up;
/* Stacks are mapped once and reused by every scenario (a scenario starts few threads). */
static void *stacks[STUB_MAX_THREADS];
/* The fiber being left, so the one switched to can tell ASan where it came from. */
static fiber *leaving;

static const asan_fiber_api *asan(void)
{
    if (!looked_up) {
        /* Casts through void *: POSIX guarantees a function pointer survives them. */
        *(void **)&api.start = dlsym(RTLD_DEFAULT, "__sanitizer_start_switch_fiber");
        *(void **)&api.finish = dlsym(RTLD_DEFAULT, "__sanitizer_finish_switch_fiber");
        *(void **)&api.unpoison = dlsym(RTLD_DEFAULT, "__asan_unpoison_memory_region");
        looked_up = true;
    }
    return api.start && api.finish ? &api : NULL;
}

bool fiber_make(fiber *f, unsigned slot, void (*entry)(void))
{
    if (slot >= STUB_MAX_THREADS)
        return false;
    if (!stacks[slot]) {
        void *p = mmap(NULL, FIBER_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
        if (p == MAP_FAILED)
            return false;
        mprotect(p, 4096, PROT_NONE); /* a guard page: an overflow faults instead of corrupting */
        stacks[slot] = p;
    }
    const asan_fiber_api *a = asan();
    if (a && a->unpoison) /* a stack left by an abandoned thread keeps its frames' poison */
        a->unpoison((char *)stacks[slot] + 4096, FIBER_STACK - 4096);
    getcontext(&f->ctx);
    f->stack = stacks[slot];
    f->size = FIBER_STACK;
    f->ctx.uc_stack.ss_sp = (char *)f->stack + 4096;
    f->ctx.uc_stack.ss_size = FIBER_STACK - 4096;
    f->ctx.uc_link = NULL;
    f->asan_bottom = f->ctx.uc_stack.ss_sp;
    f->asan_size = f->ctx.uc_stack.ss_size;
    f->fake_stack = NULL;
    makecontext(&f->ctx, entry, 0);
    return true;
}

/* After a switch lands in a fiber: finish ASan's switch and learn the stack that was left. */
static void landed(void *fake_stack)
{
    const asan_fiber_api *a = asan();
    if (!a)
        return;
    const void *bottom;
    size_t size;
    a->finish(fake_stack, &bottom, &size);
    if (leaving && !leaving->stack) { /* the harness's stack: only ASan knows its bounds */
        leaving->asan_bottom = bottom;
        leaving->asan_size = size;
    }
}

void fiber_switch(fiber *from, fiber *to)
{
    const asan_fiber_api *a = asan();
    if (a)
        a->start(&from->fake_stack, to->asan_bottom, to->asan_size);
    leaving = from;
    swapcontext(&from->ctx, &to->ctx);
    landed(from->fake_stack);
}

void fiber_exit_to(fiber *finished, fiber *to)
{
    const asan_fiber_api *a = asan();
    if (a)
        a->start(NULL, to->asan_bottom, to->asan_size); /* NULL: this fiber's fake stack dies */
    leaving = finished;
    setcontext(&to->ctx);
    abort(); /* setcontext does not return */
}

void fiber_entered(void)
{
    landed(NULL);
}
