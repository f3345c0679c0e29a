/*
 * stdlib/fn_time.c — date and time functions: now, date_trunc, extract, date_part,
 * to_timestamp, to_date, to_char.  The calendar arithmetic is runtime/datetime.c's.
 */
#include "stdlib/fn_int.h"
#include "runtime/datetime.h"
#include "runtime/numeric.h"

#include <stdlib.h>

FN(fn_now)
{
	(void)call;
	(void)args;
	*out = cdc_val_tagged(CDC_VAL_TSTZ, vm->ev->now);
	return true;
}

FN(fn_date_trunc)
{
	(void)call;
	const char *why;
	int64_t r;
	/* a date argument is a timestamp at midnight (codegen converts it) */
	if (cdc_dt_trunc(fn_cstr(vm, args[0]), args[1].u.i, &r, &why)) {
		cdc_vm_fail(vm, "%s", why);
		return false;
	}
	*out = cdc_val_tagged((cdc_vtag)args[1].tag, r);
	return true;
}

/* The field of a date, time, timestamp or interval, as the numeric text extract gives.
 * Returns 0 on failure (reported), 1 with the text in buf, 2 when the result is NULL
 * (a cyclic field of an infinite timestamp). */
static int
extract_text(cdc_vm *vm, cdc_value field, cdc_value t, char *buf, size_t n)
{
	const char *f = fn_cstr(vm, field), *why = NULL;
	cdc_dt_err e;
	switch (t.tag) {
	case CDC_VAL_INTERVAL: {
		cdc_interval iv = {t.u.iv.us, t.aux, t.u.iv.months};
		e = cdc_dt_extract_interval(f, iv, buf, n, &why);
		break;
	}
	case CDC_VAL_DATE:
		e = cdc_dt_extract_date(f, (int32_t)t.u.i, buf, n, &why);
		break;
	case CDC_VAL_TIME:
	case CDC_VAL_TIMETZ:
		e = cdc_dt_extract_time(f, t.u.i, t.tag == CDC_VAL_TIMETZ, t.aux, buf, n, &why);
		break;
	default:
		e = cdc_dt_extract_ts(f, t.u.i, t.tag == CDC_VAL_TSTZ, buf, n, &why);
		break;
	}
	if (e == CDC_DT_NULL)
		return 2;
	if (e) {
		cdc_vm_fail(vm, "%s", why ? why : "invalid date part");
		return 0;
	}
	return 1;
}

FN(fn_extract)
{
	char buf[CDC_DT_MAXLEN];
	int got = extract_text(vm, args[0], args[1], buf, sizeof buf);
	if (got != 1) {
		*out = cdc_val_null();
		return got == 2;
	}
	cdc_num n;
	/* extract(year from 'infinity') is Infinity, as in PostgreSQL: only finite values are
	 * fitted to the result type (a constrained numeric cannot hold an infinity) */
	if (cdc_num_parse(buf, strlen(buf), &n) ||
	    (call->result.mod >= 0 && n.kind == CDC_NUM_FINITE && cdc_num_fit(n, call->result.mod, call->result.scale, &n))) {
		cdc_vm_fail(vm, "extract result out of range");
		return false;
	}
	cdc_value v = {0};
	v.tag = CDC_VAL_NUM;
	v.u.n = n.coef;
	v.scale = n.scale;
	v.kind = n.kind;
	*out = v;
	return true;
}

FN(fn_date_part)
{
	(void)call;
	char buf[CDC_DT_MAXLEN];
	cdc_value t = args[1];
	/* PostgreSQL has no date_part(text, date): a date is read as the timestamp of its
	 * midnight, so date_part('hour', d) is 0 where extract(hour from d) is an error */
	if (t.tag == CDC_VAL_DATE) {
		int32_t d = (int32_t)args[1].u.i;
		t.tag = CDC_VAL_TS;
		if (d == CDC_DT_DATE_NOBEGIN || d == CDC_DT_DATE_NOEND)
			t.u.i = d == CDC_DT_DATE_NOEND ? CDC_DT_NOEND : CDC_DT_NOBEGIN;
		else if (cdc_dt_date_to_ts_checked(d, &t.u.i)) {
			cdc_vm_fail(vm, "date out of range for timestamp");
			return false;
		}
	}
	int got = extract_text(vm, args[0], t, buf, sizeof buf);
	if (got != 1) {
		*out = cdc_val_null();
		return got == 2;
	}
	*out = cdc_val_float(strtod(buf, NULL));
	return true;
}

FN(fn_to_timestamp_epoch)
{
	(void)call;
	int64_t ts;
	cdc_dt_err e = cdc_dt_from_unix_seconds_checked(args[0].u.f, &ts);
	if (e) {
		cdc_vm_fail(vm, e == CDC_DT_INVALID ? "timestamp cannot be NaN" : "timestamp out of range");
		return false;
	}
	*out = cdc_val_tagged(CDC_VAL_TSTZ, ts);
	return true;
}

FN(fn_to_timestamp_text)
{
	(void)call;
	int64_t ts;
	const char *why;
	if (cdc_dt_to_timestamp(args[0].u.s.p, args[0].u.s.len, fn_cstr(vm, args[1]), &ts, &why)) {
		cdc_vm_fail(vm, "%s", why);
		return false;
	}
	*out = cdc_val_tagged(CDC_VAL_TSTZ, ts);
	return true;
}

FN(fn_to_date)
{
	(void)call;
	int32_t d;
	const char *why;
	if (cdc_dt_to_date(args[0].u.s.p, args[0].u.s.len, fn_cstr(vm, args[1]), &d, &why)) {
		cdc_vm_fail(vm, "%s", why);
		return false;
	}
	*out = cdc_val_tagged(CDC_VAL_DATE, d);
	return true;
}

FN(fn_to_char)
{
	(void)call;
	cdc_value t = args[0];
	int64_t ts = t.u.i;
	/* PostgreSQL sizes the result at 12 bytes per format byte (DCH_MAX_ITEM_SIZ); so
	 * does this, so no format PostgreSQL takes is refused as too long */
	const char *fmt = fn_cstr(vm, args[1]);
	size_t cap = strlen(fmt) * 12 + 64;
	char *buf = cdc_arena_alloc(vm->arena, cap);
	const char *why;
	if (t.tag == CDC_VAL_DATE && cdc_dt_date_to_ts_checked((int32_t)t.u.i, &ts)) {
		cdc_vm_fail(vm, "date out of range for timestamp");
		return false;
	}
	cdc_dt_err e;
	if (t.tag == CDC_VAL_INTERVAL || t.tag == CDC_VAL_TIME || t.tag == CDC_VAL_TIMETZ) {
		/* a time of day formats as the interval since midnight, as PostgreSQL's
		 * to_char(time) does through its cast to interval */
		cdc_interval iv = {t.u.i, 0, 0};
		if (t.tag == CDC_VAL_INTERVAL)
			iv = (cdc_interval){t.u.iv.us, t.aux, t.u.iv.months};
		e = cdc_dt_interval_to_char(iv, fmt, buf, cap, &why);
	} else {
		/* a date is formatted as a timestamptz, as PostgreSQL picks to_char(timestamptz) */
		e = cdc_dt_to_char(ts, t.tag == CDC_VAL_TSTZ || t.tag == CDC_VAL_DATE, fmt, buf, cap, &why);
	}
	if (e == CDC_DT_NULL) {
		*out = cdc_val_null();
		return true;
	}
	if (e) {
		cdc_vm_fail(vm, "%s", why);
		return false;
	}
	*out = cdc_val_text(buf, strlen(buf));
	return true;
}
