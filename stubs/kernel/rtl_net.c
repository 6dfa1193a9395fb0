/* rtl_net.c - IP address text conversions (ip2string.h), as their pages describe: dotted
 * IPv4 (strict: four decimal parts; otherwise also 1-3 parts, octal and hex), "a.b.c.d:port"
 * for the Ex forms, and IPv6 in RFC 5952 form with "::" compression. Addresses and ports are
 * in network byte order. */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"
#include <ip2string.h>

/* ---- IPv4 ---- */

static int digit(char c, unsigned base)
{
    unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                 : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 99;
    return d < base ? (int)d : -1;
}

NTSTATUS NTAPI RtlIpv4StringToAddressA(PCSTR s, BOOLEAN strict, PCSTR *terminator, struct in_addr *addr)
{
    unsigned long parts[4];
    unsigned n = 0;
    const char *p = s;
    for (;;) {
        unsigned base = 10;
        if (!strict && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
            base = 16, p += 2;
        else if (!strict && p[0] == '0' && digit(p[1], 8) >= 0)
            base = 8, p++;
        unsigned long v = 0;
        int d, count = 0;
        while ((d = digit(*p, base)) >= 0 && v <= 0xffffffffu) {
            v = v * base + (unsigned)d;
            p++, count++;
        }
        if (!count || v > 0xffffffffu)
            goto bad;
        parts[n++] = v;
        if (*p != '.' || n == 4)
            break;
        p++;
    }
    if (strict && n != 4)
        goto bad;
    unsigned long value = 0;
    for (unsigned i = 0; i + 1 < n; i++) {
        if (parts[i] > 255)
            goto bad;
        value |= parts[i] << (24 - 8 * i);
    }
    unsigned long last_max = n == 1 ? 0xffffffffu : n == 2 ? 0xffffffu : n == 3 ? 0xffffu : 0xffu;
    if (parts[n - 1] > last_max)
        goto bad;
    value |= parts[n - 1];
    addr->s_addr = RtlUlongByteSwap((ULONG)value);
    if (terminator)
        *terminator = p;
    return STATUS_SUCCESS;
bad:
    if (terminator)
        *terminator = p;
    return STATUS_INVALID_PARAMETER;
}

NTSTATUS NTAPI RtlIpv4StringToAddressExA(PCSTR s, BOOLEAN strict, struct in_addr *addr, PUSHORT port)
{
    if (!s || !addr || !port)
        return STATUS_INVALID_PARAMETER;
    PCSTR end;
    if (RtlIpv4StringToAddressA(s, strict, &end, addr) != STATUS_SUCCESS)
        return STATUS_INVALID_PARAMETER;
    unsigned long p = 0;
    if (*end == ':') {
        char *stop;
        p = strtoul(end + 1, &stop, 10);
        if (stop == end + 1 || *stop || p > 0xffff)
            return STATUS_INVALID_PARAMETER;
    } else if (*end) {
        return STATUS_INVALID_PARAMETER;
    }
    *port = RtlUshortByteSwap((USHORT)p);
    return STATUS_SUCCESS;
}

PSTR NTAPI RtlIpv4AddressToStringA(const struct in_addr *a, PSTR s)
{
    const UCHAR *b = (const UCHAR *)&a->s_addr;
    return s + sprintf(s, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

NTSTATUS NTAPI RtlIpv4AddressToStringExA(const struct in_addr *a, USHORT port, PSTR s, PULONG length)
{
    char text[32];
    char *end = RtlIpv4AddressToStringA(a, text);
    if (port)
        sprintf(end, ":%u", RtlUshortByteSwap(port));
    ULONG need = (ULONG)strlen(text) + 1;
    if (!a || !length || !s || *length < need) {
        if (length)
            *length = need;
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(s, text, need);
    *length = need;
    return STATUS_SUCCESS;
}

/* ---- IPv6 ---- */

PSTR NTAPI RtlIpv6AddressToStringA(const struct in6_addr *a, PSTR s)
{
    USHORT w[8];
    for (int i = 0; i < 8; i++)
        w[i] = (USHORT)(a->u.Byte[2 * i] << 8 | a->u.Byte[2 * i + 1]);
    int best = -1, best_len = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && w[j] == 0)
            j++;
        if (j - i > best_len)
            best = i, best_len = j - i;
        i = j > i ? j : i + 1;
    }
    char *p = s;
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            p += sprintf(p, "::");
            i += best_len - 1;
            continue;
        }
        p += sprintf(p, "%s%x", i && i != best + best_len ? ":" : "", w[i]);
    }
    *p = 0;
    return p;
}

