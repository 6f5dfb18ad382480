# Makefile: builds libportal, the FastCGI binaries, the admin tools and the tests.
# `make run` starts the local stack with demo data; `make check` runs every test.

CC      ?= gcc
BUILD   := build
# make install: where (see scripts/install.sh for the layout). URL_PREFIX
# is the path the portal is served under (/portal), empty for the root.
PREFIX  ?= /usr/local
DESTDIR ?=
SYSCONFDIR ?=
LOCALSTATEDIR ?= /var
RUNSTATEDIR ?= /run
URL_PREFIX ?=

# Debian's hardening flags (dpkg-buildflags with hardening=+all).
HARDEN_CFLAGS  := -fstack-protector-strong -fstack-clash-protection -fcf-protection \
                  -Wformat -Werror=format-security -fPIE
# _FORTIFY_SOURCE=3 (sizes known only at run time checked too) where the
# compiler has __builtin_dynamic_object_size (gcc 12, clang 9), else 2.
FORTIFY := $(shell printf '\043if !__has_builtin(__builtin_dynamic_object_size)\n\043error\n\043endif\n' | \
             $(CC) -O2 -x c -c -o /dev/null - 2>/dev/null && echo 3 || echo 2)
HARDEN_CPPFLAGS := -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=$(FORTIFY)
HARDEN_LDFLAGS := -pie -Wl,-z,relro -Wl,-z,now

CFLAGS_ALL := -std=c17 -Wall -Wextra -Werror -g -MMD -MP \
              -I/usr/include/ClearSilver -I/usr/include/mariadb -Ilib
CPPFLAGS_ALL := -D_GNU_SOURCE
LDLIBS_ALL := -lneo_cgi -lneo_cs -lneo_utl -lz -lfcgi -lmariadb -lcrypto -lssl -lcurl \
              -ljansson -lcrypt -lpwquality -loath -lqrencode -lzip -lm

# What one module needs and the others do not. The PDFs the portal writes
# (lib/pdf.c) take cairo and pango: only the programs that call it link them.
PDF_CFLAGS := $(shell pkg-config --cflags pangocairo fontconfig 2>/dev/null)
PDF_LIBS := $(shell pkg-config --libs pangocairo fontconfig 2>/dev/null)
LDLIBS_timesheets := -lxlsxwriter
LDLIBS_reports := -lxlsxwriter
LDLIBS_privacy := $(PDF_LIBS)

ifeq ($(SANITIZE),1)
CFLAGS_ALL += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=undefined
LDFLAGS_ALL := -fsanitize=address,undefined
else
CFLAGS_ALL += -O2 $(HARDEN_CFLAGS)
CPPFLAGS_ALL += $(HARDEN_CPPFLAGS)
LDFLAGS_ALL := $(HARDEN_LDFLAGS)
endif

override CFLAGS := $(CFLAGS_ALL) $(CFLAGS)
override CPPFLAGS := $(CPPFLAGS_ALL) $(CPPFLAGS)
override LDFLAGS := $(LDFLAGS_ALL) $(LDFLAGS)
LDLIBS := $(LDLIBS_ALL)

# `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
say = @:
else
Q := @
say = @printf '  %-6s %s\n'
endif

