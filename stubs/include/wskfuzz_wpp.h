/* wskfuzz_wpp.h - WPP software tracing, as the .tmh files the build generates for a driver's
 * `#include "X.tmh"` see it (scripts/lib.sh: client_wpp_prepare). The WPP macros are declared
 * and their messages dropped. A trace call's message and arguments are only named inside sizeof,
 * never evaluated: as in a Windows build where the trace is not enabled, a trace argument such as
 * p->Field with p NULL on an error path does no harm, yet a variable used only in traces still
 * counts as used. Level and flag arguments are dropped (WPP generates the flag names). Tracing is
 * never enabled, so code guarded by WPP_LEVEL_ENABLED and friends does not run. */
#ifndef WSKFUZZ_WPP_H
#define WSKFUZZ_WPP_H

#include "evntrace.h"

/* Declared, never defined: only ever named inside sizeof. */
int wskfuzz_wpp_args(int unused, ...);
#define WSKFUZZ_WPP_USE(...) ((void)sizeof(wskfuzz_wpp_args(0, __VA_ARGS__)))

/* set up and torn down in DriverEntry / DriverUnload (also the KMDF and user-mode spellings) */
#ifndef WPP_INIT_TRACING
#define WPP_INIT_TRACING(...) WSKFUZZ_WPP_USE(__VA_ARGS__)
#endif
#ifndef WPP_CLEANUP
#define WPP_CLEANUP(...) WSKFUZZ_WPP_USE(__VA_ARGS__)
#endif
#ifndef WPP_SYSTEMCONTROL
#define WPP_SYSTEMCONTROL(...) WSKFUZZ_WPP_USE(__VA_ARGS__)
#endif
#ifndef WPP_SYSTEMCONTROL2
#define WPP_SYSTEMCONTROL2(...) WSKFUZZ_WPP_USE(__VA_ARGS__)
#endif

/* the trace calls: WPP's own, and the names drivers usually configure, their arguments
 * dropped; a FUNC line of the driver's WPP configuration defines its own names in the generated
 * .tmh first, with its parameters (those before MSG are dropped, MSG and after are named) */
#ifndef DoTraceMessage
#define DoTraceMessage(Flags, ...) WSKFUZZ_WPP_USE(__VA_ARGS__)
#endif
#ifndef DoDebugTrace
#define DoDebugTrace(...) ((void)0)
#endif
#ifndef DoTraceLevelMessage
#define DoTraceLevelMessage(Level, Flags, ...) WSKFUZZ_WPP_USE(__VA_ARGS__)
#endif
#ifndef TraceEvents
#define TraceEvents(...) ((void)0)
#endif
#ifndef TraceError
#define TraceError(...) ((void)0)
#endif
#ifndef TraceWarning
#define TraceWarning(...) ((void)0)
#endif
#ifndef TraceInfo
#define TraceInfo(...) ((void)0)
#endif
#ifndef TraceInformation
#define TraceInformation(...) ((void)0)
#endif
#ifndef TraceVerbose
#define TraceVerbose(...) ((void)0)
#endif
#ifndef TraceEnter
#define TraceEnter(...) ((void)0)
#endif
#ifndef TraceExit
#define TraceExit(...) ((void)0)
#endif
#ifndef TraceLog
#define TraceLog(...) ((void)0)
#endif

/* what drivers test or call around their traces: tracing is off (a driver's
 * trace header may define some of them itself) */
#ifndef WPP_LEVEL_ENABLED
#define WPP_LEVEL_ENABLED(...) 0
#endif
#ifndef WPP_FLAG_ENABLED
#define WPP_FLAG_ENABLED(...) 0
#endif
#ifndef WPP_LEVEL_LOGGER
#define WPP_LEVEL_LOGGER(...) 0
#endif
#ifndef WPP_FLAG_LOGGER
#define WPP_FLAG_LOGGER(...) 0
#endif
#ifndef WPP_LEVEL_FLAGS_ENABLED
#define WPP_LEVEL_FLAGS_ENABLED(...) 0
#endif
#ifndef WPP_LEVEL_FLAGS_LOGGER
#define WPP_LEVEL_FLAGS_LOGGER(...) 0
#endif
#ifndef WPP_FLAGS_LEVEL_ENABLED
#define WPP_FLAGS_LEVEL_ENABLED(...) 0
#endif
#ifndef WPP_FLAGS_LEVEL_LOGGER
#define WPP_FLAGS_LEVEL_LOGGER(...) 0
#endif
#ifndef WPP_FLAG_LEVEL_ENABLED
#define WPP_FLAG_LEVEL_ENABLED(...) 0
#endif
#ifndef WPP_FLAG_LEVEL_LOGGER
#define WPP_FLAG_LEVEL_LOGGER(...) 0
#endif
#ifndef WPP_RECORDER_LEVEL_FLAGS_FILTER
#define WPP_RECORDER_LEVEL_FLAGS_FILTER(...) 0
#endif
#ifndef WPP_RECORDER_LEVEL_FLAGS_ARGS
#define WPP_RECORDER_LEVEL_FLAGS_ARGS(...) 0
#endif
#ifndef WppAutoLogStart
#define WppAutoLogStart(...) ((void)0)
#endif
#ifndef WppAutoLogStop
#define WppAutoLogStop(...) ((void)0)
#endif
#ifndef WppAutoLogTrace
#define WppAutoLogTrace(...) ((void)0)
#endif
#ifndef WppRecorderLogGetDefault
#define WppRecorderLogGetDefault() ((void *)0)
#endif
#ifndef WppRecorderLogCreate
#define WppRecorderLogCreate(...) 0
#endif
#ifndef WppRecorderLogDelete
#define WppRecorderLogDelete(...) ((void)0)
#endif
#ifndef WppRecorderDumpLiveDriverData
#define WppRecorderDumpLiveDriverData(...) 0
#endif
#ifndef WPP_CONTROL
#define WPP_CONTROL(...) ((struct { UCHAR Level; ULONG Flags[1]; }){0, {0}})
#endif
#ifndef WPP_GLOBAL_Control
#define WPP_GLOBAL_Control ((void *)0)
#endif


#endif /* WSKFUZZ_WPP_H */
