# amor -- build, test and demo.  Plain make; see README.md.
#
#   make          build build/amor and build/plugins/<kind>/<name>.so
#   make deps     install the Debian packages amor needs (apt-get, as root)
#   make test     build and run the TAP suite with prove
#   make test SAN=1  the same under ASan and UBSan, built into build-san/
#   make fuzz     libFuzzer harnesses (tests/fuzz/), FUZZ_SECONDS each
#   make demo     run scripts/quickstart.lua into results/quickstart/
#   make install  PREFIX=/usr/local (and DESTDIR=): bin/amor, include/amor.h,
#                 lib/amor/plugins/<kind>/*.so, share/amor/{scripts,template},
#                 share/man/man1/amor.1, lib/pkgconfig/amor.pc;
#                 `make uninstall` removes exactly those (docs/install.md)

CC      ?= cc
# -fvect-cost-model=dynamic: vectorize the elementwise loops GCC's -O2
# default (the very-cheap model) leaves scalar -- a run-time alias check or
# a remainder loop is enough to stop it; vectorizing them never changes a
# result (no reassociation, no contraction), and unroll_gd's training step
# takes 15 % less time (make bench)
CFLAGS  ?= -O2 -g -fvect-cost-model=dynamic
WARN    := -Wall -Wextra -Werror -Wno-format-truncation
# ISO C (so no contraction into FMAs: -ffp-contract=off, results do not
# depend on the instruction set); -fno-math-errno lets sqrt become one
# instruction and vectorize (nothing in amor reads errno after math calls)
STD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fno-math-errno
PKGS    := lua5.4 openblas
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# amor itself links Lua only: OpenBLAS comes with the first plugin, after
# harness/blas.c has set its environment (kernels, threads)
HOST_LIBS  := $(shell pkg-config --libs lua5.4 2>/dev/null)
BLAS_CFLAGS := $(shell pkg-config --cflags openblas 2>/dev/null)
BLAS_LIBS   := $(shell pkg-config --libs openblas 2>/dev/null)

# make test SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer in the
# host, the plugins, the fixtures and the tests (see "Sanitizers" below)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer
ifeq ($(SAN),1)
override CFLAGS += $(SAN_FLAGS)
endif

ALL_CFLAGS := $(STD) $(WARN) $(CFLAGS)
# header dependencies, written by the compiler beside each object (.d) and
# read at the end of this file
DEPFLAGS   := -MMD -MP

DEB_PACKAGES := liblua5.4-dev libopenblas-dev gnuplot-nox zlib1g-dev pkg-config perl g++ \
                dataset-fashion-mnist slurm-wlm munge

# the build directory: build/, or build-san/ for `make test SAN=1` (B=dir
# on the command line for another)
ifeq ($(SAN),1)
B := build-san
else
B := build
endif

# The host's folders, from the bottom up: each includes only from itself
# and the folders before it (tests/layers.t checks it).  The public header
# is include/amor.h; plugins compile with -Iinclude, never with the host's
# folders.
HOST_DIRS  := harness/base harness/train harness/out harness/exec harness/lua harness/check \
              harness/cmd
