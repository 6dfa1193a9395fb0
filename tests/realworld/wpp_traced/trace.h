/*
 * trace.h - WPP software tracing configuration, as the WDK's templates write it. The WPP
 * preprocessor reads the begin_wpp block and generates <file>.tmh for each source.
 */
#pragma once

#define WPP_CONTROL_GUIDS                                                          \
    WPP_DEFINE_CONTROL_GUID(                                                       \
        WppTracedGuid, (6b1f54c6, 2d0e, 4a47, 9a5c, 3f8e21a4c7d0),                 \
        WPP_DEFINE_BIT(TRACE_DRIVER)                                               \
        WPP_DEFINE_BIT(TRACE_SOCKET)                                               \
        )

#define WPP_FLAG_LEVEL_LOGGER(flag, level) WPP_LEVEL_LOGGER(flag)
#define WPP_FLAG_LEVEL_ENABLED(flag, level) \
    (WPP_LEVEL_ENABLED(flag) && WPP_CONTROL(WPP_BIT_##flag).Level >= level)
#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags) \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)

//
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// FUNC SockTrace{LEVEL=TRACE_LEVEL_VERBOSE, FLAGS=TRACE_SOCKET}(MSG, ...);
// end_wpp
//
