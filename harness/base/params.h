/*
 * params.h -- parameter values of one plugin instance: defaults from the
 * plugin's declarations, validated setters (unknown names and out-of-range
 * values are errors that name the parameter), and a canonical text form used
 * for cell keys and CSV columns.
 */
#ifndef AMOR_PARAMS_H
#define AMOR_PARAMS_H

#include "amor.h"

typedef struct params_set {
    const amor_plugin_head *head;
    size_t n;           /* = head->num_params */
    amor_value *values; /* n entries, in declaration order, owned */
    unsigned char *set; /* n flags: 1 if set explicitly (not the default) */
} params_set;

/* Fill every value with its declared default.  Returns non-zero only when
 * allocation fails or a declaration itself is invalid (message in err). */
int params_init(params_set *ps, const amor_plugin_head *head, char *err,
                size_t errlen);
void params_free(params_set *ps);

/* Index of a declared parameter, or -1. */
long params_index(const amor_plugin_head *head, const char *name);

/* Validated setters.  Unknown name: "unknown parameter 'x' for <kind> '<name>'
 * (valid: a, b, c)".  Wrong type or out of range: the message names the
 * parameter, the value and the allowed range or choices. */
int params_set_int(params_set *ps, const char *name, int64_t v, char *err, size_t errlen);
int params_set_real(params_set *ps, const char *name, double v, char *err, size_t errlen);
int params_set_bool(params_set *ps, const char *name, int v, char *err, size_t errlen);
int params_set_string(params_set *ps, const char *name, const char *v, char *err, size_t errlen);
int params_set_list(params_set *ps, const char *name, const int64_t *v, size_t len,
                    char *err, size_t errlen);

/* Set a parameter from text, parsed by its declared type: INT and REAL as
 * numbers ("64", "1e-3"), BOOL as true/false (also 1/0, yes/no, on/off),
 * STRING as is, INT_LIST as comma-separated integers, optionally in braces
 * ("64,64", "{64, 64}", "" for the empty list).  Messages as the setters',
 * plus "parameter 'x' of <kind> '<name>' expects <type>, got 'text'". */
int params_set_text(params_set *ps, const char *name, const char *text,
                    char *err, size_t errlen);

/* Text of value i: "3", "0.001", "true", "relu", "64,64" (reals with %.17g
 * trimmed to the shortest round-trip form).  Returns buf. */
const char *params_format(const params_set *ps, size_t i, char *buf, size_t buflen);

/* "int", "real", "bool", "string", "int list". */
const char *params_type_name(uint32_t type);

/* The shortest text that reads back to exactly r, for people: the shortest
 * %.Ng (N = 1 .. 17), or an integer's digits when they are no longer:
 * "1e-06", "1e+06", "1000", "0.1", "2147483647", "1.7976931348623157e+308"
 * (%.17g would write 9.9999999999999995e-07 for 1e-6, %g 2.14748e+09 for
 * 2147483647).  buf: 32 bytes suffice. */
void params_format_shortest(double r, char *buf, size_t buflen);

/* As params_format_shortest, but integers below 1e15 in full ("1000000"):
 * the canonical text of cell keys and CSV columns (it must not change). */
void params_format_real(double r, char *buf, size_t buflen);

/* "[lo, hi]" of a numeric declaration's bounds, each as
 * params_format_shortest writes it: "[1e-06, 1e+06]". */
void params_format_range(const amor_param_decl *d, char *buf, size_t buflen);

#endif
