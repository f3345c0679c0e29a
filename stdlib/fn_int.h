/*
 * stdlib/fn_int.h — helpers shared by the builtin implementations (stdlib/fn_*.c).
 * Not for use outside stdlib/.
 */
#ifndef CDC_FN_INT_H
#define CDC_FN_INT_H

#include <stdbool.h>
#include <string.h>

#include "runtime/arena.h"
#include "runtime/program.h"
#include "runtime/typeids.h"
#include "runtime/value.h"
#include "runtime/vm.h"
#include "stdlib/builtins.h"

#define ARGS const cdc_value *args
#define FN(name) bool name(cdc_vm *vm, const cdc_call *call, ARGS, cdc_value *out)
#define PRESENT(i) ((call->present >> (i)) & 1)
#define UNUSED (void)vm, (void)call, (void)args

/* A text value whose bytes live in the event arena. */
static inline cdc_value
fn_text(cdc_vm *vm, const char *p, size_t n)
{
	char *q = cdc_arena_alloc(vm->arena, n + 1);
	if (n)
		memcpy(q, p, n);
	q[n] = '\0';
	return cdc_val_text(q, n);
}

/* A NUL-terminated copy of a text argument, for C APIs. */
static inline char *
fn_cstr(cdc_vm *vm, cdc_value v)
{
	char *q = cdc_arena_alloc(vm->arena, (size_t)v.u.s.len + 1);
	if (v.u.s.len)
		memcpy(q, v.u.s.p, v.u.s.len);
	q[v.u.s.len] = '\0';
	return q;
}

/* UTF-8: length of the character at s (input is valid UTF-8). */
static inline size_t
fn_u8len(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
}

size_t fn_utf8_chars(const char *s, size_t n);
/* Byte offset of character number `k` (0-based), or n past the end. */
size_t fn_utf8_offset(const char *s, size_t n, size_t k);

#endif
