# amor -- build, test and demo.  Plain make; see README.md.
#
#   make          build build/amor and build/plugins/<kind>/<name>.so
#   make deps     install the Debian packages amor needs (apt-get, as root)
#   make test     build and run the TAP suite with prove
#   make demo     run scripts/quickstart.lua into results/quickstart/
#   make install  PREFIX=/usr/local (and DESTDIR=): bin/amor, include/amor.h,
#                 lib/amor/plugins/<kind>/*.so, share/amor/{scripts,template},
#                 lib/pkgconfig/amor.pc; `make uninstall` removes exactly those

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wno-format-truncation
STD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKGS    := lua5.4 openblas
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
BLAS_CFLAGS := $(shell pkg-config --cflags openblas 2>/dev/null)
BLAS_LIBS   := $(shell pkg-config --libs openblas 2>/dev/null)

ALL_CFLAGS := $(STD) $(WARN) $(CFLAGS) -Iharness

DEB_PACKAGES := liblua5.4-dev libopenblas-dev gnuplot-nox zlib1g-dev pkg-config perl g++ \
                dataset-fashion-mnist

B := build

HOST_SRC   := $(filter-out harness/main.c,$(wildcard harness/*.c))
HOST_OBJ   := $(HOST_SRC:harness/%.c=$(B)/harness/%.o)
COMMON_SRC := $(wildcard plugins/common/*.c)
COMMON_OBJ := $(COMMON_SRC:plugins/common/%.c=$(B)/common/%.o)

PLUGIN_SRC := $(wildcard plugins/problems/*.c plugins/models/*.c plugins/losses/*.c)
PLUGINS    := $(PLUGIN_SRC:plugins/%.c=$(B)/plugins/%.so)

TEST_SRC   := $(wildcard tests/t_*.c)
TESTS      := $(TEST_SRC:tests/%.c=$(B)/tests/%)
FIXTURE_SRC := $(wildcard tests/fixtures/fx_*.c)
FIXTURES   := $(FIXTURE_SRC:tests/fixtures/%.c=$(B)/fixtures/%.so)
# fixtures of `amor check`, one deliberate mistake per plugin; a directory of
# their own, so that scanning build/fixtures (t_loader) does not see them
CHECK_FIXTURE_SRC := $(wildcard tests/fixtures/check/cx_*.c)
CHECK_FIXTURES := $(CHECK_FIXTURE_SRC:tests/fixtures/check/%.c=$(B)/fixtures/check/%.so)

.PHONY: all deps test check-tap demo clean bench install uninstall
all: $(B)/amor $(PLUGINS)

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make deps: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "make deps: missing Debian packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(B)/harness/%.o: harness/%.c harness/*.h | $(B)/harness
	$(CC) $(ALL_CFLAGS) -I$(B)/harness $(PKG_CFLAGS) -c $< -o $@

# prelude.lua embedded as a C string literal
$(B)/harness/prelude.inc: harness/prelude.lua | $(B)/harness
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@

$(B)/harness/script.o: $(B)/harness/prelude.inc

$(B)/libamorhost.a: $(HOST_OBJ)
	ar rcs $@ $^

$(B)/amor: $(B)/harness/main.o $(B)/libamorhost.a
	$(CC) $(CFLAGS) -rdynamic -o $@ $^ $(PKG_LIBS) -ldl -lm

$(B)/common/%.o: plugins/common/%.c plugins/common/*.h harness/amor.h | $(B)/common
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden $(BLAS_CFLAGS) -Iplugins/common -c $< -o $@

$(B)/plugins/%.so: plugins/%.c $(COMMON_OBJ) plugins/common/*.h harness/amor.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden $(BLAS_CFLAGS) -Iplugins/common -shared -o $@ $< $(COMMON_OBJ) $(BLAS_LIBS) -lz -lm

$(B)/fixtures/%.so: tests/fixtures/%.c tests/fixtures/*.h harness/amor.h | $(B)/fixtures
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -shared -o $@ $< -lm
	@printf 'This text file is not a shared object, although its name ends in .so.\n' > $(B)/fixtures/not_elf.so

$(B)/fixtures/check/%.so: tests/fixtures/check/%.c harness/amor.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -shared -o $@ $< -lm

$(B)/tests/%: tests/%.c tests/*.h $(B)/libamorhost.a | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -Itests -o $@ $< $(B)/libamorhost.a $(PKG_LIBS) -ldl -lm

# amath on its own, built with a BLAS dimension limit of 2 so the int-limit
# splitting runs (this explicit rule wins over the pattern rule above)
$(B)/tests/t_amath: tests/t_amath.c plugins/common/amath.c plugins/common/amath.h tests/*.h harness/amor.h | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(BLAS_CFLAGS) -DAM_BLAS_MAX_DIM=2 -Iplugins/common -Itests -o $@ tests/t_amath.c plugins/common/amath.c $(BLAS_LIBS) -lm

$(B)/harness $(B)/common $(B)/fixtures $(B)/tests:
	mkdir -p $@

# deps first, then a fresh make: pkg-config flags are read when make starts,
# and on a fresh machine pkg-config itself arrives with deps.
test: deps
	@$(MAKE) --no-print-directory check-tap

check-tap: all $(TESTS) $(FIXTURES) $(CHECK_FIXTURES)
	@chmod +x tests/*.t
	prove --exec '' $(TESTS) $(sort $(wildcard tests/*.t))

demo: deps
	@$(MAKE) --no-print-directory all
	$(B)/amor run scripts/quickstart.lua

clean:
	rm -rf $(B)

# ---------------------------------------------------------------------------
# Installation.  amor finds its plugins relative to its own location
# (<bindir>/../lib/amor/plugins), so an installed tree can be moved as a
# whole; amor.pc records PREFIX for building plugins out of tree.  install
# writes the list of the files it put there to lib/amor/install-manifest,
# and uninstall removes exactly those (a plugin you installed into
# lib/amor/plugins yourself stays), then amor's own directories if empty.

PREFIX     ?= /usr/local
DESTDIR    ?=
VERSION    := $(shell sed -n 's/^\#define AMOR_VERSION_STRING "\(.*\)"/\1/p' harness/script.h)
ABI        := $(shell sed -n 's/^\#define AMOR_ABI_VERSION \([0-9]*\)u/\1/p' harness/amor.h)
ROOT       := $(DESTDIR)$(PREFIX)
MANIFEST   := lib/amor/install-manifest
TEMPLATE   := template/Makefile template/myproblem.c template/README.md
SCRIPTS    := $(wildcard scripts/*.lua)
# installed paths, relative to PREFIX
INST_FILES := bin/amor include/amor.h lib/pkgconfig/amor.pc \
              $(PLUGINS:$(B)/plugins/%=lib/amor/plugins/%) \
              $(SCRIPTS:scripts/%=share/amor/scripts/%) \
              $(TEMPLATE:template/%=share/amor/template/%)
INST_DIRS  := lib/amor/plugins/problems lib/amor/plugins/models lib/amor/plugins/losses \
              lib/amor/plugins lib/amor share/amor/scripts share/amor/template share/amor

install: all
	@test -n "$(PREFIX)" || { echo "make install: PREFIX is empty"; exit 1; }
	install -d $(ROOT)/bin $(ROOT)/include $(ROOT)/lib/pkgconfig \
	  $(addprefix $(ROOT)/,$(INST_DIRS))
	install -m 755 $(B)/amor $(ROOT)/bin/amor
	install -m 644 harness/amor.h $(ROOT)/include/amor.h
	for f in $(PLUGINS); do \
	  install -m 755 $$f $(ROOT)/lib/amor/plugins/$${f#$(B)/plugins/} || exit 1; done
	install -m 644 $(SCRIPTS) $(ROOT)/share/amor/scripts/
	install -m 644 $(TEMPLATE) $(ROOT)/share/amor/template/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' -e 's|@ABI@|$(ABI)|' \
	  amor.pc.in > $(ROOT)/lib/pkgconfig/amor.pc
	@{ test -f $(ROOT)/$(MANIFEST) && cat $(ROOT)/$(MANIFEST); \
	   for f in $(INST_FILES); do echo $$f; done; } | sort -u > $(ROOT)/$(MANIFEST).tmp
	@mv $(ROOT)/$(MANIFEST).tmp $(ROOT)/$(MANIFEST)
	@echo "amor installed in $(ROOT); plugins build with: pkg-config --cflags amor" \
	  "(PKG_CONFIG_PATH=$(PREFIX)/lib/pkgconfig)"

uninstall:
	@test -n "$(PREFIX)" || { echo "make uninstall: PREFIX is empty"; exit 1; }
	@if test -f $(ROOT)/$(MANIFEST); then list=$$(cat $(ROOT)/$(MANIFEST)); \
	 else list="$(INST_FILES)"; fi; \
	 for f in $$list; do \
	   case "$$f" in /*|*..*) echo "make uninstall: skipping suspicious entry $$f"; continue;; esac; \
	   rm -f "$(ROOT)/$$f"; done
	rm -f $(ROOT)/$(MANIFEST)
	@for d in $(INST_DIRS); do rmdir $(ROOT)/$$d 2>/dev/null || true; done
	@echo "amor uninstalled from $(ROOT)"
