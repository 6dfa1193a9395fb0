/* mstcpip.h - Microsoft TCP/IP extensions: keep-alive settings, IPv4/IPv6 address helpers,
 * and the address-string conversions of ip2string.h. */
#ifndef WSKFUZZ_MSTCPIP_H
#define WSKFUZZ_MSTCPIP_H

#include "ws2ipdef.h"
#include "ip2string.h"

struct tcp_keepalive {
    ULONG onoff;
    ULONG keepalivetime;
    ULONG keepaliveinterval;
};

#define SIO_RCVALL _WSAIOW(IOC_VENDOR, 1)
#define SIO_RCVALL_MCAST _WSAIOW(IOC_VENDOR, 2)
#define SIO_RCVALL_IGMPMCAST _WSAIOW(IOC_VENDOR, 3)
#define SIO_KEEPALIVE_VALS _WSAIOW(IOC_VENDOR, 4)
#define SIO_ABSORB_RTRALERT _WSAIOW(IOC_VENDOR, 5)
#define SIO_UCAST_IF _WSAIOW(IOC_VENDOR, 6)
#define SIO_LIMIT_BROADCASTS _WSAIOW(IOC_VENDOR, 7)
#define SIO_INDEX_BIND _WSAIOW(IOC_VENDOR, 8)
#define SIO_INDEX_MCASTIF _WSAIOW(IOC_VENDOR, 9)
#define SIO_INDEX_ADD_MCAST _WSAIOW(IOC_VENDOR, 10)
#define SIO_INDEX_DEL_MCAST _WSAIOW(IOC_VENDOR, 11)
#define SIO_LOOPBACK_FAST_PATH _WSAIOW(IOC_VENDOR, 16)

#define TCP_KEEPALIVE 3
#define TCP_MAXSEG 4
#define TCP_MAXRT 5
#define TCP_STDURG 6
#define TCP_NOURG 7
#define TCP_ATMARK 8
#define TCP_NOSYNRETRIES 9
#define TCP_TIMESTAMPS 10
#define TCP_CONGESTION_ALGORITHM 12
#define TCP_DELAY_FIN_ACK 13
#define TCP_MAXRTMS 14
#define TCP_FASTOPEN 15
#define TCP_KEEPCNT 16
#define TCP_KEEPIDLE TCP_KEEPALIVE
#define TCP_KEEPINTVL 17

static inline BOOLEAN IN4_IS_ADDR_UNSPECIFIED(const IN_ADDR *a) { return a->s_addr == 0; }
static inline BOOLEAN IN4_IS_ADDR_LOOPBACK(const IN_ADDR *a) { return a->S_un.S_un_b.s_b1 == 127; }
static inline BOOLEAN IN4_IS_ADDR_BROADCAST(const IN_ADDR *a) { return a->s_addr == 0xffffffffu; }
static inline BOOLEAN IN4_IS_ADDR_MULTICAST(const IN_ADDR *a) { return (a->S_un.S_un_b.s_b1 & 0xf0) == 0xe0; }
static inline BOOLEAN IN4_ADDR_EQUAL(const IN_ADDR *a, const IN_ADDR *b) { return a->s_addr == b->s_addr; }
static inline BOOLEAN IN6_ADDR_EQUAL(const IN6_ADDR *a, const IN6_ADDR *b)
{
    return memcmp(a, b, sizeof(IN6_ADDR)) == 0;
}
static inline BOOLEAN IN6_IS_ADDR_UNSPECIFIED(const IN6_ADDR *a)
{
    static const IN6_ADDR zero;
    return IN6_ADDR_EQUAL(a, &zero);
}
static inline BOOLEAN IN6_IS_ADDR_LOOPBACK(const IN6_ADDR *a)
{
    static const IN6_ADDR one = IN6ADDR_LOOPBACK_INIT;
    return IN6_ADDR_EQUAL(a, &one);
}
static inline BOOLEAN IN6_IS_ADDR_MULTICAST(const IN6_ADDR *a) { return a->u.Byte[0] == 0xff; }
static inline BOOLEAN IN6_IS_ADDR_LINKLOCAL(const IN6_ADDR *a)
{
    return a->u.Byte[0] == 0xfe && (a->u.Byte[1] & 0xc0) == 0x80;
}
static inline BOOLEAN IN6_IS_ADDR_V4MAPPED(const IN6_ADDR *a)
{
    static const UCHAR prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return memcmp(a->u.Byte, prefix, sizeof prefix) == 0;
}

#endif
