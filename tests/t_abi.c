/*
 * t_abi.c -- pins the layout of every public struct of harness/amor.h on
 * this platform (LP64), so a layout change cannot slip in without an ABI
 * version bump; and checks the header's RNG against fixed reference values,
 * so plugins built anywhere reproduce the host's streams.
 */
#include <stddef.h>
#include <string.h>

#include "amor.h"
#include "tap.h"

#define PIN_SIZE(T, n) tap_ok(sizeof(T) == (n), "sizeof(" #T ") == " #n " (got %zu)", sizeof(T))
#define PIN_OFF(T, f, n) \
    tap_ok(offsetof(T, f) == (n), "offsetof(" #T ", " #f ") == " #n " (got %zu)", offsetof(T, f))

int main(void)
{
    if (sizeof(void *) != 8 || sizeof(size_t) != 8) tap_skip_all("layout pins are for LP64");

    tap_ok(AMOR_ABI_VERSION == 1 && AMOR_ABI_MINOR == 2, "ABI version 1.2");

    PIN_SIZE(amor_rng, 32);

    PIN_SIZE(amor_param_decl, 80);
    PIN_OFF(amor_param_decl, name, 0);
    PIN_OFF(amor_param_decl, type, 8);
    PIN_OFF(amor_param_decl, doc, 16);
    PIN_OFF(amor_param_decl, def, 24);
    PIN_OFF(amor_param_decl, def_string, 32);
    PIN_OFF(amor_param_decl, def_list, 40);
    PIN_OFF(amor_param_decl, def_list_len, 48);
    PIN_OFF(amor_param_decl, min, 56);
    PIN_OFF(amor_param_decl, max, 64);
    PIN_OFF(amor_param_decl, choices, 72);

    PIN_SIZE(amor_value, 40);
    PIN_OFF(amor_value, i, 0);
    PIN_OFF(amor_value, r, 8);
    PIN_OFF(amor_value, s, 16);
    PIN_OFF(amor_value, list, 24);
    PIN_OFF(amor_value, len, 32);

    PIN_SIZE(amor_plugin_head, 56);
    PIN_OFF(amor_plugin_head, abi_version, 0);
    PIN_OFF(amor_plugin_head, struct_size, 4);
    PIN_OFF(amor_plugin_head, kind, 8);
    PIN_OFF(amor_plugin_head, abi_minor, 12);
    PIN_OFF(amor_plugin_head, name, 16);
    PIN_OFF(amor_plugin_head, version, 24);
    PIN_OFF(amor_plugin_head, doc, 32);
    PIN_OFF(amor_plugin_head, params, 40);
    PIN_OFF(amor_plugin_head, num_params, 48);

    PIN_SIZE(amor_problem_desc, 240);
    PIN_OFF(amor_problem_desc, head, 0);
    PIN_OFF(amor_problem_desc, create, 56);
    PIN_OFF(amor_problem_desc, destroy, 64);
    PIN_OFF(amor_problem_desc, dims, 72);
    PIN_OFF(amor_problem_desc, sample, 80);
    PIN_OFF(amor_problem_desc, value, 88);
    PIN_OFF(amor_problem_desc, value_grad, 96);
    PIN_OFF(amor_problem_desc, hvp, 104);
    PIN_OFF(amor_problem_desc, solve, 112);
    PIN_OFF(amor_problem_desc, project, 120);
    PIN_OFF(amor_problem_desc, project_vjp, 128);
    PIN_OFF(amor_problem_desc, initial, 136);
    PIN_OFF(amor_problem_desc, dictionary, 144);
    PIN_OFF(amor_problem_desc, aux_dim, 152);
    PIN_OFF(amor_problem_desc, aux, 160);
    /* ABI 1.1 */
    PIN_OFF(amor_problem_desc, nx_model, 168);
    PIN_OFF(amor_problem_desc, sample_split, 176);
    PIN_OFF(amor_problem_desc, valid_value, 184);
    PIN_OFF(amor_problem_desc, valid_value_grad, 192);
    PIN_OFF(amor_problem_desc, valid_hvp, 200);
    PIN_OFF(amor_problem_desc, state_dim, 208);
    PIN_OFF(amor_problem_desc, solver_init, 216);
    PIN_OFF(amor_problem_desc, solver_step, 224);
    PIN_OFF(amor_problem_desc, residual, 232);

    PIN_SIZE(amor_oracle, 136);
    PIN_OFF(amor_oracle, struct_size, 0);
    PIN_OFF(amor_oracle, ctx, 8);
    PIN_OFF(amor_oracle, nx, 16);
    PIN_OFF(amor_oracle, ny, 24);
    PIN_OFF(amor_oracle, value, 32);
    PIN_OFF(amor_oracle, value_grad, 40);
    PIN_OFF(amor_oracle, hvp, 48);
    PIN_OFF(amor_oracle, project, 56);
    PIN_OFF(amor_oracle, project_vjp, 64);
    PIN_OFF(amor_oracle, dictionary, 72);
    PIN_OFF(amor_oracle, state_dim, 80);
    PIN_OFF(amor_oracle, solver_init, 88);
    PIN_OFF(amor_oracle, solver_step, 96);
    PIN_OFF(amor_oracle, residual, 104);
    PIN_OFF(amor_oracle, valid_value, 112);
    PIN_OFF(amor_oracle, valid_value_grad, 120);
    PIN_OFF(amor_oracle, valid_hvp, 128);

    PIN_SIZE(amor_env, 48);
    PIN_OFF(amor_env, struct_size, 0);
    PIN_OFF(amor_env, nx, 8);
    PIN_OFF(amor_env, ny, 16);
    PIN_OFF(amor_env, num_iterates, 24);
    PIN_OFF(amor_env, oracle, 32);
    PIN_OFF(amor_env, nx_context, 40);

    PIN_SIZE(amor_model_desc, 144);
    PIN_OFF(amor_model_desc, create, 56);
    PIN_OFF(amor_model_desc, destroy, 64);
    PIN_OFF(amor_model_desc, num_params, 72);
    PIN_OFF(amor_model_desc, num_iterates, 80);
    PIN_OFF(amor_model_desc, workspace_size, 88);
    PIN_OFF(amor_model_desc, init, 96);
    PIN_OFF(amor_model_desc, forward, 104);
    PIN_OFF(amor_model_desc, backward, 112);
    PIN_OFF(amor_model_desc, needs, 120);
    PIN_OFF(amor_model_desc, needs_for, 128);
    PIN_OFF(amor_model_desc, solver_policy, 136);

    PIN_SIZE(amor_loss_desc, 96);
    PIN_OFF(amor_loss_desc, create, 56);
    PIN_OFF(amor_loss_desc, destroy, 64);
    PIN_OFF(amor_loss_desc, needs, 72);
    PIN_OFF(amor_loss_desc, eval, 80);
    PIN_OFF(amor_loss_desc, needs_for, 88);

    tap_ok(AMOR_KIND_PROBLEM == 1 && AMOR_KIND_MODEL == 2 && AMOR_KIND_LOSS == 3,
           "kind codes are 1, 2, 3");
    tap_ok(AMOR_PARAM_INT == 1 && AMOR_PARAM_REAL == 2 && AMOR_PARAM_BOOL == 3 &&
               AMOR_PARAM_STRING == 4 && AMOR_PARAM_INT_LIST == 5,
           "parameter type codes are 1..5");
    tap_ok(AMOR_NEEDS_YSTAR == 1 && AMOR_NEEDS_GRAD == 2 && AMOR_NEEDS_VALUE == 4,
           "loss need bits");

    /* RNG reference stream: xoshiro256** seeded by splitmix64(42).  The
     * values come from an independent implementation (a few lines of Python
     * following Vigna's reference C code); any change to the generator
     * breaks them. */
    {
        amor_rng r;
        uint64_t first[3];
        double u, z;
        int k, inrange = 1;
        amor_rng_seed(&r, 42);
        for (k = 0; k < 3; k++) first[k] = amor_rng_next(&r);
        tap_ok(first[0] == UINT64_C(0x15780b2e0c2ec716) &&
                   first[1] == UINT64_C(0x6104d9866d113a7e) &&
                   first[2] == UINT64_C(0xae17533239e499a1),
               "xoshiro256** reference values for seed 42");
        tap_diag("first three: 0x%016llx 0x%016llx 0x%016llx", (unsigned long long)first[0],
                 (unsigned long long)first[1], (unsigned long long)first[2]);
        amor_rng_seed(&r, 7);
        for (k = 0; k < 100000; k++) {
            u = amor_rng_uniform(&r);
            inrange &= u >= 0.0 && u < 1.0;
        }
        tap_ok(inrange, "uniform draws lie in [0, 1)");
        {
            double s = 0, q = 0;
            amor_rng_seed(&r, 9);
            for (k = 0; k < 200000; k++) {
                z = amor_rng_normal(&r);
                s += z;
                q += z * z;
            }
            s /= 200000;
            q = q / 200000 - s * s;
            tap_close(s, 0.0, 0, 0.01, "normal draws have mean 0 (+-0.01, 200k draws)");
            tap_close(q, 1.0, 0, 0.02, "normal draws have variance 1 (+-0.02)");
        }
    }
    {
        char buf[16];
        int rc = amor_errorf(buf, sizeof buf, AMOR_EINVAL, "value %d is far too long", 12345);
        tap_ok(rc == AMOR_EINVAL && !strcmp(buf, "value 12345 is ") , "amor_errorf truncates and returns the code");
    }
    return tap_done();
}
