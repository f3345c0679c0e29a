/*
 * compiler/options.h — source/target kinds and the option schema of every block.
 */
#ifndef CDC_OPTIONS_H
#define CDC_OPTIONS_H

#include <stdbool.h>

/* Kinds, as bits so an option can name the kinds it applies to. */
#define CDC_K_POSTGRES  0x001u  /* sources */
#define CDC_K_MYSQL     0x002u
#define CDC_K_KINESIS   0x004u
#define CDC_K_DYNAMODB  0x008u
#define CDC_K_FILES     0x010u
#define CDC_K_REDSHIFT  0x020u  /* targets */
#define CDC_K_TPOSTGRES 0x040u
#define CDC_K_TMYSQL    0x080u
#define CDC_K_S3        0x100u
#define CDC_K_TFILES    0x200u
#define CDC_K_ANY       0x3FFu

typedef struct cdc_kind {
	const char *name;
	unsigned    mask;
	bool        target;
	bool        schemas;  /* sources: table paths have a schema part */
	bool        database; /* targets: a database with tables (vs a file lake) */
} cdc_kind;

const cdc_kind *cdc_kind_find(const char *name, bool target);
/* Kind names of sources (target=false) or targets, NULL-terminated. */
const char *const *cdc_kind_names(bool target);
/* "redshift targets", "postgres and mysql sources" — for messages and docs. */
const char *cdc_kind_list(unsigned mask, char *buf, unsigned n);

typedef enum cdc_opt_block {
	CDC_OB_PIPELINE, CDC_OB_SOURCE, CDC_OB_TARGET, CDC_OB_MERGE, CDC_OB_BATCH, CDC_OB_STAGING
} cdc_opt_block;

typedef enum cdc_vkind {
	CDC_V_STRING,        /* "text", or env("NAME") read when the pipeline starts */
	CDC_V_LITERAL,       /* "text" only: needed while checking */
	CDC_V_SECRET,        /* "text", env("NAME") or file("path") */
	CDC_V_INT,           /* 123 */
	CDC_V_BOOL,          /* true | false */
	CDC_V_DURATION,      /* 10s */
	CDC_V_DURATION_OFF,  /* 10s | off */
	CDC_V_SIZE,          /* 64MB */
	CDC_V_ENUM,          /* one word of `choices` */
	CDC_V_TABLES,        /* [schema.table, schema.pattern_%] */
	CDC_V_COLUMNS,       /* (a, b) or a */
	CDC_V_COLUMN,        /* a */
	CDC_V_DELETES,       /* hard | ignore | soft | soft(col) */
	CDC_V_SORTKEY,       /* (a, b) | compound(a, b) | interleaved(a, b) */
	CDC_V_STAGING,       /* s3("s3://bucket/prefix/", region = ..., iam_role = ...) */
	CDC_V_BLOCK,         /* name { options } */
	CDC_V_ENCODE         /* encode { column = encoding ... } (Redshift compression) */
} cdc_vkind;

typedef enum cdc_optid {
#define CDC_OPT(id, block, name, kinds, value, choices, req, dflt, doc) CDC_OPT_##id,
#include "compiler/options.def"
#undef CDC_OPT
	CDC_OPT_COUNT
} cdc_optid;

typedef struct cdc_optdef {
	cdc_optid     id;
	cdc_opt_block block;
	const char   *name;
	unsigned      kinds;
	cdc_vkind     vkind;
	const char   *choices;   /* ENUM: "a|b|c" */
	bool          required;
	const char   *dflt;
	const char   *doc;
} cdc_optdef;

const cdc_optdef *cdc_opt_def(cdc_optid id);
const char       *cdc_opt_block_name(cdc_opt_block b);
const char       *cdc_vkind_name(cdc_vkind v);
/* True if word is one of the '|'-separated choices. */
bool              cdc_opt_choice_ok(const cdc_optdef *d, const char *word);

#endif
