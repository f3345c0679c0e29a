/*
 * compiler/model.h — the checked pipeline.
 *
 * Sema turns the AST into this model: every name resolved, every pattern expanded to the
 * tables it selects, every option parsed, every expression typed (cdc_texpr), and per
 * table the ordered quality rules and transform steps with the resulting output row and
 * its routes to targets.  The IR is lowered from this; fmt and the grammar never see it.
 * Everything lives in the compile arena.  AST pointers are kept only for locations.
 */
#ifndef CDC_MODEL_H
#define CDC_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler/ast.h"
#include "compiler/options.h"
#include "compiler/types.h"
#include "runtime/program.h"
#include "runtime/hmap.h"
#include "stdlib/builtins.h"

typedef struct cdc_source cdc_source;
typedef struct cdc_target cdc_target;
typedef struct cdc_table  cdc_table;

/* ---- option values ---------------------------------------------------------------- */

typedef enum cdc_secret_kind { CDC_SECRET_NONE, CDC_SECRET_LITERAL, CDC_SECRET_ENV, CDC_SECRET_FILE } cdc_secret_kind;
typedef enum cdc_deletes { CDC_DELETES_HARD, CDC_DELETES_SOFT, CDC_DELETES_IGNORE } cdc_deletes;
typedef enum cdc_sortstyle { CDC_SORT_COMPOUND, CDC_SORT_INTERLEAVED } cdc_sortstyle;

typedef struct cdc_optval cdc_optval;
struct cdc_optval {
	const cdc_optdef *def;
	const cdc_node   *decl;    /* the OPTION or V_BLOCK node */
	const cdc_node   *value;   /* its value node */
	const char       *str;     /* STRING, ENUM word, secret literal / env name / file path,
	                              STAGING url */
	cdc_secret_kind   secret;  /* SECRET; STRING read from the environment: CDC_SECRET_ENV */
	int64_t           num;     /* INT; DURATION in microseconds (-1: off); SIZE in bytes */
	bool              flag;    /* BOOL */
	int               sub;     /* DELETES: cdc_deletes; SORTKEY: cdc_sortstyle */
	const cdc_node   *names;   /* TABLES: PATH list; COLUMNS/COLUMN/SORTKEY/DELETES: NAME list */
	cdc_optval      **nested;  /* BLOCK, STAGING: values indexed by cdc_optid, NULL if unset */
};

typedef cdc_optval *cdc_opts[CDC_OPT_COUNT];

/* ---- typed expressions ------------------------------------------------------------ */

typedef enum cdc_tx_kind {
	CDC_TX_CONST,     /* lit: CDC_LIT_*, text: literal text */
	CDC_TX_COL,       /* col: index into the row the expression reads */
	CDC_TX_UNARY,     /* op, args[0] */
	CDC_TX_BINARY,    /* op, args[0..1] */
	CDC_TX_IS,        /* op: CDC_IS_*, args[0] (and [1] for DISTINCT FROM) */
	CDC_TX_IN,        /* args[0] IN (args[1..]) */
	CDC_TX_BETWEEN,   /* args[0] BETWEEN args[1] AND args[2] */
	CDC_TX_LIKE,      /* op: CDC_OP_LIKE/ILIKE, args[0..1] */
	CDC_TX_CASE,      /* args: [operand] (when, then)* [else]; flags CDC_TXF_* */
	CDC_TX_CAST,      /* args[0] to type */
	CDC_TX_CALL       /* fn, args in parameter order (NULL for an omitted optional) */
} cdc_tx_kind;

#define CDC_TXF_NOT      0x1u  /* negated IS/IN/BETWEEN/LIKE */
#define CDC_TXF_OPERAND  0x2u  /* CASE with an operand */
#define CDC_TXF_ELSE     0x4u  /* CASE with ELSE */
#define CDC_TXF_CONST    0x8u  /* depends on no column and no event: foldable */

typedef struct cdc_texpr cdc_texpr;
struct cdc_texpr {
	cdc_tx_kind        kind;
	int                op;
	unsigned           flags;
	cdc_type           type;
	const cdc_node    *node;   /* for locations */
	int                col;
	int                lit;
	const char        *text;
	const cdc_builtin *fn;
	cdc_texpr        **args;
	int                nargs;
};

/* ---- tables, rules, steps --------------------------------------------------------- */

typedef struct cdc_column {
	const char     *name;
	cdc_type        type;
	bool            not_null;
	const cdc_node *decl;      /* COLUMN node, or the step that made it; NULL from a lock */
} cdc_column;

typedef struct cdc_rule {
	const char     *name;      /* the label, or the condition's text */
	cdc_action      action;
	cdc_texpr      *cond;
	const cdc_node *decl;      /* RULE node */
} cdc_rule;

