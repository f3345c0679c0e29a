/*
 * runtime/vm.c — the interpreter.
 *
 * One loop over the instructions of one program, dispatched through VM_CASE/VM_NEXT:
 * computed goto where the compiler has it (configure defines HAVE_COMPUTED_GOTO), a
 * switch otherwise.  Each case is documented by opcodes.def; the comments here say only
 * what is not obvious.  A failure (overflow, division by zero, a bad cast) stops the
 * program with CDC_VM_ERROR and the failing instruction; the caller decides what that
 * means for the row (cdc_vm_segment tells the rule or step).
 */
#include "config.h"

#include "runtime/vm.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/mem.h"
#include "runtime/datetime.h"
#include "runtime/numeric.h"
#include "runtime/typeids.h"
#include "stdlib/builtins.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

void
cdc_vm_init(cdc_vm *vm, cdc_arena *event_arena)
{
	memset(vm, 0, sizeof *vm);
	vm->arena = event_arena;
}

void
cdc_vm_release(cdc_vm *vm)
{
	cdc_mem_free(vm->out_buf);
	vm->out_buf = NULL;
	vm->out_cap = 0;
	cdc_fn_release_cache(vm->cache);
	vm->cache = NULL;
}

void
cdc_vm_fail(cdc_vm *vm, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(vm->error, sizeof vm->error, fmt, ap);
	va_end(ap);
}

const cdc_segment *
cdc_vm_segment(const cdc_program *p, uint32_t pc)
{
	const cdc_segment *found = NULL;
	for (uint32_t i = 0; i < p->nsegments && p->segments[i].first <= pc; i++)
		found = &p->segments[i];
	return found;
}

/* ---- helpers ------------------------------------------------------------------------ */

static bool
int_fits(int64_t v, int width)
{
	switch (width) {
	case 2: return v >= INT16_MIN && v <= INT16_MAX;
	case 4: return v >= INT32_MIN && v <= INT32_MAX;
	default: return true;
	}
}

/* PostgreSQL names the type that overflowed: "smallint out of range". */
static const char *
int_range_msg(int width)
{
	return width == 2 ? "smallint out of range" : width == 4 ? "integer out of range" : "bigint out of range";
}

static const char *
num_err_text(cdc_num_err e)
{
	switch (e) {
	case CDC_NUM_OVERFLOW: return "numeric value out of range";
	case CDC_NUM_DIV_ZERO: return "division by zero";
	default: return "invalid numeric operation";
	}
}

static inline bool
truth(cdc_value v)
{
	return v.tag == CDC_VAL_BOOL && v.u.i;
}

static inline bool
falsity(cdc_value v)
{
	return v.tag == CDC_VAL_BOOL && !v.u.i;
}

/* Does the set `deps` (of the program's dep_words) meet the unchanged columns? */
static inline bool
touches_unchanged(const cdc_vm *vm, const cdc_program *p, const uint64_t *deps)
{
	if (!vm->unchanged)
		return false;
	for (uint16_t w = 0; w < p->dep_words; w++)
		if (deps[w] & vm->unchanged[w])
			return true;
	return false;
}

/* A boolean result written in place: a register is 32 bytes, a boolean needs two of
 * them, and results are most of what a program writes.  (The other fields keep stale
 * bytes; nothing reads them for a boolean.) */
static inline void
set_bool(cdc_value *r, bool b)
{
	r->tag = CDC_VAL_BOOL;
	r->u.i = b;
}

static inline bool
cmp_result(int c, int op)
{
	switch (op) {
	case CDC_CMP_EQ: return c == 0;
	case CDC_CMP_NE: return c != 0;
	case CDC_CMP_LT: return c < 0;
	case CDC_CMP_LE: return c <= 0;
	case CDC_CMP_GT: return c > 0;
	default: return c >= 0;
	}
}

static inline int
cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* PostgreSQL orders NaN above every other float and equal to itself. */
static inline int
cmp_f64(double a, double b)
{
	bool na = isnan(a), nb = isnan(b);
	if (na || nb)
		return na - nb;
	return (a > b) - (a < b);
}

static int
cmp_bytes(cdc_value a, cdc_value b)
{
	uint32_t n = a.u.s.len < b.u.s.len ? a.u.s.len : b.u.s.len;
	int c = n ? memcmp(a.u.s.p, b.u.s.p, n) : 0;
	if (c)
		return c < 0 ? -1 : 1;
	return (a.u.s.len > b.u.s.len) - (a.u.s.len < b.u.s.len);
}

/* Decodes one UTF-8 character (input is valid UTF-8); returns its length. */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80 || n < 2) {
		*cp = s[0];
		return 1;
	}
	size_t k = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : 4;
	if (k > n)
		k = n;
	uint32_t c = s[0] & (0x3F >> (k - 1));
	for (size_t i = 1; i < k; i++)
		c = (c << 6) | (s[i] & 0x3F);
	*cp = c;
	return k;
}

