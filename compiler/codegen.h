/*
 * compiler/codegen.h — from a checked table (model.h) to its program (runtime/program.h).
 */
#ifndef CDC_CODEGEN_H
#define CDC_CODEGEN_H

#include "compiler/diag.h"
#include "compiler/model.h"
#include "runtime/program.h"

/*
 * Compiles the quality rules and transform steps of a checked table into a program, in
 * the arena.  Literals are converted to their values now; one that cannot be (which sema
 * should have caught) is reported as E0413 and the result is NULL.
 */
cdc_program *cdc_cg_table(cdc_arena *a, cdc_diags *d, const cdc_table *t);

/* Evaluates a constant expression (test data: `amount = -5.00`, `date '2024-05-01'`) as
 * a value of type `as`; text lives in the arena.  On failure why says what went wrong. */
bool cdc_cg_eval_const(cdc_arena *a, const cdc_texpr *x, cdc_type as, cdc_value *out,
                       char *why, size_t whylen);

/* The runtime form of a compiler type. */
cdc_rtype cdc_cg_rtype(cdc_type t);

#endif
