/*
 * compiler/diag.h — diagnostics: collection, de-duplication and printing.
 *
 * Every problem found in a pipeline file becomes a cdc_diag with a stable code from
 * diag.def, a byte range in the file, a message, and optional note/help lines.  Passes
 * never print; the CLI prints the collected diagnostics, sorted by position, in one of
 * three formats (text for humans, json for tools, github for Actions annotations).
 */
#ifndef CDC_DIAG_H
#define CDC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "compiler/srcfile.h"

typedef enum cdc_severity { CDC_SEV_ERROR, CDC_SEV_WARNING } cdc_severity;

typedef enum cdc_diag_code {
#define CDC_DIAG(code, sev, title, doc) CDC_##code,
#include "compiler/diag.def"
#undef CDC_DIAG
	CDC_DIAG_COUNT
} cdc_diag_code;

typedef struct cdc_diag_info {
	const char  *code;   /* "E0304" */
	cdc_severity sev;
	const char  *title;
	const char  *doc;
} cdc_diag_info;

const cdc_diag_info *cdc_diag_info_of(cdc_diag_code c);
/* Looks a code up by its text ("E0304", case-insensitive); NULL if unknown. */
const cdc_diag_info *cdc_diag_find(const char *code);

typedef enum cdc_note_kind { CDC_NOTE, CDC_HELP } cdc_note_kind;

typedef struct cdc_note {
	cdc_note_kind         kind;
	bool                  has_loc;
	cdc_loc               loc;
	const char           *msg;
	struct cdc_note *next;
} cdc_note;

typedef struct cdc_diag {
	cdc_diag_code  code;
	cdc_loc        loc;
	const char    *msg;
	cdc_note *notes;
	cdc_note *last_note;
	unsigned       seq;     /* emission order, to keep the sort stable */
	unsigned       repeats; /* reports folded into this one: same problem, other subject */
	const char    *fold;    /* the message with its subjects blanked out */
	const char    *last;    /* the last message folded in, to drop its exact repeats */
	cdc_arena     *arena;   /* where notes are allocated: the sink's arena */
} cdc_diag;

typedef struct cdc_diags cdc_diags;

typedef enum cdc_diag_format { CDC_FMT_TEXT, CDC_FMT_JSON, CDC_FMT_GITHUB } cdc_diag_format;

cdc_diags *cdc_diag_new(cdc_arena *a, const cdc_srcfile *f);

/*
 * Reports a problem.  Returns the diagnostic so notes can be attached, or NULL when it
 * folds into an earlier one; notes on NULL are ignored, so callers need not test.
 *
 * Folding: a block that selects tables by pattern is checked once per table, and would
 * report one mistake 2,000 times.  While sema checks one table it names it (and the
 * target table) as the current subjects; a report with the same code, place and message
 * but for another subject is counted on the first one ("occurs N more times") instead
 * of printed.  An exact repeat is dropped.
 */
cdc_diag *cdc_diag_report(cdc_diags *d, cdc_diag_code code, cdc_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void cdc_diag_subjects(cdc_diags *d, const char *subject, const char *subject2);
void cdc_diag_note(cdc_diag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cdc_diag_note_at(cdc_diag *g, cdc_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cdc_diag_help(cdc_diag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Marks a byte range as secret: printed source lines show it as '*' (its first and last
 * byte, the quotes of a string literal, are kept). */
void cdc_diag_mask(cdc_diags *d, cdc_loc loc);

/* A file lists at most this many diagnostics; further ones are only counted. */
#define CDC_DIAG_MAX 200
unsigned cdc_diag_not_shown(const cdc_diags *d);

unsigned cdc_diag_errors(const cdc_diags *d);
/* Errors reported, folded repeats included: tells a pass whether its own check failed
 * even when the diagnostic was already there. */
unsigned cdc_diag_error_reports(const cdc_diags *d);
unsigned cdc_diag_warnings(const cdc_diags *d);
unsigned cdc_diag_count(const cdc_diags *d);
const cdc_diag *cdc_diag_at(const cdc_diags *d, unsigned i);   /* after cdc_diag_sort */
const cdc_srcfile *cdc_diag_file(const cdc_diags *d);

/* Sorts by position (stable).  Printing functions sort first. */
void cdc_diag_sort(cdc_diags *d);

typedef struct cdc_diag_style {
	bool color;   /* ANSI colours in text output */
} cdc_diag_style;

void cdc_diag_print_text(cdc_diags *d, FILE *out, const cdc_diag_style *st);
void cdc_diag_print_github(cdc_diags *d, FILE *out, const cdc_diag_style *st);
/* Appends one JSON object per diagnostic to `array` (a cJSON array). */
struct cJSON;
void cdc_diag_to_json(cdc_diags *d, struct cJSON *array, const cdc_diag_style *st);

#endif
