/* excpt.h - MSVC's structured exception handling keywords, as plain blocks.
 *
 * Nothing in the stub kernel raises an exception, so a __try body always runs to its end (or
 * to __leave), an __except handler never runs and a __finally block always runs afterwards.
 * The filter expression is compiled but never evaluated. __leave jumps to the end of the
 * innermost __try body through a block-local label (GNU C local labels: gcc and clang). */
#ifndef WSKFUZZ_EXCPT_H
#define WSKFUZZ_EXCPT_H

#define EXCEPTION_EXECUTE_HANDLER 1
#define EXCEPTION_CONTINUE_SEARCH 0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

#define GetExceptionCode() ((int)0)
#define GetExceptionInformation() ((void *)0)
#define AbnormalTermination() 0
#define _exception_code() GetExceptionCode()
#define _exception_info() GetExceptionInformation()
#define _abnormal_termination() AbnormalTermination()

#define __try                   \
    {                           \
        __label__ wskfuzz_leave; \
        if (1)
#define __except(filter)                         \
    wskfuzz_leave: __attribute__((unused));       \
    }                                            \
    if (0 && (filter))
#define __finally                          \
    wskfuzz_leave: __attribute__((unused)); \
    }                                      \
    if (1)
#define __leave goto wskfuzz_leave

/* The old spellings MSVC accepts in C (for clients: the harness's own code may use the words). */
#if !defined(__cplusplus) && !defined(WSKFUZZ_HARNESS)
#define try __try
#define except __except
#define finally __finally
#define leave __leave
#endif

#endif /* WSKFUZZ_EXCPT_H */
