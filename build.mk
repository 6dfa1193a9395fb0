# build.mk - compile rules, driven by build.sh (which sets every variable below).
# One flavor per call: the stub kernel and the decoder are compiled once per flavor into
# $(O)/obj; each client into $(O)/<client>/obj with its writable data moved into the section
# that the harness restores before each input; each target is linked per client.
#
#   BUILD_DIR CC CFLAGS HARNESS_CC HARNESS_CFLAGS LINK LDFLAGS ENGINE_LDFLAGS ENGINE_OBJ
#   CLIENT_NAME CLIENT_SRCS TARGETS
# The harness (stubs/, fuzz/) may get other flags than the client: the fuzzer's coverage
# instrumentation belongs to the client, whose paths are what the fuzzer should explore.

O := $(BUILD_DIR)
# The stub kernel in layers, lowest first (tests/t_layers.sh keeps calls going down only).
STUB_LAYERS := core kernel nmr wsk host
INCLUDES := -Istubs/include $(addprefix -Istubs/,$(STUB_LAYERS))
# Warnings for our own code; a user's client gets only what it asks for (clang's -Wno-everything
# keeps it quiet; gcc has no such switch and its few default warnings only show on a failure).
# One thing is never quiet: a call to a routine the stub kernel's headers do not declare is an
# error (CLIENT_LOUD, after the client's own flags), else a missing routine would only show at
# link time or, worse, link against something else. -w would silence even those, so it is not used.
OWN_WARN := -Wall -Wextra -Wno-multichar
CLIENT_QUIET := $(shell $(CC) -Wno-everything -Werror=unknown-warning-option -fsyntax-only -x c /dev/null >/dev/null 2>&1 && echo -Wno-everything)
CLIENT_LOUD := -Werror=implicit-function-declaration -Werror=implicit-int
CLIENT_WARN := $(CLIENT_QUIET) $(CLIENT_LOUD)
# A client is compiled as for Windows: L"..." is 16-bit like WCHAR (WDK code writes
# `WCHAR name[] = L"..."`), and the stub kernel's headers route the wcs* calls to 16-bit
# versions (stubs/include/wskfuzz_msvc.h), so the C library's 32-bit ones are never reached.
CLIENT_FLAGS := -fshort-wchar
# Each client source's own flags are in $(CDIR)/flags/<source>.flags: those of its nearest
# compile_flags.txt and --client-flags, checked and shell-quoted by scripts/lib.sh. The generated
# WPP .tmh files are in $(CDIR)/wpp (a quoted #include finds them).

