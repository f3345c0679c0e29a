/*
 * compiler/srcfile.h — a loaded .cdc (or lock) file and offset -> line:col mapping.
 *
 * The AST keeps byte offsets only (cdc_loc); lines and columns are computed when a
 * diagnostic is printed, so the lexer does not track them.
 */
#ifndef CDC_SRCFILE_H
#define CDC_SRCFILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct cdc_loc {
	uint32_t start;  /* byte offset of the first byte */
	uint32_t end;    /* byte offset one past the last byte */
} cdc_loc;

typedef struct cdc_srcfile {
	const char *path;        /* as given on the command line */
	const char *text;        /* contents, NUL-terminated */
	size_t      len;
	uint32_t   *line_starts; /* offset of each line's first byte */
	uint32_t    nlines;
} cdc_srcfile;

typedef struct cdc_arena cdc_arena;

/* Reads path into the arena.  Returns NULL and sets errno on failure. */
cdc_srcfile *cdc_srcfile_read(cdc_arena *a, const char *path);
/* Wraps text already in memory (fuzzing, tests, stdin). */
cdc_srcfile *cdc_srcfile_from_mem(cdc_arena *a, const char *path, const char *text, size_t len);

/* 1-based line and column; columns count Unicode code points, a tab counts as one. */
void cdc_srcfile_linecol(const cdc_srcfile *f, uint32_t off, uint32_t *line, uint32_t *col);
/* The text of a 1-based line without its newline. */
const char *cdc_srcfile_line(const cdc_srcfile *f, uint32_t line, size_t *len);

#endif
