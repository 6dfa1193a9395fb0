/* wskfuzz_msvc.h - part of wdm.h: what the MSVC compiler and the kernel's C runtime give a
 * driver for free: sized integer keywords, min/max, _countof, SEH keywords (excpt.h), and the
 * wide-string functions of the kernel CRT.
 *
 * Clients are compiled with -fshort-wchar (build.mk), so L"..." is 16-bit like WCHAR, as on
 * Windows. The C library's own wcs* functions assume a 32-bit wchar_t, so calls to them are
 * sent to 16-bit versions in the stub kernel (stubs/crt.c). */
#ifndef WSKFUZZ_MSVC_H
#define WSKFUZZ_MSVC_H

#include <stdarg.h>

#include "excpt.h"

#ifndef __int8
#define __int8 char
#define __int16 short
#define __int32 int
#define __int64 long long
#endif
#define __noop(...) ((void)0)
#define __assume(e) ((void)0)
#define __analysis_assume(e) ((void)0)
#define __pragma(x)
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#define _alloca(n) __builtin_alloca(n)
#if !defined(NOMINMAX) && !defined(WSKFUZZ_HARNESS)
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#endif

/* ---- the kernel CRT's wide strings (16-bit) ---- */
size_t wskfuzz_wcslen(const WCHAR *s);
size_t wskfuzz_wcsnlen(const WCHAR *s, size_t max_count);
WCHAR *wskfuzz_wcscpy(WCHAR *dst, const WCHAR *src);
WCHAR *wskfuzz_wcsncpy(WCHAR *dst, const WCHAR *src, size_t count);
WCHAR *wskfuzz_wcscat(WCHAR *dst, const WCHAR *src);
WCHAR *wskfuzz_wcsncat(WCHAR *dst, const WCHAR *src, size_t count);
int wskfuzz_wcscmp(const WCHAR *a, const WCHAR *b);
int wskfuzz_wcsncmp(const WCHAR *a, const WCHAR *b, size_t count);
int wskfuzz_wcsicmp(const WCHAR *a, const WCHAR *b);
int wskfuzz_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t count);
WCHAR *wskfuzz_wcschr(const WCHAR *s, WCHAR c);
WCHAR *wskfuzz_wcsrchr(const WCHAR *s, WCHAR c);
WCHAR *wskfuzz_wcsstr(const WCHAR *s, const WCHAR *needle);
WCHAR wskfuzz_towlower(WCHAR c);
WCHAR wskfuzz_towupper(WCHAR c);
int wskfuzz_vsnwprintf(WCHAR *dst, size_t count, const WCHAR *format, va_list ap);
int wskfuzz_snwprintf(WCHAR *dst, size_t count, const WCHAR *format, ...);
int wskfuzz_ms_vsnprintf(char *dst, size_t count, const char *format, va_list ap);
int wskfuzz_ms_snprintf(char *dst, size_t count, const char *format, ...);
#define wcslen(s) wskfuzz_wcslen(s)
#define wcsnlen(s, n) wskfuzz_wcsnlen((s), (n))
#define wcscpy(d, s) wskfuzz_wcscpy((d), (s))
#define wcsncpy(d, s, n) wskfuzz_wcsncpy((d), (s), (n))
#define wcscat(d, s) wskfuzz_wcscat((d), (s))
#define wcsncat(d, s, n) wskfuzz_wcsncat((d), (s), (n))
#define wcscmp(a, b) wskfuzz_wcscmp((a), (b))
#define wcsncmp(a, b, n) wskfuzz_wcsncmp((a), (b), (n))
#define _wcsicmp(a, b) wskfuzz_wcsicmp((a), (b))
#define _wcsnicmp(a, b, n) wskfuzz_wcsnicmp((a), (b), (n))
#define wcschr(s, c) wskfuzz_wcschr((s), (c))
#define wcsrchr(s, c) wskfuzz_wcsrchr((s), (c))
#define wcsstr(s, n) wskfuzz_wcsstr((s), (n))
#define towlower(c) wskfuzz_towlower(c)
#define towupper(c) wskfuzz_towupper(c)
#define _vsnwprintf(d, n, f, ap) wskfuzz_vsnwprintf((d), (n), (f), (ap))
#define _snwprintf(d, n, ...) wskfuzz_snwprintf((d), (n), __VA_ARGS__)
#define swprintf_s(d, n, ...) wskfuzz_snwprintf((d), (n), __VA_ARGS__)
#define _vsnprintf(d, n, f, ap) wskfuzz_ms_vsnprintf((d), (n), (f), (ap))
#define _snprintf(d, n, ...) wskfuzz_ms_snprintf((d), (n), __VA_ARGS__)

#endif /* WSKFUZZ_MSVC_H */
