/*
 * proxquad.h -- what t_imaml.c and t_step_shapes.c share: the quadratic
 * (dim 3, cond 5) they run unroll_gd on and its proximal settings.
 */
#ifndef AMOR_TEST_PROXQUAD_H
#define AMOR_TEST_PROXQUAD_H

#include "plugtest.h"

#define LAMBDA 0.5 /* the proximal weight of the quadratic checks (not 1, so a lost factor shows) */
#define QDIM 3     /* their dimension */

/* *p = quadratic dim 3 cond 5, wrapped in place (the oracle points into it) */
static inline void quad_open(pt_prob *p)
{
    *p = pt_prob_openv("quadratic", NULL, "dim", (double)QDIM, "cond", 5.0, NULL);
    pt_prob_wrap(p);
}

/* Settings of the quadratic checks into s (room for 12): K steps of 0.25 on
 * f + LAMBDA/2 |y - y0|^2, whose contraction max |1 - 0.25 (eig(A) + 0.5)|
 * = 0.625 over eig(A) in [1, 5] leaves 0.625^K of the start (4e-21 at K =
 * 100). */
static inline size_t quad_set(pt_setting *s, const char *init, const char *grad, int K)
{
    size_t k = 0;
    s[k++] = (pt_setting)PT_STR("init", init);
    s[k++] = (pt_setting)PT_LIST("hidden", pt_h5);
    s[k++] = (pt_setting)PT_INT("steps", K);
    s[k++] = (pt_setting)PT_REAL("step0", 0.25);
    s[k++] = (pt_setting)PT_BOOL("learn_steps", 0);
    s[k++] = (pt_setting)PT_STR("grad", grad);
    s[k++] = (pt_setting)PT_REAL("lambda", LAMBDA);
    s[k++] = (pt_setting)PT_INT("cg_steps", 10);
    return k;
}


#endif
