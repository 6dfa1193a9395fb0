/* crt.c - the string functions a driver gets from the kernel: the kernel CRT's wide strings
 * (16-bit, see wskfuzz_msvc.h), MSVC-style formatting (%S, %ws, %Z, %wZ, I64 sizes), the
 * ntstrsafe.h functions and the Rtl UNICODE_STRING / ANSI_STRING routines. Pure functions,
 * as documented; the Rtl conversions that allocate take pool (a fault point, and a leak is a
 * pool leak at the client's line). */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"
#include "not_modeled.h"
#include "pool.h"
#include <ntstrsafe.h>

#undef wcslen
#undef ExAllocatePoolWithTag
#undef ExFreePoolWithTag
#undef RtlUnicodeStringToAnsiString
#undef RtlAnsiStringToUnicodeString
#undef RtlFreeUnicodeString
#undef RtlFreeAnsiString

#define RTL_STRING_TAG 0x47727453 /* 'GrtS' */

/* ---- wide strings ---- */

size_t wskfuzz_wcslen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t wskfuzz_wcsnlen(const WCHAR *s, size_t max_count)
{
    size_t n = 0;
    while (n < max_count && s[n])
        n++;
    return n;
}

WCHAR *wskfuzz_wcscpy(WCHAR *dst, const WCHAR *src)
{
    size_t i = 0;
    do
        dst[i] = src[i];
    while (src[i++]);
    return dst;
}

WCHAR *wskfuzz_wcsncpy(WCHAR *dst, const WCHAR *src, size_t count)
{
    size_t i = 0;
    for (; i < count && src[i]; i++)
        dst[i] = src[i];
    for (; i < count; i++)
        dst[i] = 0;
    return dst;
}

WCHAR *wskfuzz_wcscat(WCHAR *dst, const WCHAR *src)
{
    wskfuzz_wcscpy(dst + wskfuzz_wcslen(dst), src);
    return dst;
}

WCHAR *wskfuzz_wcsncat(WCHAR *dst, const WCHAR *src, size_t count)
{
    WCHAR *d = dst + wskfuzz_wcslen(dst);
    size_t i = 0;
    for (; i < count && src[i]; i++)
        d[i] = src[i];
    d[i] = 0;
    return dst;
}

WCHAR wskfuzz_towlower(WCHAR c)
{
    return c >= 'A' && c <= 'Z' ? (WCHAR)(c + 32) : c;
}

WCHAR wskfuzz_towupper(WCHAR c)
{
    return c >= 'a' && c <= 'z' ? (WCHAR)(c - 32) : c;
}

static int compare(const WCHAR *a, const WCHAR *b, size_t count, bool fold)
{
    for (size_t i = 0; i < count; i++) {
        WCHAR x = fold ? wskfuzz_towlower(a[i]) : a[i], y = fold ? wskfuzz_towlower(b[i]) : b[i];
        if (x != y)
            return x < y ? -1 : 1;
        if (!x)
            return 0;
    }
    return 0;
}

int wskfuzz_wcscmp(const WCHAR *a, const WCHAR *b)
{
    return compare(a, b, SIZE_MAX, false);
}

int wskfuzz_wcsncmp(const WCHAR *a, const WCHAR *b, size_t count)
{
    return compare(a, b, count, false);
}

int wskfuzz_wcsicmp(const WCHAR *a, const WCHAR *b)
{
    return compare(a, b, SIZE_MAX, true);
}

int wskfuzz_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t count)
{
    return compare(a, b, count, true);
}

WCHAR *wskfuzz_wcschr(const WCHAR *s, WCHAR c)
{
    for (;; s++) {
        if (*s == c)
            return (WCHAR *)s;
        if (!*s)
            return NULL;
    }
}

WCHAR *wskfuzz_wcsrchr(const WCHAR *s, WCHAR c)
{
    const WCHAR *last = NULL;
    for (;; s++) {
        if (*s == c)
            last = s;
        if (!*s)
            return (WCHAR *)last;
    }
}

