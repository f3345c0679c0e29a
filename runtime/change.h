/*
 * runtime/change.h — a change event read from JSON, as test data files and `cdcc eval`
 * give them, one per line:
 *
 *   {"op": "update", "row": {"id": 1, "amount": "10.50"},
 *    "before": {"id": 1, "amount": "10.00"},
 *    "position": "0/16B3748", "commit_time": "2024-05-01 12:00:00+00", "txid": 731}
 *
 * Only "op" and "row" are required.  Column values are read exactly: a JSON number keeps
 * all its digits (12345678901234567890 stays that), a string is read as the column's type
 * (as a literal of that type is), null is NULL; a json or jsonb column takes the JSON
 * value itself.  A column an update's or delete's row does not list is UNCHANGED: not
 * sent by the source.
 */
#ifndef CDC_CHANGE_H
#define CDC_CHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compiler/ir.h"
#include "runtime/vm.h"

typedef struct cdc_change {
	int          op;            /* CDC_EVOP_* */
	cdc_value   *row;           /* ncols values; UNCHANGED where the row does not list one */
	cdc_value   *before;        /* ncols values, or NULL without "before" */
	const char  *position;      /* NULL if not given */
	int64_t      commit_time;   /* timestamptz */
	bool         has_commit_time;
	int64_t      txid;
	bool         has_txid;
} cdc_change;

/*
 * Reads one change of a table with columns cols[0..ncols) from the JSON text s[0..n),
 * into the arena.  An insert or snapshot row is a whole row: the columns it does not
 * list are NULL.  On failure returns false with why saying what is wrong, naming the
 * column: `column "amount": 1O.00 is not a valid numeric(12,2): invalid input syntax`.
 */
bool cdc_change_from_json(cdc_arena *a, const cdc_ir_col *cols, int ncols, const char *s, size_t n,
                          cdc_change *out, char *why, size_t whylen);

/* Lines of change files that are not changes: blank, or starting with # (after blanks). */
bool cdc_change_line_skipped(const char *s, size_t n);

/* The operation named by word ("insert", "update", "delete", "snapshot"), or -1. */
int cdc_change_op(const char *word);

#endif
