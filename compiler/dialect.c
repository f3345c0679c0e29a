/*
 * compiler/dialect.c — target limits (Redshift, PostgreSQL, MySQL, lake files).
 *
 * Redshift: DECIMAL(p,s) p <= 38; VARCHAR(n) n <= 65535 bytes; CHAR(n) n <= 4096 bytes;
 * no INTERVAL that holds months and days together; TEXT is VARCHAR(256), so text maps to
 * VARCHAR(65535).  MySQL: DECIMAL p <= 65, s <= 30; no INTERVAL, no TIME WITH TIME ZONE.
 * PostgreSQL and the lake (JSON Lines/CSV text) hold every cdcc type.
 */
#include "compiler/dialect.h"
#include "compiler/options.h"

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

cdc_fit
cdc_dialect_fit(unsigned kind, cdc_type t, const char **why)
{
	*why = NULL;
	if (t.id == CDC_TY_ERROR)
		return CDC_FIT_OK;
	if (kind == CDC_K_REDSHIFT) {
		if (t.array)
			return CDC_FIT_OK;                 /* SUPER */
		switch (t.id) {
		case CDC_TY_NUMERIC:
			if (t.mod < 0) {
				*why = "it is stored as DECIMAL(38,10)";
				return CDC_FIT_UNBOUNDED;
			}
			if (t.mod > 38) {
				*why = "Redshift DECIMAL holds at most 38 digits";
				return CDC_FIT_TOO_WIDE;
			}
			return CDC_FIT_OK;
		case CDC_TY_VARCHAR:
			if (t.mod > 65535) {
				*why = "Redshift VARCHAR holds at most 65535 bytes";
				return CDC_FIT_TOO_WIDE;
			}
			return CDC_FIT_OK;
		case CDC_TY_CHAR:
			if (t.mod > 4096) {
				*why = "Redshift CHAR holds at most 4096 bytes";
				return CDC_FIT_TOO_WIDE;
			}
			return CDC_FIT_OK;
		case CDC_TY_INTERVAL:
			*why = "Redshift has no interval type that holds months and days together";
			return CDC_FIT_UNSUPPORTED;
		default:
			return CDC_FIT_OK;
		}
	}
	if (kind == CDC_K_TMYSQL) {
		if (t.array)
			return CDC_FIT_OK;                 /* JSON */
		switch (t.id) {
		case CDC_TY_NUMERIC:
			if (t.mod < 0) {
				*why = "it is stored as DECIMAL(65,30)";
				return CDC_FIT_UNBOUNDED;
			}
			if (t.mod > 65 || t.scale > 30) {
				*why = "MySQL DECIMAL holds at most 65 digits, 30 after the point";
				return CDC_FIT_TOO_WIDE;
			}
			return CDC_FIT_OK;
		case CDC_TY_INTERVAL:
			*why = "MySQL has no interval type";
			return CDC_FIT_UNSUPPORTED;
		case CDC_TY_TIMETZ:
			*why = "MySQL has no time with time zone";
			return CDC_FIT_UNSUPPORTED;
		default:
			return CDC_FIT_OK;
		}
	}
	return CDC_FIT_OK;
}
