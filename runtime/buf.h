/*
 * runtime/buf.h — growable byte buffer on the heap.
 *
 * Used to build output text (diagnostics, formatted files, SQL) and, later, staging
 * rows.  The buffer is always NUL-terminated so data can be printed directly.
 */
#ifndef CDC_BUF_H
#define CDC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cdc_buf {
	char  *data;  /* NUL-terminated once anything was written; NULL before */
	size_t len;   /* bytes written, excluding the terminator */
	size_t cap;   /* bytes allocated */
} cdc_buf;

#define CDC_BUF_INIT {NULL, 0, 0}

void cdc_buf_put(cdc_buf *b, const void *p, size_t n);
void cdc_buf_puts(cdc_buf *b, const char *s);
void cdc_buf_putc(cdc_buf *b, char c);
void cdc_buf_pad(cdc_buf *b, char c, size_t n);       /* n copies of c */
void cdc_buf_printf(cdc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cdc_buf_vprintf(cdc_buf *b, const char *fmt, va_list ap);
void cdc_buf_truncate(cdc_buf *b, size_t len);
/* s (UTF-8) as a JSON string, quoted and escaped. */
void cdc_buf_json_string(cdc_buf *b, const char *s, size_t n);
const char *cdc_buf_str(const cdc_buf *b);            /* "" for an empty buffer */
void cdc_buf_free(cdc_buf *b);

#endif
