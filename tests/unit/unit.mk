# unit.mk - build the cmocka unit tests of the stub kernel (driven by tests/t_unit.sh).
# The stub kernel and the scenario decoder are compiled straight from their sources, not through
# the fuzz targets; each tests/unit/test_*.c is one binary.
#   make -f tests/unit/unit.mk O=DIR CC=clang SAN="-fsanitize=address,undefined" [EXTRA=-Werror]

O ?= out/tests/unit
CC ?= cc
SAN ?=
EXTRA ?=
CFLAGS := -std=c11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra -Wno-multichar $(EXTRA) $(SAN) -Istubs/include -Istubs -Ifuzz
LDLIBS := -lcmocka

LIB_SRCS := $(wildcard stubs/*.c) $(wildcard stubs/kernel/*.c) fuzz/scenario.c fuzz/fuzz_input.c fuzz/play.c tests/unit/ut_client.c
LIB_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(LIB_SRCS))
TESTS := $(basename $(notdir $(wildcard tests/unit/test_*.c)))
BINS := $(addprefix $(O)/,$(TESTS))

.PHONY: all
all: $(BINS)

$(O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(O)/%: $(O)/obj/tests/unit/%.o $(LIB_OBJS)
	$(CC) $(SAN) $^ $(LDLIBS) -o $@.tmp
	@mv -f $@.tmp $@

-include $(LIB_OBJS:.o=.d) $(patsubst %,$(O)/obj/tests/unit/%.d,$(TESTS))
