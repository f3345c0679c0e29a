/*
 * compiler/fmt.h — canonical formatting of .cdc files (`cdcc fmt`).
 *
 * The formatter prints the AST back with fixed layout rules — two-space indents, one
 * statement per line, `=` and column types aligned in runs of consecutive lines, SQL
 * keywords in upper case, block keywords in lower case — and re-inserts every comment
 * the lexer recorded, so formatting never loses a comment.  Output is a fixed point:
 * formatting formatted text changes nothing.
 */
#ifndef CDC_FMT_H
#define CDC_FMT_H

#include "compiler/ast.h"

struct cdc_buf;

/* Formats a whole parsed file (which must have no syntax errors). */
void cdc_fmt_file(struct cdc_buf *out, const cdc_parse *p);
/* Formats one expression on one line (rule names, messages, explain output). */
void cdc_fmt_expr(struct cdc_buf *out, const cdc_node *e);

#endif