HARNESS_SRCS := $(foreach l,$(STUB_LAYERS),$(wildcard stubs/$(l)/*.c)) fuzz/fuzz_input.c fuzz/scenario.c fuzz/play.c
HARNESS_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(HARNESS_SRCS))
# Linked into the targets only (explore has its own): ASan's defaults, fuzz/sanitizer_defaults.c.
TARGET_DEFAULTS_OBJ := $(O)/obj/fuzz/sanitizer_defaults.o
# The engine's entry points of a target (fuzz/entry.c); a bench's <target>-baseline gets
# fuzz/entry_baseline.c instead, so the baseline is never part of a product target.
ENTRY_OBJ := $(O)/obj/fuzz/entry.o
BASELINE_ENTRY_OBJ := $(O)/obj/fuzz/entry_baseline.o
CDIR := $(O)/$(CLIENT_NAME)
CLIENT_OBJS := $(foreach s,$(CLIENT_SRCS),$(CDIR)/obj/$(notdir $(basename $(s))).o)
BINARIES := $(foreach t,$(TARGETS),$(CDIR)/$(t))
# The flags a flavor was built with: a change rebuilds everything of that flavor. So does a
# change of these rules (an object whose dependency file names it by another path would
# otherwise never see its headers change).
STAMP := $(O)/flags.stamp build.mk

.PHONY: all objects
# Keep every object: a target's own object (obj/fuzz/<target>.o) is an intermediate file of the
# link rule below, which make would delete after the first build and so compile and link again
# in the second.
.SECONDARY:
all: $(BINARIES)
objects: $(HARNESS_OBJS) $(CLIENT_OBJS) $(ENGINE_OBJ) $(TARGET_DEFAULTS_OBJ) $(ENTRY_OBJ)

HARNESS_CC ?= $(CC)
HARNESS_CFLAGS ?= $(CFLAGS)

$(O)/obj/%.o: %.c $(STAMP)
	@mkdir -p $(dir $@)
	$(HARNESS_CC) $(HARNESS_CFLAGS) -std=c11 $(OWN_WARN) $(INCLUDES) -MMD -MP -c $< -o $@

# A client file: compiled with its own warnings off, then its .data/.bss moved aside.
define client_rule
$(CDIR)/obj/$(notdir $(basename $(1))).o: $(1) $(STAMP) $(CDIR)/flags/$(notdir $(basename $(1))).flags scripts/isolate_client_state.sh
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS) $(CLIENT_WARN) $(CLIENT_FLAGS) $(shell cat $(CDIR)/flags/$(notdir $(basename $(1))).flags 2>/dev/null) $(CLIENT_LOUD) -iquote $(CDIR)/wpp $(INCLUDES) -MMD -MP -MF $$(basename $$@).d -MT $$@ -c $$< -o $$@.raw.o
	scripts/isolate_client_state.sh $$@.raw.o $$@
	@rm -f $$@.raw.o
endef
$(foreach s,$(CLIENT_SRCS),$(eval $(call client_rule,$(s))))

# The bench's yardstick (fuzz/empty_target.c) is compiled as a client is: it must carry the
# engine's instrumentation, or libFuzzer stops at once ("no interesting inputs") and AFL++ sees
# an empty map. Linked like every target but with its own entry point (TARGETS=empty_target).
$(O)/obj/fuzz/empty_target.o: fuzz/empty_target.c $(STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -std=c11 $(OWN_WARN) -MMD -MP -c $< -o $@

# Linked to a temporary name first: a failed link never leaves a broken binary behind.
$(CDIR)/empty_target: $(O)/obj/fuzz/empty_target.o $(TARGET_DEFAULTS_OBJ) $(HARNESS_OBJS) $(CLIENT_OBJS) $(ENGINE_OBJ)
	$(LINK) $(LDFLAGS) $^ $(ENGINE_LDFLAGS) -o $@.tmp
	@mv -f $@.tmp $@
# The shorter stem wins: fuzz_attach-baseline is made here, not by the rule below.
$(CDIR)/%-baseline: $(O)/obj/fuzz/%.o $(BASELINE_ENTRY_OBJ) $(TARGET_DEFAULTS_OBJ) $(HARNESS_OBJS) $(CLIENT_OBJS) $(ENGINE_OBJ)
	$(LINK) $(LDFLAGS) $^ $(ENGINE_LDFLAGS) -o $@.tmp
	@mv -f $@.tmp $@
$(CDIR)/%: $(O)/obj/fuzz/%.o $(ENTRY_OBJ) $(TARGET_DEFAULTS_OBJ) $(HARNESS_OBJS) $(CLIENT_OBJS) $(ENGINE_OBJ)
	$(LINK) $(LDFLAGS) $^ $(ENGINE_LDFLAGS) -o $@.tmp
	@mv -f $@.tmp $@

-include $(HARNESS_OBJS:.o=.d) $(CLIENT_OBJS:.o=.d) $(foreach t,$(TARGETS),$(O)/obj/fuzz/$(t).d) $(TARGET_DEFAULTS_OBJ:.o=.d) \
    $(ENTRY_OBJ:.o=.d) $(BASELINE_ENTRY_OBJ:.o=.d)

# Programs with their own main() that play scenarios (explore): linked like a target but
# without the fuzzing engine. Set by scripts/build_step.sh (explore): TOOL_MAINS (fuzz/<name>.c each)
# and TOOL_SRCS (their shared sources); make goal `tools`.
TOOL_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(TOOL_SRCS))
TOOL_BINARIES := $(foreach t,$(TOOL_MAINS),$(CDIR)/$(t))
.PHONY: tools
tools: $(TOOL_BINARIES)
$(TOOL_BINARIES): $(CDIR)/%: $(O)/obj/fuzz/%.o $(TOOL_OBJS) $(HARNESS_OBJS) $(CLIENT_OBJS)
	$(LINK) $(LDFLAGS) $^ -o $@.tmp
	@mv -f $@.tmp $@
-include $(TOOL_OBJS:.o=.d) $(foreach t,$(TOOL_MAINS),$(O)/obj/fuzz/$(t).d)
