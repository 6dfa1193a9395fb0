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
    bool plain; /* bytes in, nothing printed: the fuzzing path */
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

/* Read a field of `width` bytes (1, 2 or 4, little-endian). Its name is `name_fmt` with `index`
 * for a %u in it (formatted only when describing or encoding, never on the fuzzing path).
 * For FMT_NAMES, `names` has `count` entries and the value is reduced modulo count. */
uint32_t in_field_slow(fuzz_input *in, const char *name_fmt, unsigned index, unsigned width, field_format fmt,
                       const char *const *names, unsigned count);
/* The fuzzing path (bytes in, nothing printed, the field inside the input) is inline: it runs
 * for every field of every input. Everything else is in_field_slow. */
static inline __attribute__((always_inline)) uint32_t in_field(fuzz_input *in, const char *name_fmt, unsigned index, unsigned width,
                                field_format fmt, const char *const *names, unsigned count)
{
    if (!in->plain)
        return in_field_slow(in, name_fmt, index, width, fmt, names, count);
    if (in->pos >= in->size) { /* past the end: zeros */
        in->pos += width;
        return 0;
    }
    if (in->size - in->pos < width) /* the input ends inside this field */
        return in_field_slow(in, name_fmt, index, width, fmt, names, count);
    const uint8_t *b = in->data + in->pos;
    uint32_t v = b[0];
    if (width >= 2)
        v |= (uint32_t)b[1] << 8;
    if (width == 4)
        v |= (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    in->pos += width;
    return fmt == FMT_NAMES && count ? v % count : v;
}
/* Is there more input: bytes left, or text lines left? */
bool in_more_text(fuzz_input *in);
static inline bool in_more(fuzz_input *in)
{
    return in->text ? in_more_text(in) : in->pos < in->size;
}
/* After decoding: print what the decoder did not use (describe), or take it (encode). */
void in_finish(fuzz_input *in);
/* Print a comment line in describe mode (ignored by encode). A macro: the fuzzing path pays
 * one test, not a variadic call. */
void in_comment_print(fuzz_input *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define in_comment(in, ...)                      \
    do {                                         \
        if ((in)->describe)                      \
            in_comment_print((in), __VA_ARGS__); \
    } while (0)

#endif
