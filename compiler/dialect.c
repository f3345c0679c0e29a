/*
 * compiler/dialect.c — what each target can store, for `cdcc check`.
 *
 * The answers come from the type mapping that `cdcc ddl` writes (compiler/sql.c and the
 * dialect emitters), so that the types a pipeline checks with are the types its DDL
 * has.  (`cdcc ddl` refuses a few more things that only matter to one dialect's catalog:
 * names Athena cannot read, two lakes writing one Athena table.)  The lake (s3 and files targets: JSON Lines or CSV
 * text) holds every cdcc type.
 */
#include "compiler/dialect.h"
#include "compiler/options.h"
#include "compiler/sql.h"
#include "runtime/buf.h"
#include "runtime/mem.h"

#include <stddef.h>

const char *
cdc_dialect_name(unsigned kind)
{
	switch (kind) {
	case CDC_K_REDSHIFT: return "Redshift";
	case CDC_K_TPOSTGRES: return "PostgreSQL";
	case CDC_K_TMYSQL: return "MySQL";
	case CDC_K_S3: return "the s3 lake";
	default: return "the files lake";
	}
}

int
cdc_dialect_name_max(unsigned kind)
{
	switch (kind) {
	case CDC_K_REDSHIFT: return 127;
	case CDC_K_TPOSTGRES: return 63;
	case CDC_K_TMYSQL: return 64;
	default: return 0;
	}
}

/* The SQL dialect of a database target kind; false for the lake. */
static bool
sql_dialect(unsigned kind, cdc_dialect *d)
{
	switch (kind) {
	case CDC_K_REDSHIFT: *d = CDC_DIALECT_REDSHIFT; return true;
	case CDC_K_TPOSTGRES: *d = CDC_DIALECT_POSTGRES; return true;
	case CDC_K_TMYSQL: *d = CDC_DIALECT_MYSQL; return true;
	default: return false;
	}
}

static cdc_rtype
rtype(cdc_type t)
{
	cdc_rtype r = {t.id, t.array, t.scale, t.mod};
	return r;
}

cdc_fit
cdc_dialect_fit(unsigned kind, cdc_type t, bool key, const char **why)
{
	cdc_dialect d;
	*why = NULL;
	if (t.id == CDC_TY_ERROR || !sql_dialect(kind, &d))
		return CDC_FIT_OK;
	cdc_buf b = CDC_BUF_INIT;
	cdc_fit fit = cdc_sql_type(&b, d, rtype(t), key, why);
	cdc_buf_free(&b);
	return fit;
}

bool
cdc_dialect_key_fits(unsigned kind, const cdc_type *types, int n, int *bytes)
{
	cdc_dialect d;
	*bytes = 0;
	if (!sql_dialect(kind, &d) || n <= 0)
		return true;
	cdc_rtype *rt = cdc_mem_alloc((size_t)n * sizeof *rt);
	for (int i = 0; i < n; i++)
		rt[i] = rtype(types[i]);
	bool fits = cdc_sql_key_fits(d, rt, n, bytes);
	cdc_mem_free(rt);
	return fits;
}

bool
cdc_dialect_folds_names(unsigned kind)
{
	/* Redshift folds identifiers to lower case (quoted ones too, unless the cluster sets
	 * enable_case_sensitive_identifier); MySQL column names ignore case.  The lake keeps
	 * names as they are (cdcc ddl --dialect athena reports what Athena cannot read). */
	return kind == CDC_K_REDSHIFT || kind == CDC_K_TMYSQL;
}
