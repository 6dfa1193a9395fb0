/* empty_target.c - the yardstick of `./build.sh bench`: an LLVMFuzzerTestOneInput that does
 * nothing, built and linked exactly like the real targets (same flags, same objects), so the
 * exec/s ratio measures what the harness costs per input and nothing else. */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}