WCHAR *wskfuzz_wcsstr(const WCHAR *s, const WCHAR *needle)
{
    size_t n = wskfuzz_wcslen(needle);
    for (; *s; s++)
        if (!compare(s, needle, n, false))
            return (WCHAR *)s;
    return n ? NULL : (WCHAR *)s;
}

/* ---- MSVC-style formatting into a narrow buffer ---- */

typedef struct {
    char *out;
    size_t cap, len;
} sink;

static void put(sink *s, char c)
{
    if (s->len + 1 < s->cap)
        s->out[s->len] = c;
    s->len++;
}

static void put_text(sink *s, const char *narrow, const WCHAR *wide, size_t n, int width, bool left)
{
    size_t pad = width > 0 && (size_t)width > n ? (size_t)width - n : 0;
    for (size_t i = 0; !left && i < pad; i++)
        put(s, ' ');
    for (size_t i = 0; i < n; i++)
        put(s, narrow ? narrow[i] : wide[i] < 0x80 ? (char)wide[i] : '?');
    for (size_t i = 0; left && i < pad; i++)
        put(s, ' ');
}

/* fmt is narrow; wide_function: %s means a WCHAR string (the W functions). */
static size_t vformat(char *out, size_t cap, const char *fmt, bool wide_function, va_list ap)
{
    sink s = {out, cap, 0};
    while (*fmt) {
        if (*fmt != '%') {
            put(&s, *fmt++);
            continue;
        }
        const char *start = fmt++;
        char spec[32];
        size_t sl = 0;
        spec[sl++] = '%';
        bool left = false;
        while (*fmt && strchr("-+ #0", *fmt)) {
            left |= *fmt == '-';
            if (sl < 20)
                spec[sl++] = *fmt;
            fmt++;
        }
        int width = -1, precision = -1;
        if (*fmt == '*') {
            width = va_arg(ap, int);
            fmt++;
        } else if (*fmt >= '0' && *fmt <= '9') {
            width = 0;
            while (*fmt >= '0' && *fmt <= '9')
                width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            precision = 0;
            if (*fmt == '*') {
                precision = va_arg(ap, int);
                fmt++;
            } else
                while (*fmt >= '0' && *fmt <= '9')
                    precision = precision * 10 + (*fmt++ - '0');
        }
        int size = 0; /* -2 hh, -1 h, 1 l, 2 ll / I64, 3 z / I, 4 w */
        for (bool more = true; more;) {
            if (fmt[0] == 'h' && fmt[1] == 'h') size = -2, fmt += 2;
            else if (*fmt == 'h') size = -1, fmt++;
            else if (fmt[0] == 'l' && fmt[1] == 'l') size = 2, fmt += 2;
            else if (*fmt == 'l') size = 1, fmt++;
            else if (*fmt == 'w') size = 4, fmt++;
            else if (fmt[0] == 'I' && fmt[1] == '6' && fmt[2] == '4') size = 2, fmt += 3;
            else if (fmt[0] == 'I' && fmt[1] == '3' && fmt[2] == '2') size = 0, fmt += 3;
            else if (*fmt == 'I' || *fmt == 'z' || *fmt == 't' || *fmt == 'j') size = 3, fmt++;
            else if (*fmt == 'L') size = 2, fmt++;
            else more = false;
        }
        char conv = *fmt ? *fmt++ : 0;
        if (width >= 0)
            sl += (size_t)snprintf(spec + sl, sizeof spec - sl, "%d", width);
        if (precision >= 0)
            sl += (size_t)snprintf(spec + sl, sizeof spec - sl, ".%d", precision);
        char num[128];
        switch (conv) {
        case 's':
        case 'S': {
            bool wide = conv == 'S' ? !wide_function : size == 4 || size == 1 ? true : size == -1 ? false : wide_function;
            const void *p = va_arg(ap, const void *);
            if (!p) {
                put_text(&s, "(null)", NULL, 6, width, left);
                break;
            }
            size_t n = wide ? wskfuzz_wcslen(p) : strlen(p);
            if (precision >= 0 && (size_t)precision < n)
                n = (size_t)precision;
            put_text(&s, wide ? NULL : p, wide ? p : NULL, n, width, left);
            break;
        }
        case 'Z': {
            if (size == 4 || size == 1) {
                const UNICODE_STRING *u = va_arg(ap, const UNICODE_STRING *);
                if (u && u->Buffer)
                    put_text(&s, NULL, u->Buffer, u->Length / sizeof(WCHAR), width, left);
            } else {
                const ANSI_STRING *a = va_arg(ap, const ANSI_STRING *);
                if (a && a->Buffer)
                    put_text(&s, a->Buffer, NULL, a->Length, width, left);
            }
            break;
        }
        case 'c':
        case 'C': {
            int c = va_arg(ap, int);
            char ch = c < 0x80 && c >= 0 ? (char)c : (conv == 'c' && !wide_function && size != 4) ? (char)c : '?';
            put_text(&s, &ch, NULL, 1, width, left);
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            /* Windows long is 32-bit: %ld takes an int here */
            const char *len = size == 2 ? "ll" : size == 3 ? "z" : size == -1 ? "h" : size == -2 ? "hh" : "";
            snprintf(spec + sl, sizeof spec - sl, "%s%c", len, conv);
            if (size == 2)
                snprintf(num, sizeof num, spec, va_arg(ap, long long));
            else if (size == 3)
                snprintf(num, sizeof num, spec, va_arg(ap, size_t));
            else
                snprintf(num, sizeof num, spec, va_arg(ap, int));
            put_text(&s, num, NULL, strlen(num), -1, false);
            break;
        }
        case 'p':
            snprintf(num, sizeof num, "%p", va_arg(ap, void *));
            put_text(&s, num, NULL, strlen(num), width, left);
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'g':
        case 'G':
            snprintf(spec + sl, sizeof spec - sl, "%c", conv);
            snprintf(num, sizeof num, spec, va_arg(ap, double));
            put_text(&s, num, NULL, strlen(num), -1, false);
            break;
        case 'n':
            (void)va_arg(ap, void *); /* never written: the kernel CRT refuses %n */
            break;
        case '%':
            put(&s, '%');
            break;
        default: /* unknown: copy the text as is */
            for (const char *c = start; c < fmt; c++)
                put(&s, *c);
            break;
        }
    }
    if (s.cap)
        s.out[s.len < s.cap ? s.len : s.cap - 1] = 0;
    return s.len;
}

