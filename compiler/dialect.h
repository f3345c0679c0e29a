/*
 * compiler/dialect.h — what each target can store.
 *
 * The checks `cdcc check` needs to refuse a pipeline whose rows cannot fit its target:
 * numeric precision, string lengths, types without an equivalent, key sizes, name
 * lengths.  The answers come from the type mapping of `cdcc ddl` (compiler/sql.h).
 */
#ifndef CDC_DIALECT_H
#define CDC_DIALECT_H

#include "compiler/types.h"

typedef enum cdc_fit {
	CDC_FIT_OK,
	CDC_FIT_TOO_WIDE,        /* exceeds the target's limits */
	CDC_FIT_UNSUPPORTED,     /* no type of the target holds it exactly */
	CDC_FIT_UNBOUNDED        /* numeric without precision: a default precision applies */
} cdc_fit;

/* kind: one CDC_K_* target mask; key: the column is part of the merge key.  *why
 * explains a non-OK answer (static text). */
cdc_fit     cdc_dialect_fit(unsigned kind, cdc_type t, bool key, const char **why);
/* Does a merge key of these types fit the target's index limit?  *bytes: its size. */
bool        cdc_dialect_key_fits(unsigned kind, const cdc_type *types, int n, int *bytes);
/* Does the target compare column names without regard to case? */
bool        cdc_dialect_folds_names(unsigned kind);
/* Longest table or column name the target accepts, in bytes (0: no limit). */
int         cdc_dialect_name_max(unsigned kind);
const char *cdc_dialect_name(unsigned kind);

#endif