/* ILIKE folds case as lower() does (Unicode's simple mapping, stdlib/fn_text.c), so
 * 'Σ%' matches 'σχολείο' and 'Ж_' matches 'жж', not only ASCII and Latin-1. */
static uint32_t
fold(uint32_t c, bool ci)
{
	if (!ci)
		return c;
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0x80)
		return c;
	locale_t loc = cdc_fn_utf8_locale();
	if (loc)
		return (uint32_t)towlower_l((wint_t)c, loc);
	if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))      /* Latin-1 capitals */
		return c + 32;
	return c;
}

/* PostgreSQL refuses a pattern whose last character is an escaping backslash. */
static bool
like_ends_in_escape(const unsigned char *p, size_t pn)
{
	bool esc = false;
	for (size_t i = 0; i < pn; i++)
		esc = !esc && p[i] == '\\';
	return esc;
}

/* The first occurrence of n[0..nn) in h[0..hn), bytewise. */
static const unsigned char *
find_bytes(const unsigned char *h, size_t hn, const unsigned char *n, size_t nn)
{
	if (nn == 0)
		return h;
	while (hn >= nn) {
		const unsigned char *c = memchr(h, n[0], hn - nn + 1);
		if (!c)
			return NULL;
		if (memcmp(c, n, nn) == 0)
			return c;
		hn -= (size_t)(c - h) + 1;
		h = c + 1;
	}
	return NULL;
}

/*
 * LIKE for a case-sensitive pattern without _ or \, the usual case ('%@%', 'abc%'):
 * literal runs between % signs.  In valid UTF-8 a bytewise match of a run starts on a
 * character boundary, so the runs are found with memchr/memcmp: the first anchored at
 * the start, the last at the end, the others leftmost in between (leftmost is always
 * right: it leaves the most room for what follows).
 */
static bool
like_plain(const unsigned char *s, size_t sn, const unsigned char *p, size_t pn)
{
	const unsigned char *pe = p + pn, *pct = memchr(p, '%', pn);
	if (!pct)
		return sn == pn && (pn == 0 || memcmp(s, p, pn) == 0);
	size_t head = (size_t)(pct - p);
	if (sn < head || (head && memcmp(s, p, head) != 0))
		return false;
	s += head;
	sn -= head;
	const unsigned char *last = pe - 1;
	while (*last != '%')
		last--;
	size_t tail = (size_t)(pe - last - 1);
	if (sn < tail || (tail && memcmp(s + sn - tail, last + 1, tail) != 0))
		return false;
	sn -= tail;
	for (const unsigned char *q = pct + 1; q <= last;) {
		const unsigned char *nx = memchr(q, '%', (size_t)(last - q) + 1);
		size_t seg = (size_t)(nx - q);
		if (seg) {
			const unsigned char *f = find_bytes(s, sn, q, seg);
			if (!f)
				return false;
			sn -= (size_t)(f - s) + seg;
			s = f + seg;
		}
		q = nx + 1;
	}
	return true;
}

/* SQL LIKE on characters: % any run, _ one character, \ escapes the next.  Iterative
 * with one backtracking point per %, so no input makes it exponential. */
static bool
like(const unsigned char *s, size_t sn, const unsigned char *p, size_t pn, bool ci)
{
	if (!ci && !memchr(p, '_', pn) && !memchr(p, '\\', pn))
		return like_plain(s, sn, p, pn);
	size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
	while (si < sn) {
		if (pi < pn && p[pi] == '%') {
			star_p = ++pi;
			star_s = si;
			continue;
		}
		if (pi < pn) {
			uint32_t pc, sc;
			size_t pl, sl = utf8_next(s + si, sn - si, &sc);
			bool any = p[pi] == '_';
			size_t at = pi;
			if (p[pi] == '\\' && pi + 1 < pn)
				at = pi + 1;
			pl = utf8_next(p + at, pn - at, &pc);
			if (any || fold(pc, ci) == fold(sc, ci)) {
				pi = at + (any ? 1 : pl);
				si += sl;
				continue;
			}
		}
		if (star_p == (size_t)-1)
			return false;
		uint32_t sc;
		star_s += utf8_next(s + star_s, sn - star_s, &sc);
		si = star_s;
		pi = star_p;
	}
	while (pi < pn && p[pi] == '%')
		pi++;
	return pi == pn;
}

/* ---- the interpreter ---------------------------------------------------------------- */

#ifdef HAVE_COMPUTED_GOTO
#define VM_DISPATCH() goto *dispatch[(ins = &code[pc++])->op]
#define VM_CASE(name) L_##name:
#define VM_NEXT() VM_DISPATCH()
#else
#define VM_DISPATCH() switch ((ins = &code[pc++])->op)
#define VM_CASE(name) case CDC_BC_##name:
#define VM_NEXT() continue
#endif

