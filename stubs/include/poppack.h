/* poppack.h - ends the packing a pshpackN.h began (no guard: included once per region). */
#ifdef __clang__
#pragma clang diagnostic ignored "-Wpragma-pack"
#endif
#pragma pack(pop)
