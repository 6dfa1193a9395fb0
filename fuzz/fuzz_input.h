/* fuzz_input.h - the one input consumer. The scenario decoder reads named fields through it,
 * and the same reads serve three jobs:
 *   bytes -> values          (fuzzing: total, reads past the end give zeros)
 *   bytes -> values + text   (describe: each field is printed as it is read)
 *   text  -> values + bytes  (encode: each field is taken from the next text line)
 * So the text form cannot drift from the decoder: it *is* the decoder's sequence of reads. */
#ifndef WSKFUZZ_FUZZ_INPUT_H
#define WSKFUZZ_FUZZ_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
    FMT_DEC,     /* 12 */
    FMT_HEX,     /* 0x1234abcd */
    FMT_VERSION, /* 1.0 (a MAKE_WSK_VERSION word) */
    FMT_NAMES,   /* a name from a table: value = index modulo the table size when decoding */
} field_format;

typedef struct {
    /* bytes */
    const uint8_t *data;
    size_t size, pos;
    /* describe: print fields here */
    FILE *describe;
    /* encode: text lines in, bytes out */
    const char *text;
    size_t text_pos;
    unsigned line;
    uint8_t *out;
    size_t out_len, out_cap;
    bool error;
    char message[256];
} fuzz_input;

void in_from_bytes(fuzz_input *in, const uint8_t *data, size_t size, FILE *describe);
void in_from_text(fuzz_input *in, const char *text); /* NUL-terminated; caller frees in->out */

/* Every read below takes `plain`, a constant of the decoder's instantiation: true on the fuzzing
 * path (bytes in, nothing printed), false when describing or encoding. The plain path is inline and
 * never hands `in` to a function, so a decoder given a reader of its own keeps the cursor in a
 * register; with the reader in memory, storing and reloading the cursor around every field was
 * half of the decode time. */

/* Read a field of `width` bytes (1, 2 or 4, little-endian). Its name is `name_fmt` with `index`
 * for a %u in it (formatted only when describing or encoding, never on the fuzzing path).
 * For FMT_NAMES, `names` has `count` entries and the value is reduced modulo count. */
uint32_t in_field_slow(fuzz_input *in, const char *name_fmt, unsigned index, unsigned width, field_format fmt,
                       const char *const *names, unsigned count);
static inline __attribute__((always_inline)) uint32_t in_field(fuzz_input *in, bool plain, const char *name_fmt,
                                                               unsigned index, unsigned width, field_format fmt,
                                                               const char *const *names, unsigned count)
{
    if (!plain)
        return in_field_slow(in, name_fmt, index, width, fmt, names, count);
    size_t pos = in->pos, size = in->size;
    uint32_t v = 0;
    if (pos < size) {
        const uint8_t *b = in->data + pos;
        if (size - pos >= width) {
            v = b[0];
            if (width >= 2)
                v |= (uint32_t)b[1] << 8;
            if (width == 4)
                v |= (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        } else { /* the input ends inside this field: its missing bytes read as zeros */
            for (size_t i = 0; i < size - pos; i++)
                v |= (uint32_t)b[i] << (8 * i);
        }
    }
    in->pos = pos + width; /* may pass the end: later reads give zeros */
    return fmt == FMT_NAMES && count ? v % count : v;
}
/* Is there more input: bytes left, or text lines left? */
bool in_more_text(fuzz_input *in);
static inline bool in_more(fuzz_input *in, bool plain)
{
    return plain || !in->text ? in->pos < in->size : in_more_text(in);
}
/* After decoding: print what the decoder did not use (describe), or take it (encode). */
void in_finish_slow(fuzz_input *in);
static inline void in_finish(fuzz_input *in, bool plain)
{
    if (!plain)
        in_finish_slow(in);
}
/* Print a comment line in describe mode (ignored by encode). A macro: the fuzzing path pays
 * nothing, not a variadic call. */
void in_comment_print(fuzz_input *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define in_comment(in, plain, ...)               \
    do {                                         \
        if (!(plain) && (in)->describe)          \
            in_comment_print((in), __VA_ARGS__); \
    } while (0)

#endif
