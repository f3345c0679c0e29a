/*
 * bench/decode_bench_ir.c — the pipeline of bench/decode_bench.c compiled as `cdcc run`
 * compiles a .cdc file: parse, sema, lowering, a literal credential refused.
 *
 * A file of its own because the compiler's model (compiler/model.h) and the runtime's
 * sources and targets (runtime/source.h, runtime/target.h) each define a struct
 * cdc_source and a struct cdc_target: one translation unit cannot see both, as in cdcc,
 * where compiler/cdcc.c hands the IR to runtime/run.c.
 */
#include "config.h"

#include "compiler/diag.h"
#include "compiler/ir.h"
#include "compiler/sema.h"
#include "compiler/srcfile.h"
#include "grammar/grammar.h"
#include "runtime/arena.h"

#include <stdio.h>

cdc_ir *decode_bench_compile(const char *path);

/* The IR, in an arena that lives as long as the process; NULL after printing why. */
cdc_ir *
decode_bench_compile(const char *path)
{
	cdc_arena *a = cdc_arena_new("compile");
	cdc_srcfile *f = cdc_srcfile_read(a, path);
	if (!f) {
		fprintf(stderr, "decode_bench: cannot read %s\n", path);
		cdc_arena_free(a);
		return NULL;
	}
	cdc_diags *d = cdc_diag_new(a, f);
	cdc_parse p = {0};
	p.arena = a;
	p.file = f;
	p.diags = d;
	cdc_parse_run(&p);
	cdc_model *m = p.syntax_errors ? NULL : cdc_sema_run(a, f, d, p.root);
	cdc_ir *ir = m && !cdc_diag_errors(d) ? cdc_ir_lower(a, d, m, f->text, f->len, true) : NULL;
	if (!ir || cdc_diag_errors(d)) {
		cdc_diag_style st = {false};
		cdc_diag_print_text(d, stderr, &st);
		fprintf(stderr, "decode_bench: %s does not compile\n", path);
		return NULL;
	}
	return ir;
}
