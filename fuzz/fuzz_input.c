/* fuzz_input.c - total byte reader with describe and encode modes (see fuzz_input.h).
 *
 * Text lines are `name value`; '#' starts a comment; blank lines are ignored. Two lines are
 * not fields: `trailing <hex>` (bytes the decoder did not use) and `truncate <n>` (the input
 * ended inside a field: encode writes whole fields, then cuts the bytes to n). */
#include "fuzz_input.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void in_from_bytes(fuzz_input *in, const uint8_t *data, size_t size, FILE *describe)
{
    /* Field by field: describing skips clearing message[], which only encode writes. */
    in->data = data;
    in->size = size;
    in->pos = 0;
    in->describe = describe;
    in->text = NULL;
    in->text_pos = 0;
    in->line = 0;
    in->out = NULL;
    in->out_len = in->out_cap = 0;
    in->error = false;
    in->message[0] = 0;
}

void in_from_text(fuzz_input *in, const char *text)
{
    memset(in, 0, sizeof *in);
    in->text = text;
}

static void fail(fuzz_input *in, const char *fmt, ...)
{
    if (in->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(in->message, sizeof in->message, "line %u: ", in->line);
    vsnprintf(in->message + n, sizeof in->message - (size_t)n, fmt, ap);
    va_end(ap);
    in->error = true;
}

/* The next meaningful text line: [start, end) of its content, comments and blanks skipped. */
static bool next_line(fuzz_input *in, const char **start, size_t *len, bool consume)
{
    size_t pos = in->text_pos;
    unsigned line = in->line;
    while (in->text[pos]) {
        const char *s = in->text + pos;
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        pos += n + (nl ? 1 : 0);
        line++;
        const char *hash = memchr(s, '#', n);
        if (hash)
            n = (size_t)(hash - s);
        while (n && isspace((unsigned char)s[n - 1]))
            n--;
        while (n && isspace((unsigned char)*s))
            s++, n--;
        if (!n)
            continue;
        if (consume) {
            in->text_pos = pos;
            in->line = line;
        }
        *start = s;
        *len = n;
        return true;
    }
    if (consume) {
        in->text_pos = pos;
        in->line = line;
    }
    return false;
}

static bool is_tail_line(const char *s, size_t n)
{
    return (n >= 8 && !strncmp(s, "trailing", 8)) || (n >= 8 && !strncmp(s, "truncate", 8));
}

bool in_more_text(fuzz_input *in)
{
    const char *s;
    size_t n;
    return !in->error && next_line(in, &s, &n, false) && !is_tail_line(s, n);
}

static void put_bytes(fuzz_input *in, const uint8_t *b, size_t n)
{
    if (in->out_len + n > in->out_cap) {
        size_t cap = in->out_cap ? in->out_cap * 2 : 256;
        while (cap < in->out_len + n)
            cap *= 2;
        uint8_t *grown = realloc(in->out, cap);
        if (!grown) {
            fail(in, "out of memory");
            return;
        }
        in->out = grown;
        in->out_cap = cap;
    }
    memcpy(in->out + in->out_len, b, n);
    in->out_len += n;
}

static void print_value(FILE *f, uint32_t v, field_format fmt, const char *const *names, unsigned count)
{
    switch (fmt) {
    case FMT_HEX: fprintf(f, "0x%x", v); break;
    case FMT_VERSION: fprintf(f, "%u.%u", v >> 8, v & 0xff); break;
    case FMT_NAMES:
        if (v < count)
            fputs(names[v], f);
        else
            fprintf(f, "%u", v); /* an out-of-table raw value: kept so encode gives the same byte */
        break;
    default: fprintf(f, "%u", v); break;
    }
}

static bool parse_value(const char *s, field_format fmt, const char *const *names, unsigned count, uint64_t *v)
{
    if (fmt == FMT_NAMES)
        for (unsigned i = 0; i < count; i++)
            if (!strcmp(s, names[i])) {
                *v = i;
                return true;
            }
    unsigned long major, minor;
    int used = 0;
    if (fmt == FMT_VERSION && sscanf(s, "%lu.%lu%n", &major, &minor, &used) == 2 && !s[used]) {
        if (major > 255 || minor > 255)
            return false;
        *v = major << 8 | minor;
        return true;
    }
    char *end;
    *v = strtoull(s, &end, 0);
    return end != s && !*end && s[0] != '-';
}

/* Describe: print one field as read (kept out of in_field: its buffers would cost every input). */
static __attribute__((noinline)) void describe_field(fuzz_input *in, const char *name_fmt, unsigned index,
                                                     uint32_t v, field_format fmt, const char *const *names,
                                                     unsigned count)
{
    char name[64];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(name, sizeof name, name_fmt, index);
#pragma GCC diagnostic pop
    fprintf(in->describe, "%-28s ", name);
    print_value(in->describe, v, fmt, names, count);
    if (fmt == FMT_NAMES && count && v >= count)
        fprintf(in->describe, "  # = %s", names[v % count]);
    fputc('\n', in->describe);
}

/* Encode: take the field from the next text line and append its bytes. */
static __attribute__((noinline)) uint32_t encode_field(fuzz_input *in, const char *name_fmt, unsigned index,
                                                       unsigned width, field_format fmt,
                                                       const char *const *names, unsigned count)
{
    char name[64];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(name, sizeof name, name_fmt, index);
#pragma GCC diagnostic pop
    const char *s;
    size_t n;
    if (in->error)
        return 0;
    if (!next_line(in, &s, &n, true)) {
        fail(in, "the scenario ends before field '%s'", name);
        return 0;
    }
    size_t name_len = strlen(name);
    if (n <= name_len || strncmp(s, name, name_len) || !isspace((unsigned char)s[name_len])) {
        fail(in, "expected field '%s', found '%.*s'", name, (int)n, s);
        return 0;
    }
    char value[64];
    const char *vs = s + name_len;
    size_t vn = n - name_len;
    while (vn && isspace((unsigned char)*vs))
        vs++, vn--;
    if (vn >= sizeof value) {
        fail(in, "value of '%s' is too long", name);
        return 0;
    }
    memcpy(value, vs, vn);
    value[vn] = 0;
    uint64_t parsed;
    uint64_t limit = width == 4 ? 0xFFFFFFFFull : (1ull << (8 * width)) - 1;
    if (!parse_value(value, fmt, names, count, &parsed) || parsed > limit) {
        fail(in, "'%s' is not a valid value for '%s'", value, name);
        return 0;
    }
    uint8_t b[4];
    for (unsigned i = 0; i < width; i++)
        b[i] = (uint8_t)(parsed >> (8 * i));
    put_bytes(in, b, width);
    uint32_t v = (uint32_t)parsed;
    return fmt == FMT_NAMES && count ? v % count : v;
}

uint32_t in_field_slow(fuzz_input *in, const char *name_fmt, unsigned index, unsigned width, field_format fmt,
                       const char *const *names, unsigned count)
{
    if (in->text)
        return encode_field(in, name_fmt, index, width, fmt, names, count);
    uint32_t v = 0;
    if (in->pos + width <= in->size) {
        for (unsigned i = 0; i < width; i++)
            v |= (uint32_t)in->data[in->pos + i] << (8 * i);
    } else {
        for (unsigned i = 0; i < width; i++)
            if (in->pos + i < in->size)
                v |= (uint32_t)in->data[in->pos + i] << (8 * i);
    }
    in->pos += width; /* may pass the end: later reads give zeros */
    if (in->describe)
        describe_field(in, name_fmt, index, v, fmt, names, count);
    return fmt == FMT_NAMES && count ? v % count : v;
}

void in_comment_print(fuzz_input *in, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("# ", in->describe);
    vfprintf(in->describe, fmt, ap);
    fputc('\n', in->describe);
    va_end(ap);
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

void in_finish_slow(fuzz_input *in)
{
    if (!in->text) {
        if (!in->describe)
            return;
        if (in->pos < in->size) {
            fprintf(in->describe, "trailing ");
            for (size_t i = in->pos; i < in->size; i++)
                fprintf(in->describe, "%02x", in->data[i]);
            fputc('\n', in->describe);
        } else if (in->pos > in->size) {
            fprintf(in->describe, "truncate %zu\n", in->size);
        }
        return;
    }
    const char *s;
    size_t n;
    while (!in->error && next_line(in, &s, &n, true)) {
        if (n > 8 && !strncmp(s, "trailing", 8) && isspace((unsigned char)s[8])) {
            const char *h = s + 9;
            size_t hn = n - 9;
            while (hn && isspace((unsigned char)*h))
                h++, hn--;
            if (hn % 2) {
                fail(in, "'trailing' needs an even number of hex digits");
                return;
            }
            for (size_t i = 0; i < hn; i += 2) {
                int hi = hex_digit(h[i]), lo = hex_digit(h[i + 1]);
                if (hi < 0 || lo < 0) {
                    fail(in, "'trailing' holds a character that is not a hex digit");
                    return;
                }
                uint8_t b = (uint8_t)(hi << 4 | lo);
                put_bytes(in, &b, 1);
            }
        } else if (n > 8 && !strncmp(s, "truncate", 8) && isspace((unsigned char)s[8])) {
            char *end;
            unsigned long long cut = strtoull(s + 9, &end, 10);
            if (end == s + 9 || (size_t)(end - s) != n) {
                fail(in, "'truncate' needs a byte count");
                return;
            }
            if (cut < in->out_len)
                in->out_len = (size_t)cut;
        } else {
            fail(in, "unexpected line '%.*s' after the scenario", (int)n, s);
        }
    }
}
