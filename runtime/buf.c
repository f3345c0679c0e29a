/*
 * runtime/buf.c — growable byte buffer.
 */
#include "runtime/buf.h"
#include "runtime/mem.h"

#include <stdio.h>
#include <string.h>

static void
reserve(cdc_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = cdc_mem_realloc(b->data, cap);
	b->cap = cap;
}

void
cdc_buf_put(cdc_buf *b, const void *p, size_t n)
{
	reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
cdc_buf_puts(cdc_buf *b, const char *s)
{
	cdc_buf_put(b, s, strlen(s));
}

void
cdc_buf_putc(cdc_buf *b, char c)
{
	reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
cdc_buf_pad(cdc_buf *b, char c, size_t n)
{
	reserve(b, n);
	memset(b->data + b->len, c, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
cdc_buf_vprintf(cdc_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
cdc_buf_printf(cdc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cdc_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
cdc_buf_truncate(cdc_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

const char *
cdc_buf_str(const cdc_buf *b)
{
	return b->data ? b->data : "";
}

void
cdc_buf_free(cdc_buf *b)
{
	cdc_mem_free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
cdc_buf_json_string(cdc_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	cdc_buf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		cdc_buf_put(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': cdc_buf_puts(b, "\\\""); break;
		case '\\': cdc_buf_puts(b, "\\\\"); break;
		case '\n': cdc_buf_puts(b, "\\n"); break;
		case '\r': cdc_buf_puts(b, "\\r"); break;
		case '\t': cdc_buf_puts(b, "\\t"); break;
		default: {
			char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			cdc_buf_put(b, u, 6);
		}
		}
	}
	cdc_buf_put(b, s + run, n - run);
	cdc_buf_putc(b, '"');
}
