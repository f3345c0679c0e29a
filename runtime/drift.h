/*
 * runtime/drift.h — what a run knows of its source tables' columns beyond what the
 * pipeline declares, and the run's IR grown by the columns the sources gained.
 *
 * A source table may have columns the pipeline does not declare (a table block may take
 * a subset on purpose), and it may gain, lose or retype columns while the pipeline runs.
 * To tell the two apart, each target records in its cdcc_columns table every column of
 * every captured table as the run first saw it (declared, or present and left out), and
 * later the columns that appeared, as added (to this target's tables) or ignored.  A
 * column the stream shows that no record knows is new: the merge's on_schema_change
 * decides (add, ignore, fail).  The records are read at every start, so a column added
 * while cdcc was stopped, or while it was behind, is still seen as new.
 *
 * A column added to a target becomes an input column of its table in the run's IR, after
 * the declared ones, and an output column after the program's, passed through unchanged
 * by the stage (stage.c); the routes whose policy is add take it, the others do not
 * (cdc_ir_route.nout).  The compiled IR is never changed: cdc_drift_ir builds a copy.
 */
#ifndef CDC_DRIFT_H
#define CDC_DRIFT_H

#include <stdbool.h>

#include "compiler/ir.h"

struct cdc_arena;

typedef enum cdc_drift_state {
	CDC_DRIFT_DECLARED,   /* declared by the pipeline */
	CDC_DRIFT_PRESENT,    /* in the source when first recorded, not declared: left out */
	CDC_DRIFT_ADDED,      /* appeared later; added to the target's tables */
	CDC_DRIFT_IGNORED,    /* appeared later; left out (on_schema_change = ignore) */
	CDC_DRIFT_NSTATES
} cdc_drift_state;

typedef struct cdc_drift_col {
	int         target;    /* whose record; -1: every target's, still to be written */
	int         table;     /* IR table */
	const char *name;
	const char *type;      /* the source's type, as cdcc reads it ("numeric(12,2)") */
	int         state;     /* cdc_drift_state */
	const char *missing;   /* ADDED: the value rows from before the column get (the
	                          source's attmissingval), in text form; NULL: NULL */
	bool        dirty;     /* to be written to the targets */
} cdc_drift_col;

typedef struct cdc_drift {
	struct cdc_arena *a;
	cdc_drift_col    *cols;
	int               n, cap;
} cdc_drift;

void cdc_drift_init(cdc_drift *d);
void cdc_drift_free(cdc_drift *d);

/* Forgets the records read from the targets, keeping the ones still to be written. */
void cdc_drift_forget(cdc_drift *d);

/* Adds or replaces the record of (target, table, name). */
void cdc_drift_put(cdc_drift *d, int target, int table, const char *name, const char *type, int state,
                   const char *missing, bool dirty);

/* The source's type of the column changed: every record of it says `type` now, to be
 * written. */
void cdc_drift_retype(cdc_drift *d, int table, const char *name, const char *type);

/* Every record is written. */
void cdc_drift_clean(cdc_drift *d);

/* Whether some record is still to be written. */
bool cdc_drift_dirty(const cdc_drift *d);

/* A record of the column in any target (the first found), or NULL. */
const cdc_drift_col *cdc_drift_find(const cdc_drift *d, int table, const char *name);

/* Whether any target has records of the table. */
bool cdc_drift_has_table(const cdc_drift *d, int table);

/* A target that has no record of the table while other targets do (a target added to
 * a pipeline that has run, or one whose route of the table is new): it takes theirs, to
 * be written — a column another target added or ignored is `added` to this one if
 * `adds` (one of its routes of the table says on_schema_change = add), else `ignored`.
 * False when it has records of the table already, or nobody has. */
bool cdc_drift_adopt(cdc_drift *d, int target, int table, bool adds);

/* Whether target `target` records the column as added. */
bool cdc_drift_added(const cdc_drift *d, int target, int table, const char *name);

/* Whether a record of the column for target `target` (or for every target) is still to
 * be written: what the run decided since the targets' records were read. */
bool cdc_drift_pending(const cdc_drift *d, int target, int table, const char *name);

/* A type's name as recorded ("numeric(12,2)") to the runtime's type; false when cdcc
 * does not read it (*why says why). */
bool cdc_drift_rtype(const char *type, cdc_rtype *out, const char **why);

const char *cdc_drift_state_name(int state);
int cdc_drift_state_parse(const char *word);   /* -1 when unknown */

/*
 * The IR a run uses: `base` when no target has added columns, else a copy (in `a`) whose
 * tables have the added columns after their own, in the order of the records, and whose
 * routes with on_schema_change = add into a target that added them take them before
 * their soft-delete flag.  *why says what is wrong when NULL is returned (a recorded
 * type cdcc does not read).
 */
const cdc_ir *cdc_drift_ir(struct cdc_arena *a, const cdc_ir *base, const cdc_drift *d, const char **why);

#endif
