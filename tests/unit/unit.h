/*
 * tests/unit/unit.h — helpers shared by the Check unit tests: compile a snippet,
 * find diagnostics, print expressions as S-expressions.
 */
#ifndef CDC_UNIT_H
#define CDC_UNIT_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/model.h"
#include "compiler/sema.h"
#include "grammar/grammar.h"
#include "runtime/arena.h"
#include "runtime/buf.h"

typedef struct tunit {
	cdc_arena   *a;
	cdc_srcfile *f;
	cdc_diags   *d;
	cdc_parse    p;
	cdc_model   *m;
} tunit;

/* Parses `src` (named `path` for relative lock paths) and, if it parsed, runs sema. */
static inline void
tu_compile_as(tunit *u, const char *path, const char *src, bool sema)
{
	memset(u, 0, sizeof *u);
	u->a = cdc_arena_new("test");
	u->f = cdc_srcfile_from_mem(u->a, path, src, strlen(src));
	u->d = cdc_diag_new(u->a, u->f);
	u->p.arena = u->a;
	u->p.file = u->f;
	u->p.diags = u->d;
	cdc_parse_run(&u->p);
	if (sema && u->p.syntax_errors == 0)
		u->m = cdc_sema_run(u->a, u->f, u->d, u->p.root);
}

static inline void
tu_compile(tunit *u, const char *src)
{
	tu_compile_as(u, "test.cdc", src, true);
}

static inline void
tu_free(tunit *u)
{
	cdc_arena_free(u->a);
}

/* Number of diagnostics with this code. */
static inline int
tu_count(tunit *u, cdc_diag_code c)
{
	int n = 0;
	cdc_diag_sort(u->d);
	for (unsigned i = 0; i < cdc_diag_count(u->d); i++)
		n += cdc_diag_at(u->d, i)->code == c;
	return n;
}

/* All diagnostics as "CODE:line:col message" lines, for failure messages. */
static inline const char *
tu_dump(tunit *u)
{
	cdc_buf b = CDC_BUF_INIT;
	cdc_diag_sort(u->d);
	for (unsigned i = 0; i < cdc_diag_count(u->d); i++) {
		const cdc_diag *g = cdc_diag_at(u->d, i);
		uint32_t line, col;
		cdc_srcfile_linecol(u->f, g->loc.start, &line, &col);
		cdc_buf_printf(&b, "%s:%u:%u %s\n", cdc_diag_info_of(g->code)->code, line, col, g->msg);
	}
	const char *r = cdc_arena_strdup(u->a, cdc_buf_str(&b));
	cdc_buf_free(&b);
	return r;
}

#define ck_clean(u) ck_assert_msg(cdc_diag_errors((u)->d) == 0, "unexpected errors:\n%s", tu_dump(u))

#endif
