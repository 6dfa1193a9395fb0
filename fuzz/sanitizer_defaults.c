/* sanitizer_defaults.c - ASan defaults for the fuzz targets (linked into them and the bench's
 * empty target only: explore has its own). ASAN_OPTIONS still overrides each key.
 *
 * quarantine_size_mb=16: ASan keeps freed memory out of reuse to catch a late use after free;
 * its default 256 MiB made a target's memory grow for minutes (34 -> 545 MiB over 60 s) and cost
 * page faults on every input. Every input here is a fresh scenario, pool blocks are never reused
 * within one (stubs/kernel/pool_arena.c), and what else is freed is freed within the same input, so
 * 16 MiB is ample. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "quarantine_size_mb=16";
}
