/* ip2string.h - conversions between IP addresses and their text (RtlIpv4StringToAddress and
 * friends), modelled by the stub kernel (stubs/rtl_net.c) as the documentation describes. */
#ifndef WSKFUZZ_IP2STRING_H
#define WSKFUZZ_IP2STRING_H

#include "ntdef.h"
#include "inaddr.h"
#include "in6addr.h"

PSTR NTAPI RtlIpv4AddressToStringA(const struct in_addr *Addr, PSTR S);
PWSTR NTAPI RtlIpv4AddressToStringW(const struct in_addr *Addr, PWSTR S);
NTSTATUS NTAPI RtlIpv4AddressToStringExA(const struct in_addr *Address, USHORT Port, PSTR AddressString,
                                         PULONG AddressStringLength);
NTSTATUS NTAPI RtlIpv4AddressToStringExW(const struct in_addr *Address, USHORT Port, PWSTR AddressString,
                                         PULONG AddressStringLength);
NTSTATUS NTAPI RtlIpv4StringToAddressA(PCSTR S, BOOLEAN Strict, PCSTR *Terminator, struct in_addr *Addr);
NTSTATUS NTAPI RtlIpv4StringToAddressW(PCWSTR S, BOOLEAN Strict, PCWSTR *Terminator, struct in_addr *Addr);
NTSTATUS NTAPI RtlIpv4StringToAddressExA(PCSTR AddressString, BOOLEAN Strict, struct in_addr *Address,
                                         PUSHORT Port);
NTSTATUS NTAPI RtlIpv4StringToAddressExW(PCWSTR AddressString, BOOLEAN Strict, struct in_addr *Address,
                                         PUSHORT Port);
PSTR NTAPI RtlIpv6AddressToStringA(const struct in6_addr *Addr, PSTR S);
PWSTR NTAPI RtlIpv6AddressToStringW(const struct in6_addr *Addr, PWSTR S);
NTSTATUS NTAPI RtlIpv6StringToAddressA(PCSTR S, PCSTR *Terminator, struct in6_addr *Addr);
NTSTATUS NTAPI RtlIpv6StringToAddressW(PCWSTR S, PCWSTR *Terminator, struct in6_addr *Addr);

#define RtlIpv4AddressToString RtlIpv4AddressToStringW
#define RtlIpv4StringToAddress RtlIpv4StringToAddressW
#define RtlIpv4StringToAddressEx RtlIpv4StringToAddressExW
#define RtlIpv6AddressToString RtlIpv6AddressToStringW
#define RtlIpv6StringToAddress RtlIpv6StringToAddressW

#endif