#define R(i) regs[(i)]
#define FAIL(...) do { cdc_vm_fail(vm, __VA_ARGS__); vm->pc = pc - 1; return CDC_VM_ERROR; } while (0)
/* NULL in, NULL out, for the strict opcodes.  An unchanged input counts as NULL here:
 * whatever depends on it is marked unchanged afterwards (see dep sets in program.h). */
#define STRICT1(b) if (R(b).tag <= CDC_VAL_UNCHANGED) { R(ins->a) = cdc_val_null(); VM_NEXT(); }
#define STRICT2(b, c) if (R(b).tag <= CDC_VAL_UNCHANGED || R(c).tag <= CDC_VAL_UNCHANGED) { R(ins->a) = cdc_val_null(); VM_NEXT(); }

cdc_vm_status
cdc_vm_run(cdc_vm *vm, const cdc_program *p, cdc_value *regs)
{
	return cdc_vm_resume(vm, p, regs, 0);
}

cdc_vm_status
cdc_vm_resume(cdc_vm *vm, const cdc_program *p, cdc_value *regs, uint32_t start)
{
	const cdc_instr *code = p->code, *ins;
	uint32_t pc = start;
#ifdef HAVE_COMPUTED_GOTO
	static const void *const dispatch[] = {
#define CDC_OP(name, operands, effect) &&L_##name,
#include "runtime/opcodes.def"
#undef CDC_OP
	};
	VM_DISPATCH();
#else
	for (;;) {
	VM_DISPATCH() {
#endif

	/* LOADK: constants are values in the program's pool; text points into it. */
	VM_CASE(LOADK) {
		R(ins->a) = p->consts[ins->d];
		VM_NEXT();
	}
	VM_CASE(LOADNULL) {
		R(ins->a) = cdc_val_null();
		VM_NEXT();
	}
	VM_CASE(MOVE) {
		R(ins->a) = R(ins->b);
		VM_NEXT();
	}

	/* Integer arithmetic in 64 bits, checked against the declared width. */
	VM_CASE(ADDI) {
		STRICT2(ins->b, ins->c);
		int64_t r;
		if (__builtin_add_overflow(R(ins->b).u.i, R(ins->c).u.i, &r) || !int_fits(r, ins->d))
			FAIL("%s", int_range_msg(ins->d));
		R(ins->a) = cdc_val_int(r);
		VM_NEXT();
	}
	VM_CASE(SUBI) {
		STRICT2(ins->b, ins->c);
		int64_t r;
		if (__builtin_sub_overflow(R(ins->b).u.i, R(ins->c).u.i, &r) || !int_fits(r, ins->d))
			FAIL("%s", int_range_msg(ins->d));
		R(ins->a) = cdc_val_int(r);
		VM_NEXT();
	}
	VM_CASE(MULI) {
		STRICT2(ins->b, ins->c);
		int64_t r;
		if (__builtin_mul_overflow(R(ins->b).u.i, R(ins->c).u.i, &r) || !int_fits(r, ins->d))
			FAIL("%s", int_range_msg(ins->d));
		R(ins->a) = cdc_val_int(r);
		VM_NEXT();
	}
	VM_CASE(DIVI) {
		STRICT2(ins->b, ins->c);
		int64_t x = R(ins->b).u.i, y = R(ins->c).u.i;
		if (y == 0)
			FAIL("division by zero");
		if ((y == -1 && x == INT64_MIN) || !int_fits(x / y, ins->d))
			FAIL("%s", int_range_msg(ins->d));
		R(ins->a) = cdc_val_int(x / y);
		VM_NEXT();
	}
	VM_CASE(MODI) {
		STRICT2(ins->b, ins->c);
		int64_t x = R(ins->b).u.i, y = R(ins->c).u.i;
		if (y == 0)
			FAIL("division by zero");
		R(ins->a) = cdc_val_int(y == -1 ? 0 : x % y);
		VM_NEXT();
	}
	VM_CASE(NEGI) {
		STRICT1(ins->b);
		int64_t x = R(ins->b).u.i;
		if (x == INT64_MIN || !int_fits(-x, ins->d))
			FAIL("%s", int_range_msg(ins->d));
		R(ins->a) = cdc_val_int(-x);
		VM_NEXT();
	}

	/* Exact numeric. */
	VM_CASE(ADDN) {
		STRICT2(ins->b, ins->c);
		cdc_num r;
		cdc_num_err e = cdc_num_add(cdc_val_as_num(R(ins->b)), cdc_val_as_num(R(ins->c)), &r);
		if (e)
			FAIL("%s", num_err_text(e));
		R(ins->a) = cdc_val_num(r);
		VM_NEXT();
	}
	VM_CASE(SUBN) {
		STRICT2(ins->b, ins->c);
		cdc_num r;
		cdc_num_err e = cdc_num_sub(cdc_val_as_num(R(ins->b)), cdc_val_as_num(R(ins->c)), &r);
		if (e)
			FAIL("%s", num_err_text(e));
		R(ins->a) = cdc_val_num(r);
		VM_NEXT();
	}
	VM_CASE(MULN) {
		STRICT2(ins->b, ins->c);
		cdc_num r;
		cdc_num_err e = cdc_num_mul(cdc_val_as_num(R(ins->b)), cdc_val_as_num(R(ins->c)), &r);
		if (e)
			FAIL("%s", num_err_text(e));
		R(ins->a) = cdc_val_num(r);
		VM_NEXT();
	}
	VM_CASE(DIVN) {
		STRICT2(ins->b, ins->c);
		cdc_num r;
		cdc_num x = cdc_val_as_num(R(ins->b)), y = cdc_val_as_num(R(ins->c));
		cdc_num_err e = cdc_num_div(x, y, ins->d >= 0 ? ins->d : cdc_num_div_scale(x, y), &r);
		if (e)
			FAIL("%s", num_err_text(e));
		R(ins->a) = cdc_val_num(r);
		VM_NEXT();
	}
	VM_CASE(MODN) {
		STRICT2(ins->b, ins->c);
		cdc_num r;
		cdc_num_err e = cdc_num_mod(cdc_val_as_num(R(ins->b)), cdc_val_as_num(R(ins->c)), &r);
		if (e)
			FAIL("%s", num_err_text(e));
		R(ins->a) = cdc_val_num(r);
		VM_NEXT();
	}
	VM_CASE(NEGN) {
		STRICT1(ins->b);
		R(ins->a) = cdc_val_num(cdc_num_neg(cdc_val_as_num(R(ins->b))));
		VM_NEXT();
	}
	/* FITN: the coercion to numeric(p,s) that every typed numeric result passes. */
	VM_CASE(FITN) {
		STRICT1(ins->b);
		cdc_num r;
		cdc_num_err e = cdc_num_fit(cdc_val_as_num(R(ins->b)), ins->d >> 16, ins->d & 0xffff, &r);
		if (e)
			FAIL("numeric value does not fit numeric(%d,%d)", ins->d >> 16, ins->d & 0xffff);
		R(ins->a) = cdc_val_num(r);
		VM_NEXT();
	}

	/* Floating point: IEEE arithmetic; errors where PostgreSQL raises them. */
	VM_CASE(ADDF) {
		STRICT2(ins->b, ins->c);
		double r = R(ins->b).u.f + R(ins->c).u.f;
		if (isinf(r) && !isinf(R(ins->b).u.f) && !isinf(R(ins->c).u.f))
			FAIL("value out of range: overflow");
		R(ins->a) = cdc_val_float(r);
		VM_NEXT();
	}
	VM_CASE(SUBF) {
		STRICT2(ins->b, ins->c);
		double r = R(ins->b).u.f - R(ins->c).u.f;
		if (isinf(r) && !isinf(R(ins->b).u.f) && !isinf(R(ins->c).u.f))
			FAIL("value out of range: overflow");
		R(ins->a) = cdc_val_float(r);
		VM_NEXT();
	}
	/* MULF and DIVF: PostgreSQL's float8_mul and float8_div also refuse a result that
	 * vanished to zero from non-zero operands (underflow), and NaN / 0 is NaN. */
	VM_CASE(MULF) {
		STRICT2(ins->b, ins->c);
		double x = R(ins->b).u.f, y = R(ins->c).u.f, r = x * y;
		if (isinf(r) && !isinf(x) && !isinf(y))
			FAIL("value out of range: overflow");
		if (r == 0.0 && x != 0.0 && y != 0.0)
			FAIL("value out of range: underflow");
		R(ins->a) = cdc_val_float(r);
		VM_NEXT();
	}
	VM_CASE(DIVF) {
		STRICT2(ins->b, ins->c);
		double x = R(ins->b).u.f, y = R(ins->c).u.f;
		if (y == 0.0 && !isnan(x))
			FAIL("division by zero");
		double r = x / y;
		if (isinf(r) && !isinf(x))
			FAIL("value out of range: overflow");
		if (r == 0.0 && x != 0.0 && !isinf(y))
			FAIL("value out of range: underflow");
		R(ins->a) = cdc_val_float(r);
		VM_NEXT();
	}
	VM_CASE(MODF) {
		STRICT2(ins->b, ins->c);
		if (R(ins->c).u.f == 0.0)
			FAIL("division by zero");
		R(ins->a) = cdc_val_float(fmod(R(ins->b).u.f, R(ins->c).u.f));
		VM_NEXT();
	}
	/* POWF: PostgreSQL's dpow.  NaN ^ 0 and 1 ^ NaN are 1, other NaN operands give NaN
	 * (never the "complex result" error); a finite result that overflows or vanishes is
	 * an error. */
	VM_CASE(POWF) {
		STRICT2(ins->b, ins->c);
		double x = R(ins->b).u.f, y = R(ins->c).u.f, r;
		if (isnan(x) || isnan(y))
			r = (isnan(x) && y == 0.0) || (isnan(y) && x == 1.0) ? 1.0 : NAN;
		else {
			if (x == 0.0 && y < 0.0)
				FAIL("zero raised to a negative power is undefined");
			if (x < 0.0 && floor(y) != y)
				FAIL("a negative number raised to a non-integer power yields a complex result");
			r = pow(x, y);
			if (isinf(r) && !isinf(x) && !isinf(y))
				FAIL("value out of range: overflow");
			if (r == 0.0 && x != 0.0 && !isinf(x) && !isinf(y))
				FAIL("value out of range: underflow");
		}
		R(ins->a) = cdc_val_float(r);
		VM_NEXT();
	}
	VM_CASE(NEGF) {
		STRICT1(ins->b);
		R(ins->a) = cdc_val_float(-R(ins->b).u.f);
		VM_NEXT();
	}
	VM_CASE(FIT4) {
		STRICT1(ins->b);
		double x = R(ins->b).u.f;
		float f = (float)x;
		if (isinf(f) && !isinf(x))
			FAIL("value out of range: overflow");
		if (f == 0.0f && x != 0.0)     /* as PostgreSQL's float4 arithmetic */
			FAIL("value out of range: underflow");
		R(ins->a) = cdc_val_float((double)f);
		VM_NEXT();
	}

	/* Dates and times: the arithmetic lives in datetime.c. */
	VM_CASE(TSADDIV) {
		STRICT2(ins->b, ins->c);
		int64_t r;
		if (cdc_dt_ts_add_interval(R(ins->b).u.i, cdc_val_as_interval(R(ins->c)), &r))
			FAIL("timestamp out of range");
		R(ins->a) = cdc_val_tagged((cdc_vtag)R(ins->b).tag, r);
		VM_NEXT();
	}
	VM_CASE(TSSUBIV) {
		STRICT2(ins->b, ins->c);
		int64_t r;
		if (cdc_dt_ts_sub_interval(R(ins->b).u.i, cdc_val_as_interval(R(ins->c)), &r))
			FAIL("timestamp out of range");
		R(ins->a) = cdc_val_tagged((cdc_vtag)R(ins->b).tag, r);
		VM_NEXT();
	}
	VM_CASE(TSSUBTS) {
		STRICT2(ins->b, ins->c);
		cdc_interval iv;
		if (cdc_dt_ts_sub_ts(R(ins->b).u.i, R(ins->c).u.i, &iv))
			FAIL("cannot subtract infinite timestamps");
		R(ins->a) = cdc_val_interval(iv);
		VM_NEXT();
	}
	VM_CASE(DATEADDI) {
		STRICT2(ins->b, ins->c);
		int32_t r;
		if (cdc_dt_date_add_days((int32_t)R(ins->b).u.i, R(ins->c).u.i, &r))
			FAIL("date out of range");
		R(ins->a) = cdc_val_tagged(CDC_VAL_DATE, r);
		VM_NEXT();
	}
	VM_CASE(DATESUBI) {
		STRICT2(ins->b, ins->c);
		int32_t r;
		if (R(ins->c).u.i == INT64_MIN || cdc_dt_date_add_days((int32_t)R(ins->b).u.i, -R(ins->c).u.i, &r))
			FAIL("date out of range");
		R(ins->a) = cdc_val_tagged(CDC_VAL_DATE, r);
		VM_NEXT();
	}
	VM_CASE(DATESUBD) {
		STRICT2(ins->b, ins->c);
		if (R(ins->b).u.i == INT32_MIN || R(ins->b).u.i == INT32_MAX ||
		    R(ins->c).u.i == INT32_MIN || R(ins->c).u.i == INT32_MAX)
			FAIL("cannot subtract infinite dates");
		R(ins->a) = cdc_val_int(R(ins->b).u.i - R(ins->c).u.i);
		VM_NEXT();
	}
	VM_CASE(DATEADDT) {
		STRICT2(ins->b, ins->c);
		int64_t ts, r;
		int32_t d = (int32_t)R(ins->b).u.i;
		if (d == CDC_DT_DATE_NOBEGIN || d == CDC_DT_DATE_NOEND)
			r = d == CDC_DT_DATE_NOEND ? CDC_DT_NOEND : CDC_DT_NOBEGIN;
		else if (cdc_dt_date_to_ts_checked(d, &ts) || __builtin_add_overflow(ts, R(ins->c).u.i, &r) ||
		         r == CDC_DT_NOBEGIN || r == CDC_DT_NOEND)
			FAIL("timestamp out of range");
		R(ins->a) = cdc_val_tagged(CDC_VAL_TS, r);
		VM_NEXT();
	}
	VM_CASE(TIMEADDIV) {
		STRICT2(ins->b, ins->c);
		const int64_t day = 86400000000LL;
		int64_t r = (R(ins->b).u.i + R(ins->c).u.iv.us % day) % day;
		R(ins->a) = cdc_val_tagged((cdc_vtag)R(ins->b).tag, r < 0 ? r + day : r);
		R(ins->a).aux = R(ins->b).aux;
		VM_NEXT();
	}
	VM_CASE(TIMESUBIV) {
		STRICT2(ins->b, ins->c);
		const int64_t day = 86400000000LL;
		int64_t r = (R(ins->b).u.i - R(ins->c).u.iv.us % day) % day;
		R(ins->a) = cdc_val_tagged((cdc_vtag)R(ins->b).tag, r < 0 ? r + day : r);
		R(ins->a).aux = R(ins->b).aux;
		VM_NEXT();
	}
	VM_CASE(IVADD) {
		STRICT2(ins->b, ins->c);
		cdc_interval r;
		if (cdc_dt_interval_add(cdc_val_as_interval(R(ins->b)), cdc_val_as_interval(R(ins->c)), &r))
			FAIL("interval out of range");
		R(ins->a) = cdc_val_interval(r);
		VM_NEXT();
	}
	VM_CASE(IVSUB) {
		STRICT2(ins->b, ins->c);
		cdc_interval r;
		if (cdc_dt_interval_sub(cdc_val_as_interval(R(ins->b)), cdc_val_as_interval(R(ins->c)), &r))
			FAIL("interval out of range");
		R(ins->a) = cdc_val_interval(r);
		VM_NEXT();
	}
	VM_CASE(IVMUL) {
		STRICT2(ins->b, ins->c);
		cdc_interval r;
		if (cdc_dt_interval_mul(cdc_val_as_interval(R(ins->b)), R(ins->c).u.f, &r))
			FAIL("interval out of range");
		R(ins->a) = cdc_val_interval(r);
		VM_NEXT();
	}
	VM_CASE(IVDIV) {
		STRICT2(ins->b, ins->c);
		cdc_interval r;
		if (R(ins->c).u.f == 0.0)
			FAIL("division by zero");
		if (cdc_dt_interval_div(cdc_val_as_interval(R(ins->b)), R(ins->c).u.f, &r))
			FAIL("interval out of range");
		R(ins->a) = cdc_val_interval(r);
		VM_NEXT();
	}
	VM_CASE(IVNEG) {
		STRICT1(ins->b);
		cdc_interval r;
		if (cdc_dt_interval_neg(cdc_val_as_interval(R(ins->b)), &r))
			FAIL("interval out of range");
		R(ins->a) = cdc_val_interval(r);
		VM_NEXT();
	}

	/* CONCAT: text || text or bytea || bytea, into the event arena. */
	VM_CASE(CONCAT) {
		STRICT2(ins->b, ins->c);
		cdc_value x = R(ins->b), y = R(ins->c);
		size_t n = (size_t)x.u.s.len + y.u.s.len;
		if (n > UINT32_MAX)
			FAIL("string too long");
		char *buf = cdc_arena_alloc(vm->arena, n + 1);
		if (x.u.s.len)
			memcpy(buf, x.u.s.p, x.u.s.len);
		if (y.u.s.len)
			memcpy(buf + x.u.s.len, y.u.s.p, y.u.s.len);
		cdc_value r = x;
		r.u.s.p = buf;
		r.u.s.len = (uint32_t)n;
		R(ins->a) = r;
		VM_NEXT();
	}

	VM_CASE(CMPI) {
		STRICT2(ins->b, ins->c);
		set_bool(&R(ins->a), cmp_result(cmp_i64(R(ins->b).u.i, R(ins->c).u.i), ins->d));
		VM_NEXT();
	}
	VM_CASE(CMPN) {
		STRICT2(ins->b, ins->c);
		const cdc_value *x = &R(ins->b), *y = &R(ins->c);
		int c;
		if (x->kind == CDC_NUM_FINITE && y->kind == CDC_NUM_FINITE && x->scale == y->scale)
			c = (x->u.n > y->u.n) - (x->u.n < y->u.n);   /* the usual case: same scale */
		else
			c = cdc_num_cmp(cdc_val_as_num(*x), cdc_val_as_num(*y));
		set_bool(&R(ins->a), cmp_result(c, ins->d));
		VM_NEXT();
	}
	VM_CASE(CMPF) {
		STRICT2(ins->b, ins->c);
		set_bool(&R(ins->a), cmp_result(cmp_f64(R(ins->b).u.f, R(ins->c).u.f), ins->d));
		VM_NEXT();
	}
	VM_CASE(CMPT) {
		STRICT2(ins->b, ins->c);
		set_bool(&R(ins->a), cmp_result(cmp_bytes(R(ins->b), R(ins->c)), ins->d));
		VM_NEXT();
	}
	VM_CASE(CMPV) {
		STRICT2(ins->b, ins->c);
		set_bool(&R(ins->a), cmp_result(cdc_val_cmp(R(ins->b), R(ins->c)), ins->d));
		VM_NEXT();
	}
	/* DISTINCT: NULL is a value here; D says how to compare two non-NULL ones. */
	VM_CASE(DISTINCT) {
		cdc_value x = R(ins->b), y = R(ins->c);
		bool xn = x.tag <= CDC_VAL_UNCHANGED, yn = y.tag <= CDC_VAL_UNCHANGED;
		int c;
		if (xn || yn)
			c = xn != yn;
		else if (ins->d == CDC_BC_CMPI)
			c = cmp_i64(x.u.i, y.u.i);
		else if (ins->d == CDC_BC_CMPN)
			c = cdc_num_cmp(cdc_val_as_num(x), cdc_val_as_num(y));
		else if (ins->d == CDC_BC_CMPF)
			c = cmp_f64(x.u.f, y.u.f);
		else if (ins->d == CDC_BC_CMPT)
			c = cmp_bytes(x, y);
		else
			c = cdc_val_cmp(x, y);
		set_bool(&R(ins->a), c != 0);
		VM_NEXT();
	}

	VM_CASE(AND) {
		cdc_value x = R(ins->b), y = R(ins->c);
		if (falsity(x) || falsity(y))
			set_bool(&R(ins->a), false);
		else if (x.tag <= CDC_VAL_UNCHANGED || y.tag <= CDC_VAL_UNCHANGED)
			R(ins->a) = cdc_val_null();
		else
			set_bool(&R(ins->a), true);
		VM_NEXT();
	}
	VM_CASE(OR) {
		cdc_value x = R(ins->b), y = R(ins->c);
		if (truth(x) || truth(y))
			set_bool(&R(ins->a), true);
		else if (x.tag <= CDC_VAL_UNCHANGED || y.tag <= CDC_VAL_UNCHANGED)
			R(ins->a) = cdc_val_null();
		else
			set_bool(&R(ins->a), false);
		VM_NEXT();
	}
	VM_CASE(NOT) {
		STRICT1(ins->b);
		set_bool(&R(ins->a), !R(ins->b).u.i);
		VM_NEXT();
	}
	VM_CASE(ISNULL) {
		set_bool(&R(ins->a), R(ins->b).tag <= CDC_VAL_UNCHANGED);
		VM_NEXT();
	}
	VM_CASE(ISTRUE) {
		set_bool(&R(ins->a), truth(R(ins->b)));
		VM_NEXT();
	}
	VM_CASE(ISFALSE) {
		set_bool(&R(ins->a), falsity(R(ins->b)));
		VM_NEXT();
	}
	VM_CASE(LIKE) {
		STRICT2(ins->b, ins->c);
		cdc_value s = R(ins->b), pat = R(ins->c);
		if (like_ends_in_escape((const unsigned char *)pat.u.s.p, pat.u.s.len))
			FAIL("LIKE pattern must not end with escape character");
		set_bool(&R(ins->a), like((const unsigned char *)s.u.s.p, s.u.s.len,
		                              (const unsigned char *)pat.u.s.p, pat.u.s.len, ins->d & 1));
		VM_NEXT();
	}

	/* INT: text IN a list of text constants held in consecutive registers */
	VM_CASE(INT) {
		STRICT1(ins->b);
		cdc_value x = R(ins->b);
		bool found = false;
		for (int32_t i = 0; i < ins->d && !found; i++) {
			const cdc_value *k = &R(ins->c + i);
			found = k->u.s.len == x.u.s.len && (x.u.s.len == 0 || memcmp(k->u.s.p, x.u.s.p, x.u.s.len) == 0);
		}
		set_bool(&R(ins->a), found);
		VM_NEXT();
	}
	VM_CASE(CAST) {
		STRICT1(ins->b);
		const cdc_cast *cs = &p->casts[ins->d];
		const char *why;
		if (cs->output) {
			cdc_buf b = {vm->out_buf, 0, vm->out_cap};
			cdc_val_format(R(ins->b), cs->from, &b);
			vm->out_buf = b.data;
			vm->out_cap = b.cap;
			char *t = cdc_arena_alloc(vm->arena, b.len + 1);
			memcpy(t, cdc_buf_str(&b), b.len + 1);
			R(ins->a) = cdc_val_text(t, b.len);
			VM_NEXT();
		}
		if (!cs->from.array && !cs->to.array) {
			/* the casts every pipeline has, without the general conversion */
			if (cs->from.id == CDC_TY_CHAR && cs->to.id == CDC_TY_TEXT) {
				cdc_value v = R(ins->b);
				while (v.u.s.len && v.u.s.p[v.u.s.len - 1] == ' ')
					v.u.s.len--;   /* char(n) loses its padding */
				R(ins->a) = v;
				VM_NEXT();
			}
			if ((cs->from.id == CDC_TY_TIMESTAMPTZ || cs->from.id == CDC_TY_TIMESTAMP) && cs->to.id == CDC_TY_DATE) {
				int32_t d;
				if (cdc_dt_ts_to_date(R(ins->b).u.i, &d))
					FAIL("timestamp out of range");
				R(ins->a) = cdc_val_tagged(CDC_VAL_DATE, d);
				VM_NEXT();
			}
		}
		if (!cdc_val_cast(vm->arena, R(ins->b), cs->from, cs->to, &R(ins->a), &why))
			FAIL("%s", why);
		VM_NEXT();
	}
	/* CALL: strict functions see no NULL argument; the others handle NULLs themselves. */
	VM_CASE(CALL) {
		const cdc_call *cl = &p->calls[ins->d];
		cdc_value args[CDC_MAX_CALL_ARGS];
		bool null_arg = false;
		for (uint16_t i = 0; i < cl->nargs; i++) {
			args[i] = R(cl->args[i]);
			/* functions see NULL, never UNCHANGED: what depends on an unchanged column is
			 * marked unchanged afterwards (program.h) */
			if (args[i].tag == CDC_VAL_UNCHANGED)
				args[i] = cdc_val_null();
			null_arg |= args[i].tag == CDC_VAL_NULL && (i >= 16 || ((cl->present >> i) & 1));
		}
		/* (a program built by hand, not by codegen or the plan reader, has no impl) */
		const cdc_builtin *fn = cl->impl ? NULL : cdc_builtin_at(cl->fn);
		if ((fn ? fn->strict : cl->strict) && null_arg) {
			R(ins->a) = cdc_val_null();
			VM_NEXT();
		}
		cdc_value out;
		if (!(fn ? fn->impl : cl->impl)(vm, cl, args, &out)) {
			vm->pc = pc - 1;
			return CDC_VM_ERROR;
		}
		R(ins->a) = out;
		VM_NEXT();
	}
	VM_CASE(EVENT) {
		const cdc_event_info *ev = vm->ev;
		static const char ops[] = "IUDS";
		switch (ins->d) {
		case CDC_EV_OP:
			R(ins->a) = cdc_val_text(&ops[ev->op], 1);
			break;
		case CDC_EV_COMMIT_TIME:
			R(ins->a) = cdc_val_tagged(CDC_VAL_TSTZ, ev->commit_time);
			break;
		case CDC_EV_POSITION:
			R(ins->a) = ev->position ? cdc_val_text(ev->position, strlen(ev->position)) : cdc_val_null();
			break;
		case CDC_EV_TABLE:
			R(ins->a) = ev->table ? cdc_val_text(ev->table, strlen(ev->table)) : cdc_val_null();
			break;
		case CDC_EV_TXID:
			R(ins->a) = ev->has_txid ? cdc_val_int(ev->txid) : cdc_val_null();
			break;
		default:
			R(ins->a) = cdc_val_tagged(CDC_VAL_TSTZ, ev->now);
			break;
		}
		VM_NEXT();
	}
	VM_CASE(BEFORE) {
		const cdc_value *b = vm->ev->before;
		R(ins->a) = b && b[ins->b].tag != CDC_VAL_UNCHANGED ? b[ins->b] : cdc_val_null();
		VM_NEXT();
	}

	VM_CASE(JMP) {
		pc += ins->d;
		VM_NEXT();
	}
	VM_CASE(JMPT) {
		if (truth(R(ins->b)))
			pc += ins->d;
		VM_NEXT();
	}
	VM_CASE(JMPNT) {
		if (!truth(R(ins->b)))
			pc += ins->d;
		VM_NEXT();
	}
	VM_CASE(JMPNN) {
		if (R(ins->b).tag > CDC_VAL_UNCHANGED)
			pc += ins->d;
		VM_NEXT();
	}
	/* RULE: only FALSE breaks a rule; NULL passes, as a CHECK constraint does. */
	VM_CASE(RULE) {
		if (falsity(R(ins->b)) && !touches_unchanged(vm, p, &p->rule_deps[(size_t)ins->d * p->dep_words])) {
			if (p->rules[ins->d].action == CDC_ACT_WARN) {
				if (vm->warns)
					vm->warns[ins->d]++;
			} else {
				vm->rule = (uint32_t)ins->d;
				return CDC_VM_RULE;
			}
		}
		VM_NEXT();
	}
	VM_CASE(FILTER) {
		if (!truth(R(ins->b)) && !touches_unchanged(vm, p, &p->filter_deps[(size_t)ins->d * p->dep_words]))
			return CDC_VM_FILTERED;
		VM_NEXT();
	}
	VM_CASE(END) {
		return CDC_VM_OK;
	}

#ifndef HAVE_COMPUTED_GOTO
	default:
		cdc_vm_fail(vm, "invalid opcode %u", code[pc - 1].op);
		vm->pc = pc - 1;
		return CDC_VM_ERROR;
	}
	}
#endif
}