/* A W format narrowed to bytes (the conversions are all ASCII). */
static char *narrow_format(const WCHAR *fmt)
{
    size_t n = wskfuzz_wcslen(fmt);
    char *f = malloc(n + 1);
    if (!f)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        f[i] = fmt[i] < 0x80 ? (char)fmt[i] : '?';
    return f;
}

/* Format a W call into dst (count WCHARs); returns the full length. */
static size_t vformat_wide(WCHAR *dst, size_t count, const WCHAR *format, va_list ap)
{
    char *f = narrow_format(format);
    char *tmp = malloc(count ? count : 1);
    size_t len = 0;
    if (f && tmp) {
        len = vformat(tmp, count, f, true, ap);
        size_t copied = count ? (len < count ? len : count - 1) : 0;
        for (size_t i = 0; i < copied; i++)
            dst[i] = (UCHAR)tmp[i];
        if (count)
            dst[copied] = 0;
    }
    free(f);
    free(tmp);
    return len;
}

int wskfuzz_ms_vsnprintf(char *dst, size_t count, const char *format, va_list ap)
{
    char *tmp = malloc(count + 1);
    if (!tmp)
        return -1;
    size_t len = vformat(tmp, count + 1, format, false, ap);
    memcpy(dst, tmp, len < count ? len + 1 : count); /* MSVC: no terminator when it does not fit */
    free(tmp);
    return len < count ? (int)len : -1;
}

