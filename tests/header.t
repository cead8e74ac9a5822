#!/usr/bin/env bash
# The public header compiles on its own as C99 and as C++ with pedantic
# warnings as errors (LV2's header test), and a plugin compiled as C++
# against it exports the entry point.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }
printf '#include "amor.h"\nint main(void) { return (int)AMOR_ABI_VERSION - 1; }\n' > "$tmp/h.c"
cc -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude "$tmp/h.c" -o "$tmp/h99" -lm 2> "$tmp/err99"
ok $? "amor.h compiles alone as C99 with -pedantic -Wall -Wextra -Werror"; [ -s "$tmp/err99" ] && sed 's/^/# /' "$tmp/err99"
cc -std=c11 -pedantic -Wall -Wextra -Werror -Wc++-compat -Iinclude "$tmp/h.c" -o "$tmp/h11" -lm 2> "$tmp/err11"
ok $? "amor.h compiles as C11 with -Wc++-compat"; [ -s "$tmp/err11" ] && sed 's/^/# /' "$tmp/err11"
if command -v c++ >/dev/null 2>&1; then
  cat > "$tmp/p.cc" <<'CC'
#include "amor.h"
static const amor_loss_desc D = {
    AMOR_HEAD(amor_loss_desc, AMOR_KIND_LOSS, "cxx_loss", "1.0", "C++ test", nullptr, 0),
    nullptr, nullptr, 0, nullptr, nullptr};
extern "C" AMOR_EXPORT const amor_plugin_head *amor_plugin_descriptor(uint32_t i)
{ return i == 0 ? &D.head : nullptr; }
CC
  c++ -std=c++11 -pedantic -Wall -Wextra -Werror -fPIC -shared -Iinclude "$tmp/p.cc" -o "$tmp/p.so" 2> "$tmp/errxx"
  ok $? "amor.h compiles as C++11 with -pedantic -Wall -Wextra -Werror"; [ -s "$tmp/errxx" ] && sed 's/^/# /' "$tmp/errxx"
  nm -D "$tmp/p.so" 2>/dev/null | grep -q ' T amor_plugin_descriptor$'
  ok $? "a C++ plugin exports the unmangled entry point"
else
  echo "ok 3 # SKIP no C++ compiler"; echo "ok 4 # SKIP no C++ compiler"; n=4
fi
echo "1..$n"
exit $fail