NTSTATUS NTAPI RtlIpv6StringToAddressA(PCSTR s, PCSTR *terminator, struct in6_addr *a)
{
    USHORT head[8], tail[8];
    int nh = 0, nt = 0;
    bool gap = false;
    const char *p = s;
    if (p[0] == ':' && p[1] == ':')
        gap = true, p += 2;
    while (nh + nt < 8) {
        int d, count = 0;
        unsigned v = 0;
        while ((d = digit(*p, 16)) >= 0 && count < 4)
            v = v * 16 + (unsigned)d, p++, count++;
        if (!count)
            break;
        if (gap)
            tail[nt++] = (USHORT)v;
        else
            head[nh++] = (USHORT)v;
        if (p[0] == ':' && p[1] == ':' && !gap)
            gap = true, p += 2;
        else if (p[0] == ':' && digit(p[1], 16) >= 0)
            p++;
        else
            break;
    }
    if (terminator)
        *terminator = p;
    if (gap ? nh + nt > 7 : nh != 8)
        return STATUS_INVALID_PARAMETER;
    memset(a, 0, sizeof *a);
    for (int i = 0; i < nh; i++)
        a->u.Byte[2 * i] = (UCHAR)(head[i] >> 8), a->u.Byte[2 * i + 1] = (UCHAR)head[i];
    for (int i = 0; i < nt; i++) {
        int at = 8 - nt + i;
        a->u.Byte[2 * at] = (UCHAR)(tail[i] >> 8), a->u.Byte[2 * at + 1] = (UCHAR)tail[i];
    }
    return STATUS_SUCCESS;
}

/* ---- the W forms: the same on narrowed text ---- */

static bool narrow(PCWSTR w, char *out, size_t cap)
{
    size_t i = 0;
    for (; w[i] && i + 1 < cap; i++)
        out[i] = w[i] < 0x80 ? (char)w[i] : '?';
    out[i] = 0;
    return !w[i];
}

static PWSTR widen(PCSTR s, PWSTR out)
{
    size_t i = 0;
    for (; s[i]; i++)
        out[i] = (UCHAR)s[i];
    out[i] = 0;
    return out + i;
}

NTSTATUS NTAPI RtlIpv4StringToAddressW(PCWSTR s, BOOLEAN strict, PCWSTR *terminator, struct in_addr *addr)
{
    char text[64];
    narrow(s, text, sizeof text);
    PCSTR end;
    NTSTATUS st = RtlIpv4StringToAddressA(text, strict, &end, addr);
    if (terminator)
        *terminator = s + (end - text);
    return st;
}

NTSTATUS NTAPI RtlIpv4StringToAddressExW(PCWSTR s, BOOLEAN strict, struct in_addr *addr, PUSHORT port)
{
    char text[64];
    if (!s || !narrow(s, text, sizeof text))
        return STATUS_INVALID_PARAMETER;
    return RtlIpv4StringToAddressExA(text, strict, addr, port);
}

PWSTR NTAPI RtlIpv4AddressToStringW(const struct in_addr *a, PWSTR s)
{
    char text[32];
    RtlIpv4AddressToStringA(a, text);
    return widen(text, s);
}

NTSTATUS NTAPI RtlIpv4AddressToStringExW(const struct in_addr *a, USHORT port, PWSTR s, PULONG length)
{
    char text[32];
    ULONG n = sizeof text;
    NTSTATUS st = RtlIpv4AddressToStringExA(a, port, text, &n);
    if (st != STATUS_SUCCESS || !length || *length < n) {
        if (length)
            *length = n;
        return STATUS_INVALID_PARAMETER;
    }
    widen(text, s);
    *length = n;
    return STATUS_SUCCESS;
}

PWSTR NTAPI RtlIpv6AddressToStringW(const struct in6_addr *a, PWSTR s)
{
    char text[64];
    RtlIpv6AddressToStringA(a, text);
    return widen(text, s);
}

NTSTATUS NTAPI RtlIpv6StringToAddressW(PCWSTR s, PCWSTR *terminator, struct in6_addr *a)
{
    char text[64];
    narrow(s, text, sizeof text);
    PCSTR end;
    NTSTATUS st = RtlIpv6StringToAddressA(text, &end, a);
    if (terminator)
        *terminator = s + (end - text);
    return st;
}
