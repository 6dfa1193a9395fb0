/* pshpack2.h - structures that follow are packed to 2 bytes, until poppack.h (no guard:
 * included once per packed region). Packing that spans a header is the point here, so clang is
 * told not to warn about it. */
#ifdef __clang__
#pragma clang diagnostic ignored "-Wpragma-pack"
#endif
#pragma pack(push, 2)
