/*
 * compiler/dialect.h — what each target can store.
 *
 * The checks `cdcc check` needs to refuse a pipeline whose rows cannot fit its target:
 * numeric precision, string lengths, types without an equivalent, name lengths.  The
 * full type mapping used to generate DDL builds on this table.
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

/* kind: one CDC_K_* target mask.  *why explains a non-OK answer (static text). */
cdc_fit     cdc_dialect_fit(unsigned kind, cdc_type t, const char **why);
/* Longest table or column name the target accepts, in bytes (0: no limit). */
int         cdc_dialect_name_max(unsigned kind);
const char *cdc_dialect_name(unsigned kind);

#endif
