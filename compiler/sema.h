/*
 * compiler/sema.h — semantic analysis: AST -> checked model.
 */
#ifndef CDC_SEMA_H
#define CDC_SEMA_H

#include "compiler/ast.h"
#include "compiler/diag.h"
#include "compiler/model.h"

/*
 * Resolves and checks a parsed file.  Every problem is reported to `diags`; the model
 * is returned even then (with the erroneous parts left out), so callers decide by
 * cdc_diag_errors() whether it can be used.
 */
cdc_model *cdc_sema_run(cdc_arena *a, const cdc_srcfile *f, cdc_diags *diags,
                        const cdc_node *root);
/* Whether source `src` captures table schema.name (schema NULL for sources without
 * schemas): its `tables` select it and its `exclude` does not. */
bool cdc_sema_selects(const struct cdc_source *src, const char *schema, const char *name);

/* The path of the pipeline's schema_lock, relative to the pipeline file's folder as the
 * option says (in the arena), or NULL without the option. */
const char *cdc_sema_lock_path(cdc_arena *a, const struct cdc_model *m);

/* The same with the schema lock at `lock` (a path as given) instead of the file's
 * schema_lock: the pipeline as it was when the sources had that schema. */
cdc_model *cdc_sema_run_lock(cdc_arena *a, const cdc_srcfile *f, cdc_diags *diags,
                             const cdc_node *root, const char *lock);

#endif
