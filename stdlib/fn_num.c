/*
 * stdlib/fn_num.c — numbers (abs, round, trunc, floor, ceil, mod, power, sqrt) and the
 * NULL-handling functions (coalesce, nullif, greatest, least).
 *
 * Number arguments arrive as they are (integer, numeric or double); the result type the
 * compiler derived is in call->result, and exact results are fitted to it.
 */
#include "stdlib/fn_int.h"
#include "runtime/numeric.h"

#include <math.h>

/* Fits an exact result to the call's numeric(p,s) result type, if it has one. */
static bool
fit(cdc_vm *vm, const cdc_call *call, cdc_num n, cdc_value *out)
{
	if (call->result.id == CDC_TY_NUMERIC && call->result.mod >= 0 &&
	    cdc_num_fit(n, call->result.mod, call->result.scale, &n)) {
		cdc_vm_fail(vm, "numeric value does not fit numeric(%d,%d)", call->result.mod, call->result.scale);
		return false;
	}
	*out = cdc_val_num(n);
	return true;
}

static bool
int_result(cdc_vm *vm, const cdc_call *call, __int128 v, cdc_value *out)
{
	int64_t lo = call->result.id == CDC_TY_INT2 ? INT16_MIN : call->result.id == CDC_TY_INT4 ? INT32_MIN : INT64_MIN;
	int64_t hi = call->result.id == CDC_TY_INT2 ? INT16_MAX : call->result.id == CDC_TY_INT4 ? INT32_MAX : INT64_MAX;
	if (v < lo || v > hi) {
		cdc_vm_fail(vm, "%s", call->result.id == CDC_TY_INT2 ? "smallint out of range"
		            : call->result.id == CDC_TY_INT4 ? "integer out of range" : "bigint out of range");
		return false;
	}
	*out = cdc_val_int((int64_t)v);
	return true;
}

FN(fn_abs)
{
	cdc_value x = args[0];
	if (x.tag == CDC_VAL_INT)
		return int_result(vm, call, x.u.i < 0 ? -(__int128)x.u.i : x.u.i, out);
	if (x.tag == CDC_VAL_FLOAT) {
		*out = cdc_val_float(fabs(x.u.f));
		return true;
	}
	return fit(vm, call, cdc_num_abs(cdc_val_as_num(x)), out);
}

/* round and trunc: digits may be negative (round(1234.5, -2) = 1200), as in PostgreSQL.
 * Doubles round half to even (rint), exact numbers half away from zero. */
static bool
round_like(cdc_vm *vm, const cdc_call *call, ARGS, bool trunc, cdc_value *out)
{
	cdc_value x = args[0];
	int64_t digits = PRESENT(1) ? args[1].u.i : 0;
	if (digits > 38)
		digits = 38;
	if (digits < -38)
		digits = -38;
	if (x.tag == CDC_VAL_FLOAT) {
		/* PostgreSQL has round(float8) (rint: half to even) and trunc(float8), but no
		 * two-argument forms: round(x, d) there is round(x::numeric, d), which reads x
		 * with 15 significant digits and rounds that decimal half away from zero, so
		 * round(2.25::float8, 1) is 2.3 where x * 10 in binary would give 2.2 */
		cdc_num dec, r;
		if (PRESENT(1) && isfinite(x.u.f) && cdc_num_from_f64(x.u.f, &dec) == CDC_NUM_OK &&
		    (trunc ? cdc_num_trunc(dec, (int)digits, &r) : cdc_num_rescale(dec, (int)digits, &r)) == CDC_NUM_OK) {
			*out = cdc_val_float(cdc_num_to_f64(r));
			return true;
		}
		double p = pow(10.0, (double)digits), v = x.u.f * p;
		v = trunc ? (v < 0 ? ceil(v) : floor(v)) : rint(v);
		*out = cdc_val_float(isfinite(v / p) ? v / p : x.u.f);
		return true;
	}
	cdc_num n = x.tag == CDC_VAL_INT ? cdc_num_from_i64(x.u.i) : cdc_val_as_num(x);
	cdc_num r;
	cdc_num_err e;
	if (digits >= 0) {
		e = trunc ? cdc_num_trunc(n, (int)digits, &r) : cdc_num_rescale(n, (int)digits, &r);
	} else {
		/* to tens, hundreds...: scale down, round, scale back up */
		cdc_num p10 = cdc_num_from_i64(1), ten = cdc_num_from_i64(10);
		for (int64_t k = 0; k < -digits; k++)
			cdc_num_mul(p10, ten, &p10);
		cdc_num q;
		e = cdc_num_div(n, p10, 0, &q);
		if (!e && trunc) {
			cdc_num exact;
			e = cdc_num_div(n, p10, 38 - 1, &exact);
			if (!e)
				e = cdc_num_trunc(exact, 0, &q);
		}
		if (!e)
			e = cdc_num_mul(q, p10, &r);
	}
	if (e) {
		cdc_vm_fail(vm, "numeric value out of range");
		return false;
	}
	if (x.tag == CDC_VAL_INT) {
		int64_t i;
		if (cdc_num_to_i64(r, &i)) {
			cdc_vm_fail(vm, "integer out of range");
			return false;
		}
		return int_result(vm, call, i, out);
	}
	return fit(vm, call, r, out);
}

FN(fn_round) { return round_like(vm, call, args, false, out); }
FN(fn_trunc) { return round_like(vm, call, args, true, out); }

