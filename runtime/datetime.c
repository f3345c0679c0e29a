/*
 * runtime/datetime.c — dates, times, timestamps and intervals, as PostgreSQL 15 has them.
 *
 * Sources deliver PostgreSQL's text forms (pgoutput), quality rules and transforms
 * compute on the values, targets read back what is printed here.  For a value to make
 * that trip unchanged every rule follows PostgreSQL 15 under the settings cdcc runs
 * with (DateStyle ISO, YMD; IntervalStyle postgres; TimeZone UTC; English names), down
 * to its behaviour on odd input: text is cut into typed fields and decoded the way
 * PostgreSQL's datetime.c does it, the arithmetic is that of timestamp.c, the template
 * patterns those of formatting.c.  tests/unit/test_datetime.c holds values printed by a
 * PostgreSQL 15 server.  Deliberate differences: zone names and abbreviations other than
 * the UTC ones, and words that read the clock, are refused; a timestamp difference wider
 * than an interval is a range error where PostgreSQL 15 wraps around.
 *
 * Nothing allocates and nothing reads the clock, the locale or TZ: fields go into a
 * fixed buffer of the size PostgreSQL uses (so inputs too long for it fail here too),
 * and calendar conversions are arithmetic on Julian day numbers.
 */
#include "runtime/datetime.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USECS_PER_DAY    INT64_C(86400000000)
#define USECS_PER_HOUR   INT64_C(3600000000)
#define USECS_PER_MINUTE INT64_C(60000000)
#define USECS_PER_SEC    INT64_C(1000000)
#define SECS_PER_DAY     86400
#define DAYS_PER_MONTH   30   /* PostgreSQL's interval month */

#define EPOCH_JDATE      2451545  /* Julian day of 2000-01-01, the epoch of every type */
#define UNIX_EPOCH_JDATE 2440588  /* Julian day of 1970-01-01 */

/* The Julian-day range: 4714-11-24 BC (astronomical year -4713) to 5874898-06-03. */
#define JULIAN_MINYEAR  (-4713)
#define JULIAN_MINMONTH 11
#define JULIAN_MAXYEAR  5874898
#define JULIAN_MAXMONTH 6

#define DATE_END_JULIAN      2147483494  /* 5874898-01-01, first date out of range */
#define TIMESTAMP_END_JULIAN 109203528   /* 294277-01-01, first timestamp out of range */
#define MIN_DATE  (-EPOCH_JDATE)
#define END_DATE  (DATE_END_JULIAN - EPOCH_JDATE)
#define MIN_TIMESTAMP INT64_C(-211813488000000000)
#define END_TIMESTAMP INT64_C(9223371331200000000)

#define MAX_TZDISP_HOUR 15  /* largest zone offset accepted in input */

#define TS_FINITE(t)   ((t) != CDC_DT_NOBEGIN && (t) != CDC_DT_NOEND)
#define DATE_FINITE(d) ((d) != CDC_DT_DATE_NOBEGIN && (d) != CDC_DT_DATE_NOEND)
#define VALID_TS(t)    ((t) >= MIN_TIMESTAMP && (t) < END_TIMESTAMP)
#define VALID_DATE(d)  ((d) >= MIN_DATE && (d) < END_DATE)

/* ---------------------------------------------------------------------------------
 * Characters: the C locale's classes, whatever locale the process runs in.
 */
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(int c) { return is_digit(c) || is_alpha(c); }
static bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static bool is_punct(int c) { return c > ' ' && c < 0x7f && !is_alnum(c); }
static int  to_lower(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }
static int  to_upper(int c) { return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c; }

/*
 * strtol with base 10 over [s, e): optional white space and sign, then digits.  *end is
 * s when no digit was read, as strtol does.  *ovf reports a value beyond int64.
 */
static int64_t
scan_i64(const char *s, const char *e, const char **end, bool *ovf)
{
	const char *p = s;
	bool neg = false;
	uint64_t v = 0, lim;
	*ovf = false;
	while (p < e && is_space((unsigned char)*p))
		p++;
	if (p < e && (*p == '+' || *p == '-'))
		neg = *p++ == '-';
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (p >= e || !is_digit((unsigned char)*p)) {
		*end = s;
		return 0;
	}
	for (; p < e && is_digit((unsigned char)*p); p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (lim - d) / 10)
			*ovf = true;
		else
			v = v * 10 + d;
	}
	*end = p;
	if (*ovf)
		return neg ? INT64_MIN : INT64_MAX;
	return neg ? (int64_t)(0 - v) : (int64_t)v;
}

/* The same for a NUL-terminated string, rejecting values outside int (strtoint). */
static int
scan_int(const char *s, const char **end, bool *ovf)
{
	int64_t v = scan_i64(s, s + strlen(s), end, ovf);
	if (v > INT32_MAX || v < INT32_MIN)
		*ovf = true;
	return (int)v;
}

/*
 * strtod over [s, e) for the decimal forms [-]digits[.digits][e[+-]digits], giving the
 * same double: the digits are rewritten as "DIGITSe<exp>" so that the decimal point of
 * the current locale never matters.  Returns the end, or s when nothing was read.
 * *erange mirrors errno == ERANGE.
 */
static const char *
scan_double(const char *s, const char *e, double *out, bool *erange)
{
	char tmp[320];
	size_t k = 0;
	const char *p = s;
	long exp10 = 0;
	bool any = false;
	*erange = false;
	if (p < e && (*p == '-' || *p == '+'))
		tmp[k++] = *p++;
	for (; p < e && is_digit((unsigned char)*p); p++, any = true)
		if (k < sizeof tmp - 40)
			tmp[k++] = *p;
		else
			exp10++;  /* digits past the buffer only scale */
	if (p < e && *p == '.') {
		const char *q = p + 1;
		bool frac = false;
		for (; q < e && is_digit((unsigned char)*q); q++, frac = true)
			if (k < sizeof tmp - 40) {
				tmp[k++] = *q;
				exp10--;
			}
		if (any || frac) {
			any = true;
			p = q;
		}
	}
	if (!any) {
		*out = 0;
		return s;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		const char *q = p + 1;
		bool eneg = false;
		long ev = 0;
		if (q < e && (*q == '+' || *q == '-'))
			eneg = *q++ == '-';
		if (q < e && is_digit((unsigned char)*q)) {
			for (; q < e && is_digit((unsigned char)*q); q++)
				if (ev < 100000)
					ev = ev * 10 + (*q - '0');
			exp10 += eneg ? -ev : ev;
			p = q;
		}
	}
	snprintf(tmp + k, sizeof tmp - k, "e%ld", exp10);
	errno = 0;
	*out = strtod(tmp, NULL);
	*erange = errno == ERANGE;
	return p;
}

/* ---------------------------------------------------------------------------------
 * The calendar.  Julian day numbers count days from 4714-11-24 BC (proleptic
 * Gregorian); years are astronomical, 0 being 1 BC.  The conversions are the usual
 * era-based ones (400-year cycles of 146097 days), exact for every representable date.
 */
