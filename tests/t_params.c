/*
 * t_params.c -- parameter values as people read them: numbers in the
 * shortest text that reads back exactly (params_format_shortest), in the
 * range messages of the setters and in params_format_range (what `amor
 * describe` prints); the canonical text of keys (params_format_real) keeps
 * integers in full.
 */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "tap.h"

static int same(const char *got, const char *want)
{
    int ok = !strcmp(got, want);
    if (!ok) tap_diag("got:  %s\n# want: %s", got, want);
    return ok;
}

static const int64_t list_default[] = {8};

static const amor_param_decl PARAMS[] = {
    {"r", AMOR_PARAM_REAL, "a real", 0.1, NULL, NULL, 0, 1e-6, 1e6, NULL},
    {"seed", AMOR_PARAM_INT, "an int", 0, NULL, NULL, 0, 0, 2147483647.0, NULL},
    {"hidden", AMOR_PARAM_INT_LIST, "a list", 0, NULL, list_default, 1, 1, 1000, NULL},
    {"huge", AMOR_PARAM_REAL, "a real", 0, NULL, NULL, 0, -DBL_MAX, DBL_MAX, NULL},
};

static const amor_problem_desc FX = {
    .head = AMOR_HEAD(amor_problem_desc, AMOR_KIND_PROBLEM, "fx", "1.0", "fixture", PARAMS,
                      sizeof PARAMS / sizeof PARAMS[0]),
};

static void test_shortest(void)
{
    static const struct {
        double v;
        const char *text;
    } CASES[] = {
        {1e-6, "1e-06"},       {1e6, "1e+06"},
        {1000, "1000"},        {10000, "10000"}, /* a tie: the digits */
        {1e5, "1e+05"},        {0.1, "0.1"},
        {-2.5, "-2.5"},        {0, "0"},
        {2147483647.0, "2147483647"},
        {1.0 / 3.0, "0.3333333333333333"}, /* 16 digits read back */
        {123456789012345.0, "123456789012345"},
        {DBL_MAX, "1.7976931348623157e+308"},
        {5e-324, "5e-324"},
    };
    char buf[64];
    size_t i, bad = 0, longer = 0;
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        params_format_shortest(CASES[i].v, buf, sizeof buf);
        tap_ok(same(buf, CASES[i].text), "shortest text of %.17g: %s", CASES[i].v, CASES[i].text);
    }
    /* random finite doubles of every magnitude: the text reads back
     * exactly, and no %.Ng with a smaller N does */
    for (i = 0; i < 20000; i++) {
        double v, w;
        int prec;
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        memcpy(&v, &s, sizeof v);
        if (!isfinite(v)) continue;
        if (i % 4 == 0) v = (double)(int64_t)(s >> 20); /* integers too */
        params_format_shortest(v, buf, sizeof buf);
        w = strtod(buf, NULL);
        if (w != v) bad++;
        for (prec = 1; prec < 17; prec++) {
            char t[64];
            snprintf(t, sizeof t, "%.*g", prec, v);
            if (strtod(t, NULL) == v) break;
        }
        {
            char t[64];
            snprintf(t, sizeof t, "%.*g", prec, v);
            if (strlen(buf) > strlen(t)) longer++;
        }
    }
    tap_ok(bad == 0, "20000 random doubles: the text reads back to the same double (%zu do not)",
           bad);
    tap_ok(longer == 0, "and is never longer than the shortest %%.Ng that does (%zu are)", longer);
    params_format_real(1e6, buf, sizeof buf);
    tap_ok(same(buf, "1000000"), "params_format_real (keys, CSV) keeps integers in full");
}

static void test_messages(void)
{
    params_set ps;
    char err[512], buf[128];
    const int64_t list[] = {5, 2000};
    tap_ok(params_init(&ps, &FX.head, err, sizeof err) == 0, "params_init");
    tap_ok(params_set_real(&ps, "r", 2e6, err, sizeof err) == AMOR_EINVAL &&
               same(err, "parameter 'r' of problem 'fx' must be in [1e-06, 1e+06], got 2e+06"),
           "a real out of range: the range as [1e-06, 1e+06]");
    tap_ok(params_set_text(&ps, "r", "1e-7", err, sizeof err) == AMOR_EINVAL &&
               same(err, "parameter 'r' of problem 'fx' must be in [1e-06, 1e+06], got 1e-07"),
           "from text too");
    tap_ok(params_set_int(&ps, "seed", -1, err, sizeof err) == AMOR_EINVAL &&
               same(err, "parameter 'seed' of problem 'fx' must be in [0, 2147483647], got -1"),
           "an int out of range: its bounds in full");
    tap_ok(params_set_real(&ps, "seed", 0.1, err, sizeof err) == AMOR_EINVAL &&
               same(err, "parameter 'seed' of problem 'fx' must be an integer, got 0.1"),
           "a fraction for an int: the value as written, not 0.10000000000000001");
    tap_ok(params_set_list(&ps, "hidden", list, 2, err, sizeof err) == AMOR_EINVAL &&
               same(err, "parameter 'hidden' of problem 'fx': element 2 must be in [1, 1000], "
                         "got 2000"),
           "a list element out of range");
    params_format_range(&PARAMS[0], buf, sizeof buf);
    tap_ok(same(buf, "[1e-06, 1e+06]"), "params_format_range: [1e-06, 1e+06]");
    params_format_range(&PARAMS[3], buf, sizeof buf);
    tap_ok(same(buf, "[-1.7976931348623157e+308, 1.7976931348623157e+308]"),
           "params_format_range: the largest doubles, exactly");
    params_free(&ps);
}

int main(void)
{
    test_shortest();
    test_messages();
    return tap_done();
}
