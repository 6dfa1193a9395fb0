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
INCLUDES := -Istubs/include -Istubs
# Warnings for our own code; a user's client gets only what it asks for (-w keeps it quiet).
OWN_WARN := -Wall -Wextra -Wno-multichar
CLIENT_WARN := -w

HARNESS_SRCS := $(wildcard stubs/*.c) fuzz/fuzz_input.c fuzz/scenario.c fuzz/play.c
HARNESS_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(HARNESS_SRCS))
CDIR := $(O)/$(CLIENT_NAME)
CLIENT_OBJS := $(foreach s,$(CLIENT_SRCS),$(CDIR)/obj/$(notdir $(basename $(s))).o)
BINARIES := $(foreach t,$(TARGETS),$(CDIR)/$(t))
# The flags a flavor was built with: a change rebuilds everything of that flavor.
STAMP := $(O)/flags.stamp

.PHONY: all objects
all: $(BINARIES)
objects: $(HARNESS_OBJS) $(CLIENT_OBJS) $(ENGINE_OBJ)

HARNESS_CC ?= $(CC)
HARNESS_CFLAGS ?= $(CFLAGS)

$(O)/obj/%.o: %.c $(STAMP)
	@mkdir -p $(dir $@)
	$(HARNESS_CC) $(HARNESS_CFLAGS) -std=c11 $(OWN_WARN) $(INCLUDES) -MMD -MP -c $< -o $@

# A client file: compiled with its own warnings off, then its .data/.bss moved aside.
define client_rule
$(CDIR)/obj/$(notdir $(basename $(1))).o: $(1) $(STAMP)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS) $(CLIENT_WARN) $(INCLUDES) -MMD -MP -c $$< -o $$@.raw.o
	scripts/isolate_client_state.sh $$@.raw.o $$@
	@rm -f $$@.raw.o
endef
$(foreach s,$(CLIENT_SRCS),$(eval $(call client_rule,$(s))))

# Linked to a temporary name first: a failed link never leaves a broken binary behind.
$(CDIR)/%: $(O)/obj/fuzz/%.o $(HARNESS_OBJS) $(CLIENT_OBJS) $(ENGINE_OBJ)
	$(LINK) $(LDFLAGS) $^ $(ENGINE_LDFLAGS) -o $@.tmp
	@mv -f $@.tmp $@

-include $(HARNESS_OBJS:.o=.d) $(CLIENT_OBJS:.o=.d) $(foreach t,$(TARGETS),$(O)/obj/fuzz/$(t).d)
