/*
 * compiler/ir.h — the pipeline as the runtime runs it.
 *
 * The IR is what `cdcc build` writes into a plan (compiler/plan.c) and what the runtime,
 * `cdcc test`, `cdcc eval` and `cdcc explain` read.  It is the pipeline graph —
 *
 *     sources -> per-table streams -> quality rules -> transform -> routes -> targets
 *
 * — with, per table, one compiled program (runtime/program.h) that runs the table's
 * quality rules and transform steps on a change.  Sema's model lowers to it
 * (cdc_ir_lower); nothing downstream of the IR looks at the AST or the model, so a plan
 * loaded from disk and one lowered in memory are interchangeable.
 *
 * The IR holds no secret.  Options that hold credentials are kept as references:
 * env("NAME") and file("path") are stored as such and read when the pipeline starts; a
 * literal credential is refused by cdc_ir_lower for a plan (E0901) and hidden otherwise.
 *
 * Everything lives in one arena: the compile arena, or the plan arena of a loaded plan.
 */
#ifndef CDC_IR_H
#define CDC_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/program.h"
#include "runtime/value.h"

typedef struct cdc_arena cdc_arena;

/* An option as the runtime needs it: its dotted name ("dsn", "batch.rows",
 * "staging.iam_role"), and its value. */
typedef enum cdc_ir_vkind {
	CDC_IRV_STR,        /* str */
	CDC_IRV_INT,        /* num; durations in microseconds (-1: off), sizes in bytes */
	CDC_IRV_BOOL,       /* num 0 or 1 */
	CDC_IRV_ENV,        /* str: the environment variable to read at start */
	CDC_IRV_FILE,       /* str: the file to read at start (relative to the plan's folder) */
	CDC_IRV_LIST        /* list: names or patterns */
} cdc_ir_vkind;

typedef struct cdc_ir_opt {
	const char   *name;
	uint8_t       kind;    /* cdc_ir_vkind */
	const char   *str;
	int64_t       num;
	const char  **list;
	int           nlist;
} cdc_ir_opt;

typedef struct cdc_ir_opts {
	cdc_ir_opt *v;
	int         n;
} cdc_ir_opts;

typedef struct cdc_ir_source {
	const char *name;
	const char *kind;      /* "postgres", "mysql", "kinesis", "dynamodb", "files" */
	bool        schemas;   /* table paths have a schema part */
	cdc_ir_opts opts;      /* tables and exclude are LIST options */
	uint32_t    line;
} cdc_ir_source;

typedef struct cdc_ir_target {
	const char *name;
	const char *kind;      /* "redshift", "postgres", "mysql", "s3", "files" */
	cdc_ir_opts opts;
	uint32_t    line;
} cdc_ir_target;

typedef struct cdc_ir_col {
	const char *name;
	cdc_rtype   type;
	bool        not_null;
	const char *origin;    /* output columns: the assigned expression as `cdcc fmt`
	                          prints it; NULL for a captured column passed through */
	uint32_t    line;      /* where the column is declared or assigned; 0: schema lock */
} cdc_ir_col;

typedef enum cdc_ir_deletes { CDC_IR_DEL_HARD, CDC_IR_DEL_SOFT, CDC_IR_DEL_IGNORE } cdc_ir_deletes;
typedef enum cdc_ir_drift { CDC_IR_DRIFT_ADD, CDC_IR_DRIFT_IGNORE, CDC_IR_DRIFT_FAIL } cdc_ir_drift;

/* A route: one table merged (or appended) into one target table. */
typedef struct cdc_ir_route {
	int          target;   /* index in cdc_ir.targets */
	const char  *schema;   /* target table; NULL for targets without schemas */
	const char  *name;
	bool         append;   /* every change is a new row (mode = append, s3, files) */
	uint8_t      deletes;  /* cdc_ir_deletes */
	uint8_t      drift;    /* cdc_ir_drift */
	int         *key;      /* indexes into the table's output row */
	int          nkey;
	int          soft;     /* soft deletes: index of the flag in cols, else -1 */
	cdc_ir_col  *cols;     /* the target table's columns: the output row (+ the flag) */
	int          ncols;
	int          nout;     /* cols[0..nout) are the output row's first nout columns: all of
	                          them, except in a run where the source gained columns that
	                          this route ignores (runtime/drift.h) */
	cdc_ir_opts  opts;     /* diststyle, distkey, sortkey, sortkey_style */
	uint32_t     line;     /* the merge block */
} cdc_ir_route;

typedef struct cdc_ir_table {
	int            source;  /* index in cdc_ir.sources */
	const char    *schema;  /* NULL for sources without schemas */
	const char    *name;
	const char    *display; /* "shop.public.orders" */
	cdc_ir_col    *cols;    /* as captured: the program's inputs */
	int            ncols;
	int           *pk;      /* indexes into cols */
	int            npk;
	cdc_ir_col    *out;     /* after the transform: the program's outputs */
	int            nout;
	cdc_program   *prog;
	cdc_ir_route  *routes;
	int            nroutes;
	uint32_t       line;    /* the table block; 0 when only the schema lock has it */
} cdc_ir_table;

typedef struct cdc_ir {
	const char     *pipeline;
	const char     *file;        /* the pipeline file's name (no folder) */
	char            sha256[65];  /* of the pipeline file's bytes, hex */
	cdc_ir_opts     opts;
	cdc_ir_source  *sources;
	int             nsources;
	cdc_ir_target  *targets;
	int             ntargets;
	cdc_ir_table   *tables;      /* captured tables only, in the model's order */
	int             ntables;
} cdc_ir;

struct cdc_model;
struct cdc_diags;

/*
 * Lowers a checked model (no errors) into the arena.  `text`/`len` are the pipeline
 * file's bytes, hashed into the header.  For a plan (`plan` true) a literal credential
 * is an error (E0901) and the result NULL; in memory it is replaced by a placeholder, so
 * nothing printed from the IR can show it.
 */
cdc_ir *cdc_ir_lower(cdc_arena *a, struct cdc_diags *d, const struct cdc_model *m,
                     const char *text, size_t len, bool plan);

/* The table of a source-qualified display name ("shop.public.orders"), or NULL. */
const cdc_ir_table *cdc_ir_find_table(const cdc_ir *ir, const char *display);
/* An option by dotted name, or NULL. */
const cdc_ir_opt *cdc_ir_opt_get(const cdc_ir_opts *o, const char *name);
/* "dw.analytics.orders": target name, schema, table. */
const char *cdc_ir_route_display(cdc_arena *a, const cdc_ir *ir, const cdc_ir_route *r);

const char *cdc_ir_deletes_name(int d);
const char *cdc_ir_drift_name(int d);

#endif