int wskfuzz_ms_snprintf(char *dst, size_t count, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int r = wskfuzz_ms_vsnprintf(dst, count, format, ap);
    va_end(ap);
    return r;
}

int wskfuzz_vsnwprintf(WCHAR *dst, size_t count, const WCHAR *format, va_list ap)
{
    WCHAR *tmp = malloc((count + 1) * sizeof(WCHAR));
    if (!tmp)
        return -1;
    size_t len = vformat_wide(tmp, count + 1, format, ap);
    memcpy(dst, tmp, (len < count ? len + 1 : count) * sizeof(WCHAR));
    free(tmp);
    return len < count ? (int)len : -1;
}

int wskfuzz_snwprintf(WCHAR *dst, size_t count, const WCHAR *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int r = wskfuzz_vsnwprintf(dst, count, format, ap);
    va_end(ap);
    return r;
}

/* ---- ntstrsafe ---- */

static size_t bounded_length(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

#define CCH_OK(cch) ((cch) != 0 && (cch) <= NTSTRSAFE_MAX_CCH)

NTSTATUS RtlStringCchVPrintfA(NTSTRSAFE_PSTR dst, size_t cch, NTSTRSAFE_PCSTR format, va_list ap)
{
    if (!CCH_OK(cch)) {
        return STATUS_INVALID_PARAMETER;
    }
    size_t len = vformat(dst, cch, format, false, ap);
    return len < cch ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS RtlStringCbVPrintfA(NTSTRSAFE_PSTR dst, size_t cb, NTSTRSAFE_PCSTR format, va_list ap)
{
    return RtlStringCchVPrintfA(dst, cb, format, ap);
}

NTSTATUS RtlStringCchPrintfA(NTSTRSAFE_PSTR dst, size_t cch, NTSTRSAFE_PCSTR format, ...)
{
    va_list ap;
    va_start(ap, format);
    NTSTATUS s = RtlStringCchVPrintfA(dst, cch, format, ap);
    va_end(ap);
    return s;
}

NTSTATUS RtlStringCbPrintfA(NTSTRSAFE_PSTR dst, size_t cb, NTSTRSAFE_PCSTR format, ...)
{
    va_list ap;
    va_start(ap, format);
    NTSTATUS s = RtlStringCchVPrintfA(dst, cb, format, ap);
    va_end(ap);
    return s;
}

NTSTATUS RtlStringCchVPrintfW(NTSTRSAFE_PWSTR dst, size_t cch, NTSTRSAFE_PCWSTR format, va_list ap)
{
    if (!CCH_OK(cch))
        return STATUS_INVALID_PARAMETER;
    size_t len = vformat_wide(dst, cch, format, ap);
    return len < cch ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS RtlStringCbVPrintfW(NTSTRSAFE_PWSTR dst, size_t cb, NTSTRSAFE_PCWSTR format, va_list ap)
{
    return RtlStringCchVPrintfW(dst, cb / sizeof(WCHAR), format, ap);
}

NTSTATUS RtlStringCchPrintfW(NTSTRSAFE_PWSTR dst, size_t cch, NTSTRSAFE_PCWSTR format, ...)
{
    va_list ap;
    va_start(ap, format);
    NTSTATUS s = RtlStringCchVPrintfW(dst, cch, format, ap);
    va_end(ap);
    return s;
}

NTSTATUS RtlStringCbPrintfW(NTSTRSAFE_PWSTR dst, size_t cb, NTSTRSAFE_PCWSTR format, ...)
{
    va_list ap;
    va_start(ap, format);
    NTSTATUS s = RtlStringCchVPrintfW(dst, cb / sizeof(WCHAR), format, ap);
    va_end(ap);
    return s;
}

/* Copy at most n characters of src behind dst[at], in a buffer of cch characters. */
static NTSTATUS copy_a(char *dst, size_t cch, size_t at, const char *src, size_t n)
{
    if (!CCH_OK(cch) || at >= cch)
        return STATUS_INVALID_PARAMETER;
    size_t i = 0;
    for (; i < n && src[i] && at + i + 1 < cch; i++)
        dst[at + i] = src[i];
    dst[at + i] = 0;
    return i < n && src[i] ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

static NTSTATUS copy_w(WCHAR *dst, size_t cch, size_t at, const WCHAR *src, size_t n)
{
    if (!CCH_OK(cch) || at >= cch)
        return STATUS_INVALID_PARAMETER;
    size_t i = 0;
    for (; i < n && src[i] && at + i + 1 < cch; i++)
        dst[at + i] = src[i];
    dst[at + i] = 0;
    return i < n && src[i] ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS RtlStringCchCopyA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR s) { return copy_a(d, cch, 0, s, SIZE_MAX); }
NTSTATUS RtlStringCbCopyA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR s) { return copy_a(d, cb, 0, s, SIZE_MAX); }
NTSTATUS RtlStringCchCopyNA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR s, size_t n) { return copy_a(d, cch, 0, s, n); }
NTSTATUS RtlStringCbCopyNA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR s, size_t n) { return copy_a(d, cb, 0, s, n); }
NTSTATUS RtlStringCchCopyW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR s) { return copy_w(d, cch, 0, s, SIZE_MAX); }
NTSTATUS RtlStringCbCopyW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR s)
{
    return copy_w(d, cb / sizeof(WCHAR), 0, s, SIZE_MAX);
}
NTSTATUS RtlStringCchCopyNW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR s, size_t n) { return copy_w(d, cch, 0, s, n); }
NTSTATUS RtlStringCbCopyNW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR s, size_t n)
{
    return copy_w(d, cb / sizeof(WCHAR), 0, s, n / sizeof(WCHAR));
}
NTSTATUS RtlStringCchCatA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR s)
{
    return copy_a(d, cch, CCH_OK(cch) ? bounded_length(d, cch) : (size_t)0, s, SIZE_MAX);
}
NTSTATUS RtlStringCbCatA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR s) { return RtlStringCchCatA(d, cb, s); }
NTSTATUS RtlStringCchCatW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR s)
{
    return copy_w(d, cch, CCH_OK(cch) ? wskfuzz_wcsnlen(d, cch) : (size_t)0, s, SIZE_MAX);
}
NTSTATUS RtlStringCbCatW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR s)
{
    return RtlStringCchCatW(d, cb / sizeof(WCHAR), s);
}

