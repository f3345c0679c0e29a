/*
 * tests/fuzz/fuzz_check.c — libFuzzer target for the whole front end.
 *
 * Each input is parsed, checked and, when it parses, formatted; the formatter must
 * produce text that parses again, checks to the same number of errors and warnings,
 * and formats to itself.  Diagnostics are printed (to /dev/null) in all three formats
 * so the printers run on hostile input too.  Any crash, sanitizer report or broken
 * property aborts.  `make fuzz` runs it; `make fuzz-smoke` runs a few thousand inputs.
 */
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/fmt.h"
#include "compiler/sema.h"
#include "grammar/grammar.h"
#include "runtime/arena.h"
#include "runtime/buf.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct result {
	unsigned syntax, errors, warnings;
} result;

static FILE *devnull;

static result
compile(cdc_arena *a, const char *text, size_t len, cdc_parse *p)
{
	cdc_srcfile *f = cdc_srcfile_from_mem(a, "fuzz.cdc", text, len);
	memset(p, 0, sizeof *p);
	p->arena = a;
	p->file = f;
	p->diags = cdc_diag_new(a, f);
	cdc_parse_run(p);
	if (p->syntax_errors == 0)
		cdc_sema_run(a, f, p->diags, p->root);
	cdc_diag_style st = {true};
	cdc_diag_print_text(p->diags, devnull, &st);
	cdc_diag_print_github(p->diags, devnull, &st);
	cJSON *arr = cJSON_CreateArray();
	cdc_diag_to_json(p->diags, arr, &st);
	cJSON_Delete(arr);
	return (result){p->syntax_errors, cdc_diag_errors(p->diags), cdc_diag_warnings(p->diags)};
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (size > 64 * 1024)
		return 0;
	cdc_arena *a = cdc_arena_new("fuzz");
	cdc_parse p1;
	result r1 = compile(a, (const char *)data, size, &p1);
	if (r1.syntax == 0 && memchr(data, '\0', size) == NULL) {
		cdc_buf f1 = CDC_BUF_INIT, f2 = CDC_BUF_INIT;
		cdc_fmt_file(&f1, &p1);
		cdc_parse p2;
		result r2 = compile(a, cdc_buf_str(&f1), f1.len, &p2);
		if (r2.syntax != 0) {
			fprintf(stderr, "fmt output does not parse:\n%s\n", cdc_buf_str(&f1));
			abort();
		}
		if (r2.errors != r1.errors || r2.warnings != r1.warnings) {
			fprintf(stderr, "fmt changed the diagnostics (%u/%u -> %u/%u):\n%s\n", r1.errors,
			        r1.warnings, r2.errors, r2.warnings, cdc_buf_str(&f1));
			abort();
		}
		cdc_fmt_file(&f2, &p2);
		if (f1.len != f2.len || memcmp(cdc_buf_str(&f1), cdc_buf_str(&f2), f1.len) != 0) {
			fprintf(stderr, "fmt is not idempotent:\n--- first\n%s\n--- second\n%s\n",
			        cdc_buf_str(&f1), cdc_buf_str(&f2));
			abort();
		}
		cdc_buf_free(&f1);
		cdc_buf_free(&f2);
	}
	cdc_arena_free(a);
	return 0;
}