typedef enum cdc_step_kind { CDC_STEP_ASSIGN, CDC_STEP_DROP, CDC_STEP_RENAME, CDC_STEP_FILTER } cdc_step_kind;

typedef struct cdc_step {
	cdc_step_kind   kind;
	const cdc_node *decl;
	int             col;       /* ASSIGN/RENAME/DROP: column index in the row before the step
	                              (ASSIGN: -1 when it adds a column) */
	const char     *name;      /* ASSIGN: column; RENAME: new name */
	cdc_texpr      *expr;      /* ASSIGN value, FILTER condition */
} cdc_step;

typedef struct cdc_route cdc_route;

struct cdc_table {
	cdc_source     *source;
	const char     *schema;    /* NULL for sources without schemas */
	const char     *name;
	const char     *display;   /* "shop.public.orders" */
	const char     *key;       /* lookup key in cdc_model.tables */
	cdc_column     *cols;      /* as captured */
	int             ncols;
	int            *pk;        /* indexes into cols */
	int             npk;
	const cdc_node *decl;      /* TABLE block, or NULL when only the lock has it */
	bool            in_lock;
	bool            captured;
	bool            checked;   /* rules and steps type-checked without error */

	cdc_rule      **rules;
	int             nrules, rules_cap;
	const cdc_node **step_nodes;   /* transform steps in application order */
	int             nstep_nodes, step_nodes_cap;
	cdc_step       *steps;
	int             nsteps;
	cdc_column     *out;       /* the row after the transform */
	int             nout;
	cdc_route     **routes;
	int             nroutes, routes_cap;
};

struct cdc_route {
	cdc_table      *table;
	cdc_target     *target;
	const char     *schema;    /* target table */
	const char     *name;
	const char     *display;   /* "dw.analytics.orders" */
	const cdc_node *decl;      /* the most specific MERGE block */
	cdc_opts        opts;      /* merged from every matching block, most specific wins */
	int            *key;       /* indexes into table->out */
	int             nkey;
	cdc_deletes     deletes;
	const char     *soft_column;
	bool            append;
	cdc_column     *cols;      /* the target table's columns: the transformed row, plus
	                              the soft-delete flag when the route has one */
	int             ncols;
};

struct cdc_source {
	const char      *name;
	const cdc_kind  *kind;
	const cdc_node  *decl;
	cdc_opts         opts;
	bool             schemas;   /* table paths have a schema part */
	bool             complete;  /* the schema lock lists every table of this source */
	const cdc_node  *include;   /* PATH list from `tables` */
	const cdc_node  *exclude;   /* PATH list from `exclude` */
};

struct cdc_target {
	const char     *name;
	const cdc_kind *kind;
	const cdc_node *decl;
	cdc_opts        opts;
};

/* ---- tests -------------------------------------------------------------------------- */

typedef struct cdc_tfield {
	int        col;            /* column index (given: in table->cols; expect: in ->out) */
	cdc_texpr *value;          /* constant */
} cdc_tfield;

typedef struct cdc_tchange {
	int             op;        /* CDC_CHG_* */
	cdc_tfield     *fields;
	int             nfields;
	const cdc_node *decl;
} cdc_tchange;

typedef struct cdc_tgiven {
	cdc_table      *table;
	cdc_tchange    *changes;
	int             nchanges;
	const char     *file;      /* given ... from "file": path relative to the pipeline */
	const cdc_node *decl;
} cdc_tgiven;

typedef struct cdc_texpect {
	int             kind;      /* CDC_EXP_* */
	cdc_route      *route;     /* ROWS */
	cdc_table      *table;     /* QUARANTINE */
	cdc_rule       *rule;      /* FAILURE */
	struct cdc_trow {
		cdc_rule       *rule;      /* quarantined rows: the rule, or NULL for "transform" */
		const char     *rule_name; /* quarantined rows: the rule's name, or "transform" */
		cdc_tfield     *fields;
		int             nfields;
		const cdc_node *decl;
	} *rows;
	int             nrows;
	const cdc_node *decl;
} cdc_texpect;

typedef struct cdc_test {
	const char     *name;
	cdc_tgiven     *given;
	int             ngiven;
	cdc_texpect    *expect;
	int             nexpect;
	const cdc_node *decl;
} cdc_test;

/* ---- the pipeline ----------------------------------------------------------------- */

typedef struct cdc_model {
	const char        *name;
	const cdc_node    *decl;
	cdc_opts           opts;
	const char        *dir;       /* folder of the pipeline file, for relative paths */
	cdc_source       **sources;
	int                nsources;
	cdc_target       **targets;
	int                ntargets;
	cdc_table        **tables;    /* every known table, captured or not, in order */
	int                ntables, tables_cap;
	cdc_hmap           table_map; /* key -> cdc_table */
	cdc_route        **routes;
	int                nroutes, routes_cap;
	cdc_test          *tests;
	int                ntests;
} cdc_model;

#endif