HOST_INC   := -Iinclude $(addprefix -I,$(HOST_DIRS)) -Iplugins/common
HOST_SRC   := $(filter-out harness/cmd/main.c,$(wildcard $(addsuffix /*.c,$(HOST_DIRS))))
# the host shares plugins/common/adam.c (one Adam for theta, the solver
# baseline and plugins that train something themselves), amfile.c
# (temporary file names and their cleanup) and amhash.c (FNV-1a)
HOST_SHARED := adam amfile amhash
HOST_OBJ   := $(HOST_SRC:%.c=$(B)/%.o) $(HOST_SHARED:%=$(B)/harness/common/%.o)
COMMON_SRC := $(wildcard plugins/common/*.c)
COMMON_OBJ := $(COMMON_SRC:plugins/common/%.c=$(B)/common/%.o)
# the plugins link the common objects from an archive, so each takes only
# those it uses (and, with --as-needed, only the libraries those need)
COMMON_LIB := $(B)/libamorcommon.a
# kept after the plugins link (make would delete them as intermediates and
# rebuild all of them when one source changes)
.SECONDARY: $(COMMON_OBJ)

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
# plugins of the ABI 1.0 era, built against the frozen 1.0 header of
# tests/fixtures/abi10/ (not include/amor.h): this host must run them unchanged
ABI10_FIXTURE_SRC := $(wildcard tests/fixtures/abi10/fx_*.c)
ABI10_FIXTURES := $(ABI10_FIXTURE_SRC:tests/fixtures/abi10/%.c=$(B)/fixtures/abi10/%.so)
# correct problems with a solver step, for eval.tolerances (e2e_tolerance.t);
# written against the 1.1 header as a plugin author would, so built with the
# plugins' flags; a directory of their own too
SOLVER_FIXTURE_SRC := $(wildcard tests/fixtures/solver/fs_*.c)
SOLVER_FIXTURES := $(SOLVER_FIXTURE_SRC:tests/fixtures/solver/%.c=$(B)/fixtures/solver/%.so)

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

$(B)/harness/%.o: harness/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(HOST_INC) -I$(B)/harness $(PKG_CFLAGS) -c $< -o $@

$(B)/harness/common/%.o: plugins/common/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Iinclude -Iplugins/common -c $< -o $@

# prelude.lua embedded as a C string literal
$(B)/harness/prelude.inc: harness/lua/prelude.lua
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@

$(B)/harness/lua/script.o: $(B)/harness/prelude.inc

$(B)/libamorhost.a: $(HOST_OBJ)
	ar rcs $@ $^

$(B)/amor: $(B)/harness/cmd/main.o $(B)/libamorhost.a
	$(CC) $(CFLAGS) -rdynamic -pthread -o $@ $^ $(HOST_LIBS) -ldl -lm

$(B)/common/%.o: plugins/common/%.c | $(B)/common
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden $(BLAS_CFLAGS) -Iinclude -Iplugins/common -c $< -o $@

$(COMMON_LIB): $(COMMON_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/plugins/%.so: plugins/%.c $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden $(BLAS_CFLAGS) -Iinclude -Iplugins/common -shared -o $@ $< \
	  $(COMMON_LIB) -Wl,--as-needed $(BLAS_LIBS) -lz -lmvec -lm

# the fixtures are written as plugins of the 1.0 era were, with positional
# descriptor initializers that leave the 1.1 fields out (they read as NULL)
FIXTURE_CFLAGS := -Wno-missing-field-initializers
$(B)/fixtures/%.so: tests/fixtures/%.c | $(B)/fixtures
	$(CC) $(ALL_CFLAGS) $(FIXTURE_CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden -Iinclude -shared -o $@ $< -lm
	@printf 'This text file is not a shared object, although its name ends in .so.\n' > $(B)/fixtures/not_elf.so

$(B)/fixtures/check/%.so: tests/fixtures/check/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FIXTURE_CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden -Iinclude -shared -o $@ $< -lm

$(B)/fixtures/abi10/%.so: tests/fixtures/abi10/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FIXTURE_CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden -Itests/fixtures/abi10 -shared -o $@ $< -lm
# one problem before and after it grew a parameter (e2e_seeds.t)
GROW_FIXTURES := $(B)/fixtures/grow/v1/fx_grow.so $(B)/fixtures/grow/v2/fx_grow.so
$(B)/fixtures/grow/v1/fx_grow.so: tests/fixtures/grow/fx_grow.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden -Iinclude -shared -o $@ $< -lm
$(B)/fixtures/grow/v2/fx_grow.so: tests/fixtures/grow/fx_grow.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -DFX_GROW_V2 -fPIC -fvisibility=hidden -Iinclude -shared -o $@ $< -lm

$(B)/fixtures/solver/%.so: tests/fixtures/solver/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden -Iinclude -shared -o $@ $< -lm

$(B)/tests/%: tests/%.c $(B)/libamorhost.a | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(PKG_CFLAGS) -DAMOR_TEST_BUILD='"$(B)"' $(HOST_INC) -Itests -o $@ $< $(B)/libamorhost.a $(PKG_LIBS) -pthread -ldl -lm

# amath.h's math on its own (amath.c, amlp.c, amact.c), built with a BLAS
# dimension limit of 2 so the int-limit splitting of amath.c's wrapper runs
# (this explicit rule wins over the pattern rule above)
AMATH_SRC := plugins/common/amath.c plugins/common/amlp.c plugins/common/amact.c plugins/common/alapack.c
$(B)/tests/t_amath: tests/t_amath.c $(AMATH_SRC) | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(BLAS_CFLAGS) -DAM_BLAS_MAX_DIM=2 $(HOST_INC) -Itests -o $@ tests/t_amath.c $(AMATH_SRC) $(BLAS_LIBS) -lm

# Gaussian policies (gpolicy.c) with the math they use, beside the host
# library for the plugin loader of plugtest.h
T_GPOLICY_SRC := plugins/common/gpolicy.c plugins/common/amath.c plugins/common/alapack.c \
                 plugins/common/amnoise.c
$(B)/tests/t_gpolicy: tests/t_gpolicy.c $(T_GPOLICY_SRC) $(B)/libamorhost.a | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(PKG_CFLAGS) -DAMOR_TEST_BUILD='"$(B)"' $(HOST_INC) -Itests -o $@ \
	  tests/t_gpolicy.c $(T_GPOLICY_SRC) $(B)/libamorhost.a $(PKG_LIBS) -pthread -ldl -lm

# the plugins' cache entries (cache.c) on their own, as plugins build it
T_CACHE_SRC := plugins/common/cache.c plugins/common/amfile.c plugins/common/amhash.c
$(B)/tests/t_cache: tests/t_cache.c $(T_CACHE_SRC) | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Iinclude -Iplugins/common -Itests -o $@ tests/t_cache.c $(T_CACHE_SRC)

# the LML projection (lml.c) on its own, as plugins build it
$(B)/tests/t_lml: tests/t_lml.c plugins/common/lml.c | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Iinclude -Iplugins/common -Itests -o $@ tests/t_lml.c plugins/common/lml.c -lm

$(B)/common $(B)/fixtures $(B)/tests:
	mkdir -p $@

# deps first, then a fresh make: pkg-config flags are read when make starts,
# and on a fresh machine pkg-config itself arrives with deps.
test: deps
	@$(MAKE) --no-print-directory check-tap

check-tap: all $(TESTS) $(FIXTURES) $(CHECK_FIXTURES) $(ABI10_FIXTURES) $(SOLVER_FIXTURES) $(GROW_FIXTURES)
	@chmod +x tests/*.t
	$(TEST_ENV) prove --exec '' $(TESTS) $(sort $(wildcard tests/*.t))

demo: deps
	@$(MAKE) --no-print-directory all
	$(B)/amor run scripts/quickstart.lua

# the Python twins of `make bench`: PyTorch, POT (ot_sinkhorn) and cvxopt
# (qp); the tests that compare against POT or cvxopt skip without them
BENCH_PACKAGES := python3-torch python3-pot python3-cvxopt

# make bench: amor against PyTorch (Debian's python3-torch, installed here
# when missing: only the benchmarks need it, never the tests) on the
# workloads of scripts/bench/run.py, with the normal optimized build (-O2)
# and this machine's dgemm rate; writes results/bench/.  Both sides use
# every core by default, BENCH_THREADS=1 one thread (timed by CPU clock),
# BENCH_CORETYPE=env to keep the environment's
# OPENBLAS_CORETYPE (default: OpenBLAS's own choice for this CPU, on both
# sides), BENCH_ARGS=--quick for a smoke run.
bench: deps
	@missing=""; for p in $(BENCH_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make bench: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "make bench: missing Debian packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@$(MAKE) --no-print-directory all $(B)/bench/dgemm_peak $(B)/bench/mlp_step $(B)/bench/maml_oracle \
	    $(B)/bench/ot_sinkhorn $(B)/bench/qp_admm
	/usr/bin/python3 scripts/bench/run.py --build $(B) $(BENCH_ARGS)

$(B)/bench/dgemm_peak: bench/dgemm_peak.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CFLAGS) $(BLAS_CFLAGS) -o $@ $< $(BLAS_LIBS)

$(B)/bench/mlp_step: bench/mlp_step.c include/amor.h
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CFLAGS) -Iinclude $(BLAS_CFLAGS) -o $@ $< $(BLAS_LIBS) -ldl -lm

$(B)/bench/maml_oracle: bench/maml_oracle.c include/amor.h
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CFLAGS) -Iinclude $(BLAS_CFLAGS) -o $@ $< $(BLAS_LIBS) -ldl -lm

$(B)/bench/ot_sinkhorn: bench/ot_sinkhorn.c bench/benchutil.h include/amor.h
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CFLAGS) -Iinclude -o $@ $< -ldl -lm

$(B)/bench/qp_admm: bench/qp_admm.c bench/benchutil.h include/amor.h
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CFLAGS) -Iinclude -o $@ $< -ldl -lm

# the build directory for the Perl tests (tests/lib/AmorTest.pm); SAN=1 adds
# the sanitizers' options (see "Sanitizers" below)
TEST_ENV = AMOR_BUILD=$(B) $(if $(filter 1,$(SAN)),$(SAN_ENV))

clean:
	rm -rf $(B)

# ---------------------------------------------------------------------------
# The gallery (docs/gallery.md, results/README.md): every reproduced figure
# from the scripts' full runs, with the CSVs it is drawn from, committed in
# results/gallery/<exp>/.  `make gallery` runs each experiment in turn (-k:
# one that fails leaves its committed gallery as it was and the others go
# on), `make gallery-<exp>` one of them.  Each run resumes the cells an
# interrupted one finished in results/full/<exp>/ (not committed);
# results/gallery/<exp>/run.txt says how long it took on this machine.
# Cheap experiments first.
GALLERY := quickstart main_example tutorial_figures paradigms unrolling warmstart \
           policies control control_untuned fixed_points warmstart_iters ot qp sphere \
           metalearn vae
GALLERY_JOBS ?= 2
# an experiment that is not a script of its own: its script and settings
GALLERY_RUN_control_untuned := control --set calibration=untuned

.PHONY: gallery $(GALLERY:%=gallery-%)
gallery: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -k $(GALLERY:%=gallery-%); rc=$$?; \
	  echo "make gallery: seconds per experiment on this machine (results/gallery/<exp>/run.txt):"; \
	  for e in $(GALLERY); do \
	    printf '  %-18s %s\n' $$e "$$(sed -n 's/^seconds: //p' results/gallery/$$e/run.txt 2>/dev/null)"; \
	  done; exit $$rc

$(GALLERY:%=gallery-%): gallery-%: all
	@sh scripts/gallery.sh $* $(B)/amor $(GALLERY_JOBS) $(GALLERY_RUN_$*)

# ---------------------------------------------------------------------------
# Installation.  amor finds its plugins relative to its own location
# (<bindir>/../lib/amor/plugins), so an installed tree can be moved as a
# whole; amor.pc records PREFIX for building plugins out of tree.  install
# writes the list of the files it put there to lib/amor/install-manifest,
# and uninstall removes exactly those (a plugin you installed into
# lib/amor/plugins yourself stays), then amor's own directories if empty.

PREFIX     ?= /usr/local
DESTDIR    ?=
VERSION    := $(shell sed -n 's/^\#define AMOR_VERSION_STRING "\(.*\)"/\1/p' harness/base/version.h)
ABI        := $(shell sed -n 's/^\#define AMOR_ABI_VERSION \([0-9]*\)u/\1/p' include/amor.h)
ROOT       := $(DESTDIR)$(PREFIX)
MANIFEST   := lib/amor/install-manifest
TEMPLATE   := template/Makefile template/myproblem.c template/myproblem_cxx.cc template/README.md
SCRIPTS    := $(wildcard scripts/*.lua)
# installed paths, relative to PREFIX (INST_DIRS: amor's own directories,
# removed by uninstall when empty; bin, include, lib/pkgconfig and
# share/man/man1 are shared with other software and stay)
INST_FILES := bin/amor include/amor.h lib/pkgconfig/amor.pc share/man/man1/amor.1 \
              $(PLUGINS:$(B)/plugins/%=lib/amor/plugins/%) \
              $(SCRIPTS:scripts/%=share/amor/scripts/%) \
              $(TEMPLATE:template/%=share/amor/template/%)
INST_DIRS  := lib/amor/plugins/problems lib/amor/plugins/models lib/amor/plugins/losses \
              lib/amor/plugins lib/amor share/amor/scripts share/amor/template share/amor

install: all
	@test -n "$(PREFIX)" || { echo "make install: PREFIX is empty"; exit 1; }
	install -d $(ROOT)/bin $(ROOT)/include $(ROOT)/lib/pkgconfig $(ROOT)/share/man/man1 \
	  $(addprefix $(ROOT)/,$(INST_DIRS))
	install -m 755 $(B)/amor $(ROOT)/bin/amor
	install -m 644 include/amor.h $(ROOT)/include/amor.h
	for f in $(PLUGINS); do \
	  install -m 755 $$f $(ROOT)/lib/amor/plugins/$${f#$(B)/plugins/} || exit 1; done
	install -m 644 $(SCRIPTS) $(ROOT)/share/amor/scripts/
	install -m 644 $(TEMPLATE) $(ROOT)/share/amor/template/
	install -m 644 docs/amor.1 $(ROOT)/share/man/man1/amor.1
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

# ---------------------------------------------------------------------------
# Sanitizers.  `make test SAN=1` builds the host, the plugins, the fixtures
# and the tests into build-san/ with -fsanitize=address,undefined (amor links
# the ASan runtime, so the dlopen'd plugins, instrumented too, share it; the
# forked workers are copies of the sanitized amor) and runs the whole suite
# with these options:
#   halt_on_error=1     the first report ends the process, so the test fails
#                       (tests/lib/AmorTest.pm also fails a test for every
#                       report it sees in amor's stderr, exit status aside)
#   handle_segv=0, handle_sigbus=0
#                       a plugin that segfaults dies of SIGSEGV as it does
#                       without ASan (which would print a report and exit 1
#                       instead): the worker tests expect the signal; an
#                       invalid access of amor's own is still reported by the
#                       instrumentation before it can fault
#   allocator_may_return_null=1
#                       past limits.memory malloc returns NULL, as glibc's
#                       does, instead of ASan ending the process
#   suppressions        tests/lsan.supp: noise of system libraries only,
#                       never amor's own code
# AMOR_SAN=1 tells the tests that measure the heap with glibc's mallinfo2 or
# run valgrind (neither works under ASan) to skip those checks.
SAN_ENV = AMOR_SAN=1 \
  ASAN_OPTIONS=halt_on_error=1:handle_segv=0:handle_sigbus=0:allocator_may_return_null=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

# ---------------------------------------------------------------------------
# Fuzzing (not part of `make test` or CI).  `make fuzz` installs clang and
# its libFuzzer runtime when missing (Debian's clang, libclang-rt-14-dev and
# llvm for llvm-symbolizer), builds the host with clang, ASan and UBSan into
# build-fuzz/ and runs each harness of tests/fuzz/ for FUZZ_SECONDS (60 by
# default; -j2 runs two at once).  The working corpus grows in
# build-fuzz/corpus/<harness>/, seeded from tests/fuzz/seeds/<harness>/;
# a crashing input lands in build-fuzz/crashes/ and fails the target.
# `make fuzz-build` only builds; `make fuzz-csv` (etc.) runs one harness.
FUZZ_SECONDS ?= 60
FUZZ_PACKAGES := clang libclang-rt-14-dev llvm
FUZZ_B      := build-fuzz
FUZZ_CC     := clang
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_NAMES  := csv idx checkpoint cell params
FUZZ_BINS   := $(FUZZ_NAMES:%=$(FUZZ_B)/fuzz/fuzz_%)

.PHONY: fuzz fuzz-deps fuzz-build $(FUZZ_NAMES:%=fuzz-%)

fuzz-deps: deps
	@missing=""; for p in $(FUZZ_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make fuzz: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "make fuzz: missing Debian packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# the normal build supplies the plugins the cell and params harnesses load;
# the host library is rebuilt with clang (its own -W set: clang does not know
# gcc's -Wno-format-truncation)
fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) CFLAGS='$(FUZZ_CFLAGS)' \
	  WARN='-Wall -Wextra -Werror -Wno-unknown-warning-option' $(FUZZ_BINS)

fuzz: $(FUZZ_NAMES:%=fuzz-%)

# the whole libFuzzer log goes to build-fuzz/fuzz-<harness>.log; its tail
# (exec count, coverage, any crash) is printed
$(FUZZ_NAMES:%=fuzz-%): fuzz-%: fuzz-build
	@mkdir -p $(FUZZ_B)/corpus/$* $(FUZZ_B)/crashes
	@echo "fuzz_$*: $(FUZZ_SECONDS) s, log in $(FUZZ_B)/fuzz-$*.log"
	@ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(FUZZ_B)/fuzz/fuzz_$* $(FUZZ_B)/corpus/$* tests/fuzz/seeds/$* \
	  $(if $(wildcard tests/fuzz/$*.dict),-dict=tests/fuzz/$*.dict) \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
	  -print_final_stats=1 -artifact_prefix=$(FUZZ_B)/crashes/$*- > $(FUZZ_B)/fuzz-$*.log 2>&1; \
	st=$$?; grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' \
	  $(FUZZ_B)/fuzz-$*.log | sed 's/^/fuzz_$*: /'; \
	if [ $$st != 0 ]; then tail -n 60 $(FUZZ_B)/fuzz-$*.log; echo "fuzz_$*: FAILED (exit $$st)"; exit $$st; fi

FUZZ_LINK = $(CC) $(STD) $(CFLAGS) -fsanitize=fuzzer $(HOST_INC) -Itests/fuzz $(PKG_CFLAGS)

$(FUZZ_B)/fuzz/fuzz_csv: tests/fuzz/fuzz_csv.c tests/fuzz/fuzz_util.h $(FUZZ_B)/libamorhost.a
	@mkdir -p $(dir $@)
	$(FUZZ_LINK) -o $@ $< $(FUZZ_B)/libamorhost.a $(PKG_LIBS) -ldl -lm
$(FUZZ_B)/fuzz/fuzz_idx: tests/fuzz/fuzz_idx.c tests/fuzz/fuzz_util.h plugins/common/idx.c plugins/common/idx.h
	@mkdir -p $(dir $@)
	$(FUZZ_LINK) -o $@ $< plugins/common/idx.c -lz -lm
$(FUZZ_B)/fuzz/fuzz_checkpoint: tests/fuzz/fuzz_checkpoint.c $(FUZZ_B)/libamorhost.a
	@mkdir -p $(dir $@)
	$(FUZZ_LINK) -o $@ $< $(FUZZ_B)/libamorhost.a $(PKG_LIBS) -ldl -lm
$(FUZZ_B)/fuzz/fuzz_cell: tests/fuzz/fuzz_cell.c $(FUZZ_B)/libamorhost.a
	@mkdir -p $(dir $@)
	$(FUZZ_LINK) -Wl,--wrap=dlopen,--wrap=checkpoint_read -o $@ $< $(FUZZ_B)/libamorhost.a $(PKG_LIBS) -ldl -lm
$(FUZZ_B)/fuzz/fuzz_params: tests/fuzz/fuzz_params.c $(FUZZ_B)/libamorhost.a
	@mkdir -p $(dir $@)
	$(FUZZ_LINK) -o $@ $< $(FUZZ_B)/libamorhost.a $(PKG_LIBS) -ldl -lm

# ---------------------------------------------------------------------------
# Header dependencies of everything built so far (-MMD -MP above).
-include $(shell find $(B) -name '*.d' 2>/dev/null)
