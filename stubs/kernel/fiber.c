/* fiber.c - the stacks of simulated kernel threads and the switches between them, announced to
 * ASan when its runtime is in the process (the stubs are built without ASan, but a client built
 * with it brings the runtime, and its stack bookkeeping must follow every switch or it reports
 * false overflows).
 *
 * On x86-64 a switch is a few instructions of our own (wskfuzz_fiber_jump below) instead of swapcontext:
 * glibc's swapcontext makes a system call for the signal mask on every switch, and ASan's
 * interceptor of it clears the shadow of the whole stack switched to, which also erased the
 * redzones of the frames waiting there. Measured by ./build.sh bench (switch lines): 624 ns a
 * switch with swapcontext under ASan. Other machines keep ucontext. */
#define _GNU_SOURCE
#include "fiber.h"

#include <dlfcn.h>
#include <stdint.h>
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
/* The lowest address of each stack that may still hold a frame's poison: below the stack pointer
 * of the last switch away from it, frames returned (and unpoisoned themselves) or were left by
 * a jump that ASan unpoisoned (__asan_handle_no_return). Only that part is unpoisoned when the
 * stack is reused: the whole stack's shadow is 64 KiB, and clearing it on every thread start
 * cost 40% of a thread client's input. NULL: nothing to unpoison. */
static char *poison_low[STUB_MAX_THREADS];
/* How far below its caller's frame a switch's own frames reach (fiber_switch, its callee, the
 * registers wskfuzz_fiber_jump pushes): a generous bound. */
#define SWITCH_FRAMES 1024
/* The fiber being left, so the one switched to can tell ASan where it came from. */
static fiber *leaving;

#if defined(__x86_64__)
/* wskfuzz_fiber_jump(save, to): push the callee-saved registers and the SSE and x87 control words (the
 * System V ABI's preserved state), leave the stack pointer in *save, take `to` as the stack
 * pointer, and pop the same from there. A new stack is laid out by context_make as if it had
 * switched away once, with wskfuzz_fiber_start as its return address. */
void wskfuzz_fiber_jump(void **save, void *to);
void wskfuzz_fiber_start(void);
__asm__(".text\n"
        ".globl wskfuzz_fiber_jump\n"
        ".type wskfuzz_fiber_jump,@function\n"
        "wskfuzz_fiber_jump:\n"
        "    pushq %rbp\n"
        "    pushq %rbx\n"
        "    pushq %r12\n"
        "    pushq %r13\n"
        "    pushq %r14\n"
        "    pushq %r15\n"
        "    subq $8, %rsp\n"
        "    stmxcsr (%rsp)\n"
        "    fnstcw 4(%rsp)\n"
        "    movq %rsp, (%rdi)\n"
        "    movq %rsi, %rsp\n"
        "    ldmxcsr (%rsp)\n"
        "    fldcw 4(%rsp)\n"
        "    addq $8, %rsp\n"
        "    popq %r15\n"
        "    popq %r14\n"
        "    popq %r13\n"
        "    popq %r12\n"
        "    popq %rbx\n"
        "    popq %rbp\n"
        "    ret\n"
        ".size wskfuzz_fiber_jump, .-wskfuzz_fiber_jump\n"
        /* The first return of a new stack lands here, 16-byte aligned: the entry is in r12, and
         * rbp is 0 so a frame-pointer unwind (ASan's reports) stops at the stack's first frame. */
        ".globl wskfuzz_fiber_start\n"
        ".type wskfuzz_fiber_start,@function\n"
        "wskfuzz_fiber_start:\n"
        "    callq *%r12\n"
        "    ud2\n"
        ".size wskfuzz_fiber_start, .-wskfuzz_fiber_start\n");

static void context_make(fiber_context *c, void *stack, size_t size, void (*entry)(void))
{
    uintptr_t top = ((uintptr_t)stack + size) & ~(uintptr_t)15;
    /* wskfuzz_fiber_start's slot: after wskfuzz_fiber_jump's ret takes it, the stack is 16-byte aligned, as a
     * call instruction wants it (the slot above it is padding) */
    void **sp = (void **)(top - 24);
    sp[0] = (void *)wskfuzz_fiber_start;
    sp[1] = NULL;
    /* below it, what wskfuzz_fiber_jump pops: the control words (this thread's, as a new thread
     * inherits them), r15, r14, r13, r12 (the entry), rbx, rbp */
    uint64_t *regs = (uint64_t *)sp - 7;
    uint32_t mxcsr;
    uint16_t fpucw;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    __asm__ volatile("fnstcw %0" : "=m"(fpucw));
    regs[0] = mxcsr | (uint64_t)fpucw << 32;
    regs[1] = 0;                    /* r15 */
    regs[2] = 0;                    /* r14 */
    regs[3] = 0;                    /* r13 */
    regs[4] = (uintptr_t)entry;     /* r12 */
    regs[5] = 0;                    /* rbx */
    regs[6] = 0;                    /* rbp */
    c->sp = regs;
}

static void context_switch(fiber_context *from, fiber_context *to)
{
    wskfuzz_fiber_jump(&from->sp, to->sp);
}
#else
static void context_make(fiber_context *c, void *stack, size_t size, void (*entry)(void))
{
    getcontext(&c->uc);
    c->uc.uc_stack.ss_sp = stack;
    c->uc.uc_stack.ss_size = size;
    c->uc.uc_link = NULL;
    makecontext(&c->uc, entry, 0);
}

static void context_switch(fiber_context *from, fiber_context *to)
{
    swapcontext(&from->uc, &to->uc);
}
#endif

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
    char *top = (char *)stacks[slot] + FIBER_STACK;
    if (a && a->unpoison && poison_low[slot]) /* a thread left here keeps its frames' poison */
        a->unpoison(poison_low[slot], (size_t)(top - poison_low[slot]));
    poison_low[slot] = NULL;
    f->slot = slot;
    f->stack = stacks[slot];
    f->size = FIBER_STACK;
    f->asan_bottom = (char *)f->stack + 4096;
    f->asan_size = FIBER_STACK - 4096;
    f->fake_stack = NULL;
    context_make(&f->ctx, (char *)f->stack + 4096, FIBER_STACK - 4096, entry);
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

/* Remember how deep the fiber being left is (see poison_low). */
static void note_depth(const fiber *from)
{
    if (!from->stack)
        return;
    char *low = (char *)__builtin_frame_address(0) - SWITCH_FRAMES;
    char *bottom = (char *)from->stack + 4096;
    poison_low[from->slot] = low < bottom ? bottom : low;
}

void fiber_switch(fiber *from, fiber *to)
{
    note_depth(from);
    const asan_fiber_api *a = asan();
    if (a)
        a->start(&from->fake_stack, to->asan_bottom, to->asan_size);
    leaving = from;
    context_switch(&from->ctx, &to->ctx);
    landed(from->fake_stack);
}

void fiber_exit_to(fiber *finished, fiber *to)
{
    note_depth(finished);
    const asan_fiber_api *a = asan();
    if (a)
        a->start(NULL, to->asan_bottom, to->asan_size); /* NULL: this fiber's fake stack dies */
    leaving = finished;
    context_switch(&finished->ctx, &to->ctx); /* never switched back to: the thread is done */
    abort();
}

void fiber_entered(void)
{
    landed(NULL);
}