static const int day_tab[2][12] = {
	{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
	{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
};

static int
isleap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* Linear in d, so a day past the month's end simply moves on, as PostgreSQL relies on. */
static int64_t
date2j(int64_t y, int m, int64_t d)
{
	if (m <= 2)
		y--;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe + 1721120;  /* 0000-03-01 is Julian day 1721120 */
}

static void
j2date(int64_t jd, int *year, int *mon, int *mday)
{
	int64_t z = jd - 1721120;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	*mon = m;
	*year = (int)(yoe + era * 400 + (m <= 2));
}

/* Day of the week, 0 = Sunday. */
static int
j2day(int64_t jd)
{
	int64_t d = (jd + 1) % 7;
	return (int)(d < 0 ? d + 7 : d);
}

/* IS_VALID_JULIAN: what date2j may be given without leaving int range. */
static bool
valid_julian(int y, int m)
{
	return (y > JULIAN_MINYEAR || (y == JULIAN_MINYEAR && m >= JULIAN_MINMONTH)) &&
	       (y < JULIAN_MAXYEAR || (y == JULIAN_MAXYEAR && m < JULIAN_MAXMONTH));
}

/* Julian day of the Monday starting ISO week `week` of ISO year `year`. */
static int64_t
isoweek2j(int year, int week)
{
	int64_t day4 = date2j(year, 1, 4);       /* the 4th of January is in week 1 */
	int day0 = j2day(day4 - 1);              /* days from that week's Monday */
	return (int64_t)(week - 1) * 7 + (day4 - day0);
}

/* ISO week number; weeks start on Monday and week 1 holds the year's first Thursday. */
static int
date2isoweek(int year, int mon, int mday)
{
	int64_t dayn = date2j(year, mon, mday);
	int64_t day4 = date2j(year, 1, 4);
	int day0 = j2day(day4 - 1);
	if (dayn < day4 - day0) {
		day4 = date2j(year - 1, 1, 4);
		day0 = j2day(day4 - 1);
	}
	int result = (int)((dayn - (day4 - day0)) / 7 + 1);
	if (result >= 52) {
		day4 = date2j(year + 1, 1, 4);
		day0 = j2day(day4 - 1);
		if (dayn >= day4 - day0)
			result = (int)((dayn - (day4 - day0)) / 7 + 1);
	}
	return result;
}

/* The ISO year a date's ISO week belongs to. */
static int
date2isoyear(int year, int mon, int mday)
{
	int64_t dayn = date2j(year, mon, mday);
	int64_t day4 = date2j(year, 1, 4);
	int day0 = j2day(day4 - 1);
	if (dayn < day4 - day0) {
		day4 = date2j(year - 1, 1, 4);
		day0 = j2day(day4 - 1);
		year--;
	}
	if ((dayn - (day4 - day0)) / 7 + 1 >= 52) {
		day4 = date2j(year + 1, 1, 4);
		day0 = j2day(day4 - 1);
		if (dayn >= day4 - day0)
			year++;
	}
	return year;
}

static int
date2isoyearday(int year, int mon, int mday)
{
	return (int)(date2j(year, mon, mday) - isoweek2j(date2isoyear(year, mon, mday), 1) + 1);
}

/* A timestamp broken into fields (struct pg_tm plus the microseconds). */
typedef struct dt_tm {
	int year;  /* astronomical: 0 is 1 BC */
	int mon;   /* 1..12 */
	int mday;
	int hour;
	int min;
	int sec;
	int yday;  /* day of year, for day-of-year input only */
	int64_t fsec;  /* microseconds */
} dt_tm;

/* Splits a finite timestamp; false when it lies outside the Julian-day range. */
static bool
ts2tm(int64_t ts, dt_tm *tm)
{
	int64_t date = ts / USECS_PER_DAY, time = ts % USECS_PER_DAY;
	if (time < 0) {
		time += USECS_PER_DAY;
		date--;
	}
	date += EPOCH_JDATE;
	if (date < 0 || date > INT32_MAX)
		return false;
	j2date(date, &tm->year, &tm->mon, &tm->mday);
	tm->hour = (int)(time / USECS_PER_HOUR);
	time -= tm->hour * USECS_PER_HOUR;
	tm->min = (int)(time / USECS_PER_MINUTE);
	time -= tm->min * USECS_PER_MINUTE;
	tm->sec = (int)(time / USECS_PER_SEC);
	tm->fsec = time - tm->sec * USECS_PER_SEC;
	tm->yday = 0;
	return true;
}

/*
 * Fields to a timestamp (tm2timestamp): with has_tz the fields are local time at
 * `offset` seconds east of UTC.  Hours may exceed 23 (24:00:00, or hhmmss input that
 * PostgreSQL does not range-check); false when the result is out of range.
 */
static bool
tm2ts(const dt_tm *tm, int64_t fsec, bool has_tz, int32_t offset, int64_t *out)
{
	if (!valid_julian(tm->year, tm->mon))
		return false;
	int64_t date = date2j(tm->year, tm->mon, tm->mday) - EPOCH_JDATE;
	int64_t time = (((int64_t)tm->hour * 60 + tm->min) * 60 + tm->sec) * USECS_PER_SEC + fsec;
	if (date > INT64_MAX / USECS_PER_DAY || date < INT64_MIN / USECS_PER_DAY)
		return false;
	int64_t r = date * USECS_PER_DAY;
	if ((time > 0 && r > INT64_MAX - time) || (time < 0 && r < INT64_MIN - time))
		return false;
	r += time;
	if ((r < 0 && date > 0) || (r > 0 && date < -1))
		return false;
	if (has_tz)
		r -= (int64_t)offset * USECS_PER_SEC;
	if (!VALID_TS(r))
		return false;
	*out = r;
	return true;
}

/* ---------------------------------------------------------------------------------
 * Output into a caller's buffer, snprintf-like: the full length is counted even when
 * the buffer is short.
 */
typedef struct dt_out {
	char  *p;
	size_t cap;
	size_t len;
} dt_out;

static void
put_c(dt_out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->p[o->len] = c;
	o->len++;
}

static void
put_s(dt_out *o, const char *s)
{
	while (*s)
		put_c(o, *s++);
}

static void put_f(dt_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Integers only (%d, %lld with widths): these conversions ignore the locale. */
static void
put_f(dt_out *o, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	put_s(o, tmp);
}

static size_t
put_end(dt_out *o)
{
	if (o->cap)
		o->p[o->len < o->cap ? o->len : o->cap - 1] = '\0';
	return o->len;
}

/* ".123456" without trailing zeros, nothing for zero (AppendSeconds); sign dropped. */
static void
put_frac(dt_out *o, int64_t fsec)
{
	if (fsec == 0)
		return;
	if (fsec < 0)
		fsec = -fsec;
	char d[7];
	int n = 6;
	for (int i = 5; i >= 0; i--, fsec /= 10)
		d[i] = (char)('0' + fsec % 10);
	while (n > 0 && d[n - 1] == '0')
		n--;
	d[n] = '\0';
	put_c(o, '.');
	put_s(o, d);
}

/* v >= 0 in at least `width` digits, zero-padded ("%0*d" without printf, which cost a
 * tenth of a snapshot's time in timestamps). */
static void
put_digits(dt_out *o, int64_t v, int width)
{
	char d[24];
	int n = 0;
	/* 32-bit division where it fits: this is per field of every timestamp */
	for (uint32_t u = v <= UINT32_MAX ? (uint32_t)v : 0; v <= UINT32_MAX && (n == 0 || u != 0); u /= 10)
		d[n++] = (char)('0' + u % 10);
	for (; v > UINT32_MAX && (n == 0 || v != 0); v /= 10)
		d[n++] = (char)('0' + v % 10);
	while (n < width && n < (int)sizeof d)
		d[n++] = '0';
	if (o->len + (size_t)n < o->cap) {
		for (int k = 0; k < n; k++)
			o->p[o->len + (size_t)k] = d[n - 1 - k];
		o->len += (size_t)n;
		return;
	}
	while (n > 0)
		put_c(o, d[--n]);
}

/* A zone offset as PostgreSQL prints it: +02, -05:30, +05:30:15 (east positive). */
static void
put_zone(dt_out *o, int32_t offset)
{
	int64_t a = offset < 0 ? -(int64_t)offset : offset;
	int sec = (int)(a % 60), min = (int)(a / 60 % 60), hour = (int)(a / 3600);
	put_c(o, offset >= 0 ? '+' : '-');
	put_digits(o, hour, 2);
	if (min || sec) {
		put_c(o, ':');
		put_digits(o, min, 2);
	}
	if (sec) {
		put_c(o, ':');
		put_digits(o, sec, 2);
	}
}

/* "2024-01-31", years BC printed as their positive number (the caller adds " BC"). */
static void
put_ymd(dt_out *o, int year, int mon, int mday)
{
	put_digits(o, year > 0 ? year : -((int64_t)year - 1), 4);
	put_c(o, '-');
	put_digits(o, mon, 2);
	put_c(o, '-');
	put_digits(o, mday, 2);
}

static void
put_hms(dt_out *o, int hour, int min, int sec, int64_t fsec)
{
	put_digits(o, hour, 2);
	put_c(o, ':');
	put_digits(o, min, 2);
	put_c(o, ':');
	put_digits(o, sec, 2);
	put_frac(o, fsec);
}

size_t
cdc_dt_format_date(int32_t d, char *buf, size_t n)
{
	dt_out o = {buf, n, 0};
	if (d == CDC_DT_DATE_NOBEGIN)
		put_s(&o, "-infinity");
	else if (d == CDC_DT_DATE_NOEND)
		put_s(&o, "infinity");
	else {
		int y, m, dd;
		j2date((int64_t)d + EPOCH_JDATE, &y, &m, &dd);
		put_ymd(&o, y, m, dd);
		if (y <= 0)
			put_s(&o, " BC");
	}
	return put_end(&o);
}

static size_t
format_ts(int64_t ts, bool tz, char *buf, size_t n)
{
	dt_out o = {buf, n, 0};
	dt_tm tm;
	if (ts == CDC_DT_NOBEGIN)
		put_s(&o, "-infinity");
	else if (ts == CDC_DT_NOEND)
		put_s(&o, "infinity");
	else if (!ts2tm(ts, &tm))
		put_s(&o, "(out of range)");
	else {
		put_ymd(&o, tm.year, tm.mon, tm.mday);
		put_c(&o, ' ');
		put_hms(&o, tm.hour, tm.min, tm.sec, tm.fsec);
		if (tz)
			put_s(&o, "+00");
		if (tm.year <= 0)
			put_s(&o, " BC");
	}
	return put_end(&o);
}

size_t
cdc_dt_format_timestamp(int64_t ts, char *buf, size_t n)
{
	return format_ts(ts, false, buf, n);
}

size_t
cdc_dt_format_timestamptz(int64_t ts, char *buf, size_t n)
{
	return format_ts(ts, true, buf, n);
}

size_t
cdc_dt_format_time(int64_t t, char *buf, size_t n)
{
	dt_out o = {buf, n, 0};
	int hour = (int)(t / USECS_PER_HOUR);
	t -= hour * USECS_PER_HOUR;
	int min = (int)(t / USECS_PER_MINUTE);
	t -= min * USECS_PER_MINUTE;
	int sec = (int)(t / USECS_PER_SEC);
	put_hms(&o, hour, min, sec, t - sec * USECS_PER_SEC);
	return put_end(&o);
}

size_t
cdc_dt_format_timetz(int64_t t, int32_t offset, char *buf, size_t n)
{
	size_t k = cdc_dt_format_time(t, buf, n);
	dt_out o = {buf, n, k};
	put_zone(&o, offset);
	return put_end(&o);
}

/* One "N unit(s)" part of the postgres interval style (AddPostgresIntPart): a '+' marks
 * a positive part after a negative one, "is_before" lasting for one part only. */
static void
put_ivpart(dt_out *o, int64_t v, const char *unit, bool *is_zero, bool *is_before)
{
	if (v == 0)
		return;
	put_f(o, "%s%s%lld %s%s", *is_zero ? "" : " ", (*is_before && v > 0) ? "+" : "",
	      (long long)v, unit, v != 1 ? "s" : "");
	*is_before = v < 0;
	*is_zero = false;
}

size_t
cdc_dt_format_interval(cdc_interval iv, char *buf, size_t n)
{
	dt_out o = {buf, n, 0};
	bool is_zero = true, is_before = false;
	int64_t t = iv.us;
	int64_t hour = t / USECS_PER_HOUR;
	t -= hour * USECS_PER_HOUR;
	int64_t min = t / USECS_PER_MINUTE;
	t -= min * USECS_PER_MINUTE;
	int64_t sec = t / USECS_PER_SEC;
	int64_t fsec = t - sec * USECS_PER_SEC;
	put_ivpart(&o, iv.months / 12, "year", &is_zero, &is_before);
	put_ivpart(&o, iv.months % 12, "mon", &is_zero, &is_before);
	put_ivpart(&o, iv.days, "day", &is_zero, &is_before);
	if (is_zero || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
		bool minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
		put_f(&o, "%s%s%02lld:%02lld:%02lld", is_zero ? "" : " ",
		      minus ? "-" : (is_before ? "+" : ""), (long long)(hour < 0 ? -hour : hour),
		      (long long)(min < 0 ? -min : min), (long long)(sec < 0 ? -sec : sec));
		put_frac(&o, fsec);
	}
	return put_end(&o);
}

/* ---------------------------------------------------------------------------------
 * Input.  As in PostgreSQL, a string is first cut into typed fields (ParseDateTime),
 * then the fields are decoded into a dt_tm (DecodeDateTime, DecodeTimeOnly,
 * DecodeInterval); the field types decide what a piece of text can be.
 */
enum { FT_NUMBER, FT_STRING, FT_DATE, FT_TIME, FT_TZ, FT_SPECIAL };

#define MAXDATEFIELDS 25
#define MAXDATELEN    128

typedef struct dt_fields {
	char  buf[256];            /* NUL-terminated fields, lower-cased */
	char *f[MAXDATEFIELDS];
	int   ft[MAXDATEFIELDS];
	int   nf;
} dt_fields;

/* Decoder results; negative values are errors, as PostgreSQL's DTERR_ codes. */
enum {
	DTERR_BAD_FORMAT = -1,
	DTERR_FIELD_OVERFLOW = -2,
	DTERR_MD_FIELD_OVERFLOW = -3,
	DTERR_INTERVAL_OVERFLOW = -4,
	DTERR_TZDISP_OVERFLOW = -5,
	DTERR_ZONE = -6,    /* a zone name or abbreviation cdcc does not take */
	DTERR_CLOCK = -7,   /* now, today, tomorrow, yesterday */
};

/*
 * Cuts [s, s+n) into fields (ParseDateTime).  `bufsize` is the work buffer PostgreSQL
 * uses for the type (its input functions differ), so the same inputs are too long.
 */
static bool datetk_known(const char *tok);

static int
tokenize(const char *s, size_t n, size_t bufsize, dt_fields *fl)
{
	const char *cp = s, *e = s + n;
	char *bp = fl->buf, *bend = fl->buf + bufsize;
	int nf = 0;
#define APPEND(c) do { if (bp + 1 >= bend) return DTERR_BAD_FORMAT; *bp++ = (char)(c); } while (0)
#define AT(p)     ((p) < e ? (unsigned char)*(p) : 0)
	while (cp < e) {
		unsigned char c = (unsigned char)*cp;
		if (is_space(c)) {
			cp++;
			continue;
		}
		if (nf >= MAXDATEFIELDS)
			return DTERR_BAD_FORMAT;
		fl->f[nf] = bp;
		if (is_digit(c)) {
			/* a number, a time (digits then ':') or a date (digits then - / .) */
			while (is_digit(AT(cp)))
				APPEND(*cp++);
			if (AT(cp) == ':') {
				fl->ft[nf] = FT_TIME;
				APPEND(*cp++);
				while (is_digit(AT(cp)) || AT(cp) == ':' || AT(cp) == '.')
					APPEND(*cp++);
			} else if (AT(cp) == '-' || AT(cp) == '/' || AT(cp) == '.') {
				char delim = *cp;
				APPEND(*cp++);
				if (is_digit(AT(cp))) {
					fl->ft[nf] = delim == '.' ? FT_NUMBER : FT_DATE;
					while (is_digit(AT(cp)))
						APPEND(*cp++);
					/* three fields only when the delimiters match */
					if (AT(cp) == (unsigned char)delim) {
						fl->ft[nf] = FT_DATE;
						APPEND(*cp++);
						while (is_digit(AT(cp)) || AT(cp) == (unsigned char)delim)
							APPEND(*cp++);
					}
				} else {
					fl->ft[nf] = FT_DATE;  /* a text month inside, 2024-jan-31 */
					while (is_alnum(AT(cp)) || AT(cp) == (unsigned char)delim)
						APPEND(to_lower((unsigned char)*cp++));
				}
			} else
				fl->ft[nf] = FT_NUMBER;
		} else if (c == '.') {
			APPEND(*cp++);
			while (is_digit(AT(cp)))
				APPEND(*cp++);
			fl->ft[nf] = FT_NUMBER;
		} else if (is_alpha(c)) {
			bool is_date = false;
			fl->ft[nf] = FT_STRING;
			while (is_alpha(AT(cp)))
				APPEND(to_lower((unsigned char)*cp++));
			/* a word glued to punctuation or digits is a zone name or a date unless it
			 * is a known keyword ("t" before a time, "y"/"m"/"d" units) */
			if (AT(cp) == '-' || AT(cp) == '/' || AT(cp) == '.')
				is_date = true;
			else if (AT(cp) == '+' || is_digit(AT(cp))) {
				*bp = '\0';
				is_date = !datetk_known(fl->f[nf]);
			}
			if (is_date) {
				fl->ft[nf] = FT_DATE;
				do
					APPEND(to_lower((unsigned char)*cp++));
				while (AT(cp) == '+' || AT(cp) == '-' || AT(cp) == '/' || AT(cp) == '_' ||
				       AT(cp) == '.' || AT(cp) == ':' || is_alnum(AT(cp)));
			}
		} else if (c == '+' || c == '-') {
			APPEND(*cp++);
			while (is_space(AT(cp)))
				cp++;
			if (is_digit(AT(cp))) {
				fl->ft[nf] = FT_TZ;  /* or a signed number, or years-months */
				APPEND(*cp++);
				while (is_digit(AT(cp)) || AT(cp) == ':' || AT(cp) == '.' || AT(cp) == '-')
					APPEND(*cp++);
			} else if (is_alpha(AT(cp))) {
				fl->ft[nf] = FT_SPECIAL;  /* -infinity */
				while (is_alpha(AT(cp)))
					APPEND(to_lower((unsigned char)*cp++));
			} else
				return DTERR_BAD_FORMAT;
		} else if (is_punct(c)) {
			cp++;  /* other punctuation only separates */
			continue;
		} else
			return DTERR_BAD_FORMAT;
		*bp++ = '\0';
		nf++;
	}
#undef APPEND
#undef AT
	fl->nf = nf;
	return 0;
}

/* Field masks: which parts of a date/time were given. */
enum {
	M_YEAR = 1 << 0, M_MONTH = 1 << 1, M_DAY = 1 << 2, M_HOUR = 1 << 3, M_MINUTE = 1 << 4,
	M_SECOND = 1 << 5, M_MILLISEC = 1 << 6, M_MICROSEC = 1 << 7, M_TZ = 1 << 8,
	M_DOY = 1 << 9, M_DOW = 1 << 10, M_AMPM = 1 << 11, M_ADBC = 1 << 12, M_RESERV = 1 << 13,
	M_WEEK = 1 << 14, M_DECADE = 1 << 15, M_CENTURY = 1 << 16, M_MILLENNIUM = 1 << 17,
	M_DTZMOD = 1 << 18, M_DTZ = 1 << 19,
};
#define M_DATE     (M_YEAR | M_MONTH | M_DAY)
#define M_ALL_SECS (M_SECOND | M_MILLISEC | M_MICROSEC)
#define M_TIME     (M_HOUR | M_MINUTE | M_ALL_SECS)

/* Keywords of date/time input (PostgreSQL's datetktbl) and what cdcc does with them. */
enum { K_MONTH, K_DOW, K_AMPM, K_ADBC, K_IGNORE, K_ISOTIME, K_UNITS, K_EARLY, K_LATE,
       K_EPOCH, K_ZULU, K_CLOCK, K_DTZMOD, K_UTC };

/* Unit prefixes of the old ISO input ("y2024m01d31", "j2451545"), as K_UNITS values. */
enum { P_NONE, P_YEAR, P_MONTH, P_DAY, P_HOUR, P_MINUTE, P_SECOND, P_JULIAN, P_TIME, P_OTHER };

typedef struct dt_keyword {
	const char *name;
	int kind;
	int val;
} dt_keyword;

static const dt_keyword datetk[] = {
	{"-infinity", K_EARLY, 0}, {"ad", K_ADBC, 0}, {"allballs", K_ZULU, 0}, {"am", K_AMPM, 0},
	{"apr", K_MONTH, 4}, {"april", K_MONTH, 4}, {"at", K_IGNORE, 0}, {"aug", K_MONTH, 8},
	{"august", K_MONTH, 8}, {"bc", K_ADBC, 1}, {"d", K_UNITS, P_DAY}, {"dec", K_MONTH, 12},
	{"december", K_MONTH, 12}, {"dow", K_UNITS, P_OTHER}, {"doy", K_UNITS, P_OTHER}, {"dst", K_DTZMOD, 3600},
	{"epoch", K_EPOCH, 0}, {"feb", K_MONTH, 2}, {"february", K_MONTH, 2}, {"fri", K_DOW, 5},
	{"friday", K_DOW, 5}, {"h", K_UNITS, P_HOUR}, {"infinity", K_LATE, 0}, {"isodow", K_UNITS, P_OTHER},
	{"isoyear", K_UNITS, P_OTHER}, {"j", K_UNITS, P_JULIAN}, {"jan", K_MONTH, 1}, {"january", K_MONTH, 1},
	{"jd", K_UNITS, P_JULIAN}, {"jul", K_MONTH, 7}, {"julian", K_UNITS, P_JULIAN}, {"july", K_MONTH, 7},
	{"jun", K_MONTH, 6}, {"june", K_MONTH, 6}, {"m", K_UNITS, P_MONTH}, {"mar", K_MONTH, 3},
	{"march", K_MONTH, 3}, {"may", K_MONTH, 5}, {"mm", K_UNITS, P_MINUTE}, {"mon", K_DOW, 1},
	{"monday", K_DOW, 1}, {"nov", K_MONTH, 11}, {"november", K_MONTH, 11}, {"now", K_CLOCK, 0},
	{"oct", K_MONTH, 10}, {"october", K_MONTH, 10}, {"on", K_IGNORE, 0}, {"pm", K_AMPM, 1},
	{"s", K_UNITS, P_SECOND}, {"sat", K_DOW, 6}, {"saturday", K_DOW, 6}, {"sep", K_MONTH, 9},
	{"sept", K_MONTH, 9}, {"september", K_MONTH, 9}, {"sun", K_DOW, 0}, {"sunday", K_DOW, 0},
	{"t", K_ISOTIME, P_TIME}, {"thu", K_DOW, 4}, {"thur", K_DOW, 4}, {"thurs", K_DOW, 4},
	{"thursday", K_DOW, 4}, {"today", K_CLOCK, 0}, {"tomorrow", K_CLOCK, 0}, {"tue", K_DOW, 2},
	{"tues", K_DOW, 2}, {"tuesday", K_DOW, 2}, {"wed", K_DOW, 3}, {"wednesday", K_DOW, 3},
	{"weds", K_DOW, 3}, {"y", K_UNITS, P_YEAR}, {"yesterday", K_CLOCK, 0},
};

/* The zone abbreviations cdcc accepts: the ones that mean UTC. */
static const char *const utc_names[] = {"gmt", "ut", "utc", "z", "zulu"};

/* Keyword lookup compares at most 10 characters, as PostgreSQL's TOKMAXLEN. */
static const dt_keyword *
datetk_find(const char *tok)
{
	for (size_t i = 0; i < sizeof datetk / sizeof datetk[0]; i++)
		if (strncmp(tok, datetk[i].name, 10) == 0)
			return &datetk[i];
	return NULL;
}

static bool
datetk_known(const char *tok)
{
	return datetk_find(tok) != NULL;
}

static bool
is_utc_name(const char *tok)
{
	for (size_t i = 0; i < sizeof utc_names / sizeof utc_names[0]; i++)
		if (strcmp(tok, utc_names[i]) == 0)
			return true;
	return false;
}

/* "+05", "-0530", "+05:30", "+05:30:15" (DecodeTimezone); *offset is east positive. */
static int
decode_tz(const char *str, int32_t *offset)
{
	const char *cp;
	bool ovf;
	int hr, min = 0, sec = 0;
	hr = scan_int(str + 1, &cp, &ovf);
	if (ovf)
		return DTERR_TZDISP_OVERFLOW;
	if (*cp == ':') {
		min = scan_int(cp + 1, &cp, &ovf);
		if (ovf)
			return DTERR_TZDISP_OVERFLOW;
		if (*cp == ':') {
			sec = scan_int(cp + 1, &cp, &ovf);
			if (ovf)
				return DTERR_TZDISP_OVERFLOW;
		}
	} else if (*cp == '\0' && strlen(str) > 3) {
		min = hr % 100;  /* run-together hhmm */
		hr = hr / 100;
	}
	if (hr < 0 || hr > MAX_TZDISP_HOUR || min < 0 || min >= 60 || sec < 0 || sec >= 60)
		return DTERR_TZDISP_OVERFLOW;
	int32_t off = (hr * 60 + min) * 60 + sec;
	*offset = *str == '-' ? -off : off;
	if (*cp != '\0')
		return DTERR_BAD_FORMAT;
	return 0;
}

/* Fractional seconds ".123456..." to microseconds, rounded as rint(strtod() * 1e6). */
static int
parse_frac_sec(const char *cp, int64_t *fsec)
{
	double frac = 0;
	bool erange;
	if (cp[1] != '\0') {  /* a bare "." is zero */
		const char *end = scan_double(cp, cp + strlen(cp), &frac, &erange);
		if (end == cp || *end != '\0' || erange)
			return DTERR_BAD_FORMAT;
	}
	*fsec = (int64_t)rint(frac * 1000000);
	return 0;
}

/*
 * "hh:mm", "hh:mm:ss[.f]" and "mm:ss.f" (DecodeTimeCommon).  The hour is only checked
 * for being non-negative; callers check the rest of the range.
 */
static int
decode_time_common(const char *str, int64_t *hour, int *min, int *sec, int64_t *fsec)
{
	const char *cp;
	bool ovf;
	int dterr;
	*fsec = 0;
	*hour = scan_i64(str, str + strlen(str), &cp, &ovf);
	if (ovf)
		return DTERR_FIELD_OVERFLOW;
	if (*cp != ':')
		return DTERR_BAD_FORMAT;
	*min = scan_int(cp + 1, &cp, &ovf);
	if (ovf)
		return DTERR_FIELD_OVERFLOW;
	if (*cp == '\0')
		*sec = 0;
	else if (*cp == '.') {
		/* mm:ss.sss is always minutes and seconds */
		if ((dterr = parse_frac_sec(cp, fsec)) != 0)
			return dterr;
		if (*hour > INT32_MAX || *hour < INT32_MIN)
			return DTERR_FIELD_OVERFLOW;
		*sec = *min;
		*min = (int)*hour;
		*hour = 0;
	} else if (*cp == ':') {
		*sec = scan_int(cp + 1, &cp, &ovf);
		if (ovf)
			return DTERR_FIELD_OVERFLOW;
		if (*cp == '.') {
			if ((dterr = parse_frac_sec(cp, fsec)) != 0)
				return dterr;
		} else if (*cp != '\0')
			return DTERR_BAD_FORMAT;
	} else
		return DTERR_BAD_FORMAT;
	if (*hour < 0 || *min < 0 || *min > 59 || *sec < 0 || *sec > 60 || *fsec < 0 ||
	    *fsec > USECS_PER_SEC)
		return DTERR_FIELD_OVERFLOW;
	return 0;
}

static int
decode_time(const char *str, int *tmask, dt_tm *tm, int64_t *fsec)
{
	int64_t hour;
	int dterr = decode_time_common(str, &hour, &tm->min, &tm->sec, fsec);
	*tmask = M_TIME;
	if (dterr)
		return dterr;
	if (hour > INT32_MAX)
		return DTERR_FIELD_OVERFLOW;
	tm->hour = (int)hour;
	return 0;
}

/* 24:00:00 and 23:59:60 are allowed, nothing past midnight of the next day. */
static bool
time_overflows(int hour, int min, int sec, int64_t fsec)
{
	if (hour < 0 || hour > 24 || min < 0 || min >= 60 || sec < 0 || sec > 60 || fsec < 0 ||
	    fsec > USECS_PER_SEC)
		return true;
	return (((int64_t)hour * 60 + min) * 60 + sec) * USECS_PER_SEC + fsec > USECS_PER_DAY;
}

/*
 * A run of digits: yyyymmdd or yymmdd when the date is incomplete, else hhmmss or hhmm,
 * with an optional fraction (DecodeNumberField).  Returns 1 for a date, 2 for a time.
 */
static int
decode_number_field(char *str, int fmask, int *tmask, dt_tm *tm, int64_t *fsec, bool *is2digits)
{
	char *cp = strchr(str, '.');
	size_t len;
	if (cp) {
		if (cp[1] == '\0')
			*fsec = 0;
		else {
			double frac;
			bool erange;
			scan_double(cp, cp + strlen(cp), &frac, &erange);
			if (erange)
				return DTERR_BAD_FORMAT;
			*fsec = (int64_t)rint(frac * 1000000);
		}
		*cp = '\0';
		len = strlen(str);
	} else if ((fmask & M_DATE) != M_DATE) {
		len = strlen(str);
		if (len >= 6) {
			*tmask = M_DATE;
			tm->mday = atoi(str + len - 2);
			str[len - 2] = '\0';
			tm->mon = atoi(str + len - 4);
			str[len - 4] = '\0';
			tm->year = atoi(str);
			if (len - 4 == 2)
				*is2digits = true;
			return 1;
		}
	} else
		len = strlen(str);
	if ((fmask & M_TIME) != M_TIME) {
		if (len == 6) {
			*tmask = M_TIME;
			tm->sec = atoi(str + 4);
			str[4] = '\0';
			tm->min = atoi(str + 2);
			str[2] = '\0';
			tm->hour = atoi(str);
			return 2;
		} else if (len == 4) {
			*tmask = M_TIME;
			tm->sec = 0;
			tm->min = atoi(str + 2);
			str[2] = '\0';
			tm->hour = atoi(str);
			return 2;
		}
	}
	return DTERR_BAD_FORMAT;
}

/*
 * One numeric field of a date (DecodeNumber), placed by what is known so far: a first
 * field is the year (DateStyle YMD), then the month, then the day; a 3-digit field
 * right after the year is a day of the year; six or more digits are run together.
 */
static int
decode_number(char *str, bool have_text_month, int fmask, int *tmask, dt_tm *tm,
              int64_t *fsec, bool *is2digits)
{
	size_t flen = strlen(str);
	const char *cp;
	bool ovf;
	int dterr;
	*tmask = 0;
	int val = scan_int(str, &cp, &ovf);
	if (ovf)
		return DTERR_FIELD_OVERFLOW;
	if (cp == str)
		return DTERR_BAD_FORMAT;
	if (*cp == '.') {
		if (cp - str > 2) {
			dterr = decode_number_field(str, fmask | M_DATE, tmask, tm, fsec, is2digits);
			return dterr < 0 ? dterr : 0;
		}
		if ((dterr = parse_frac_sec(cp, fsec)) != 0)
			return dterr;
	} else if (*cp != '\0')
		return DTERR_BAD_FORMAT;
	if (flen == 3 && (fmask & M_DATE) == M_YEAR && val >= 1 && val <= 366) {
		*tmask = M_DOY | M_MONTH | M_DAY;
		tm->yday = val;
		return 0;
	}
	switch (fmask & M_DATE) {
	case 0:
		*tmask = M_YEAR;  /* YMD order: 3+ digits or not, the first field is the year */
		tm->year = val;
		break;
	case M_YEAR:
		*tmask = M_MONTH;
		tm->mon = val;
		break;
	case M_MONTH:
		if (have_text_month) {
			*tmask = M_YEAR;  /* YYYY-MON-DD, or YY-MON-DD in YMD order */
			tm->year = val;
		} else {
			*tmask = M_DAY;
			tm->mday = val;
		}
		break;
	case M_YEAR | M_MONTH:
		if (have_text_month && flen >= 3 && *is2digits) {
			*tmask = M_DAY;  /* DD-MON-YYYY after all */
			tm->mday = tm->year;
			tm->year = val;
			*is2digits = false;
		} else {
			*tmask = M_DAY;
			tm->mday = val;
		}
		break;
	case M_DAY:
		*tmask = M_MONTH;
		tm->mon = val;
		break;
	case M_MONTH | M_DAY:
		*tmask = M_YEAR;
		tm->year = val;
		break;
	case M_DATE:
		dterr = decode_number_field(str, fmask, tmask, tm, fsec, is2digits);
		return dterr < 0 ? dterr : 0;
	default:
		return DTERR_BAD_FORMAT;
	}
	if (*tmask == M_YEAR)
		*is2digits = flen <= 2;
	return 0;
}

/* A date field such as 2024-01-31, 2024/1/31, 2024.060 or 2024-jan-31 (DecodeDate). */
static int
decode_date(char *str, int fmask, int *tmask, bool *is2digits, dt_tm *tm)
{
	char *field[MAXDATEFIELDS];
	int nf = 0, dmask, dterr;
	bool have_text_month = false;
	int64_t fsec;
	*tmask = 0;
	while (*str != '\0' && nf < MAXDATEFIELDS) {
		while (*str != '\0' && !is_alnum((unsigned char)*str))
			str++;
		if (*str == '\0')
			return DTERR_BAD_FORMAT;
		field[nf] = str;
		if (is_digit((unsigned char)*str))
			while (is_digit((unsigned char)*str))
				str++;
		else if (is_alpha((unsigned char)*str))
			while (is_alpha((unsigned char)*str))
				str++;
		if (*str != '\0')
			*str++ = '\0';
		nf++;
	}
	/* text fields first: a month name settles the order */
	for (int i = 0; i < nf; i++) {
		if (!is_alpha((unsigned char)*field[i]))
			continue;
		const dt_keyword *k = datetk_find(field[i]);
		if (k && k->kind == K_IGNORE)
			continue;
		if (!k || k->kind != K_MONTH)
			return DTERR_BAD_FORMAT;
		tm->mon = k->val;
		have_text_month = true;
		if (fmask & M_MONTH)
			return DTERR_BAD_FORMAT;
		fmask |= M_MONTH;
		*tmask |= M_MONTH;
		field[i] = NULL;
	}
	for (int i = 0; i < nf; i++) {
		if (field[i] == NULL)
			continue;
		if (strlen(field[i]) == 0)
			return DTERR_BAD_FORMAT;
		dterr = decode_number(field[i], have_text_month, fmask, &dmask, tm, &fsec, is2digits);
		if (dterr)
			return dterr;
		if (fmask & dmask)
			return DTERR_BAD_FORMAT;
		fmask |= dmask;
		*tmask |= dmask;
	}
	if ((fmask & ~(M_DOY | M_TZ)) != M_DATE)
		return DTERR_BAD_FORMAT;
	return 0;
}

/* Final checks of year, month and day once all fields are in (ValidateDate). */
static int
validate_date(int fmask, bool isjulian, bool is2digits, bool bc, dt_tm *tm)
{
	if (fmask & M_YEAR) {
		if (isjulian)
			;
		else if (bc) {
			if (tm->year <= 0)
				return DTERR_FIELD_OVERFLOW;  /* there is no year 0 BC */
			tm->year = -(tm->year - 1);
		} else if (is2digits) {
			if (tm->year < 0)
				return DTERR_FIELD_OVERFLOW;
			if (tm->year < 70)
				tm->year += 2000;
			else if (tm->year < 100)
				tm->year += 1900;
		} else if (tm->year <= 0)
			return DTERR_FIELD_OVERFLOW;
	}
	if (fmask & M_DOY) {
		if (!valid_julian(tm->year, 1))
			return DTERR_FIELD_OVERFLOW;
		j2date(date2j(tm->year, 1, 1) + tm->yday - 1, &tm->year, &tm->mon, &tm->mday);
	}
	if ((fmask & M_MONTH) && (tm->mon < 1 || tm->mon > 12))
		return DTERR_MD_FIELD_OVERFLOW;
	if ((fmask & M_DAY) && (tm->mday < 1 || tm->mday > 31))
		return DTERR_MD_FIELD_OVERFLOW;
	if ((fmask & M_DATE) == M_DATE && tm->mday > day_tab[isleap(tm->year)][tm->mon - 1])
		return DTERR_FIELD_OVERFLOW;
	return 0;
}

/* What a date/time string decoded to. */
enum { DT_DATE, DT_TIME, DT_EPOCH, DT_LATE, DT_EARLY };

typedef struct dt_decoded {
	dt_tm   tm;
	int64_t fsec;
	int     dtype;
	int32_t offset;  /* seconds east of UTC, when the M_TZ field bit is set */
	int     fmask;   /* the fields given */
} dt_decoded;

/* A keyword or zone word of a date/time string. */
static int
decode_word(const char *w, int *kind, int *val)
{
	const dt_keyword *k;
	if (is_utc_name(w)) {
		*kind = K_UTC;
		return 0;
	}
	k = datetk_find(w);
	if (!k)
		return is_alpha((unsigned char)*w) ? DTERR_ZONE : DTERR_BAD_FORMAT;
	*kind = k->kind;
	*val = k->val;
	return 0;
}

/*
 * A number labelled by a unit word before it: "y2024", "m01", "d31", "h13", "mm45",
 * "s30.5", a Julian day "j2451545.25", or the time after "t" (PostgreSQL 15 still reads
 * this old ISO form; 16 dropped most of it).
 */
static int
decode_prefixed(int ptype, char *f, int fmask, int *tmask, dt_decoded *r, bool *isjulian,
                bool *is2digits)
{
	dt_tm *tm = &r->tm;
	const char *cp;
	bool ovf;
	int dterr;
	int val = scan_int(f, &cp, &ovf);
	if (ovf)
		return DTERR_FIELD_OVERFLOW;
	if (*cp == '.') {
		if (ptype != P_JULIAN && ptype != P_TIME && ptype != P_SECOND)
			return DTERR_BAD_FORMAT;
	} else if (*cp != '\0')
		return DTERR_BAD_FORMAT;
	switch (ptype) {
	case P_YEAR:
		tm->year = val;
		*tmask = M_YEAR;
		break;
	case P_MONTH:
		/* after a month and an hour, "m" means minutes */
		if ((fmask & M_MONTH) && (fmask & M_HOUR)) {
			tm->min = val;
			*tmask = M_MINUTE;
		} else {
			tm->mon = val;
			*tmask = M_MONTH;
		}
		break;
	case P_DAY:
		tm->mday = val;
		*tmask = M_DAY;
		break;
	case P_HOUR:
		tm->hour = val;
		*tmask = M_HOUR;
		break;
	case P_MINUTE:
		tm->min = val;
		*tmask = M_MINUTE;
		break;
	case P_SECOND:
		tm->sec = val;
		*tmask = M_SECOND;
		if (*cp == '.') {
			if ((dterr = parse_frac_sec(cp, &r->fsec)) != 0)
				return dterr;
			*tmask = M_ALL_SECS;
		}
		break;
	case P_JULIAN:
		if (val < 0)
			return DTERR_FIELD_OVERFLOW;
		*tmask = M_DATE;
		j2date(val, &tm->year, &tm->mon, &tm->mday);
		*isjulian = true;
		if (*cp == '.') {
			/* a fraction of a day, truncated to the microsecond */
			double frac = 0;
			bool erange;
			if (cp[1] != '\0') {
				const char *end = scan_double(cp, cp + strlen(cp), &frac, &erange);
				if (*end != '\0' || erange)
					return DTERR_BAD_FORMAT;
			}
			int64_t t = (int64_t)(frac * (double)USECS_PER_DAY);
			tm->hour = (int)(t / USECS_PER_HOUR);
			t -= tm->hour * USECS_PER_HOUR;
			tm->min = (int)(t / USECS_PER_MINUTE);
			t -= tm->min * USECS_PER_MINUTE;
			tm->sec = (int)(t / USECS_PER_SEC);
			r->fsec = t - tm->sec * USECS_PER_SEC;
			*tmask |= M_TIME;
		}
		break;
	case P_TIME:
		dterr = decode_number_field(f, fmask | M_DATE, tmask, tm, &r->fsec, is2digits);
		if (dterr < 0)
			return dterr;
		if (*tmask != M_TIME)
			return DTERR_BAD_FORMAT;
		break;
	default:
		return DTERR_BAD_FORMAT;
	}
	return 0;
}

/*
 * Fields of a date or timestamp (DecodeDateTime).  In PostgreSQL 15 a special word
 * (infinity, epoch) wins over the other fields, which are still checked; a unit word
 * with no number after it is ignored.
 */
static int
decode_datetime(dt_fields *fl, dt_decoded *r)
{
	int fmask = 0, tmask = 0, ptype = P_NONE, dterr, mer = -1;
	bool have_text_month = false, is2digits = false, bc = false, isjulian = false;
	dt_tm *tm = &r->tm;
	memset(r, 0, sizeof *r);
	r->dtype = DT_DATE;
	for (int i = 0; i < fl->nf; i++) {
		char *f = fl->f[i];
		switch (fl->ft[i]) {
		case FT_DATE:
			if (ptype == P_JULIAN) {
				/* a Julian day with a zone glued on: j2451545-05 */
				const char *cp;
				bool ovf;
				int val = scan_int(f, &cp, &ovf);
				if (ovf || val < 0)
					return DTERR_FIELD_OVERFLOW;
				j2date(val, &tm->year, &tm->mon, &tm->mday);
				isjulian = true;
				if ((dterr = decode_tz(cp, &r->offset)) != 0)
					return dterr;
				tmask = M_DATE | M_TIME | M_TZ;
				ptype = P_NONE;
			} else if (ptype != P_NONE || (fmask & (M_MONTH | M_DAY)) == (M_MONTH | M_DAY)) {
				/* after a full date: a zone name, or hhmmss-zz */
				if (is_digit((unsigned char)*f) || ptype != P_NONE) {
					char *cp;
					if (ptype != P_NONE) {
						if (ptype != P_TIME)
							return DTERR_BAD_FORMAT;
						ptype = P_NONE;
					}
					if ((fmask & M_TIME) == M_TIME)
						return DTERR_BAD_FORMAT;
					if ((cp = strchr(f, '-')) == NULL)
						return DTERR_BAD_FORMAT;
					if ((dterr = decode_tz(cp, &r->offset)) != 0)
						return dterr;
					*cp = '\0';
					dterr = decode_number_field(f, fmask, &tmask, tm, &r->fsec, &is2digits);
					if (dterr < 0)
						return dterr;
					tmask |= M_TZ;
				} else
					return DTERR_ZONE;
			} else if ((dterr = decode_date(f, fmask, &tmask, &is2digits, tm)) != 0)
				return dterr;
			break;
		case FT_TIME:
			if (ptype != P_NONE) {
				if (ptype != P_TIME)
					return DTERR_BAD_FORMAT;
				ptype = P_NONE;
			}
			if ((dterr = decode_time(f, &tmask, tm, &r->fsec)) != 0)
				return dterr;
			if (time_overflows(tm->hour, tm->min, tm->sec, r->fsec))
				return DTERR_FIELD_OVERFLOW;
			break;
		case FT_TZ:
			if ((dterr = decode_tz(f, &r->offset)) != 0)
				return dterr;
			tmask = M_TZ;
			break;
		case FT_NUMBER:
			if (ptype != P_NONE) {
				if ((dterr = decode_prefixed(ptype, f, fmask, &tmask, r, &isjulian, &is2digits)) != 0)
					return dterr;
				ptype = P_NONE;
				r->dtype = DT_DATE;
			} else {
				size_t flen = strlen(f);
				char *cp = strchr(f, '.');
				if (cp && !(fmask & M_DATE))
					dterr = decode_date(f, fmask, &tmask, &is2digits, tm);
				else if (cp && flen - strlen(cp) > 2) {
					dterr = decode_number_field(f, fmask, &tmask, tm, &r->fsec, &is2digits);
					dterr = dterr < 0 ? dterr : 0;
				} else if (flen >= 6 && (!(fmask & M_DATE) || !(fmask & M_TIME))) {
					dterr = decode_number_field(f, fmask, &tmask, tm, &r->fsec, &is2digits);
					dterr = dterr < 0 ? dterr : 0;
				} else
					dterr = decode_number(f, have_text_month, fmask, &tmask, tm, &r->fsec,
					                      &is2digits);
				if (dterr)
					return dterr;
			}
			break;
		case FT_STRING:
		case FT_SPECIAL: {
			int kind = 0, val = 0;
			if ((dterr = decode_word(f, &kind, &val)) != 0)
				return dterr;
			switch (kind) {
			case K_IGNORE:
				continue;
			case K_UTC:
				tmask = M_TZ;
				r->offset = 0;
				break;
			case K_DTZMOD:
				/* "DST" moves the zone an hour east; a later offset replaces it */
				tmask = M_DTZMOD | M_DTZ;
				r->offset += val;
				break;
			case K_EARLY:
			case K_LATE:
			case K_EPOCH:
				tmask = M_RESERV;
				r->dtype = kind == K_EARLY ? DT_EARLY : kind == K_LATE ? DT_LATE : DT_EPOCH;
				break;
			case K_ZULU:
				/* midnight UTC, and a date after all even after "infinity" */
				tmask = M_TIME | M_TZ;
				tm->hour = tm->min = tm->sec = 0;
				r->offset = 0;
				r->dtype = DT_DATE;
				break;
			case K_CLOCK:
				return DTERR_CLOCK;
			case K_MONTH:
				tmask = M_MONTH;
				if ((fmask & M_MONTH) && !have_text_month && !(fmask & M_DAY) && tm->mon >= 1 &&
				    tm->mon <= 31) {
					tm->mday = tm->mon;
					tmask = M_DAY;
				}
				have_text_month = true;
				tm->mon = val;
				break;
			case K_AMPM:
				tmask = M_AMPM;
				mer = val;
				break;
			case K_ADBC:
				tmask = M_ADBC;
				bc = val == 1;
				break;
			case K_DOW:
				tmask = M_DOW;
				break;
			case K_UNITS:
				tmask = 0;
				ptype = val;
				break;
			case K_ISOTIME:
				tmask = 0;
				if ((fmask & M_DATE) != M_DATE)
					return DTERR_BAD_FORMAT;
				if (i >= fl->nf - 1 || (fl->ft[i + 1] != FT_NUMBER && fl->ft[i + 1] != FT_TIME &&
				                        fl->ft[i + 1] != FT_DATE))
					return DTERR_BAD_FORMAT;
				ptype = val;
				break;
			default:
				return DTERR_BAD_FORMAT;
			}
			break;
		}
		default:
			return DTERR_BAD_FORMAT;
		}
		if (tmask & fmask)
			return DTERR_BAD_FORMAT;
		fmask |= tmask;
	}
	if ((dterr = validate_date(fmask, isjulian, is2digits, bc, tm)) != 0)
		return dterr;
	if (mer >= 0 && tm->hour > 12)
		return DTERR_FIELD_OVERFLOW;
	if (mer == 0 && tm->hour == 12)
		tm->hour = 0;
	else if (mer == 1 && tm->hour != 12)
		tm->hour += 12;
	if (r->dtype == DT_DATE) {
		if ((fmask & M_DATE) != M_DATE)
			return DTERR_BAD_FORMAT;
		if (!(fmask & M_TZ) && (fmask & M_DTZMOD))
			return DTERR_BAD_FORMAT;
	}
	r->fmask = fmask;
	return 0;
}

/* Fields of a time or timetz (DecodeTimeOnly): a leading date is allowed and ignored. */
static int
decode_timeonly(dt_fields *fl, dt_decoded *r)
{
	int fmask = 0, tmask = 0, ptype = P_NONE, dterr, mer = -1, nf = fl->nf;
	bool is2digits = false, bc = false, isjulian = false;
	dt_tm *tm = &r->tm;
	memset(r, 0, sizeof *r);
	r->dtype = DT_TIME;
	for (int i = 0; i < nf; i++) {
		char *f = fl->f[i];
		switch (fl->ft[i]) {
		case FT_DATE:
			if (i == 0 && nf >= 2 && (fl->ft[nf - 1] == FT_DATE || fl->ft[1] == FT_TIME)) {
				if ((dterr = decode_date(f, fmask, &tmask, &is2digits, tm)) != 0)
					return dterr;
			} else if (is_digit((unsigned char)*f)) {
				char *cp;
				if ((fmask & M_TIME) == M_TIME)
					return DTERR_BAD_FORMAT;
				if ((cp = strchr(f, '-')) == NULL)
					return DTERR_BAD_FORMAT;
				if ((dterr = decode_tz(cp, &r->offset)) != 0)
					return dterr;
				*cp = '\0';
				dterr = decode_number_field(f, fmask | M_DATE, &tmask, tm, &r->fsec, &is2digits);
				if (dterr < 0)
					return dterr;
				tmask |= M_TZ;
			} else
				return DTERR_ZONE;
			break;
		case FT_TIME:
			if ((dterr = decode_time(f, &tmask, tm, &r->fsec)) != 0)
				return dterr;
			break;
		case FT_TZ:
			if ((dterr = decode_tz(f, &r->offset)) != 0)
				return dterr;
			tmask = M_TZ;
			break;
		case FT_NUMBER:
			if (ptype != P_NONE) {
				if ((dterr = decode_prefixed(ptype, f, fmask, &tmask, r, &isjulian, &is2digits)) != 0)
					return dterr;
				ptype = P_NONE;
			} else {
				size_t flen = strlen(f);
				char *cp = strchr(f, '.');
				if (cp) {
					if (i == 0 && nf >= 2 && fl->ft[nf - 1] == FT_DATE)
						dterr = decode_date(f, fmask, &tmask, &is2digits, tm);
					else if (flen - strlen(cp) > 2) {
						dterr = decode_number_field(f, fmask | M_DATE, &tmask, tm, &r->fsec,
						                            &is2digits);
						dterr = dterr < 0 ? dterr : 0;
					} else
						dterr = DTERR_BAD_FORMAT;
				} else if (flen > 4) {
					dterr = decode_number_field(f, fmask | M_DATE, &tmask, tm, &r->fsec, &is2digits);
					dterr = dterr < 0 ? dterr : 0;
				} else
					dterr = decode_number(f, false, fmask | M_DATE, &tmask, tm, &r->fsec, &is2digits);
				if (dterr)
					return dterr;
			}
			break;
		case FT_STRING:
		case FT_SPECIAL: {
			int kind = 0, val = 0;
			if ((dterr = decode_word(f, &kind, &val)) != 0)
				return dterr;
			switch (kind) {
			case K_IGNORE:
				continue;
			case K_UTC:
				tmask = M_TZ;
				r->offset = 0;
				break;
			case K_DTZMOD:
				tmask = M_DTZMOD | M_DTZ;
				r->offset += val;
				break;
			case K_ZULU:
				tmask = M_TIME | M_TZ;
				tm->hour = tm->min = tm->sec = 0;
				break;
			case K_CLOCK:
				return DTERR_CLOCK;
			case K_AMPM:
				tmask = M_AMPM;
				mer = val;
				break;
			case K_ADBC:
				tmask = M_ADBC;
				bc = val == 1;
				break;
			case K_UNITS:
				tmask = 0;
				ptype = val;
				break;
			case K_ISOTIME:
				tmask = 0;
				if (i >= nf - 1 || (fl->ft[i + 1] != FT_NUMBER && fl->ft[i + 1] != FT_TIME &&
				                    fl->ft[i + 1] != FT_DATE))
					return DTERR_BAD_FORMAT;
				ptype = val;
				break;
			default:  /* month and weekday names, infinity, epoch */
				return DTERR_BAD_FORMAT;
			}
			break;
		}
		default:
			return DTERR_BAD_FORMAT;
		}
		if (tmask & fmask)
			return DTERR_BAD_FORMAT;
		fmask |= tmask;
	}
	if ((dterr = validate_date(fmask, isjulian, is2digits, bc, tm)) != 0)
		return dterr;
	if (mer >= 0 && tm->hour > 12)
		return DTERR_FIELD_OVERFLOW;
	if (mer == 0 && tm->hour == 12)
		tm->hour = 0;
	else if (mer == 1 && tm->hour != 12)
		tm->hour += 12;
	if (time_overflows(tm->hour, tm->min, tm->sec, r->fsec))
		return DTERR_FIELD_OVERFLOW;
	if ((fmask & M_TIME) == 0)
		return DTERR_BAD_FORMAT;
	/* without a zone PostgreSQL looks one up for the date given, which must be whole */
	if (!(fmask & M_TZ) && ((fmask & M_DTZMOD) || ((fmask & M_DATE) && (fmask & M_DATE) != M_DATE)))
		return DTERR_BAD_FORMAT;
	r->fmask = fmask;
	return 0;
}

/* The `why` for a decoder error. */
static cdc_dt_err
dterr_result(int dterr, const char *syntax, const char **why)
{
	const char *w;
	switch (dterr) {
	case DTERR_FIELD_OVERFLOW:
	case DTERR_MD_FIELD_OVERFLOW:
		w = "date/time field value out of range";
		break;
	case DTERR_INTERVAL_OVERFLOW:
		w = "interval field value out of range";
		break;
	case DTERR_TZDISP_OVERFLOW:
		w = "time zone displacement out of range";
		break;
	case DTERR_ZONE:
		w = "time zone not supported: only UTC, GMT, Z and numeric offsets such as +02:00 are accepted";
		break;
	case DTERR_CLOCK:
		w = "now, today, tomorrow and yesterday depend on the clock and are not accepted as input";
		break;
	default:
		w = syntax;
		break;
	}
	if (why)
		*why = w;
	return CDC_DT_INVALID;
}

static cdc_dt_err
fail(cdc_dt_err e, const char *msg, const char **why)
{
	if (why)
		*why = msg;
	return e;
}

cdc_dt_err
cdc_dt_parse_date(const char *s, size_t n, int32_t *out, const char **why)
{
	dt_fields fl;
	dt_decoded r;
	int dterr = tokenize(s, n, MAXDATELEN + 1, &fl);
	if (dterr == 0)
		dterr = decode_datetime(&fl, &r);
	if (dterr)
		return dterr_result(dterr, "invalid input syntax for type date", why);
	switch (r.dtype) {
	case DT_LATE:
		*out = CDC_DT_DATE_NOEND;
		return CDC_DT_OK;
	case DT_EARLY:
		*out = CDC_DT_DATE_NOBEGIN;
		return CDC_DT_OK;
	case DT_EPOCH:
		*out = UNIX_EPOCH_JDATE - EPOCH_JDATE;
		return CDC_DT_OK;
	default:
		break;
	}
	if (!valid_julian(r.tm.year, r.tm.mon))
		return fail(CDC_DT_RANGE, "date out of range", why);
	int64_t d = date2j(r.tm.year, r.tm.mon, r.tm.mday) - EPOCH_JDATE;
	if (!VALID_DATE(d))
		return fail(CDC_DT_RANGE, "date out of range", why);
	*out = (int32_t)d;
	return CDC_DT_OK;
}

/* n digits at s[*i] as a number, or -1. */
static int
fixed_digits(const char *s, size_t len, size_t *i, int n)
{
	int v = 0;
	for (int k = 0; k < n; k++, (*i)++) {
		if (*i >= len || s[*i] < '0' || s[*i] > '9')
			return -1;
		v = v * 10 + (s[*i] - '0');
	}
	return v;
}

/*
 * The form PostgreSQL prints with DateStyle ISO — what every source sends cdcc —
 * "2024-01-31 12:34:56[.123456][+02[:30[:15]]]", read directly; anything else (other
 * forms, days past the 28th, leap seconds, a missing zone for timestamptz) takes the
 * general path, which gives the same answers for these.  A tenth of a snapshot's time
 * went to the general path's tokenizer.
 */
static bool
parse_ts_iso(const char *s, size_t n, bool tz, int64_t *out)
{
	size_t i = 0;
	dt_tm tm = {0};
	int64_t fsec = 0;
	int32_t offset = 0;
	tm.year = fixed_digits(s, n, &i, 4);
	if (tm.year < 1 || i >= n || s[i++] != '-' || (tm.mon = fixed_digits(s, n, &i, 2)) < 1 || tm.mon > 12 ||
	    i >= n || s[i++] != '-' || (tm.mday = fixed_digits(s, n, &i, 2)) < 1 || tm.mday > 28 ||
	    i >= n || s[i++] != ' ' || (tm.hour = fixed_digits(s, n, &i, 2)) < 0 || tm.hour > 23 ||
	    i >= n || s[i++] != ':' || (tm.min = fixed_digits(s, n, &i, 2)) < 0 || tm.min > 59 ||
	    i >= n || s[i++] != ':' || (tm.sec = fixed_digits(s, n, &i, 2)) < 0 || tm.sec > 59)
		return false;
	if (i < n && s[i] == '.') {
		int digits = 0;
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
			fsec = fsec * 10 + (s[i] - '0');
		if (digits < 1 || digits > 6)
			return false;
		for (; digits < 6; digits++)
			fsec *= 10;
	}
	if (tz) {
		if (i >= n || (s[i] != '+' && s[i] != '-'))
			return false;
		int sign = s[i++] == '-' ? -1 : 1, h = fixed_digits(s, n, &i, 2), m = 0, sec = 0;
		if (h < 0 || h > 15)
			return false;
		if (i < n && s[i] == ':') {
			i++;
			if ((m = fixed_digits(s, n, &i, 2)) < 0 || m > 59)
				return false;
			if (i < n && s[i] == ':') {
				i++;
				if ((sec = fixed_digits(s, n, &i, 2)) < 0 || sec > 59)
					return false;
			}
		}
		offset = sign * (h * 3600 + m * 60 + sec);
	}
	return i == n && tm2ts(&tm, fsec, tz, offset, out);
}

static cdc_dt_err
parse_ts(const char *s, size_t n, bool tz, int64_t *out, const char **why)
{
	if (parse_ts_iso(s, n, tz, out))
		return CDC_DT_OK;
	dt_fields fl;
	dt_decoded r;
	int dterr = tokenize(s, n, MAXDATELEN + MAXDATEFIELDS, &fl);
	if (dterr == 0)
		dterr = decode_datetime(&fl, &r);
	if (dterr)
		return dterr_result(dterr, tz ? "invalid input syntax for type timestamp with time zone"
		                              : "invalid input syntax for type timestamp", why);
	switch (r.dtype) {
	case DT_LATE:
		*out = CDC_DT_NOEND;
		return CDC_DT_OK;
	case DT_EARLY:
		*out = CDC_DT_NOBEGIN;
		return CDC_DT_OK;
	case DT_EPOCH:
		*out = CDC_DT_UNIX_EPOCH;
		return CDC_DT_OK;
	default:
		break;
	}
	if (!tm2ts(&r.tm, r.fsec, tz && (r.fmask & M_TZ), r.offset, out))
		return fail(CDC_DT_RANGE, "timestamp out of range", why);
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_parse_timestamp(const char *s, size_t n, int64_t *out, const char **why)
{
	return parse_ts(s, n, false, out, why);
}

cdc_dt_err
cdc_dt_parse_timestamptz(const char *s, size_t n, int64_t *out, const char **why)
{
	return parse_ts(s, n, true, out, why);
}

static cdc_dt_err
parse_time(const char *s, size_t n, bool tz, int64_t *us, int32_t *offset, const char **why)
{
	dt_fields fl;
	dt_decoded r;
	int dterr = tokenize(s, n, MAXDATELEN + 1, &fl);
	if (dterr == 0)
		dterr = decode_timeonly(&fl, &r);
	if (dterr)
		return dterr_result(dterr, tz ? "invalid input syntax for type time with time zone"
		                              : "invalid input syntax for type time", why);
	*us = (((int64_t)r.tm.hour * 60 + r.tm.min) * 60 + r.tm.sec) * USECS_PER_SEC + r.fsec;
	if (offset)
		*offset = (r.fmask & M_TZ) ? r.offset : 0;
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_parse_time(const char *s, size_t n, int64_t *out, const char **why)
{
	return parse_time(s, n, false, out, NULL, why);
}

cdc_dt_err
cdc_dt_parse_timetz(const char *s, size_t n, int64_t *us, int32_t *offset, const char **why)
{
	return parse_time(s, n, true, us, offset, why);
}

/* ---------------------------------------------------------------------------------
 * Interval input.  Units of interval input and of date_trunc/extract share one table
 * (PostgreSQL's deltatktbl, then datetktbl for the extract-only names); lookups compare
 * at most 10 characters, so "microseconds" matches "microsecon".
 */
enum { U_NONE, U_MICROSEC, U_MILLISEC, U_SECOND, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_MONTH,
       U_QUARTER, U_YEAR, U_DECADE, U_CENTURY, U_MILLENNIUM, U_TZ, U_TZ_HOUR, U_TZ_MINUTE,
       U_EPOCH, U_DOW, U_ISODOW, U_DOY, U_ISOYEAR, U_JULIAN, U_AGO, U_IGNORE, U_RESERVED };

typedef struct dt_unit {
	const char *name;
	int unit;
} dt_unit;

static const dt_unit delta_units[] = {
	{"@", U_IGNORE}, {"ago", U_AGO}, {"c", U_CENTURY}, {"cent", U_CENTURY},
	{"centuries", U_CENTURY}, {"century", U_CENTURY}, {"d", U_DAY}, {"day", U_DAY},
	{"days", U_DAY}, {"dec", U_DECADE}, {"decade", U_DECADE}, {"decades", U_DECADE},
	{"decs", U_DECADE}, {"h", U_HOUR}, {"hour", U_HOUR}, {"hours", U_HOUR}, {"hr", U_HOUR},
	{"hrs", U_HOUR}, {"m", U_MINUTE}, {"microsecon", U_MICROSEC}, {"mil", U_MILLENNIUM},
	{"millennia", U_MILLENNIUM}, {"millennium", U_MILLENNIUM}, {"millisecon", U_MILLISEC},
	{"mils", U_MILLENNIUM}, {"min", U_MINUTE}, {"mins", U_MINUTE}, {"minute", U_MINUTE},
	{"minutes", U_MINUTE}, {"mon", U_MONTH}, {"mons", U_MONTH}, {"month", U_MONTH},
	{"months", U_MONTH}, {"ms", U_MILLISEC}, {"msec", U_MILLISEC}, {"msecond", U_MILLISEC},
	{"mseconds", U_MILLISEC}, {"msecs", U_MILLISEC}, {"qtr", U_QUARTER},
	{"quarter", U_QUARTER}, {"s", U_SECOND}, {"sec", U_SECOND}, {"second", U_SECOND},
	{"seconds", U_SECOND}, {"secs", U_SECOND}, {"timezone", U_TZ}, {"timezone_h", U_TZ_HOUR},
	{"timezone_m", U_TZ_MINUTE}, {"us", U_MICROSEC}, {"usec", U_MICROSEC},
	{"usecond", U_MICROSEC}, {"useconds", U_MICROSEC}, {"usecs", U_MICROSEC}, {"w", U_WEEK},
	{"week", U_WEEK}, {"weeks", U_WEEK}, {"y", U_YEAR}, {"year", U_YEAR}, {"years", U_YEAR},
	{"yr", U_YEAR}, {"yrs", U_YEAR},
};

/* Names only extract knows (PostgreSQL finds them in datetktbl). */
static const dt_unit special_units[] = {
	{"dow", U_DOW}, {"doy", U_DOY}, {"epoch", U_EPOCH}, {"isodow", U_ISODOW},
	{"isoyear", U_ISOYEAR}, {"j", U_JULIAN}, {"jd", U_JULIAN}, {"julian", U_JULIAN},
	{"mm", U_MINUTE}, {"infinity", U_RESERVED}, {"-infinity", U_RESERVED},
	{"now", U_RESERVED}, {"today", U_RESERVED}, {"tomorrow", U_RESERVED},
	{"yesterday", U_RESERVED}, {"allballs", U_RESERVED},
};

static int
unit_find(const dt_unit *t, size_t n, const char *tok)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(tok, t[i].name, 10) == 0)
			return t[i].unit;
	return U_NONE;
}

static int
delta_unit(const char *tok)
{
	return unit_find(delta_units, sizeof delta_units / sizeof delta_units[0], tok);
}

/* A unit argument of date_trunc or extract: case-folded, at most 63 bytes as an
 * identifier, then looked up; `special` adds the extract-only names. */
static int
arg_unit(const char *arg, bool special)
{
	char low[64];
	size_t i;
	for (i = 0; arg[i] && i < sizeof low - 1; i++)
		low[i] = (char)to_lower((unsigned char)arg[i]);
	low[i] = '\0';
	int u = delta_unit(low);
	if (u == U_NONE && special)
		u = unit_find(special_units, sizeof special_units / sizeof special_units[0], low);
	return u;
}

/* An interval being built, wider than the result so overflow shows (pg_itm_in). */
typedef struct dt_itm {
	int64_t usec;
	int32_t mday;
	int32_t mon;
	int32_t year;
} dt_itm;

static bool
add_i32(int32_t *a, int64_t b)
{
	int64_t r = (int64_t)*a + b;
	if (r > INT32_MAX || r < INT32_MIN)
		return false;
	*a = (int32_t)r;
	return true;
}

static bool
add_i64(int64_t *a, int64_t b)
{
	if ((b > 0 && *a > INT64_MAX - b) || (b < 0 && *a < INT64_MIN - b))
		return false;
	*a += b;
	return true;
}

static bool
mul_i64(int64_t a, int64_t b, int64_t *r)
{
	if (a != 0 && b != 0) {
		if (a > 0 ? (b > 0 ? a > INT64_MAX / b : b < INT64_MIN / a)
		          : (b > 0 ? a < INT64_MIN / b : a < INT64_MAX / b))
			return false;
	}
	*r = a * b;
	return true;
}

/* A fraction (|frac| < 1) of `scale` microseconds, rounded half away from zero. */
static bool
adjust_fract_usec(double frac, int64_t scale, dt_itm *itm)
{
	if (frac == 0)
		return true;
	frac *= (double)scale;
	int64_t usec = (int64_t)frac;
	frac -= (double)usec;
	if (frac > 0.5)
		usec++;
	else if (frac < -0.5)
		usec--;
	return add_i64(&itm->usec, usec);
}

/* A fraction of `scale` days: whole days, the rest as time. */
static bool
adjust_fract_days(double frac, int scale, dt_itm *itm)
{
	if (frac == 0)
		return true;
	frac *= scale;
	int extra = (int)frac;
	if (!add_i32(&itm->mday, extra))
		return false;
	return adjust_fract_usec(frac - extra, USECS_PER_DAY, itm);
}

/* A fraction of `scale` years becomes months only, rounded. */
static bool
adjust_fract_years(double frac, int scale, dt_itm *itm)
{
	return add_i32(&itm->mon, (int64_t)rint(frac * scale * 12));
}

static bool
adjust_usec(int64_t val, double fval, int64_t scale, dt_itm *itm)
{
	int64_t usec;
	if (!mul_i64(val, scale, &usec) || !add_i64(&itm->usec, usec))
		return false;
	return adjust_fract_usec(fval, scale, itm);
}

static bool
adjust_days(int64_t val, int scale, dt_itm *itm)
{
	if (val < INT32_MIN || val > INT32_MAX)
		return false;
	int64_t d = val * scale;
	return d >= INT32_MIN && d <= INT32_MAX && add_i32(&itm->mday, d);
}

static bool
adjust_months(int64_t val, dt_itm *itm)
{
	return val >= INT32_MIN && val <= INT32_MAX && add_i32(&itm->mon, val);
}

static bool
adjust_years(int64_t val, int scale, dt_itm *itm)
{
	if (val < INT32_MIN || val > INT32_MAX)
		return false;
	int64_t y = val * scale;
	return y >= INT32_MIN && y <= INT32_MAX && add_i32(&itm->year, y);
}

/* "04:05:06.5" inside an interval: hours are not limited to a day. */
static int
decode_time_iv(const char *str, int *tmask, dt_itm *itm)
{
	int64_t hour, fsec, us;
	int min, sec;
	int dterr = decode_time_common(str, &hour, &min, &sec, &fsec);
	*tmask = M_TIME;
	if (dterr)
		return dterr;
	itm->usec = fsec;
	if (!mul_i64(hour, USECS_PER_HOUR, &us) || !add_i64(&itm->usec, us) ||
	    !add_i64(&itm->usec, min * USECS_PER_MINUTE) || !add_i64(&itm->usec, sec * USECS_PER_SEC))
		return DTERR_FIELD_OVERFLOW;
	return 0;
}

/*
 * The fields of a postgres-style interval (DecodeInterval).  Fields are read from right
 * to left so a unit is known before its number; a bare number takes the unit of the
 * field to its right, or seconds at the end ('1 day 2' is a day and two seconds), and a
 * time field makes the number before it days.  "ago" negates everything.
 */
static int
decode_interval(dt_fields *fl, dt_itm *itm)
{
	int fmask = 0, tmask = 0, type = U_IGNORE, dterr;
	bool is_before = false;
	memset(itm, 0, sizeof *itm);
	for (int i = fl->nf - 1; i >= 0; i--) {
		char *f = fl->f[i];
		switch (fl->ft[i]) {
		case FT_TIME:
			if ((dterr = decode_time_iv(f, &tmask, itm)) != 0)
				return dterr;
			type = U_DAY;
			break;
		case FT_TZ:
			/* a signed time, "-04:05", or else a signed number */
			if (strchr(f + 1, ':') != NULL && decode_time_iv(f + 1, &tmask, itm) == 0) {
				if (*f == '-') {
					if (itm->usec == INT64_MIN)
						return DTERR_FIELD_OVERFLOW;
					itm->usec = -itm->usec;
				}
				type = U_DAY;
				break;
			}
			/* fall through */
		case FT_DATE:
		case FT_NUMBER: {
			const char *cp;
			bool ovf;
			int64_t val;
			double fval = 0;
			if (type == U_IGNORE)
				type = U_SECOND;
			val = scan_i64(f, f + strlen(f), &cp, &ovf);
			if (ovf)
				return DTERR_FIELD_OVERFLOW;
			if (*cp == '-') {
				/* SQL years-months, "1-2" */
				int val2 = scan_int(cp + 1, &cp, &ovf);
				if (ovf || val2 < 0 || val2 >= 12)
					return DTERR_FIELD_OVERFLOW;
				if (*cp != '\0')
					return DTERR_BAD_FORMAT;
				type = U_MONTH;
				if (*f == '-')
					val2 = -val2;
				if (!mul_i64(val, 12, &val) || !add_i64(&val, val2))
					return DTERR_FIELD_OVERFLOW;
			} else if (*cp == '.') {
				if (cp[1] != '\0') {
					bool erange;
					const char *end = scan_double(cp, cp + strlen(cp), &fval, &erange);
					if (*end != '\0' || erange)
						return DTERR_BAD_FORMAT;
				}
				if (*f == '-')
					fval = -fval;
			} else if (*cp != '\0')
				return DTERR_BAD_FORMAT;
			switch (type) {
			case U_MICROSEC:
				if (!adjust_usec(val, fval, 1, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_MICROSEC;
				break;
			case U_MILLISEC:
				if (!adjust_usec(val, fval, 1000, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_MILLISEC;
				break;
			case U_SECOND:
				if (!adjust_usec(val, fval, USECS_PER_SEC, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = fval == 0 ? M_SECOND : M_ALL_SECS;
				break;
			case U_MINUTE:
				if (!adjust_usec(val, fval, USECS_PER_MINUTE, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_MINUTE;
				break;
			case U_HOUR:
				if (!adjust_usec(val, fval, USECS_PER_HOUR, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_HOUR;
				type = U_DAY;
				break;
			case U_DAY:
				if (!adjust_days(val, 1, itm) || !adjust_fract_usec(fval, USECS_PER_DAY, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_DAY;
				break;
			case U_WEEK:
				if (!adjust_days(val, 7, itm) || !adjust_fract_days(fval, 7, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_WEEK;
				break;
			case U_MONTH:
				if (!adjust_months(val, itm) || !adjust_fract_days(fval, DAYS_PER_MONTH, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_MONTH;
				break;
			case U_YEAR:
				if (!adjust_years(val, 1, itm) || !adjust_fract_years(fval, 1, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_YEAR;
				break;
			case U_DECADE:
				if (!adjust_years(val, 10, itm) || !adjust_fract_years(fval, 10, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_DECADE;
				break;
			case U_CENTURY:
				if (!adjust_years(val, 100, itm) || !adjust_fract_years(fval, 100, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_CENTURY;
				break;
			case U_MILLENNIUM:
				if (!adjust_years(val, 1000, itm) || !adjust_fract_years(fval, 1000, itm))
					return DTERR_FIELD_OVERFLOW;
				tmask = M_MILLENNIUM;
				break;
			default:
				return DTERR_BAD_FORMAT;
			}
			break;
		}
		case FT_STRING:
		case FT_SPECIAL: {
			int u = delta_unit(f);
			if (u == U_IGNORE)
				continue;
			tmask = 0;
			if (u == U_AGO) {
				is_before = true;
				type = U_NONE;  /* a number right before "ago" has no unit */
			} else if (u != U_NONE)
				type = u;
			else
				return DTERR_BAD_FORMAT;
			break;
		}
		default:
			return DTERR_BAD_FORMAT;
		}
		if (tmask & fmask)
			return DTERR_BAD_FORMAT;
		fmask |= tmask;
	}
	if (fmask == 0)
		return DTERR_BAD_FORMAT;
	if (is_before) {
		if (itm->usec == INT64_MIN || itm->mday == INT32_MIN || itm->mon == INT32_MIN ||
		    itm->year == INT32_MIN)
			return DTERR_FIELD_OVERFLOW;
		itm->usec = -itm->usec;
		itm->mday = -itm->mday;
		itm->mon = -itm->mon;
		itm->year = -itm->year;
	}
	return 0;
}

/* A number of ISO 8601 interval input: anything strtod reads, integer part truncated
 * toward zero, |value| at most 1e15 so the integer part is exact (ParseISO8601Number). */
static int
iso_number(const char **pp, const char *e, int64_t *ipart, double *fpart)
{
	const char *p = *pp, *end;
	double val;
	bool erange;
	if (p >= e || !(is_digit((unsigned char)*p) || *p == '-' || *p == '.'))
		return DTERR_BAD_FORMAT;
	end = scan_double(p, e, &val, &erange);
	if (end == p) {
		/* strtod also reads "-inf" and "-nan", which are out of range */
		const char *q = p + 1;
		if (*p == '-' && e - q >= 3 && (to_lower((unsigned char)q[0]) == 'i' ||
		                                to_lower((unsigned char)q[0]) == 'n'))
			return DTERR_FIELD_OVERFLOW;
		return DTERR_BAD_FORMAT;
	}
	if (erange)
		return DTERR_BAD_FORMAT;
	if (isnan(val) || val < -1.0e15 || val > 1.0e15)
		return DTERR_FIELD_OVERFLOW;
	*ipart = val >= 0 ? (int64_t)floor(val) : -(int64_t)floor(-val);
	*fpart = val - (double)*ipart;
	*pp = end;
	return 0;
}

/* Digits before the first non-digit, for the basic formats PnnnnnnnnT and PTnnnnnn. */
static int
iso_int_width(const char *p, const char *e)
{
	int w = 0;
	if (p < e && *p == '-')
		p++;
	while (p + w < e && is_digit((unsigned char)p[w]))
		w++;
	return w;
}

/* ISO 8601 intervals: P1Y2M3DT4H5M6S, P1W, and the alternative formats
 * P0001-02-03T04:05:06 and P00010203T040506 (DecodeISO8601Interval). */
static int
decode_iso8601(const char *s, const char *e, dt_itm *itm)
{
	bool datepart = true, havefield = false;
	int dterr;
	memset(itm, 0, sizeof *itm);
	if (e - s < 2 || *s != 'P')
		return DTERR_BAD_FORMAT;
	s++;
	while (s < e) {
		const char *fieldstart;
		int64_t val;
		double fval;
		char unit;
		if (*s == 'T') {
			datepart = false;
			havefield = false;
			s++;
			continue;
		}
		fieldstart = s;
		if ((dterr = iso_number(&s, e, &val, &fval)) != 0)
			return dterr;
		unit = s < e ? *s++ : '\0';
		if (datepart) {
			switch (unit) {
			case 'Y':
				if (!adjust_years(val, 1, itm) || !adjust_fract_years(fval, 1, itm))
					return DTERR_FIELD_OVERFLOW;
				break;
			case 'M':
				if (!adjust_months(val, itm) || !adjust_fract_days(fval, DAYS_PER_MONTH, itm))
					return DTERR_FIELD_OVERFLOW;
				break;
			case 'W':
				if (!adjust_days(val, 7, itm) || !adjust_fract_days(fval, 7, itm))
					return DTERR_FIELD_OVERFLOW;
				break;
			case 'D':
				if (!adjust_days(val, 1, itm) || !adjust_fract_usec(fval, USECS_PER_DAY, itm))
					return DTERR_FIELD_OVERFLOW;
				break;
			case 'T':
			case '\0':
				if (iso_int_width(fieldstart, e) == 8 && !havefield) {
					if (!adjust_years(val / 10000, 1, itm) || !adjust_months((val / 100) % 100, itm) ||
					    !adjust_days(val % 100, 1, itm) ||
					    !adjust_fract_usec(fval, USECS_PER_DAY, itm))
						return DTERR_FIELD_OVERFLOW;
					if (unit == '\0')
						return 0;
					datepart = false;
					havefield = false;
					continue;
				}
				/* fall through */
			case '-':
				if (havefield)
					return DTERR_BAD_FORMAT;
				if (!adjust_years(val, 1, itm) || !adjust_fract_years(fval, 1, itm))
					return DTERR_FIELD_OVERFLOW;
				if (unit == '\0')
					return 0;
				if (unit == 'T') {
					datepart = false;
					havefield = false;
					continue;
				}
				if ((dterr = iso_number(&s, e, &val, &fval)) != 0)
					return dterr;
				if (!adjust_months(val, itm) || !adjust_fract_days(fval, DAYS_PER_MONTH, itm))
					return DTERR_FIELD_OVERFLOW;
				if (s >= e)
					return 0;
				if (*s == 'T') {
					datepart = false;
					havefield = false;
					continue;
				}
				if (*s != '-')
					return DTERR_BAD_FORMAT;
				s++;
				if ((dterr = iso_number(&s, e, &val, &fval)) != 0)
					return dterr;
				if (!adjust_days(val, 1, itm) || !adjust_fract_usec(fval, USECS_PER_DAY, itm))
					return DTERR_FIELD_OVERFLOW;
				if (s >= e)
					return 0;
				if (*s == 'T') {
					datepart = false;
					havefield = false;
					continue;
				}
				return DTERR_BAD_FORMAT;
			default:
				return DTERR_BAD_FORMAT;
			}
		} else {
			switch (unit) {
			case 'H':
				if (!adjust_usec(val, fval, USECS_PER_HOUR, itm))
					return DTERR_FIELD_OVERFLOW;
				break;
			case 'M':
				if (!adjust_usec(val, fval, USECS_PER_MINUTE, itm))
					return DTERR_FIELD_OVERFLOW;
				break;
			case 'S':
				if (!adjust_usec(val, fval, USECS_PER_SEC, itm))
					return DTERR_FIELD_OVERFLOW;
				break;
			case '\0':
				if (iso_int_width(fieldstart, e) == 6 && !havefield) {
					if (!adjust_usec(val / 10000, 0, USECS_PER_HOUR, itm) ||
					    !adjust_usec((val / 100) % 100, 0, USECS_PER_MINUTE, itm) ||
					    !adjust_usec(val % 100, 0, USECS_PER_SEC, itm) ||
					    !adjust_fract_usec(fval, 1, itm))
						return DTERR_FIELD_OVERFLOW;
					return 0;
				}
				/* fall through */
			case ':':
				if (havefield)
					return DTERR_BAD_FORMAT;
				if (!adjust_usec(val, fval, USECS_PER_HOUR, itm))
					return DTERR_FIELD_OVERFLOW;
				if (unit == '\0')
					return 0;
				if ((dterr = iso_number(&s, e, &val, &fval)) != 0)
					return dterr;
				if (!adjust_usec(val, fval, USECS_PER_MINUTE, itm))
					return DTERR_FIELD_OVERFLOW;
				if (s >= e)
					return 0;
				if (*s != ':')
					return DTERR_BAD_FORMAT;
				s++;
				if ((dterr = iso_number(&s, e, &val, &fval)) != 0)
					return dterr;
				if (!adjust_usec(val, fval, USECS_PER_SEC, itm))
					return DTERR_FIELD_OVERFLOW;
				if (s >= e)
					return 0;
				return DTERR_BAD_FORMAT;
			default:
				return DTERR_BAD_FORMAT;
			}
		}
		havefield = true;
	}
	return 0;
}

cdc_dt_err
cdc_dt_parse_interval(const char *s, size_t n, cdc_interval *out, const char **why)
{
	dt_fields fl;
	dt_itm itm;
	int dterr = tokenize(s, n, sizeof fl.buf, &fl);
	if (dterr == 0)
		dterr = decode_interval(&fl, &itm);
	if (dterr == DTERR_BAD_FORMAT) {
		/* PostgreSQL reads the string as a C string: nothing after a NUL */
		const char *nul = memchr(s, '\0', n);
		dterr = decode_iso8601(s, nul ? nul : s + n, &itm);
	}
	if (dterr == DTERR_FIELD_OVERFLOW)
		dterr = DTERR_INTERVAL_OVERFLOW;
	if (dterr)
		return dterr_result(dterr, "invalid input syntax for type interval", why);
	int64_t months = (int64_t)itm.year * 12 + itm.mon;
	if (months > INT32_MAX || months < INT32_MIN)
		return fail(CDC_DT_RANGE, "interval out of range", why);
	out->months = (int32_t)months;
	out->days = itm.mday;
	out->us = itm.usec;
	return CDC_DT_OK;
}

/* ---------------------------------------------------------------------------------
 * Arithmetic.
 */
cdc_dt_err
cdc_dt_ts_add_interval(int64_t ts, cdc_interval iv, int64_t *out)
{
	dt_tm tm;
	if (!TS_FINITE(ts)) {
		*out = ts;
		return CDC_DT_OK;
	}
	if (iv.months != 0) {
		if (!ts2tm(ts, &tm))
			return CDC_DT_RANGE;
		int64_t mon = (int64_t)tm.mon + iv.months;
		int64_t year = tm.year;
		if (mon > 12) {
			year += (mon - 1) / 12;
			mon = (mon - 1) % 12 + 1;
		} else if (mon < 1) {
			year += mon / 12 - 1;
			mon = mon % 12 + 12;
		}
		tm.year = (int)year;
		tm.mon = (int)mon;
		if (tm.mday > day_tab[isleap(tm.year)][tm.mon - 1])
			tm.mday = day_tab[isleap(tm.year)][tm.mon - 1];  /* Jan 31 + 1 mon = Feb 28/29 */
		if (!tm2ts(&tm, tm.fsec, false, 0, &ts))
			return CDC_DT_RANGE;
	}
	if (iv.days != 0) {
		if (!ts2tm(ts, &tm))
			return CDC_DT_RANGE;
		j2date(date2j(tm.year, tm.mon, tm.mday) + iv.days, &tm.year, &tm.mon, &tm.mday);
		if (!tm2ts(&tm, tm.fsec, false, 0, &ts))
			return CDC_DT_RANGE;
	}
	if (!add_i64(&ts, iv.us) || !VALID_TS(ts))
		return CDC_DT_RANGE;
	*out = ts;
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_ts_sub_interval(int64_t ts, cdc_interval iv, int64_t *out)
{
	cdc_interval neg;
	if (!TS_FINITE(ts)) {
		*out = ts;
		return CDC_DT_OK;
	}
	if (cdc_dt_interval_neg(iv, &neg))
		return CDC_DT_RANGE;
	return cdc_dt_ts_add_interval(ts, neg, out);
}

cdc_dt_err
cdc_dt_interval_justify_hours(cdc_interval a, cdc_interval *out)
{
	int64_t wholeday = a.us / USECS_PER_DAY;
	int64_t t = a.us - wholeday * USECS_PER_DAY;
	int32_t days = a.days;
	if (!add_i32(&days, wholeday))
		return CDC_DT_RANGE;
	if (days > 0 && t < 0) {
		t += USECS_PER_DAY;
		days--;
	} else if (days < 0 && t > 0) {
		t -= USECS_PER_DAY;
		days++;
	}
	out->months = a.months;
	out->days = days;
	out->us = t;
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_ts_sub_ts(int64_t a, int64_t b, cdc_interval *out)
{
	cdc_interval iv = {0, 0, 0};
	if (!TS_FINITE(a) || !TS_FINITE(b))
		return CDC_DT_INVALID;
	if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b))
		return CDC_DT_RANGE;
	iv.us = a - b;
	return cdc_dt_interval_justify_hours(iv, out);
}

cdc_dt_err
cdc_dt_date_add_days(int32_t d, int64_t days, int32_t *out)
{
	if (!DATE_FINITE(d)) {
		*out = d;
		return CDC_DT_OK;
	}
	if (days > INT32_MAX || days < INT32_MIN)
		return CDC_DT_RANGE;
	int64_t r = (int64_t)d + days;
	if (r > INT32_MAX || r < INT32_MIN || !VALID_DATE(r))
		return CDC_DT_RANGE;
	*out = (int32_t)r;
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_date_sub_date(int32_t a, int32_t b, int32_t *out)
{
	if (!DATE_FINITE(a) || !DATE_FINITE(b))
		return CDC_DT_INVALID;
	*out = a - b;  /* both within the date range: no overflow */
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_date_to_ts_checked(int32_t d, int64_t *out)
{
	if (d == CDC_DT_DATE_NOBEGIN)
		*out = CDC_DT_NOBEGIN;
	else if (d == CDC_DT_DATE_NOEND)
		*out = CDC_DT_NOEND;
	else if (d >= TIMESTAMP_END_JULIAN - EPOCH_JDATE)
		return CDC_DT_RANGE;
	else
		*out = (int64_t)d * USECS_PER_DAY;
	return CDC_DT_OK;
}

int64_t
cdc_dt_date_to_ts(int32_t d)
{
	int64_t ts;
	if (cdc_dt_date_to_ts_checked(d, &ts))
		return CDC_DT_NOEND;
	return ts;
}

cdc_dt_err
cdc_dt_ts_to_date(int64_t ts, int32_t *out)
{
	if (ts == CDC_DT_NOBEGIN)
		*out = CDC_DT_DATE_NOBEGIN;
	else if (ts == CDC_DT_NOEND)
		*out = CDC_DT_DATE_NOEND;
	else if (!VALID_TS(ts))
		return CDC_DT_RANGE;
	else {
		/* days since 2000-01-01, rounded down: no calendar needed */
		int64_t d = ts / CDC_DT_USECS_PER_DAY;
		if (ts % CDC_DT_USECS_PER_DAY < 0)
			d--;
		*out = (int32_t)d;
	}
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_interval_add(cdc_interval a, cdc_interval b, cdc_interval *out)
{
	int64_t us = a.us;
	if (!add_i32(&a.months, b.months) || !add_i32(&a.days, b.days) || !add_i64(&us, b.us))
		return CDC_DT_RANGE;
	a.us = us;
	*out = a;
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_interval_sub(cdc_interval a, cdc_interval b, cdc_interval *out)
{
	int64_t us = a.us;
	if (!add_i32(&a.months, -(int64_t)b.months) || !add_i32(&a.days, -(int64_t)b.days) ||
	    b.us == INT64_MIN || !add_i64(&us, -b.us))
		return CDC_DT_RANGE;
	a.us = us;
	*out = a;
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_interval_neg(cdc_interval a, cdc_interval *out)
{
	if (a.us == INT64_MIN || a.days == INT32_MIN || a.months == INT32_MIN)
		return CDC_DT_RANGE;
	out->us = -a.us;
	out->days = -a.days;
	out->months = -a.months;
	return CDC_DT_OK;
}

#define TSROUND(j) (rint((j) * 1000000.0) / 1000000.0)

/*
 * interval * factor, interval / factor (interval_mul, interval_div): months and days are
 * scaled separately, their fractions spill down as 30-day months and 86400-second days,
 * rounded to the microsecond where PostgreSQL rounds.  The day spill of the seconds is
 * kept below a day, no carrying upwards.
 */
static cdc_dt_err
interval_scale(cdc_interval a, double factor, bool divide, cdc_interval *out)
{
	double m = divide ? a.months / factor : a.months * factor;
	double d = divide ? a.days / factor : a.days * factor;
	double month_remainder_days, sec_remainder, t;
	int32_t rmonth, rday;
	if (isnan(m) || m > INT32_MAX || m < INT32_MIN)
		return CDC_DT_RANGE;
	rmonth = (int32_t)m;
	if (isnan(d) || d > INT32_MAX || d < INT32_MIN)
		return CDC_DT_RANGE;
	rday = (int32_t)d;
	month_remainder_days = TSROUND((m - rmonth) * DAYS_PER_MONTH);
	sec_remainder = TSROUND((d - rday + month_remainder_days - (int)month_remainder_days) *
	                        SECS_PER_DAY);
	if (fabs(sec_remainder) >= SECS_PER_DAY) {
		if (!add_i32(&rday, (int)(sec_remainder / SECS_PER_DAY)))
			return CDC_DT_RANGE;
		sec_remainder -= (int)(sec_remainder / SECS_PER_DAY) * SECS_PER_DAY;
	}
	if (!add_i32(&rday, (int32_t)month_remainder_days))
		return CDC_DT_RANGE;
	t = rint((divide ? (double)a.us / factor : (double)a.us * factor) +
	         sec_remainder * USECS_PER_SEC);
	if (isnan(t) || !(t >= -9223372036854775808.0 && t < 9223372036854775808.0))
		return CDC_DT_RANGE;
	out->months = rmonth;
	out->days = rday;
	out->us = (int64_t)t;
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_interval_mul(cdc_interval a, double f, cdc_interval *out)
{
	return interval_scale(a, f, false, out);
}

cdc_dt_err
cdc_dt_interval_div(cdc_interval a, double f, cdc_interval *out)
{
	if (f == 0.0)
		return CDC_DT_DIVZERO;
	return interval_scale(a, f, true, out);
}

/* The span in 30-day months and 24-hour days, as (days, microseconds within the day),
 * exact where PostgreSQL uses 128-bit arithmetic. */
int
cdc_dt_interval_cmp(cdc_interval a, cdc_interval b)
{
	int64_t da = (int64_t)a.months * 30 + a.days + a.us / USECS_PER_DAY;
	int64_t ra = a.us % USECS_PER_DAY;
	int64_t db = (int64_t)b.months * 30 + b.days + b.us / USECS_PER_DAY;
	int64_t rb = b.us % USECS_PER_DAY;
	if (ra < 0) {
		ra += USECS_PER_DAY;
		da--;
	}
	if (rb < 0) {
		rb += USECS_PER_DAY;
		db--;
	}
	if (da != db)
		return da < db ? -1 : 1;
	return ra < rb ? -1 : ra > rb;
}

/* ---------------------------------------------------------------------------------
 * date_trunc and extract.
 */
cdc_dt_err
cdc_dt_trunc(const char *unit, int64_t ts, int64_t *out, const char **why)
{
	dt_tm tm;
	int u = arg_unit(unit, false);
	if (!TS_FINITE(ts)) {
		*out = ts;  /* before the unit is even looked at, as PostgreSQL does */
		return CDC_DT_OK;
	}
	if (u == U_NONE || u == U_AGO || u == U_IGNORE)
		return fail(CDC_DT_INVALID, "date_trunc unit not recognized", why);
	if (!ts2tm(ts, &tm))
		return fail(CDC_DT_RANGE, "timestamp out of range", why);
	switch (u) {
	case U_WEEK: {
		int woy = date2isoweek(tm.year, tm.mon, tm.mday);
		/* week 52/53 in January belongs to the previous year, week 1 in December to
		 * the next */
		if (woy >= 52 && tm.mon == 1)
			tm.year--;
		if (woy <= 1 && tm.mon == 12)
			tm.year++;
		j2date(isoweek2j(tm.year, woy), &tm.year, &tm.mon, &tm.mday);
		tm.hour = tm.min = tm.sec = 0;
		tm.fsec = 0;
		break;
	}
	case U_MILLENNIUM:
	case U_CENTURY:
	case U_DECADE:
		/* the first year of a millennium is ...001, of a century ...01, of a decade
		 * ...0; BC years count down to 1 BC (year 0) */
		if (u == U_MILLENNIUM)
			tm.year = tm.year > 0 ? (tm.year + 999) / 1000 * 1000 - 999
			                      : -((999 - (tm.year - 1)) / 1000) * 1000 + 1;
		if (u != U_DECADE)
			tm.year = tm.year > 0 ? (tm.year + 99) / 100 * 100 - 99
			                      : -((99 - (tm.year - 1)) / 100) * 100 + 1;
		else
			tm.year = tm.year > 0 ? tm.year / 10 * 10 : -((8 - (tm.year - 1)) / 10) * 10;
		/* fall through */
	case U_YEAR:
		tm.mon = 1;
		/* fall through */
	case U_QUARTER:
		tm.mon = 3 * ((tm.mon - 1) / 3) + 1;
		/* fall through */
	case U_MONTH:
		tm.mday = 1;
		/* fall through */
	case U_DAY:
		tm.hour = 0;
		/* fall through */
	case U_HOUR:
		tm.min = 0;
		/* fall through */
	case U_MINUTE:
		tm.sec = 0;
		/* fall through */
	case U_SECOND:
		tm.fsec = 0;
		break;
	case U_MILLISEC:
		tm.fsec = tm.fsec / 1000 * 1000;
		break;
	case U_MICROSEC:
		break;
	default:
		return fail(CDC_DT_INVALID, "date_trunc unit not supported", why);
	}
	if (!tm2ts(&tm, tm.fsec, false, 0, out))
		return fail(CDC_DT_RANGE, "timestamp out of range", why);
	return CDC_DT_OK;
}

/* numeric text of v / 10^scale with exactly `scale` decimals (int64_div_fast_to_numeric) */
static void
put_scaled(dt_out *o, int64_t v, int scale)
{
	uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v, p = 1;
	for (int i = 0; i < scale; i++)
		p *= 10;
	if (v < 0)
		put_c(o, '-');
	put_f(o, "%llu", (unsigned long long)(a / p));
	if (scale > 0)
		put_f(o, ".%0*llu", scale, (unsigned long long)(a % p));
}

/* whole + micro/1e6 with micro in [0, 1e6), six decimals: sums that do not fit int64 */
static void
put_secs_micro(dt_out *o, int64_t whole, int64_t micro)
{
	if (whole < 0 && micro > 0) {
		whole++;
		micro = USECS_PER_SEC - micro;
		put_c(o, '-');
		put_f(o, "%lld.%06lld", (long long)-whole, (long long)micro);
	} else if (whole < 0)
		put_f(o, "-%llu.%06lld", (unsigned long long)(0 - (uint64_t)whole), (long long)micro);
	else
		put_f(o, "%lld.%06lld", (long long)whole, (long long)micro);
}

/* The year-derived fields shared by timestamps and dates. */
static bool
year_field(int u, int year, int64_t *r)
{
	switch (u) {
	case U_YEAR:
		*r = year > 0 ? year : year - 1;  /* no year 0: 1 BC is -1 */
		return true;
	case U_DECADE:
		*r = year >= 0 ? year / 10 : -((8 - (year - 1)) / 10);
		return true;
	case U_CENTURY:
		*r = year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
		return true;
	case U_MILLENNIUM:
		*r = year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000);
		return true;
	default:
		return false;
	}
}

/* Fields growing with time give +-Infinity for infinite values, cyclic ones NULL. */
static bool
monotonic_unit(int u)
{
	return u == U_YEAR || u == U_DECADE || u == U_CENTURY || u == U_MILLENNIUM ||
	       u == U_JULIAN || u == U_ISOYEAR || u == U_EPOCH;
}

static cdc_dt_err
extract_done(dt_out *o, const char **why)
{
	put_end(o);
	if (o->len >= o->cap)
		return fail(CDC_DT_RANGE, "extract result does not fit the buffer", why);
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_extract_ts(const char *field, int64_t ts, bool tz, char *numtext, size_t n,
                  const char **why)
{
	dt_out o = {numtext, n, 0};
	dt_tm tm;
	int64_t r = 0;
	int u = arg_unit(field, true);
	if (u == U_NONE || u == U_AGO || u == U_IGNORE)
		return fail(CDC_DT_INVALID, "extract field not recognized", why);
	if (!TS_FINITE(ts)) {
		if (monotonic_unit(u)) {
			put_s(&o, ts == CDC_DT_NOBEGIN ? "-Infinity" : "Infinity");
			return extract_done(&o, why);
		}
		if (u == U_RESERVED)
			return fail(CDC_DT_INVALID, "extract field not supported for timestamp", why);
		/* the cyclic fields, time zone ones included even without a zone */
		return fail(CDC_DT_NULL, "extract of this field from an infinite timestamp is NULL", why);
	}
	if (!ts2tm(ts, &tm))
		return fail(CDC_DT_RANGE, "timestamp out of range", why);
	switch (u) {
	case U_MICROSEC:
		r = tm.sec * USECS_PER_SEC + tm.fsec;
		break;
	case U_MILLISEC:
		put_scaled(&o, tm.sec * USECS_PER_SEC + tm.fsec, 3);
		return extract_done(&o, why);
	case U_SECOND:
		put_scaled(&o, tm.sec * USECS_PER_SEC + tm.fsec, 6);
		return extract_done(&o, why);
	case U_MINUTE:
		r = tm.min;
		break;
	case U_HOUR:
		r = tm.hour;
		break;
	case U_DAY:
		r = tm.mday;
		break;
	case U_MONTH:
		r = tm.mon;
		break;
	case U_QUARTER:
		r = (tm.mon - 1) / 3 + 1;
		break;
	case U_WEEK:
		r = date2isoweek(tm.year, tm.mon, tm.mday);
		break;
	case U_YEAR:
	case U_DECADE:
	case U_CENTURY:
	case U_MILLENNIUM:
		year_field(u, tm.year, &r);
		break;
	case U_ISOYEAR:
		r = date2isoyear(tm.year, tm.mon, tm.mday);
		if (r <= 0)
			r -= 1;
		break;
	case U_DOW:
	case U_ISODOW:
		r = j2day(date2j(tm.year, tm.mon, tm.mday));
		if (u == U_ISODOW && r == 0)
			r = 7;
		break;
	case U_DOY:
		r = date2j(tm.year, tm.mon, tm.mday) - date2j(tm.year, 1, 1) + 1;
		break;
	case U_JULIAN: {
		/* the day number plus the fraction of the day, as numeric division gives it:
		 * the scale aims at 16 significant digits from the quotient's estimated weight
		 * in base-10000 digits (select_div_scale), rounded half up */
		int64_t jd = date2j(tm.year, tm.mon, tm.mday);
		uint64_t num = (uint64_t)(((tm.hour * INT64_C(60) + tm.min) * 60 + tm.sec) * USECS_PER_SEC +
		                          tm.fsec);
		const uint64_t den = (uint64_t)USECS_PER_DAY;  /* 864|0000|0000: weight 2 */
		int weight1 = 0, scale;
		uint64_t first1 = num;
		while (first1 >= 10000) {
			first1 /= 10000;
			weight1++;
		}
		scale = 16 - (weight1 - 2 - (first1 <= 864 ? 1 : 0)) * 4;
		char digits[40];
		int k = 0;
		for (int i = 0; i < scale && k < (int)sizeof digits - 1; i++) {
			num *= 10;
			digits[k++] = (char)('0' + num / den);
			num %= den;
		}
		if (num * 2 >= den) {
			int i = k - 1;
			for (; i >= 0 && digits[i] == '9'; i--)
				digits[i] = '0';
			if (i >= 0)
				digits[i]++;
			else
				jd++;
		}
		digits[k] = '\0';
		put_f(&o, "%lld.%s", (long long)jd, digits);
		return extract_done(&o, why);
	}
	case U_EPOCH: {
		/* seconds since 1970-01-01 UTC with six decimals; within 30 years of the end
		 * PostgreSQL divides in numeric and keeps four decimals (select_div_scale) */
		if (ts >= INT64_MAX + CDC_DT_UNIX_EPOCH) {
			uint64_t v = (uint64_t)ts - (uint64_t)CDC_DT_UNIX_EPOCH;
			v = (v + 50) / 100 * 100;
			put_f(&o, "%llu.%06llu", (unsigned long long)(v / 1000000), (unsigned long long)(v % 1000000));
			return extract_done(&o, why);
		}
		int64_t s = ts / USECS_PER_SEC, m = ts % USECS_PER_SEC;
		if (m < 0) {
			m += USECS_PER_SEC;
			s--;
		}
		put_secs_micro(&o, s + (int64_t)(EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY, m);
		return extract_done(&o, why);
	}
	case U_TZ:
	case U_TZ_HOUR:
	case U_TZ_MINUTE:
		if (!tz)
			return fail(CDC_DT_INVALID, "extract field not supported for timestamp without time zone",
			            why);
		r = 0;  /* the session zone is UTC */
		break;
	default:
		return fail(CDC_DT_INVALID, "extract field not supported for timestamp", why);
	}
	put_f(&o, "%lld", (long long)r);
	return extract_done(&o, why);
}

cdc_dt_err
cdc_dt_extract_date(const char *field, int32_t d, char *numtext, size_t n, const char **why)
{
	dt_out o = {numtext, n, 0};
	int year, mon, mday;
	int64_t r = 0;
	int u = arg_unit(field, true);
	if (u == U_NONE || u == U_AGO || u == U_IGNORE)
		return fail(CDC_DT_INVALID, "extract field not recognized", why);
	if (!DATE_FINITE(d)) {
		if (monotonic_unit(u)) {
			put_s(&o, d == CDC_DT_DATE_NOBEGIN ? "-Infinity" : "Infinity");
			return extract_done(&o, why);
		}
		if (u == U_DAY || u == U_MONTH || u == U_QUARTER || u == U_WEEK || u == U_DOW ||
		    u == U_ISODOW || u == U_DOY)
			return fail(CDC_DT_NULL, "extract of this field from an infinite date is NULL", why);
		return fail(CDC_DT_INVALID, "extract field not supported for type date", why);
	}
	j2date((int64_t)d + EPOCH_JDATE, &year, &mon, &mday);
	switch (u) {
	case U_DAY:
		r = mday;
		break;
	case U_MONTH:
		r = mon;
		break;
	case U_QUARTER:
		r = (mon - 1) / 3 + 1;
		break;
	case U_WEEK:
		r = date2isoweek(year, mon, mday);
		break;
	case U_YEAR:
	case U_DECADE:
	case U_CENTURY:
	case U_MILLENNIUM:
		year_field(u, year, &r);
		break;
	case U_JULIAN:
		r = (int64_t)d + EPOCH_JDATE;
		break;
	case U_ISOYEAR:
		r = date2isoyear(year, mon, mday);
		if (r <= 0)
			r -= 1;
		break;
	case U_DOW:
	case U_ISODOW:
		r = j2day((int64_t)d + EPOCH_JDATE);
		if (u == U_ISODOW && r == 0)
			r = 7;
		break;
	case U_DOY:
		r = date2j(year, mon, mday) - date2j(year, 1, 1) + 1;
		break;
	case U_EPOCH:
		r = ((int64_t)d + EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY;
		break;
	default:
		return fail(CDC_DT_INVALID, "extract field not supported for type date", why);
	}
	put_f(&o, "%lld", (long long)r);
	return extract_done(&o, why);
}

cdc_dt_err
cdc_dt_extract_interval(const char *field, cdc_interval iv, char *numtext, size_t n,
                        const char **why)
{
	dt_out o = {numtext, n, 0};
	int64_t r = 0;
	int u = arg_unit(field, true);
	int64_t t = iv.us;
	int64_t hour = t / USECS_PER_HOUR;
	t -= hour * USECS_PER_HOUR;
	int64_t min = t / USECS_PER_MINUTE;
	t -= min * USECS_PER_MINUTE;
	int64_t sec = t / USECS_PER_SEC;
	int64_t usec = t - sec * USECS_PER_SEC;
	int32_t year = iv.months / 12, mon = iv.months % 12;
	if (u == U_NONE || u == U_AGO || u == U_IGNORE)
		return fail(CDC_DT_INVALID, "extract field not recognized", why);
	switch (u) {
	case U_MICROSEC:
		r = sec * USECS_PER_SEC + usec;
		break;
	case U_MILLISEC:
		put_scaled(&o, sec * USECS_PER_SEC + usec, 3);
		return extract_done(&o, why);
	case U_SECOND:
		put_scaled(&o, sec * USECS_PER_SEC + usec, 6);
		return extract_done(&o, why);
	case U_MINUTE:
		r = min;
		break;
	case U_HOUR:
		r = hour;
		break;
	case U_DAY:
		r = iv.days;
		break;
	case U_MONTH:
		r = mon;
		break;
	case U_QUARTER:
		r = mon / 3 + 1;
		break;
	case U_YEAR:
		r = year;
		break;
	case U_DECADE:
		r = year / 10;
		break;
	case U_CENTURY:
		r = year / 100;
		break;
	case U_MILLENNIUM:
		r = year / 1000;
		break;
	case U_EPOCH: {
		/* 365.25-day years and 30-day months, kept exact by counting quarter days */
		int64_t secs = ((int64_t)1461 * (iv.months / 12) + (int64_t)120 * (iv.months % 12) +
		                (int64_t)4 * iv.days) * (SECS_PER_DAY / 4);
		int64_t s = iv.us / USECS_PER_SEC, m = iv.us % USECS_PER_SEC;
		if (m < 0) {
			m += USECS_PER_SEC;
			s--;
		}
		put_secs_micro(&o, secs + s, m);
		return extract_done(&o, why);
	}
	default:
		return fail(CDC_DT_INVALID, "extract field not supported for type interval", why);
	}
	put_f(&o, "%lld", (long long)r);
	return extract_done(&o, why);
}

/* to_timestamp(double precision) (float8_timestamptz). */
cdc_dt_err
cdc_dt_from_unix_seconds_checked(double secs, int64_t *out)
{
	if (isnan(secs))
		return CDC_DT_INVALID;
	if (isinf(secs)) {
		*out = secs < 0 ? CDC_DT_NOBEGIN : CDC_DT_NOEND;
		return CDC_DT_OK;
	}
	if (secs < (double)SECS_PER_DAY * (0 - UNIX_EPOCH_JDATE) ||
	    secs >= (double)SECS_PER_DAY * (TIMESTAMP_END_JULIAN - UNIX_EPOCH_JDATE))
		return CDC_DT_RANGE;
	secs -= (double)(EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY;
	secs = rint(secs * USECS_PER_SEC);
	int64_t r = (int64_t)secs;
	if (!VALID_TS(r))
		return CDC_DT_RANGE;
	*out = r;
	return CDC_DT_OK;
}

int64_t
cdc_dt_from_unix_seconds(double secs)
{
	int64_t r;
	cdc_dt_err e = cdc_dt_from_unix_seconds_checked(secs, &r);
	if (e == CDC_DT_OK)
		return r;
	return isnan(secs) || secs < 0 ? CDC_DT_NOBEGIN : CDC_DT_NOEND;
}

cdc_dt_err
cdc_dt_extract_time(const char *field, int64_t t, bool tz, int32_t offset, char *numtext,
                    size_t n, const char **why)
{
	dt_out o = {numtext, n, 0};
	int64_t r;
	int u = arg_unit(field, true);
	int64_t hour = t / USECS_PER_HOUR, rest = t % USECS_PER_HOUR;
	int64_t min = rest / USECS_PER_MINUTE, us = rest % USECS_PER_MINUTE;
	if (u == U_NONE || u == U_AGO || u == U_IGNORE)
		return fail(CDC_DT_INVALID, "extract field not recognized", why);
	switch (u) {
	case U_MICROSEC:
		r = us;
		break;
	case U_MILLISEC:
		put_scaled(&o, us, 3);
		return extract_done(&o, why);
	case U_SECOND:
		put_scaled(&o, us, 6);
		return extract_done(&o, why);
	case U_MINUTE:
		r = min;
		break;
	case U_HOUR:
		r = hour;
		break;
	case U_TZ:
	case U_TZ_HOUR:
	case U_TZ_MINUTE:
		if (!tz)
			return fail(CDC_DT_INVALID, "extract field not supported for type time", why);
		r = u == U_TZ ? offset : u == U_TZ_HOUR ? offset / 3600 : offset / 60 % 60;
		break;
	case U_EPOCH:
		put_scaled(&o, tz ? t - (int64_t)offset * USECS_PER_SEC : t, 6);
		return extract_done(&o, why);
	default:
		return fail(CDC_DT_INVALID, tz ? "extract field not supported for type time with time zone"
		                               : "extract field not supported for type time", why);
	}
	put_f(&o, "%lld", (long long)r);
	return extract_done(&o, why);
}

/* ---------------------------------------------------------------------------------
 * to_char, to_timestamp, to_date: PostgreSQL's template patterns (formatting.c).  A
 * template is read one node at a time (a keyword with its prefix and suffix, or one
 * literal character), so nothing is allocated; to_timestamp looks one node ahead to
 * know whether a number may run on.
 */
enum {
	DCH_A_D, DCH_A_M, DCH_AD, DCH_AM, DCH_B_C, DCH_BC, DCH_CC, DCH_DAY, DCH_DDD, DCH_DD,
	DCH_DY, DCH_Day, DCH_Dy, DCH_D, DCH_FF1, DCH_FF2, DCH_FF3, DCH_FF4, DCH_FF5, DCH_FF6,
	DCH_FX, DCH_HH24, DCH_HH12, DCH_HH, DCH_IDDD, DCH_ID, DCH_IW, DCH_IYYY, DCH_IYY, DCH_IY,
	DCH_I, DCH_J, DCH_MI, DCH_MM, DCH_MONTH, DCH_MON, DCH_MS, DCH_Month, DCH_Mon, DCH_OF,
	DCH_P_M, DCH_PM, DCH_Q, DCH_RM, DCH_SSSS, DCH_SS, DCH_TZH, DCH_TZM, DCH_TZ, DCH_US,
	DCH_WW, DCH_W, DCH_Y_YYY, DCH_YYYY, DCH_YYY, DCH_YY, DCH_Y, DCH_a_d, DCH_a_m, DCH_ad,
	DCH_am, DCH_b_c, DCH_bc, DCH_day, DCH_dy, DCH_month, DCH_mon, DCH_p_m, DCH_pm, DCH_rm,
	DCH_tz,
};

/* Which calendar a date field belongs to: Gregorian and ISO week fields do not mix. */
enum { MODE_NONE, MODE_GREGORIAN, MODE_ISOWEEK };

typedef struct dch_key {
	const char *name;
	int len;
	int id;
	bool is_digit;  /* a number, which may run into a following number field */
	int mode;
} dch_key;

/* Longer keywords before their prefixes: the first match wins. */
static const dch_key dch_keys[] = {
	{"A.D.", 4, DCH_A_D, false, MODE_NONE}, {"A.M.", 4, DCH_A_M, false, MODE_NONE},
	{"AD", 2, DCH_AD, false, MODE_NONE}, {"AM", 2, DCH_AM, false, MODE_NONE},
	{"B.C.", 4, DCH_B_C, false, MODE_NONE}, {"BC", 2, DCH_BC, false, MODE_NONE},
	{"CC", 2, DCH_CC, true, MODE_NONE}, {"DAY", 3, DCH_DAY, false, MODE_NONE},
	{"DDD", 3, DCH_DDD, true, MODE_GREGORIAN}, {"DD", 2, DCH_DD, true, MODE_GREGORIAN},
	{"DY", 2, DCH_DY, false, MODE_NONE}, {"Day", 3, DCH_Day, false, MODE_NONE},
	{"Dy", 2, DCH_Dy, false, MODE_NONE}, {"D", 1, DCH_D, true, MODE_GREGORIAN},
	{"FF1", 3, DCH_FF1, true, MODE_NONE}, {"FF2", 3, DCH_FF2, true, MODE_NONE},
	{"FF3", 3, DCH_FF3, true, MODE_NONE}, {"FF4", 3, DCH_FF4, true, MODE_NONE},
	{"FF5", 3, DCH_FF5, true, MODE_NONE}, {"FF6", 3, DCH_FF6, true, MODE_NONE},
	{"FX", 2, DCH_FX, false, MODE_NONE}, {"HH24", 4, DCH_HH24, true, MODE_NONE},
	{"HH12", 4, DCH_HH12, true, MODE_NONE}, {"HH", 2, DCH_HH, true, MODE_NONE},
	{"IDDD", 4, DCH_IDDD, true, MODE_ISOWEEK}, {"ID", 2, DCH_ID, true, MODE_ISOWEEK},
	{"IW", 2, DCH_IW, true, MODE_ISOWEEK}, {"IYYY", 4, DCH_IYYY, true, MODE_ISOWEEK},
	{"IYY", 3, DCH_IYY, true, MODE_ISOWEEK}, {"IY", 2, DCH_IY, true, MODE_ISOWEEK},
	{"I", 1, DCH_I, true, MODE_ISOWEEK}, {"J", 1, DCH_J, true, MODE_NONE},
	{"MI", 2, DCH_MI, true, MODE_NONE}, {"MM", 2, DCH_MM, true, MODE_GREGORIAN},
	{"MONTH", 5, DCH_MONTH, false, MODE_GREGORIAN}, {"MON", 3, DCH_MON, false, MODE_GREGORIAN},
	{"MS", 2, DCH_MS, true, MODE_NONE}, {"Month", 5, DCH_Month, false, MODE_GREGORIAN},
	{"Mon", 3, DCH_Mon, false, MODE_GREGORIAN}, {"OF", 2, DCH_OF, false, MODE_NONE},
	{"P.M.", 4, DCH_P_M, false, MODE_NONE}, {"PM", 2, DCH_PM, false, MODE_NONE},
	{"Q", 1, DCH_Q, true, MODE_NONE}, {"RM", 2, DCH_RM, false, MODE_GREGORIAN},
	{"SSSSS", 5, DCH_SSSS, true, MODE_NONE}, {"SSSS", 4, DCH_SSSS, true, MODE_NONE},
	{"SS", 2, DCH_SS, true, MODE_NONE}, {"TZH", 3, DCH_TZH, false, MODE_NONE},
	{"TZM", 3, DCH_TZM, true, MODE_NONE}, {"TZ", 2, DCH_TZ, false, MODE_NONE},
	{"US", 2, DCH_US, true, MODE_NONE}, {"WW", 2, DCH_WW, true, MODE_GREGORIAN},
	{"W", 1, DCH_W, true, MODE_GREGORIAN}, {"Y,YYY", 5, DCH_Y_YYY, true, MODE_GREGORIAN},
	{"YYYY", 4, DCH_YYYY, true, MODE_GREGORIAN}, {"YYY", 3, DCH_YYY, true, MODE_GREGORIAN},
	{"YY", 2, DCH_YY, true, MODE_GREGORIAN}, {"Y", 1, DCH_Y, true, MODE_GREGORIAN},
	{"a.d.", 4, DCH_a_d, false, MODE_NONE}, {"a.m.", 4, DCH_a_m, false, MODE_NONE},
	{"ad", 2, DCH_ad, false, MODE_NONE}, {"am", 2, DCH_am, false, MODE_NONE},
	{"b.c.", 4, DCH_b_c, false, MODE_NONE}, {"bc", 2, DCH_bc, false, MODE_NONE},
	{"cc", 2, DCH_CC, true, MODE_NONE}, {"day", 3, DCH_day, false, MODE_NONE},
	{"ddd", 3, DCH_DDD, true, MODE_GREGORIAN}, {"dd", 2, DCH_DD, true, MODE_GREGORIAN},
	{"dy", 2, DCH_dy, false, MODE_NONE}, {"d", 1, DCH_D, true, MODE_GREGORIAN},
	{"ff1", 3, DCH_FF1, true, MODE_NONE}, {"ff2", 3, DCH_FF2, true, MODE_NONE},
	{"ff3", 3, DCH_FF3, true, MODE_NONE}, {"ff4", 3, DCH_FF4, true, MODE_NONE},
	{"ff5", 3, DCH_FF5, true, MODE_NONE}, {"ff6", 3, DCH_FF6, true, MODE_NONE},
	{"fx", 2, DCH_FX, false, MODE_NONE}, {"hh24", 4, DCH_HH24, true, MODE_NONE},
	{"hh12", 4, DCH_HH12, true, MODE_NONE}, {"hh", 2, DCH_HH, true, MODE_NONE},
	{"iddd", 4, DCH_IDDD, true, MODE_ISOWEEK}, {"id", 2, DCH_ID, true, MODE_ISOWEEK},
	{"iw", 2, DCH_IW, true, MODE_ISOWEEK}, {"iyyy", 4, DCH_IYYY, true, MODE_ISOWEEK},
	{"iyy", 3, DCH_IYY, true, MODE_ISOWEEK}, {"iy", 2, DCH_IY, true, MODE_ISOWEEK},
	{"i", 1, DCH_I, true, MODE_ISOWEEK}, {"j", 1, DCH_J, true, MODE_NONE},
	{"mi", 2, DCH_MI, true, MODE_NONE}, {"mm", 2, DCH_MM, true, MODE_GREGORIAN},
	{"month", 5, DCH_month, false, MODE_GREGORIAN}, {"mon", 3, DCH_mon, false, MODE_GREGORIAN},
	{"ms", 2, DCH_MS, true, MODE_NONE}, {"of", 2, DCH_OF, false, MODE_NONE},
	{"p.m.", 4, DCH_p_m, false, MODE_NONE}, {"pm", 2, DCH_pm, false, MODE_NONE},
	{"q", 1, DCH_Q, true, MODE_NONE}, {"rm", 2, DCH_rm, false, MODE_GREGORIAN},
	{"sssss", 5, DCH_SSSS, true, MODE_NONE}, {"ssss", 4, DCH_SSSS, true, MODE_NONE},
	{"ss", 2, DCH_SS, true, MODE_NONE}, {"tzh", 3, DCH_TZH, false, MODE_NONE},
	{"tzm", 3, DCH_TZM, true, MODE_NONE}, {"tz", 2, DCH_tz, false, MODE_NONE},
	{"us", 2, DCH_US, true, MODE_NONE}, {"ww", 2, DCH_WW, true, MODE_GREGORIAN},
	{"w", 1, DCH_W, true, MODE_GREGORIAN}, {"y,yyy", 5, DCH_Y_YYY, true, MODE_GREGORIAN},
	{"yyyy", 4, DCH_YYYY, true, MODE_GREGORIAN}, {"yyy", 3, DCH_YYY, true, MODE_GREGORIAN},
	{"yy", 2, DCH_YY, true, MODE_GREGORIAN}, {"y", 1, DCH_Y, true, MODE_GREGORIAN},
};

/* Suffixes: FM (fill mode: no padding) and TM (translation: no padding either, since
 * names are English) before a keyword; TH/th (ordinal) and SP (ignored) after it. */
enum { S_FM = 1, S_TH = 2, S_th = 4, S_SP = 8, S_TM = 16 };

enum { N_END, N_ACTION, N_CHAR, N_SPACE, N_SEPARATOR };

typedef struct fmt_node {
	int type;
	const dch_key *key;
	int suffix;
	char ch[5];  /* a literal character, UTF-8 sequences whole */
	size_t chlen;
} fmt_node;

typedef struct fmt_iter {
	const char *s;
	size_t pos;
	bool inquote;
} fmt_iter;

static const char *const months_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                          "Aug", "Sep", "Oct", "Nov", "Dec", NULL};
static const char *const months_full[] = {"January", "February", "March", "April", "May",
                                          "June", "July", "August", "September", "October",
                                          "November", "December", NULL};
static const char *const days_full[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday", NULL};
static const char *const days_short[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", NULL};
static const char *const rm_upper[] = {"XII", "XI", "X", "IX", "VIII", "VII", "VI", "V",
                                       "IV", "III", "II", "I", NULL};
static const char *const rm_lower[] = {"xii", "xi", "x", "ix", "viii", "vii", "vi", "v",
                                       "iv", "iii", "ii", "i", NULL};
static const char *const ampm_short[] = {"am", "pm", "AM", "PM", NULL};
static const char *const ampm_long[] = {"a.m.", "p.m.", "A.M.", "P.M.", NULL};
static const char *const adbc_short[] = {"ad", "bc", "AD", "BC", NULL};
static const char *const adbc_long[] = {"a.d.", "b.c.", "A.D.", "B.C.", NULL};

/* Bytes in the UTF-8 sequence starting with c (pg_mblen). */
static size_t
mblen_utf8(unsigned char c)
{
	if ((c & 0x80) == 0)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	if ((c & 0xf8) == 0xf0)
		return 4;
	return 1;
}

/* The same, not running past e (when given) or a NUL. */
static size_t
bounded_mblen(const char *p, const char *e)
{
	size_t k = mblen_utf8((unsigned char)*p);
	for (size_t i = 1; i < k; i++)
		if ((e && p + i >= e) || p[i] == '\0')
			return i;
	return k;
}

static bool
is_separator(int c)
{
	return c > 0x20 && c < 0x7f && !is_alnum(c);
}

static const dch_key *
key_search(const char *s)
{
	for (size_t i = 0; i < sizeof dch_keys / sizeof dch_keys[0]; i++)
		if (dch_keys[i].name[0] == *s && strncmp(s, dch_keys[i].name, (size_t)dch_keys[i].len) == 0)
			return &dch_keys[i];
	return NULL;
}

/* The next node of a template (parse_format). */
static void
fmt_next(fmt_iter *it, fmt_node *n)
{
	const char *s = it->s;
	memset(n, 0, sizeof *n);
	for (;;) {
		const char *p = s + it->pos;
		if (it->inquote) {
			if (*p == '\0') {
				n->type = N_END;
				return;
			}
			if (*p == '"') {
				it->inquote = false;
				it->pos++;
				continue;
			}
			if (*p == '\\' && p[1])
				p++;  /* a backslash quotes the next character */
			n->type = N_CHAR;
			n->chlen = bounded_mblen(p, NULL);
			memcpy(n->ch, p, n->chlen);
			it->pos = (size_t)(p - s) + n->chlen;
			return;
		}
		if (*p == '\0') {
			n->type = N_END;
			return;
		}
		int suffix = 0;
		if (strncmp(p, "FM", 2) == 0 || strncmp(p, "fm", 2) == 0) {
			suffix = S_FM;
			p += 2;
		} else if (strncmp(p, "TM", 2) == 0 || strncmp(p, "tm", 2) == 0) {
			suffix = S_TM;
			p += 2;
		}
		if (*p == '\0') {
			n->type = N_END;
			it->pos = (size_t)(p - s);
			return;
		}
		const dch_key *k = key_search(p);
		if (k) {
			p += k->len;
			if (strncmp(p, "TH", 2) == 0) {
				suffix |= S_TH;
				p += 2;
			} else if (strncmp(p, "th", 2) == 0) {
				suffix |= S_th;
				p += 2;
			} else if (strncmp(p, "SP", 2) == 0) {
				suffix |= S_SP;
				p += 2;
			}
			n->type = N_ACTION;
			n->key = k;
			n->suffix = suffix;
			it->pos = (size_t)(p - s);
			return;
		}
		if (*p == '"') {
			it->inquote = true;
			it->pos = (size_t)(p - s) + 1;
			continue;
		}
		if (*p == '\\' && p[1] == '"')
			p++;  /* outside quotes only \" is special */
		n->chlen = bounded_mblen(p, NULL);
		memcpy(n->ch, p, n->chlen);
		if (is_separator((unsigned char)*p))
			n->type = N_SEPARATOR;
		else if (is_space((unsigned char)*p))
			n->type = N_SPACE;
		else
			n->type = N_CHAR;
		it->pos = (size_t)(p - s) + n->chlen;
		return;
	}
}

/* st, nd, rd, th of the number just printed (str_numth); teens take th. */
static void
put_th(dt_out *o, size_t start, int suffix)
{
	if (!(suffix & (S_TH | S_th)) || o->len == start)
		return;
	size_t len = o->len - start;
	char last = o->len - 1 < o->cap ? o->p[o->len - 1] : '0';
	char prev = len > 1 && o->len - 2 < o->cap ? o->p[o->len - 2] : ' ';
	const char *sfx;
	if (prev == '1')
		last = '0';
	switch (last) {
	case '1':
		sfx = "st";
		break;
	case '2':
		sfx = "nd";
		break;
	case '3':
		sfx = "rd";
		break;
	default:
		sfx = "th";
		break;
	}
	if (suffix & S_TH)
		put_c(o, (char)to_upper(sfx[0])), put_c(o, (char)to_upper(sfx[1]));
	else
		put_s(o, sfx);
}

/* A name in the case the keyword asks for: 0 as is, 1 upper, 2 lower; padded to 9 (or
 * `pad`) unless FM or TM. */
static void
put_name(dt_out *o, const char *name, int kase, int pad, int suffix)
{
	size_t k = 0;
	for (; name[k]; k++)
		put_c(o, (char)(kase == 1 ? to_upper((unsigned char)name[k])
		                          : kase == 2 ? to_lower((unsigned char)name[k]) : name[k]));
	if (!(suffix & (S_FM | S_TM)))
		for (; (int)k < pad; k++)
			put_c(o, ' ');
}

static int
adjust_year(int y)
{
	return y <= 0 ? -(y - 1) : y;
}

/* Zero-padded to `width` unless FM; the width counts the sign, as printf's does. */
static void
put_num(dt_out *o, long long v, int width, int suffix)
{
	size_t start = o->len;
	put_f(o, "%0*lld", (suffix & S_FM) ? 0 : width, v);
	put_th(o, start, suffix);
}

/*
 * What to_char prints: the fields of a timestamp, or of an interval as PostgreSQL's
 * interval_to_char splits it (years and months from its months, days, then hours not
 * wrapped at 24, minutes, seconds).  For an interval the patterns tied to a calendar
 * date (names of months and days, BC/AD, time zones, D, ID) are errors, and a negative
 * field is printed one digit wider for its sign, as PostgreSQL does.
 */
typedef struct tc_fields {
	long long year, mon, mday, hour, min, sec, fsec, wday, yday, jd;
	bool      interval;
	bool      tz;        /* a timestamptz: TZ prints the zone */
} tc_fields;

#define NOT_FOR_INTERVAL() \
	if (f->interval) \
		return fail(CDC_DT_INVALID, "invalid format specification for an interval value", why)

static cdc_dt_err
to_char_fields(const tc_fields *f, const char *fmt, char *buf, size_t n, const char **why)
{
	dt_out o = {buf, n, 0};
	fmt_iter it = {fmt, 0, false};
	fmt_node nd;
	for (fmt_next(&it, &nd); nd.type != N_END; fmt_next(&it, &nd)) {
		if (nd.type != N_ACTION) {
			for (size_t i = 0; i < nd.chlen; i++)
				put_c(&o, nd.ch[i]);
			continue;
		}
		int sf = nd.suffix;
		size_t start = o.len;
		bool pm = f->hour % 24 >= 12;
		switch (nd.key->id) {
		case DCH_A_M:
		case DCH_P_M:
			put_s(&o, pm ? "P.M." : "A.M.");
			break;
		case DCH_AM:
		case DCH_PM:
			put_s(&o, pm ? "PM" : "AM");
			break;
		case DCH_a_m:
		case DCH_p_m:
			put_s(&o, pm ? "p.m." : "a.m.");
			break;
		case DCH_am:
		case DCH_pm:
			put_s(&o, pm ? "pm" : "am");
			break;
		case DCH_HH:
		case DCH_HH12:
			/* a 12-hour clock, even for intervals; a negative field takes a digit more */
			put_num(&o, f->hour % 12 == 0 ? 12 : f->hour % 12, f->hour >= 0 ? 2 : 3, sf);
			break;
		case DCH_HH24:
			put_num(&o, f->hour, f->hour >= 0 ? 2 : 3, sf);
			break;
		case DCH_MI:
			put_num(&o, f->min, f->min >= 0 ? 2 : 3, sf);
			break;
		case DCH_SS:
			put_num(&o, f->sec, f->sec >= 0 ? 2 : 3, sf);
			break;
		case DCH_FF1:
		case DCH_FF2:
		case DCH_FF3:
		case DCH_FF4:
		case DCH_FF5:
		case DCH_FF6:
		case DCH_MS:
		case DCH_US: {
			/* fractions ignore FM: always the full number of digits */
			int digits = nd.key->id == DCH_MS ? 3 : nd.key->id == DCH_US ? 6
			                                                              : nd.key->id - DCH_FF1 + 1;
			int64_t v = f->fsec;
			for (int i = digits; i < 6; i++)
				v /= 10;
			put_f(&o, "%0*d", digits, (int)v);
			put_th(&o, start, sf);
			break;
		}
		case DCH_SSSS:
			put_f(&o, "%lld", f->hour * 3600 + f->min * 60 + f->sec);
			put_th(&o, start, sf);
			break;
		case DCH_tz:
			NOT_FOR_INTERVAL();
			if (f->tz)
				put_s(&o, "utc");
			break;
		case DCH_TZ:
			NOT_FOR_INTERVAL();
			if (f->tz)
				put_s(&o, "UTC");
			break;
		case DCH_TZH:
			NOT_FOR_INTERVAL();
			put_s(&o, "+00");
			break;
		case DCH_TZM:
			NOT_FOR_INTERVAL();
			put_s(&o, "00");
			break;
		case DCH_OF:
			NOT_FOR_INTERVAL();
			put_f(&o, "+%0*d", (sf & S_FM) ? 0 : 2, 0);
			break;
		case DCH_A_D:
		case DCH_B_C:
			NOT_FOR_INTERVAL();
			put_s(&o, f->year <= 0 ? "B.C." : "A.D.");
			break;
		case DCH_AD:
		case DCH_BC:
			NOT_FOR_INTERVAL();
			put_s(&o, f->year <= 0 ? "BC" : "AD");
			break;
		case DCH_a_d:
		case DCH_b_c:
			NOT_FOR_INTERVAL();
			put_s(&o, f->year <= 0 ? "b.c." : "a.d.");
			break;
		case DCH_ad:
		case DCH_bc:
			NOT_FOR_INTERVAL();
			put_s(&o, f->year <= 0 ? "bc" : "ad");
			break;
		case DCH_MONTH:
			NOT_FOR_INTERVAL();
			put_name(&o, months_full[f->mon - 1], 1, 9, sf);
			break;
		case DCH_Month:
			NOT_FOR_INTERVAL();
			put_name(&o, months_full[f->mon - 1], 0, 9, sf);
			break;
		case DCH_month:
			NOT_FOR_INTERVAL();
			put_name(&o, months_full[f->mon - 1], 2, 9, sf);
			break;
		case DCH_MON:
			NOT_FOR_INTERVAL();
			put_name(&o, months_abbr[f->mon - 1], 1, 0, sf);
			break;
		case DCH_Mon:
			NOT_FOR_INTERVAL();
			put_name(&o, months_abbr[f->mon - 1], 0, 0, sf);
			break;
		case DCH_mon:
			NOT_FOR_INTERVAL();
			put_name(&o, months_abbr[f->mon - 1], 2, 0, sf);
			break;
		case DCH_MM:
			put_num(&o, f->mon, f->mon >= 0 ? 2 : 3, sf);
			break;
		case DCH_DAY:
			NOT_FOR_INTERVAL();
			put_name(&o, days_full[f->wday], 1, 9, sf);
			break;
		case DCH_Day:
			NOT_FOR_INTERVAL();
			put_name(&o, days_full[f->wday], 0, 9, sf);
			break;
		case DCH_day:
			NOT_FOR_INTERVAL();
			put_name(&o, days_full[f->wday], 2, 9, sf);
			break;
		case DCH_DY:
			NOT_FOR_INTERVAL();
			put_name(&o, days_short[f->wday], 1, 0, sf);
			break;
		case DCH_Dy:
			NOT_FOR_INTERVAL();
			put_name(&o, days_short[f->wday], 0, 0, sf);
			break;
		case DCH_dy:
			NOT_FOR_INTERVAL();
			put_name(&o, days_short[f->wday], 2, 0, sf);
			break;
		case DCH_DDD:
			put_num(&o, f->yday, 3, sf);
			break;
		case DCH_IDDD:
			put_num(&o, date2isoyearday((int)f->year, (int)f->mon, (int)f->mday), 3, sf);
			break;
		case DCH_DD:
			put_num(&o, f->mday, 2, sf);
			break;
		case DCH_D:
			NOT_FOR_INTERVAL();
			put_num(&o, f->wday + 1, 0, sf);
			break;
		case DCH_ID:
			NOT_FOR_INTERVAL();
			put_num(&o, f->wday == 0 ? 7 : f->wday, 0, sf);
			break;
		case DCH_WW:
			put_num(&o, (f->yday - 1) / 7 + 1, 2, sf);
			break;
		case DCH_IW:
			put_num(&o, date2isoweek((int)f->year, (int)f->mon, (int)f->mday), 2, sf);
			break;
		case DCH_Q:
			if (f->mon == 0)
				break;
			put_num(&o, (f->mon - 1) / 3 + 1, 0, sf);
			break;
		case DCH_CC: {
			long long c = f->interval ? f->year / 100 : f->year > 0 ? (f->year - 1) / 100 + 1 : f->year / 100 - 1;
			put_num(&o, c, c <= 99 && c >= -99 ? (c >= 0 ? 2 : 3) : 0, sf);
			break;
		}
		case DCH_Y_YYY: {
			long long y = f->interval ? f->year : adjust_year((int)f->year), k = y / 1000;
			put_f(&o, "%lld,%03lld", k, y - k * 1000);
			put_th(&o, start, sf);
			break;
		}
		case DCH_YYYY:
		case DCH_IYYY:
		case DCH_YYY:
		case DCH_IYY:
		case DCH_YY:
		case DCH_IY:
		case DCH_Y:
		case DCH_I: {
			int id = nd.key->id;
			bool iso = id == DCH_IYYY || id == DCH_IYY || id == DCH_IY || id == DCH_I;
			int y = iso ? date2isoyear((int)f->year, (int)f->mon, (int)f->mday) : (int)f->year;
			if (!f->interval)
				y = adjust_year(y);
			int width = id == DCH_YYYY || id == DCH_IYYY ? 4 : id == DCH_YYY || id == DCH_IYY ? 3
			          : id == DCH_YY || id == DCH_IY ? 2 : 1;
			int mod = width == 4 ? 0 : width == 3 ? 1000 : width == 2 ? 100 : 10;
			if (width == 1)
				put_f(&o, "%1d", y % 10);
			else
				put_f(&o, "%0*d", (sf & S_FM) ? 0 : (y >= 0 ? width : width + 1), mod ? y % mod : y);
			put_th(&o, start, sf);
			break;
		}
		case DCH_RM:
		case DCH_rm: {
			if (f->mon <= 0 || f->mon > 12)
				break;   /* an interval of whole years (or less than none) has no month */
			const char *r = (nd.key->id == DCH_RM ? rm_upper : rm_lower)[12 - f->mon];
			put_s(&o, r);
			if (!(sf & S_FM))
				for (size_t k = strlen(r); k < 4; k++)
					put_c(&o, ' ');
			break;
		}
		case DCH_W:
			put_num(&o, (f->mday - 1) / 7 + 1, 0, sf);
			break;
		case DCH_J:
			put_num(&o, f->jd, 0, sf);
			break;
		default:  /* FX */
			break;
		}
	}
	put_end(&o);
	if (o.len >= n)
		return fail(CDC_DT_RANGE, "to_char result too long for the buffer", why);
	return CDC_DT_OK;
}
#undef NOT_FOR_INTERVAL

cdc_dt_err
cdc_dt_to_char(int64_t ts, bool tz, const char *fmt, char *buf, size_t n, const char **why)
{
	dt_tm tm;
	if (n)
		buf[0] = '\0';
	if (fmt[0] == '\0' || !TS_FINITE(ts))
		return fail(CDC_DT_NULL, "to_char of infinity or with an empty format is NULL", why);
	if (!ts2tm(ts, &tm))
		return fail(CDC_DT_RANGE, "timestamp out of range", why);
	int64_t jd = date2j(tm.year, tm.mon, tm.mday);
	tc_fields f = {tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.fsec, j2day(jd),
	               jd - date2j(tm.year, 1, 1) + 1, jd, false, tz};
	return to_char_fields(&f, fmt, buf, n, why);
}

cdc_dt_err
cdc_dt_interval_to_char(cdc_interval iv, const char *fmt, char *buf, size_t n, const char **why)
{
	if (n)
		buf[0] = '\0';
	if (fmt[0] == '\0')
		return fail(CDC_DT_NULL, "to_char with an empty format is NULL", why);
	tc_fields f = {0};
	f.interval = true;
	f.year = iv.months / 12;
	f.mon = iv.months % 12;
	f.mday = iv.days;
	f.hour = iv.us / INT64_C(3600000000);
	int64_t rest = iv.us % INT64_C(3600000000);
	f.min = rest / 60000000;
	f.sec = rest % 60000000 / 1000000;
	f.fsec = rest % 1000000;
	f.yday = (f.year * 12 + f.mon) * 30 + f.mday;
	f.jd = date2j((int)f.year, (int)f.mon, (int)f.mday);
	return to_char_fields(&f, fmt, buf, n, why);
}

/* What the template read from the text (TmFromChar). */
typedef struct from_char {
	int mode;
	int hh, pm, mi, ss, ssss, d, dd, ddd, mm, ms, year, bc, ww, w, cc, j, us, yysz, clock12;
	int tzsign, tzh, tzm, ff;
} from_char;

typedef struct fc_input {
	const char *p;  /* current position */
	const char *e;  /* end of the text */
	const char *why;
	cdc_dt_err err;
} fc_input;

#define FC_AT(in, q) ((q) < (in)->e ? (unsigned char)*(q) : 0)

static bool
fc_fail(fc_input *in, cdc_dt_err e, const char *why)
{
	in->err = e;
	in->why = why;
	return false;
}

/* Sets a field once; a second, different value is an error (from_char_set_int). */
static bool
fc_set(fc_input *in, int *dest, int value)
{
	if (*dest != 0 && *dest != value)
		return fc_fail(in, CDC_DT_INVALID, "conflicting values for a field in the to_timestamp template");
	*dest = value;
	return true;
}

/*
 * An integer of `len` characters, or as many digits as there are when the node has FM
 * or the next node cannot start with a digit (from_char_parse_int_len).  Returns the
 * characters consumed (leading space included), -1 on error.
 */
static int
fc_int(fc_input *in, int *dest, int len, int suffix, bool next_sep)
{
	const char *init = in->p, *q = in->p, *end;
	bool ovf;
	int64_t v;
	while (q < in->e && is_space((unsigned char)*q))
		q++;
	if ((suffix & S_FM) || next_sep) {
		v = scan_i64(init, in->e, &end, &ovf);
		in->p = end;
	} else {
		size_t rest = (size_t)(in->e - q);
		if (rest < (size_t)len) {
			fc_fail(in, CDC_DT_INVALID,
			        "source string too short for a to_timestamp field (use FM for variable widths)");
			return -1;
		}
		v = scan_i64(q, q + len, &end, &ovf);
		if (end > q && end < q + len) {
			fc_fail(in, CDC_DT_INVALID,
			        "invalid value for a to_timestamp field: fewer digits than the field's width");
			return -1;
		}
		in->p = end > q ? end : q;
	}
	if (in->p == init) {
		fc_fail(in, CDC_DT_INVALID, "invalid value for a to_timestamp field: an integer is expected");
		return -1;
	}
	if (ovf || v < INT32_MIN || v > INT32_MAX) {
		fc_fail(in, CDC_DT_RANGE, "value for a to_timestamp field is out of range");
		return -1;
	}
	if (dest && !fc_set(in, dest, (int)v))
		return -1;
	return (int)(in->p - init);
}

/* A case-insensitive match of one of `names` at the current position (seq_search). */
static bool
fc_search(fc_input *in, int *value, const char *const *names)
{
	for (int i = 0; names[i]; i++) {
		size_t k = strlen(names[i]);
		if ((size_t)(in->e - in->p) < k)
			continue;
		size_t j = 0;
		while (j < k && to_lower((unsigned char)in->p[j]) == to_lower((unsigned char)names[i][j]))
			j++;
		if (j == k) {
			*value = i;
			in->p += k;
			return true;
		}
	}
	return fc_fail(in, CDC_DT_INVALID,
	               "invalid value for a to_timestamp field: the text matches none of the allowed names");
}

static void
fc_skip_th(fc_input *in, int suffix)
{
	if (suffix & (S_TH | S_th))
		for (int i = 0; i < 2 && in->p < in->e; i++)
			in->p += bounded_mblen(in->p, in->e);
}

/* Does the node after `n` make a number end (is_next_separator)? */
static bool
next_is_separator(const fmt_node *n, const fmt_iter *it)
{
	fmt_iter la = *it;
	fmt_node next;
	if (n->type == N_ACTION && (n->suffix & (S_TH | S_th)))
		return true;
	fmt_next(&la, &next);
	if (next.type == N_END)
		return true;
	if (next.type == N_ACTION)
		return !next.key->is_digit;
	return !(next.chlen == 1 && is_digit((unsigned char)next.ch[0]));
}

static int
adjust_partial_year(int year)
{
	if (year < 70)
		return year + 2000;
	if (year < 100)
		return year + 1900;
	if (year < 520)
		return year + 2000;
	if (year < 1000)
		return year + 1000;
	return year;
}

/* PostgreSQL 15 computes some template fields in plain int and lets them wrap. */
static int
wrap32(int64_t v)
{
	uint32_t u = (uint32_t)(uint64_t)v;
	return u <= INT32_MAX ? (int)u : (int)(u - 2147483648u) - INT32_MAX - 1;
}

/* Reads the text along the template (DCH_from_char). */
static bool
from_char_read(fc_input *in, const char *fmt, from_char *out)
{
	fmt_iter it = {fmt, 0, false};
	fmt_node nd;
	bool fx = false, first = true;
	int extra_skip = 0, value, len;
	for (fmt_next(&it, &nd); nd.type != N_END && in->p < in->e && *in->p != '\0';
	     fmt_next(&it, &nd), first = false) {
		if (!fx && !(nd.type == N_ACTION && nd.key->id == DCH_FX) &&
		    (nd.type == N_ACTION || first)) {
			while (in->p < in->e && is_space((unsigned char)*in->p)) {
				in->p++;
				extra_skip++;
			}
		}
		if (nd.type == N_SPACE || nd.type == N_SEPARATOR) {
			if (!fx) {
				/* one space or separator of the template matches one or none */
				extra_skip--;
				if (is_space(FC_AT(in, in->p)) || is_separator(FC_AT(in, in->p))) {
					in->p++;
					extra_skip++;
				}
			} else if (in->p < in->e)
				in->p += bounded_mblen(in->p, in->e);
			continue;
		}
		if (nd.type != N_ACTION) {
			/* a literal consumes one character, whatever it is */
			if (!fx && extra_skip > 0)
				extra_skip--;
			else if (in->p < in->e)
				in->p += bounded_mblen(in->p, in->e);
			continue;
		}
		if (nd.key->mode != MODE_NONE) {
			if (out->mode == MODE_NONE)
				out->mode = nd.key->mode;
			else if (out->mode != nd.key->mode)
				return fc_fail(in, CDC_DT_INVALID,
				               "invalid combination of date conventions: do not mix Gregorian and ISO week fields");
		}
		bool sep = next_is_separator(&nd, &it);
		int sf = nd.suffix;
		switch (nd.key->id) {
		case DCH_FX:
			fx = true;
			break;
		case DCH_A_M:
		case DCH_P_M:
		case DCH_a_m:
		case DCH_p_m:
			if (!fc_search(in, &value, ampm_long) || !fc_set(in, &out->pm, value % 2))
				return false;
			out->clock12 = 1;
			break;
		case DCH_AM:
		case DCH_PM:
		case DCH_am:
		case DCH_pm:
			if (!fc_search(in, &value, ampm_short) || !fc_set(in, &out->pm, value % 2))
				return false;
			out->clock12 = 1;
			break;
		case DCH_HH:
		case DCH_HH12:
			if (fc_int(in, &out->hh, 2, sf, sep) < 0)
				return false;
			out->clock12 = 1;
			fc_skip_th(in, sf);
			break;
		case DCH_HH24:
			if (fc_int(in, &out->hh, 2, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_MI:
			if (fc_int(in, &out->mi, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_SS:
			if (fc_int(in, &out->ss, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_MS:
			if ((len = fc_int(in, &out->ms, 3, sf, sep)) < 0)
				return false;
			/* 25 and 250 are 0.25 s, 025 is 0.025 s */
			out->ms *= len == 1 ? 100 : len == 2 ? 10 : 1;
			fc_skip_th(in, sf);
			break;
		case DCH_FF1:
		case DCH_FF2:
		case DCH_FF3:
		case DCH_FF4:
		case DCH_FF5:
		case DCH_FF6:
		case DCH_US:
			if (nd.key->id != DCH_US)
				out->ff = nd.key->id - DCH_FF1 + 1;
			if ((len = fc_int(in, &out->us, nd.key->id == DCH_US ? 6 : out->ff, sf, sep)) < 0)
				return false;
			out->us *= len == 1 ? 100000 : len == 2 ? 10000 : len == 3 ? 1000 : len == 4 ? 100
			         : len == 5 ? 10 : 1;
			fc_skip_th(in, sf);
			break;
		case DCH_SSSS:
			if (fc_int(in, &out->ssss, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_tz:
		case DCH_TZ:
		case DCH_OF:
			return fc_fail(in, CDC_DT_INVALID, "formatting fields TZ and OF are only supported in to_char");
		case DCH_TZH:
			/* the sign may have been skipped as a separator before the field */
			if (FC_AT(in, in->p) == '+' || FC_AT(in, in->p) == '-' || FC_AT(in, in->p) == ' ') {
				out->tzsign = *in->p == '-' ? -1 : 1;
				in->p++;
			} else
				out->tzsign = extra_skip > 0 && in->p[-1] == '-' ? -1 : 1;
			if (fc_int(in, &out->tzh, 2, sf, sep) < 0)
				return false;
			break;
		case DCH_TZM:
			if (!out->tzsign)
				out->tzsign = 1;
			if (fc_int(in, &out->tzm, 2, sf, sep) < 0)
				return false;
			break;
		case DCH_A_D:
		case DCH_B_C:
		case DCH_a_d:
		case DCH_b_c:
			if (!fc_search(in, &value, adbc_long) || !fc_set(in, &out->bc, value % 2))
				return false;
			break;
		case DCH_AD:
		case DCH_BC:
		case DCH_ad:
		case DCH_bc:
			if (!fc_search(in, &value, adbc_short) || !fc_set(in, &out->bc, value % 2))
				return false;
			break;
		case DCH_MONTH:
		case DCH_Month:
		case DCH_month:
			if (!fc_search(in, &value, months_full) || !fc_set(in, &out->mm, value + 1))
				return false;
			break;
		case DCH_MON:
		case DCH_Mon:
		case DCH_mon:
			if (!fc_search(in, &value, months_abbr) || !fc_set(in, &out->mm, value + 1))
				return false;
			break;
		case DCH_MM:
			if (fc_int(in, &out->mm, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_DAY:
		case DCH_Day:
		case DCH_day:
			if (!fc_search(in, &value, days_full) || !fc_set(in, &out->d, value))
				return false;
			out->d++;
			break;
		case DCH_DY:
		case DCH_Dy:
		case DCH_dy:
			if (!fc_search(in, &value, days_short) || !fc_set(in, &out->d, value))
				return false;
			out->d++;
			break;
		case DCH_DDD:
			if (fc_int(in, &out->ddd, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_IDDD:
			if (fc_int(in, &out->ddd, 3, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_DD:
			if (fc_int(in, &out->dd, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_D:
			if (fc_int(in, &out->d, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_ID:
			if (fc_int(in, &out->d, 1, sf, sep) < 0)
				return false;
			if (++out->d > 7)
				out->d = 1;  /* ISO Sunday (7) is Gregorian day 1 */
			fc_skip_th(in, sf);
			break;
		case DCH_WW:
		case DCH_IW:
			if (fc_int(in, &out->ww, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_Q:
			/* read and ignored: a quarter does not say which date */
			if (fc_int(in, NULL, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_CC:
			if (fc_int(in, &out->cc, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_Y_YYY: {
			/* sscanf "%d,%03d" */
			const char *q = in->p, *end;
			bool ovf;
			int64_t millennia = scan_i64(q, in->e, &end, &ovf), years;
			if (end == q || ovf || FC_AT(in, end) != ',')
				return fc_fail(in, CDC_DT_INVALID, "invalid input string for Y,YYY");
			q = end + 1;
			while (q < in->e && is_space((unsigned char)*q))
				q++;
			years = scan_i64(q, q + 3 <= in->e ? q + 3 : in->e, &end, &ovf);
			if (end == q)
				return fc_fail(in, CDC_DT_INVALID, "invalid input string for Y,YYY");
			years = wrap32(wrap32(years) + wrap32(wrap32(millennia) * INT64_C(1000)));
			if (!fc_set(in, &out->year, (int)years))
				return false;
			out->yysz = 4;
			in->p = end;
			fc_skip_th(in, sf);
			break;
		}
		case DCH_YYYY:
		case DCH_IYYY:
			if (fc_int(in, &out->year, nd.key->len, sf, sep) < 0)
				return false;
			out->yysz = 4;
			fc_skip_th(in, sf);
			break;
		case DCH_YYY:
		case DCH_IYY:
		case DCH_YY:
		case DCH_IY:
		case DCH_Y:
		case DCH_I:
			if ((len = fc_int(in, &out->year, nd.key->len, sf, sep)) < 0)
				return false;
			if (len < 4)
				out->year = adjust_partial_year(out->year);
			out->yysz = nd.key->len;
			fc_skip_th(in, sf);
			break;
		case DCH_RM:
		case DCH_rm:
			if (!fc_search(in, &value, rm_lower) || !fc_set(in, &out->mm, 12 - value))
				return false;
			break;
		case DCH_W:
			if (fc_int(in, &out->w, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		case DCH_J:
			if (fc_int(in, &out->j, nd.key->len, sf, sep) < 0)
				return false;
			fc_skip_th(in, sf);
			break;
		default:
			break;
		}
		if (!fx) {
			extra_skip = 0;
			while (in->p < in->e && is_space((unsigned char)*in->p)) {
				in->p++;
				extra_skip++;
			}
		}
	}
	return true;
}

/* isoweek2j in int, as to_timestamp computes it. */
static int
isoweek2j_int(int year, int week)
{
	int64_t day4 = date2j(year, 1, 4);
	return wrap32((int64_t)wrap32(((int64_t)week - 1) * 7) + (day4 - j2day(day4 - 1)));
}

/*
 * The fields read by to_timestamp/to_date assembled into a date and time
 * (do_to_timestamp): 12-hour clock, century plus two-digit year, Julian day, ISO or
 * Gregorian week, day of year, then the same range checks as date/time input.
 */
static cdc_dt_err
to_tm(const char *s, size_t n, const char *fmt, dt_tm *tm, int64_t *fsec, bool *has_tz,
      int32_t *offset, int *fprec, const char **why)
{
	from_char fc;
	fc_input in = {s, s + n, NULL, CDC_DT_OK};
	int fmask = 0;
	memset(&fc, 0, sizeof fc);
	memset(tm, 0, sizeof *tm);
	tm->mon = tm->mday = 1;
	*fsec = 0;
	*has_tz = false;
	*offset = 0;
	*fprec = 0;
	if (fmt[0] != '\0' && !from_char_read(&in, fmt, &fc))
		return fail(in.err, in.why, why);
	if (fc.ssss) {
		tm->hour = fc.ssss / 3600;
		tm->min = fc.ssss % 3600 / 60;
		tm->sec = fc.ssss % 60;
	}
	if (fc.ss)
		tm->sec = fc.ss;
	if (fc.mi)
		tm->min = fc.mi;
	if (fc.hh)
		tm->hour = fc.hh;
	if (fc.clock12) {
		if (tm->hour < 1 || tm->hour > 12)
			return fail(CDC_DT_INVALID,
			            "hour is invalid for the 12-hour clock: use HH24, or an hour from 1 to 12", why);
		if (fc.pm && tm->hour < 12)
			tm->hour += 12;
		else if (!fc.pm && tm->hour == 12)
			tm->hour = 0;
	}
	/* the year and week arithmetic below wraps around in int as PostgreSQL 15's does */
	if (fc.year) {
		if (fc.cc && fc.yysz <= 2) {
			/* CC with YY: the year within that century (21st = 2001..2100) */
			int cc = fc.bc ? wrap32(-(int64_t)fc.cc) : fc.cc;
			int y = fc.year % 100;
			if (y)
				y = cc >= 0 ? wrap32(y + (int64_t)wrap32(((int64_t)cc - 1) * 100))
				            : wrap32((int64_t)wrap32(((int64_t)cc + 1) * 100) - y + 1);
			else
				y = wrap32((int64_t)wrap32((int64_t)cc * 100) + (cc >= 0 ? 0 : 1));
			tm->year = y;
		} else {
			tm->year = fc.bc ? wrap32(-(int64_t)fc.year) : fc.year;
			if (tm->year < 0)
				tm->year++;  /* 1 BC is year 0 */
		}
		fmask |= M_YEAR;
	} else if (fc.cc) {
		int cc = fc.bc ? wrap32(-(int64_t)fc.cc) : fc.cc;
		tm->year = cc >= 0 ? wrap32((int64_t)wrap32(((int64_t)cc - 1) * 100) + 1)
		                   : wrap32((int64_t)wrap32((int64_t)cc * 100) + 1);
		fmask |= M_YEAR;
	}
	if (fc.j) {
		j2date(fc.j, &tm->year, &tm->mon, &tm->mday);
		fmask |= M_DATE;
	}
	if (fc.ww) {
		if (fc.mode == MODE_ISOWEEK) {
			int jday = isoweek2j_int(tm->year, fc.ww);
			if (fc.d)
				jday = wrap32((int64_t)jday + (fc.d > 1 ? fc.d - 2 : 6));  /* Sunday (1) ends the week */
			j2date(jday, &tm->year, &tm->mon, &tm->mday);
			fmask |= M_DATE;
		} else
			fc.ddd = wrap32(((int64_t)fc.ww - 1) * 7 + 1);
	}
	if (fc.w)
		fc.dd = wrap32(((int64_t)fc.w - 1) * 7 + 1);
	if (fc.dd) {
		tm->mday = fc.dd;
		fmask |= M_DAY;
	}
	if (fc.mm) {
		tm->mon = fc.mm;
		fmask |= M_MONTH;
	}
	if (fc.ddd && (tm->mon <= 1 || tm->mday <= 1)) {
		if (!tm->year && !fc.bc)
			return fail(CDC_DT_INVALID, "cannot calculate day of year without year information", why);
		if (fc.mode == MODE_ISOWEEK) {
			j2date(wrap32((int64_t)isoweek2j_int(tm->year, 1) - 1 + fc.ddd), &tm->year, &tm->mon,
			       &tm->mday);
			fmask |= M_DATE;
		} else {
			static const int ysum[2][13] = {
				{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
				{0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};
			const int *y = ysum[isleap(tm->year)];
			int i;
			for (i = 1; i <= 12; i++)
				if (fc.ddd <= y[i])
					break;
			if (tm->mon <= 1)
				tm->mon = i;
			if (tm->mday <= 1)
				tm->mday = fc.ddd - y[i - 1];
			fmask |= M_MONTH | M_DAY;
		}
	}
	*fsec = wrap32((int64_t)wrap32((int64_t)fc.ms * 1000) + fc.us);
	*fprec = fc.ff;
	if (fmask != 0 && validate_date(fmask, true, false, false, tm) != 0)
		return fail(CDC_DT_INVALID, "date/time field value out of range", why);
	if (tm->hour < 0 || tm->hour >= 24 || tm->min < 0 || tm->min >= 60 || tm->sec < 0 ||
	    tm->sec >= 60 || *fsec < 0 || *fsec >= USECS_PER_SEC)
		return fail(CDC_DT_INVALID, "date/time field value out of range", why);
	if (fc.tzsign) {
		if (fc.tzh < 0 || fc.tzh > MAX_TZDISP_HOUR || fc.tzm < 0 || fc.tzm >= 60)
			return fail(CDC_DT_INVALID, "time zone displacement out of range", why);
		*has_tz = true;
		*offset = fc.tzsign * (fc.tzh * 3600 + fc.tzm * 60);
	}
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_to_timestamp(const char *s, size_t n, const char *fmt, int64_t *out, const char **why)
{
	dt_tm tm;
	int64_t fsec, r;
	bool has_tz;
	int32_t offset;
	int fprec;
	cdc_dt_err e = to_tm(s, n, fmt, &tm, &fsec, &has_tz, &offset, &fprec, why);
	if (e)
		return e;
	if (!tm2ts(&tm, fsec, true, offset, &r))
		return fail(CDC_DT_RANGE, "timestamp out of range", why);
	if (fprec > 0 && fprec < 6) {
		/* FFn rounds to n digits (AdjustTimestampForTypmod) */
		int64_t scale = 1, half;
		for (int i = fprec; i < 6; i++)
			scale *= 10;
		half = scale / 2;
		r = r >= 0 ? (r + half) / scale * scale : -(((-r) + half) / scale * scale);
	}
	*out = r;
	return CDC_DT_OK;
}

cdc_dt_err
cdc_dt_to_date(const char *s, size_t n, const char *fmt, int32_t *out, const char **why)
{
	dt_tm tm;
	int64_t fsec;
	bool has_tz;
	int32_t offset;
	int fprec;
	cdc_dt_err e = to_tm(s, n, fmt, &tm, &fsec, &has_tz, &offset, &fprec, why);
	if (e)
		return e;
	if (!valid_julian(tm.year, tm.mon))
		return fail(CDC_DT_RANGE, "date out of range", why);
	int64_t d = date2j(tm.year, tm.mon, tm.mday) - EPOCH_JDATE;
	if (!VALID_DATE(d))
		return fail(CDC_DT_RANGE, "date out of range", why);
	*out = (int32_t)d;
	return CDC_DT_OK;
}