LIB_SRC  := $(wildcard lib/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIBPORTAL := $(BUILD)/lib/libportal.a

# A module is cgi-bin/<module>.c, or a folder cgi-bin/<module>/ whose
# main.c holds the route table.
MODULES  := $(basename $(notdir $(wildcard cgi-bin/*.c))) \
            $(notdir $(patsubst %/main.c,%,$(wildcard cgi-bin/*/main.c)))
CGI_BIN  := $(MODULES:%=$(BUILD)/cgi-bin/%.fcgi)
module_objs = $(patsubst %.c,$(BUILD)/%.o,$(wildcard cgi-bin/$(1).c cgi-bin/$(1)/*.c))
# A program of sbin/ is sbin/<name>.c, or a folder sbin/<name>/ whose
# main.c holds the command table (portalctl). Their objects lie under
# $(BUILD)/obj/: $(BUILD)/sbin/portalctl is the program, not a folder.
SBIN     := $(BUILD)/sbin/portalctl $(BUILD)/sbin/portal-worker
sbin_objs = $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard sbin/$(1).c sbin/$(1)/*.c))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
SIM_BIN  := $(BUILD)/tests/bin/backoffice-sim
SIM_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/backoffice-sim/*.c))
TEST_BIN := $(UNIT_BIN) $(SIM_BIN) $(BUILD)/tests/bin/fcgi-load

# Fuzzing (tests/fuzz/): libFuzzer harnesses built with clang, ASan and
# UBSan, over a libportal of their own under $(BUILD)/fuzz/ (its multipart
# reader with a small buffer, so that short inputs cross its edges).
FUZZ_CC  ?= clang
FUZZ_CFLAGS := -std=c17 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer \
               -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
               -D_GNU_SOURCE -I/usr/include/ClearSilver -I/usr/include/mariadb -Ilib $(PDF_CFLAGS) \
               -DMULTIPART_BUF=256
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_LIB := $(BUILD)/fuzz/libportal.a
FUZZ_SECONDS ?= 600

# A change of build flags (SANITIZE=1 or not) rebuilds everything.
FLAGS_STAMP := $(BUILD)/.flags-$(if $(filter 1,$(SANITIZE)),san,std)

.PHONY: all tests deps deps-bench deps-ops run stop check test check-ops bench bench-data install clean fuzz fuzzers
# Objects stay after a link, for the next incremental build. (Only the
# objects: the flags stamp must stay an ordinary target, or a change of
# SANITIZE would rebuild nothing.)
ALL_OBJ := $(LIB_OBJ) $(foreach m,$(MODULES),$(call module_objs,$(m))) \
           $(foreach p,$(SBIN),$(call sbin_objs,$(notdir $(p)))) \
           $(UNIT_SRC:%.c=$(BUILD)/%.o) $(SIM_OBJ) \
           $(BUILD)/tests/leak/fcgi-load.o
.SECONDARY: $(ALL_OBJ)
all: $(CGI_BIN) $(SBIN)
tests: all $(TEST_BIN)

$(FLAGS_STAMP):
	@mkdir -p $(BUILD)
	@rm -f $(BUILD)/.flags-* && find $(BUILD) -name '*.o' -delete 2>/dev/null; touch $@

$(BUILD)/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(CFLAGS_$(notdir $*)) -c -o $@ $<

CFLAGS_pdf := $(PDF_CFLAGS)

$(BUILD)/obj/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIBPORTAL): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

.SECONDEXPANSION:
$(BUILD)/cgi-bin/%.fcgi: $$(call module_objs,$$*) $(LIBPORTAL)
	$(say) LINK $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(LDLIBS_$*)

$(SBIN): $(BUILD)/sbin/%: $$(call sbin_objs,$$*) $(LIBPORTAL)
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(LIBPORTAL)
	$(say) LINK $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lcmocka $(LDLIBS) $(PDF_LIBS)

$(SIM_BIN): $(SIM_OBJ) $(LIBPORTAL)
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/bin/fcgi-load: $(BUILD)/tests/leak/fcgi-load.o
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/fuzz/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	$(say) FUZZCC $<
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_LIB): $(LIB_SRC:%.c=$(BUILD)/fuzz/%.o)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB)
	$(say) FUZZLD $@
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -o $@ $< $(FUZZ_LIB) $(LDLIBS) \
		-lxlsxwriter $(PDF_LIBS)

fuzzers: $(FUZZ_BIN)

# Each harness for FUZZ_SECONDS from its seeds (tests/fuzz/corpus/) and
# what earlier runs found (var/fuzz/); make check runs each briefly.
fuzz: deps fuzzers
	@tests/fuzz/run.sh $(FUZZ_SECONDS) var/fuzz

deps:
	@scripts/deps.sh

# The bench needs PHP-FPM too (its peer); make check does not.
deps-bench:
	@scripts/deps.sh --bench

# The operations tests need what a hosting provider's server has.
deps-ops:
	@scripts/deps.sh --ops

run: deps
	@$(MAKE) --no-print-directory all $(SIM_BIN)
	@scripts/stack.sh start
	@scripts/stack.sh demo

stop:
	@scripts/stack.sh stop

check test: deps
	@$(MAKE) --no-print-directory tests fuzzers
	@SANITIZE=$(SANITIZE) tests/run.sh

# Operations: an installed portal under a prefix; more as they come
# (tests/ops/).
check-ops: deps-ops
	@$(MAKE) --no-print-directory tests
	@tests/ops/run.sh

bench: deps-bench
	@$(MAKE) --no-print-directory tests
	@tests/bench/run.sh

# Five years of clients, hours and invoices for the reports, into the
# database of PORTAL_CONF (BENCH_DATA_SCALE=N for N times as much).
bench-data: all
	@scripts/bench-data.sh

install: all
	@DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" SYSCONFDIR="$(SYSCONFDIR)" \
	 LOCALSTATEDIR="$(LOCALSTATEDIR)" RUNSTATEDIR="$(RUNSTATEDIR)" URL_PREFIX="$(URL_PREFIX)" \
	 scripts/install.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
