/*
 * compiler/sema_int.h — shared state of the sema files (sema.c: declarations, tables and
 * routes; sema_opts.c: option values; sema_expr.c: expressions and per-table pipelines;
 * sema_test.c: test blocks).  Not for use outside compiler/sema*.c.
 */
#ifndef CDC_SEMA_INT_H
#define CDC_SEMA_INT_H

#include "compiler/sema.h"
#include "compiler/schemalock.h"
#include "runtime/arena.h"

typedef struct cdc_sema {
	cdc_arena         *arena;
	cdc_diags         *diags;
	const cdc_srcfile *file;
	cdc_model         *m;
	cdc_hmap           names;     /* source and target names -> declaring node */
	const char        *lock;      /* a schema lock to read instead of the file's, or NULL */
} cdc_sema;

/* Grows an arena array by doubling; the old block stays in the arena. */
#define SEMA_PUSH(s, arr, n, cap, item)                                             \
	do {                                                                            \
		if ((n) == (cap)) {                                                         \
			int cap2_ = (cap) ? (cap) * 2 : 8;                                      \
			void *p_ = cdc_arena_alloc((s)->arena, (size_t)cap2_ * sizeof *(arr));  \
			if (n)                                                                  \
				memcpy(p_, (arr), (size_t)(n) * sizeof *(arr));                     \
			(arr) = p_;                                                             \
			(cap) = cap2_;                                                          \
		}                                                                           \
		(arr)[(n)++] = (item);                                                      \
	} while (0)

/* sema_opts.c */
/* Checks the OPTION/V_BLOCK list `options` of a block against the option table; `what`
 * names the block in messages ("source \"shop\""), `where` locates missing options. */
void cdc_sema_options(cdc_sema *s, cdc_opt_block block, unsigned kinds, const char *what,
                      cdc_loc where, const cdc_node *options, cdc_opts out);
/* Registers string literals that hold secrets so snippets never print them. */
void cdc_sema_mask(cdc_sema *s, cdc_loc loc);

/* sema_expr.c */
typedef struct cdc_removed {
	const char         *name;
	const cdc_node     *step;     /* the DROP or RENAME that removed it */
	const char         *renamed;  /* RENAME: the new name */
	struct cdc_removed *next;
} cdc_removed;

typedef struct cdc_scope {
	const cdc_column *cols;       /* the row the expression reads */
	int               ncols;
	const cdc_table  *table;      /* for before(); its name for messages unless `where` */
	const char       *where;      /* names the row in messages: "dw.analytics.orders" */
	cdc_removed      *removed;    /* columns earlier steps dropped or renamed */
	bool              constant;   /* test values: no columns, no event functions */
} cdc_scope;

cdc_texpr  *cdc_sema_expr(cdc_sema *s, const cdc_scope *sc, const cdc_node *e);
bool        cdc_sema_literal_fits(cdc_sema *s, const cdc_texpr *x, cdc_type to, bool numbers);
cdc_texpr  *cdc_sema_cond(cdc_sema *s, const cdc_scope *sc, const cdc_node *e, const char *what);
int         cdc_sema_find_column(const cdc_column *cols, int n, const char *key);
void        cdc_sema_unknown_column(cdc_sema *s, const cdc_scope *sc, const cdc_node *name,
                                    const char *verb);
void        cdc_sema_table_pipeline(cdc_sema *s, cdc_table *t);
cdc_type    cdc_sema_type(cdc_sema *s, const cdc_node *type_node);
const char *cdc_sema_type_str(cdc_sema *s, cdc_type t);
const char *cdc_sema_node_text(cdc_sema *s, const cdc_node *n);

/* sema_test.c */
void cdc_sema_tests(cdc_sema *s, const cdc_node *root);

/* sema.c */
const char *cdc_sema_qpath(cdc_sema *s, const cdc_node *path);
cdc_table *cdc_sema_exact_table(cdc_sema *s, const cdc_node *path, const char *what);
cdc_route *cdc_sema_find_route(cdc_sema *s, const cdc_node *path);

#endif