NTSTATUS RtlStringCchLengthA(NTSTRSAFE_PCSTR s, size_t cch, size_t *length)
{
    size_t n = s && CCH_OK(cch) ? bounded_length(s, cch) : (size_t)cch;
    if (length)
        *length = n < cch ? n : 0;
    return s && n < cch ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS RtlStringCbLengthA(NTSTRSAFE_PCSTR s, size_t cb, size_t *length)
{
    return RtlStringCchLengthA(s, cb, length);
}

NTSTATUS RtlStringCchLengthW(NTSTRSAFE_PCWSTR s, size_t cch, size_t *length)
{
    size_t n = s && CCH_OK(cch) ? wskfuzz_wcsnlen(s, cch) : cch;
    if (length)
        *length = n < cch ? n : 0;
    return s && n < cch ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS RtlStringCbLengthW(NTSTRSAFE_PCWSTR s, size_t cb, size_t *length)
{
    NTSTATUS st = RtlStringCchLengthW(s, cb / sizeof(WCHAR), length);
    if (length)
        *length *= sizeof(WCHAR);
    return st;
}

/* ---- UNICODE_STRING and ANSI_STRING ---- */

void RtlInitAnsiString(PANSI_STRING d, PCSZ s)
{
    size_t n = s ? strlen(s) : 0;
    d->Buffer = (PCHAR)s;
    d->Length = (USHORT)n;
    d->MaximumLength = s ? (USHORT)(n + 1) : 0;
}

void RtlInitString(PSTRING d, PCSZ s)
{
    RtlInitAnsiString(d, s);
}

NTSTATUS RtlInitUnicodeStringEx(PUNICODE_STRING d, PCWSTR s)
{
    size_t n = s ? wskfuzz_wcslen(s) : 0;
    if (n > 32766)
        return STATUS_NAME_TOO_LONG;
    RtlInitUnicodeString(d, s);
    return STATUS_SUCCESS;
}

void RtlCopyUnicodeString(PUNICODE_STRING d, PCUNICODE_STRING s)
{
    if (!s) {
        d->Length = 0;
        return;
    }
    USHORT n = s->Length < d->MaximumLength ? s->Length : d->MaximumLength;
    memmove(d->Buffer, s->Buffer, n);
    d->Length = n;
    if (n + sizeof(WCHAR) <= d->MaximumLength)
        d->Buffer[n / sizeof(WCHAR)] = 0;
}

static int compare_counted(PCUNICODE_STRING a, PCUNICODE_STRING b, bool fold)
{
    size_t na = a->Length / sizeof(WCHAR), nb = b->Length / sizeof(WCHAR);
    for (size_t i = 0; i < na && i < nb; i++) {
        WCHAR x = fold ? wskfuzz_towupper(a->Buffer[i]) : a->Buffer[i];
        WCHAR y = fold ? wskfuzz_towupper(b->Buffer[i]) : b->Buffer[i];
        if (x != y)
            return (int)x - (int)y;
    }
    return na < nb ? -1 : na > nb ? 1 : 0;
}

BOOLEAN RtlEqualUnicodeString(PCUNICODE_STRING a, PCUNICODE_STRING b, BOOLEAN fold)
{
    return a->Length == b->Length && compare_counted(a, b, fold) == 0;
}

LONG RtlCompareUnicodeString(PCUNICODE_STRING a, PCUNICODE_STRING b, BOOLEAN fold)
{
    return compare_counted(a, b, fold);
}

BOOLEAN RtlPrefixUnicodeString(PCUNICODE_STRING prefix, PCUNICODE_STRING s, BOOLEAN fold)
{
    if (prefix->Length > s->Length)
        return FALSE;
    UNICODE_STRING head = {prefix->Length, prefix->Length, s->Buffer};
    return compare_counted(prefix, &head, fold) == 0;
}

static NTSTATUS append(PUNICODE_STRING d, const WCHAR *s, size_t bytes)
{
    if (d->Length + bytes > d->MaximumLength)
        return STATUS_BUFFER_TOO_SMALL;
    memmove((PCHAR)d->Buffer + d->Length, s, bytes);
    d->Length = (USHORT)(d->Length + bytes);
    if (d->Length + sizeof(WCHAR) <= d->MaximumLength)
        d->Buffer[d->Length / sizeof(WCHAR)] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS RtlAppendUnicodeToString(PUNICODE_STRING d, PCWSTR s)
{
    return s ? append(d, s, wskfuzz_wcslen(s) * sizeof(WCHAR)) : STATUS_SUCCESS;
}

NTSTATUS RtlAppendUnicodeStringToString(PUNICODE_STRING d, PCUNICODE_STRING s)
{
    return append(d, s->Buffer, s->Length);
}

NTSTATUS RtlUnicodeStringToAnsiString(PANSI_STRING d, PCUNICODE_STRING s, BOOLEAN allocate)
{
    size_t n = s->Length / sizeof(WCHAR);
    NTSTATUS status = STATUS_SUCCESS;
    if (allocate) {
        d->Buffer = ExAllocatePoolWithTag(PagedPool, n + 1, RTL_STRING_TAG);
        if (!d->Buffer)
            return STATUS_NO_MEMORY;
        d->MaximumLength = (USHORT)(n + 1);
    } else if (n >= d->MaximumLength) {
        status = STATUS_BUFFER_OVERFLOW;
        n = d->MaximumLength ? d->MaximumLength - 1u : 0;
    }
    for (size_t i = 0; i < n; i++)
        d->Buffer[i] = s->Buffer[i] < 0x80 ? (CHAR)s->Buffer[i] : '?';
    if (d->MaximumLength)
        d->Buffer[n] = 0;
    d->Length = (USHORT)n;
    return status;
}

NTSTATUS RtlAnsiStringToUnicodeString(PUNICODE_STRING d, PCANSI_STRING s, BOOLEAN allocate)
{
    size_t n = s->Length;
    NTSTATUS status = STATUS_SUCCESS;
    if (allocate) {
        d->Buffer = ExAllocatePoolWithTag(PagedPool, (n + 1) * sizeof(WCHAR), RTL_STRING_TAG);
        if (!d->Buffer)
            return STATUS_NO_MEMORY;
        d->MaximumLength = (USHORT)((n + 1) * sizeof(WCHAR));
    } else if ((n + 1) * sizeof(WCHAR) > d->MaximumLength) {
        status = STATUS_BUFFER_OVERFLOW;
        n = d->MaximumLength / sizeof(WCHAR) ? d->MaximumLength / sizeof(WCHAR) - 1u : 0;
    }
    for (size_t i = 0; i < n; i++)
        d->Buffer[i] = (UCHAR)s->Buffer[i];
    if (d->MaximumLength >= sizeof(WCHAR))
        d->Buffer[n] = 0;
    d->Length = (USHORT)(n * sizeof(WCHAR));
    return status;
}

void RtlFreeUnicodeString(PUNICODE_STRING s)
{
    if (s->Buffer)
        ExFreePoolWithTag(s->Buffer, RTL_STRING_TAG);
    s->Buffer = NULL;
    s->Length = s->MaximumLength = 0;
}

void RtlFreeAnsiString(PANSI_STRING s)
{
    if (s->Buffer)
        ExFreePoolWithTag(s->Buffer, RTL_STRING_TAG);
    s->Buffer = NULL;
    s->Length = s->MaximumLength = 0;
}

NTSTATUS RtlIntegerToUnicodeString(ULONG value, ULONG base, PUNICODE_STRING s)
{
    if (base == 0)
        base = 10;
    if (base != 2 && base != 8 && base != 10 && base != 16)
        return STATUS_INVALID_PARAMETER;
    WCHAR digits[33];
    size_t n = 0;
    do {
        ULONG d = value % base;
        digits[n++] = (WCHAR)(d < 10 ? '0' + d : 'A' + d - 10);
        value /= base;
    } while (value);
    if (n * sizeof(WCHAR) > s->MaximumLength)
        return STATUS_BUFFER_OVERFLOW;
    for (size_t i = 0; i < n; i++)
        s->Buffer[i] = digits[n - 1 - i];
    s->Length = (USHORT)(n * sizeof(WCHAR));
    if (s->Length + sizeof(WCHAR) <= s->MaximumLength)
        s->Buffer[n] = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS parse_integer(const WCHAR *w, const char *a, size_t n, ULONG base, PULONG value)
{
    size_t i = 0;
#define CH(j) ((j) < n ? (w ? w[j] : (WCHAR)(UCHAR)a[j]) : 0)
    while (i < n && (CH(i) == ' ' || CH(i) == '\t'))
        i++;
    bool negative = false;
    if (CH(i) == '-' || CH(i) == '+')
        negative = CH(i++) == '-';
    if (base == 0) {
        base = 10;
        if (CH(i) == '0' && (CH(i + 1) == 'x' || CH(i + 1) == 'o' || CH(i + 1) == 'b')) {
            base = CH(i + 1) == 'x' ? 16 : CH(i + 1) == 'o' ? 8 : 2;
            i += 2;
        }
    } else if (base != 2 && base != 8 && base != 10 && base != 16) {
        return STATUS_INVALID_PARAMETER;
    }
    ULONG v = 0;
    for (; i < n; i++) {
        WCHAR c = CH(i);
        ULONG d = c >= '0' && c <= '9' ? (ULONG)(c - '0') : c >= 'a' && c <= 'f' ? (ULONG)(c - 'a' + 10)
                  : c >= 'A' && c <= 'F' ? (ULONG)(c - 'A' + 10) : 99;
        if (d >= base)
            break;
        v = v * base + d;
    }
#undef CH
    *value = negative ? (ULONG)(-(LONG)v) : v;
    return STATUS_SUCCESS;
}

NTSTATUS RtlUnicodeStringToInteger(PCUNICODE_STRING s, ULONG base, PULONG value)
{
    return parse_integer(s->Buffer, NULL, s->Length / sizeof(WCHAR), base, value);
}

NTSTATUS RtlCharToInteger(PCSZ s, ULONG base, PULONG value)
{
    return parse_integer(NULL, s, strlen(s), base, value);
}

/* ---- UNICODE_STRING forms of ntstrsafe ---- */

NTSTATUS RtlUnicodeStringInit(PUNICODE_STRING d, NTSTRSAFE_PCWSTR s)
{
    return RtlInitUnicodeStringEx(d, s);
}

NTSTATUS RtlUnicodeStringCopyString(PUNICODE_STRING d, NTSTRSAFE_PCWSTR s)
{
    d->Length = 0;
    size_t n = wskfuzz_wcslen(s) * sizeof(WCHAR);
    if (n > d->MaximumLength)
        n = d->MaximumLength & ~1u;
    memmove(d->Buffer, s, n);
    d->Length = (USHORT)n;
    return n == wskfuzz_wcslen(s) * sizeof(WCHAR) ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS RtlUnicodeStringCopy(PUNICODE_STRING d, PCUNICODE_STRING s)
{
    USHORT n = s->Length <= d->MaximumLength ? s->Length : (USHORT)(d->MaximumLength & ~1u);
    memmove(d->Buffer, s->Buffer, n);
    d->Length = n;
    return n == s->Length ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS RtlUnicodeStringCat(PUNICODE_STRING d, PCUNICODE_STRING s)
{
    return append(d, s->Buffer, s->Length) == STATUS_SUCCESS ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS RtlUnicodeStringCatString(PUNICODE_STRING d, NTSTRSAFE_PCWSTR s)
{
    return append(d, s, wskfuzz_wcslen(s) * sizeof(WCHAR)) == STATUS_SUCCESS ? STATUS_SUCCESS
                                                                          : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS RtlUnicodeStringVPrintf(PUNICODE_STRING d, NTSTRSAFE_PCWSTR format, va_list ap)
{
    size_t cch = d->MaximumLength / sizeof(WCHAR);
    WCHAR *tmp = malloc((cch + 1) * sizeof(WCHAR));
    if (!tmp)
        return STATUS_INSUFFICIENT_RESOURCES;
    size_t len = vformat_wide(tmp, cch + 1, format, ap);
    size_t n = len < cch ? len : cch;
    memcpy(d->Buffer, tmp, n * sizeof(WCHAR));
    free(tmp);
    d->Length = (USHORT)(n * sizeof(WCHAR));
    return len <= cch ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
}

NTSTATUS RtlUnicodeStringPrintf(PUNICODE_STRING d, NTSTRSAFE_PCWSTR format, ...)
{
    va_list ap;
    va_start(ap, format);
    NTSTATUS s = RtlUnicodeStringVPrintf(d, format, ap);
    va_end(ap);
    return s;
}

void RtlInitUnicodeString(PUNICODE_STRING dst, PCWSTR src)
{
    size_t n = 0;
    if (src)
        while (src[n])
            n++;
    dst->Buffer = (PWSTR)src;
    dst->Length = (USHORT)(n * sizeof(WCHAR));
    dst->MaximumLength = src ? (USHORT)(dst->Length + sizeof(WCHAR)) : 0;
}