static bool
floor_like(cdc_vm *vm, const cdc_call *call, ARGS, bool up, cdc_value *out)
{
	cdc_value x = args[0];
	if (x.tag == CDC_VAL_INT) {
		*out = x;
		return true;
	}
	if (x.tag == CDC_VAL_FLOAT) {
		*out = cdc_val_float(up ? ceil(x.u.f) : floor(x.u.f));
		return true;
	}
	cdc_num r;
	if (up ? cdc_num_ceil(cdc_val_as_num(x), &r) : cdc_num_floor(cdc_val_as_num(x), &r)) {
		cdc_vm_fail(vm, "numeric value out of range");
		return false;
	}
	return fit(vm, call, r, out);
}

FN(fn_floor) { return floor_like(vm, call, args, false, out); }
FN(fn_ceil) { return floor_like(vm, call, args, true, out); }
FN(fn_ceiling) { return floor_like(vm, call, args, true, out); }

FN(fn_mod)
{
	cdc_value a = args[0], b = args[1];
	if (a.tag == CDC_VAL_INT && b.tag == CDC_VAL_INT) {
		if (b.u.i == 0) {
			cdc_vm_fail(vm, "division by zero");
			return false;
		}
		return int_result(vm, call, b.u.i == -1 ? 0 : a.u.i % b.u.i, out);
	}
	if (a.tag == CDC_VAL_FLOAT || b.tag == CDC_VAL_FLOAT) {
		double x = a.tag == CDC_VAL_FLOAT ? a.u.f : a.tag == CDC_VAL_INT ? (double)a.u.i : cdc_num_to_f64(cdc_val_as_num(a));
		double y = b.tag == CDC_VAL_FLOAT ? b.u.f : b.tag == CDC_VAL_INT ? (double)b.u.i : cdc_num_to_f64(cdc_val_as_num(b));
		if (y == 0) {
			cdc_vm_fail(vm, "division by zero");
			return false;
		}
		*out = cdc_val_float(fmod(x, y));
		return true;
	}
	cdc_num x = a.tag == CDC_VAL_INT ? cdc_num_from_i64(a.u.i) : cdc_val_as_num(a);
	cdc_num y = b.tag == CDC_VAL_INT ? cdc_num_from_i64(b.u.i) : cdc_val_as_num(b);
	cdc_num r;
	cdc_num_err e = cdc_num_mod(x, y, &r);
	if (e) {
		cdc_vm_fail(vm, e == CDC_NUM_DIV_ZERO ? "division by zero" : "numeric value out of range");
		return false;
	}
	return fit(vm, call, r, out);
}

FN(fn_power)
{
	(void)call;
	double x = args[0].u.f, y = args[1].u.f;
	/* as PostgreSQL's dpow (and the VM's POWF): NaN ^ 0 and 1 ^ NaN are 1, any other
	 * NaN operand gives NaN before the domain checks see it */
	if (isnan(x) || isnan(y)) {
		*out = cdc_val_float((isnan(x) && y == 0.0) || (isnan(y) && x == 1.0) ? 1.0 : NAN);
		return true;
	}
	if (x == 0.0 && y < 0.0) {
		cdc_vm_fail(vm, "zero raised to a negative power is undefined");
		return false;
	}
	if (x < 0.0 && floor(y) != y) {
		cdc_vm_fail(vm, "a negative number raised to a non-integer power yields a complex result");
		return false;
	}
	double r = pow(x, y);
	if (isinf(r) && !isinf(x) && !isinf(y)) {
		cdc_vm_fail(vm, "value out of range: overflow");
		return false;
	}
	if (r == 0.0 && x != 0.0 && !isinf(x) && !isinf(y)) {
		cdc_vm_fail(vm, "value out of range: underflow");
		return false;
	}
	*out = cdc_val_float(r);
	return true;
}

FN(fn_sqrt)
{
	(void)call;
	if (args[0].u.f < 0) {
		cdc_vm_fail(vm, "cannot take square root of a negative number");
		return false;
	}
	*out = cdc_val_float(sqrt(args[0].u.f));
	return true;
}

/* ---- NULL handling: the arguments already share the common type ---------------------- */

FN(fn_coalesce)
{
	(void)vm;
	for (uint16_t i = 0; i < call->nargs; i++)
		if (args[i].tag != CDC_VAL_NULL) {
			*out = args[i];
			return true;
		}
	*out = cdc_val_null();
	return true;
}

FN(fn_nullif)
{
	(void)vm;
	(void)call;
	bool equal = args[0].tag != CDC_VAL_NULL && args[1].tag != CDC_VAL_NULL &&
	             cdc_val_cmp(args[0], args[1]) == 0;
	*out = equal ? cdc_val_null() : args[0];
	return true;
}

static bool
extreme(const cdc_call *call, ARGS, int sign, cdc_value *out)
{
	cdc_value best = cdc_val_null();
	for (uint16_t i = 0; i < call->nargs; i++) {
		if (args[i].tag == CDC_VAL_NULL)
			continue;
		if (best.tag == CDC_VAL_NULL || cdc_val_cmp(args[i], best) * sign > 0)
			best = args[i];
	}
	*out = best;
	return true;
}

FN(fn_greatest) { (void)vm; return extreme(call, args, 1, out); }
FN(fn_least) { (void)vm; return extreme(call, args, -1, out); }
