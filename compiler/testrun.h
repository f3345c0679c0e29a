/*
 * compiler/testrun.h — `cdcc test`: running a pipeline's test blocks offline.
 *
 * Each test starts from empty targets.  Its given changes go, in order, through the same
 * quality and transform stage the runtime uses (runtime/stage.c), and the routes are
 * applied to in-memory target tables the way the merge targets apply them: per key, the
 * last write wins, a delete removes the row (or sets the soft-delete flag, or is
 * ignored), an appending route keeps every change.  Then the expectations are compared:
 * the complete set of rows of each expected target table, the quarantined rows of each
 * expected table, the rule the pipeline stopped on.
 */
#ifndef CDC_TESTRUN_H
#define CDC_TESTRUN_H

#include <stdbool.h>
#include <stdio.h>

#include "compiler/ir.h"
#include "compiler/model.h"

/* Tests never read the real environment, so they run the same everywhere and no
 * secret is needed (or used) in CI: env("NAME") is the value given with --env
 * NAME=VALUE, else the placeholder "cdcc-test-NAME". */
typedef struct cdc_testrun_opts {
	const char         *only;      /* run only the test of this name, or NULL */
	bool                verbose;   /* also show what each passing test did */
	const char *const  *env;       /* "NAME=VALUE" strings */
	int                 nenv;
} cdc_testrun_opts;

typedef struct cdc_testrun_result {
	int run, passed, failed;
} cdc_testrun_result;

/* Runs the tests of model m (whose IR is ir); prints a line per test, and for a failing
 * one what differs, to out.  `src` maps lines for messages. */
cdc_testrun_result cdc_testrun(const cdc_model *m, const cdc_ir *ir, const cdc_srcfile *src,
                               const cdc_testrun_opts *o, FILE *out);

#endif
