/* kernel_trace_words.h - the kernel's events in words (registered at start). */
#ifndef WSKFUZZ_KERNEL_TRACE_WORDS_H
#define WSKFUZZ_KERNEL_TRACE_WORDS_H

void kernel_trace_words_start(void);

#endif
