/*
 * runtime/datetime.h — dates, times, timestamps and intervals for the VM.
 *
 * Values arrive from the sources as PostgreSQL's text forms (pgoutput sends text), the
 * VM computes on them, and the targets read back the text written here, so every parse,
 * print and operation follows PostgreSQL 15 with DateStyle ISO, IntervalStyle postgres
 * and TimeZone UTC.  The representation is PostgreSQL's own, exact to the microsecond,
 * with the epoch 2000-01-01:
 *
 *   date         int32 days since 2000-01-01
 *   time         int64 microseconds since midnight (24:00:00 included)
 *   timetz       time plus an int32 zone offset in seconds, east positive (+02 = 7200)
 *   timestamp    int64 microseconds since 2000-01-01 00:00:00
 *   timestamptz  int64 microseconds since 2000-01-01 00:00:00 UTC
 *   interval     months, days and microseconds, kept apart as PostgreSQL does
 *
 * Dates and timestamps have -infinity and infinity as the extreme integers.  Ranges are
 * PostgreSQL's: dates 4714-11-24 BC to 5874897-12-31, timestamps 4714-11-24 BC to
 * 294276-12-31 23:59:59.999999.  The calendar is the proleptic Gregorian one, converted
 * through Julian day numbers; nothing here reads the clock, the locale or TZ, and
 * nothing allocates: the VM calls these once per row.
 *
 * Errors are a cdc_dt_err; functions that take `why` set it to static text saying what
 * was wrong.  Formatting functions are snprintf-like: they return the full length and
 * write at most n bytes including the terminating NUL.
 */
#ifndef CDC_DATETIME_H
#define CDC_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cdc_interval {
	int64_t us;      /* time part, microseconds */
	int32_t days;    /* whole days, not converted to hours (days vary across DST) */
	int32_t months;  /* whole months, not converted to days (months vary in length) */
} cdc_interval;

typedef enum cdc_dt_err {
	CDC_DT_OK,
	CDC_DT_INVALID,  /* malformed input, bad field value, unknown unit or pattern */
	CDC_DT_RANGE,    /* the result would be outside the type's range */
	CDC_DT_NULL,     /* PostgreSQL returns NULL here (extract of a cyclic field of an
	                  * infinite timestamp, to_char of infinity or of an empty format) */
	CDC_DT_DIVZERO   /* interval divided by zero */
} cdc_dt_err;

#define CDC_DT_NOBEGIN       INT64_MIN  /* timestamp '-infinity' */
#define CDC_DT_NOEND         INT64_MAX  /* timestamp 'infinity' */
#define CDC_DT_DATE_NOBEGIN  INT32_MIN  /* date '-infinity' */
#define CDC_DT_DATE_NOEND    INT32_MAX  /* date 'infinity' */

#define CDC_DT_USECS_PER_DAY INT64_C(86400000000)
#define CDC_DT_UNIX_EPOCH    INT64_C(-946684800000000)  /* 1970-01-01 as a timestamp */

/* Large enough for any value printed by cdc_dt_format_* and cdc_dt_extract_*. */
#define CDC_DT_MAXLEN 96

/*
 * Input, as PostgreSQL accepts it with DateStyle ISO, YMD: '2024-01-31',
 * '2024-01-31 13:45:00.123456', a 'T' separator, zone suffixes Z, UTC, GMT, +HH, +HHMM,
 * +HH:MM, +HH:MM:SS, ' BC', 'infinity', '-infinity', 'epoch'.  Zone names and
 * abbreviations other than UTC/GMT/UT/Z/Zulu, and words that read the clock (now, today,
 * tomorrow, yesterday) are CDC_DT_INVALID with a `why` saying so.
 */
cdc_dt_err cdc_dt_parse_date(const char *s, size_t n, int32_t *out, const char **why);
/* A zone suffix is checked and then ignored, as PostgreSQL does for timestamp. */
cdc_dt_err cdc_dt_parse_timestamp(const char *s, size_t n, int64_t *out, const char **why);
/* Without a zone suffix the time is UTC. */
cdc_dt_err cdc_dt_parse_timestamptz(const char *s, size_t n, int64_t *out, const char **why);
cdc_dt_err cdc_dt_parse_time(const char *s, size_t n, int64_t *out, const char **why);
cdc_dt_err cdc_dt_parse_timetz(const char *s, size_t n, int64_t *us, int32_t *offset,
                               const char **why);
/*
 * PostgreSQL's interval input: '1 year 2 mons 3 days 04:05:06.5', '-1 day', '1 day ago',
 * '01:30', '1.5 days' (fractions spill into smaller units), '1-2' (years-months), ISO 8601
 * 'P1Y2M3DT4H5M6S' and 'P0001-02-03T04:05:06', and the short units cdcc's duration
 * literals use: '10s', '500ms', '5m' (minutes), '1h', '2d'.
 */
cdc_dt_err cdc_dt_parse_interval(const char *s, size_t n, cdc_interval *out, const char **why);

/*
 * Output exactly as PostgreSQL 15 prints it: '2024-01-31', '2024-01-31 13:45:00.123456'
 * (no trailing zeros in the fraction, none at all when zero), '... 13:45:00+00' for
 * timestamptz, '13:45:00+05:30' for timetz, '0044-03-15 BC', 'infinity', and intervals
 * as '1 year 2 mons 3 days 04:05:06.5', '-1 days', '00:00:00'.
 */
size_t cdc_dt_format_date(int32_t d, char *buf, size_t n);
size_t cdc_dt_format_timestamp(int64_t ts, char *buf, size_t n);
size_t cdc_dt_format_timestamptz(int64_t ts, char *buf, size_t n);
size_t cdc_dt_format_time(int64_t t, char *buf, size_t n);
size_t cdc_dt_format_timetz(int64_t t, int32_t offset, char *buf, size_t n);
size_t cdc_dt_format_interval(cdc_interval iv, char *buf, size_t n);

/*
 * Arithmetic with PostgreSQL's results.  timestamp + interval adds the months first
 * (clamping the day: 2024-01-31 + 1 mon = 2024-02-29), then the days, then the time;
 * for timestamptz this is the same computation, since the zone is UTC.  Infinite
 * timestamps and dates stay as they are.
 */
cdc_dt_err cdc_dt_ts_add_interval(int64_t ts, cdc_interval iv, int64_t *out);
cdc_dt_err cdc_dt_ts_sub_interval(int64_t ts, cdc_interval iv, int64_t *out);
/* timestamp - timestamp: days and time, 24-hour days folded into days (justify_hours).
 * Infinite operands are CDC_DT_INVALID ("cannot subtract infinite timestamps"); a span
 * beyond the interval range is CDC_DT_RANGE (PostgreSQL 15 wraps around silently). */
cdc_dt_err cdc_dt_ts_sub_ts(int64_t a, int64_t b, cdc_interval *out);
cdc_dt_err cdc_dt_date_add_days(int32_t d, int64_t days, int32_t *out);
/* date - date in days; infinite dates are CDC_DT_INVALID. */
cdc_dt_err cdc_dt_date_sub_date(int32_t a, int32_t b, int32_t *out);
/* Midnight of the date.  Dates after 294276-12-31 have no timestamp: PostgreSQL raises
 * "date out of range for timestamp"; this unchecked form gives CDC_DT_NOEND for them, the
 * checked one CDC_DT_RANGE. */
int64_t    cdc_dt_date_to_ts(int32_t d);
cdc_dt_err cdc_dt_date_to_ts_checked(int32_t d, int64_t *out);
cdc_dt_err cdc_dt_ts_to_date(int64_t ts, int32_t *out);

cdc_dt_err cdc_dt_interval_add(cdc_interval a, cdc_interval b, cdc_interval *out);
cdc_dt_err cdc_dt_interval_sub(cdc_interval a, cdc_interval b, cdc_interval *out);
/* Multiplication and division spill fractional months into days (30 per month) and
 * fractional days into time (24 hours per day), rounding as PostgreSQL 15 does. */
cdc_dt_err cdc_dt_interval_mul(cdc_interval a, double f, cdc_interval *out);
cdc_dt_err cdc_dt_interval_div(cdc_interval a, double f, cdc_interval *out);
cdc_dt_err cdc_dt_interval_neg(cdc_interval a, cdc_interval *out);
/* Orders intervals by their span with 30-day months and 24-hour days, as PostgreSQL
 * does: '1 mon' = '30 days' = '720 hours'.  Returns <0, 0, >0. */
int        cdc_dt_interval_cmp(cdc_interval a, cdc_interval b);
/* justify_hours: whole 24-hour periods of the time part become days. */
cdc_dt_err cdc_dt_interval_justify_hours(cdc_interval a, cdc_interval *out);

/*
 * date_trunc(unit, timestamp): microseconds, milliseconds, second, minute, hour, day,
 * week (the ISO week's Monday), month, quarter, year, decade, century, millennium, and
 * the abbreviations PostgreSQL accepts for them.  Unit names are case-insensitive.
 */
cdc_dt_err cdc_dt_trunc(const char *unit, int64_t ts, int64_t *out, const char **why);

/*
 * EXTRACT as PostgreSQL 15 returns it, as numeric text: "2024", "45.123456" (second has
 * six decimals, millisecond three), epoch "1706708700.123456".  Fields: microsecond(s),
 * millisecond(s), second, minute, hour, day, month, quarter, year, decade, century,
 * millennium, epoch, dow, isodow, doy, week, isoyear, julian, and for timestamptz
 * timezone, timezone_hour, timezone_minute (always 0 in UTC).  Infinite timestamps give
 * "Infinity"/"-Infinity" for the growing fields and CDC_DT_NULL for the cyclic ones.
 */
cdc_dt_err cdc_dt_extract_ts(const char *field, int64_t ts, bool tz, char *numtext, size_t n,
                             const char **why);
/* EXTRACT from a date (PostgreSQL has its own rules: no time fields, integer epoch). */
cdc_dt_err cdc_dt_extract_date(const char *field, int32_t d, char *numtext, size_t n,
                               const char **why);
/* EXTRACT from a time or timetz (microsecond(s), millisecond(s), second, minute, hour,
 * epoch, and with tz timezone, timezone_hour, timezone_minute). */
cdc_dt_err cdc_dt_extract_time(const char *field, int64_t t, bool tz, int32_t offset,
                               char *numtext, size_t n, const char **why);
cdc_dt_err cdc_dt_extract_interval(const char *field, cdc_interval iv, char *numtext, size_t n,
                                   const char **why);

/*
 * to_char(timestamp, format) with PostgreSQL's template patterns and English names:
 * YYYY YYY YY Y Y,YYY IYYY IYY IY I MM MON Mon mon MONTH Month month DD DDD IDDD D ID
 * DAY Day day DY Dy dy HH HH12 HH24 MI SS SSSS MS US FF1-FF6 AM PM A.M. P.M. BC AD
 * TZ tz TZH TZM OF Q WW IW W CC J RM rm, the FM and TM prefixes, TH/th suffixes, "quoted
 * text" and backslash escapes.  `tz` says the value is a timestamptz (TZ prints UTC).
 */
cdc_dt_err cdc_dt_to_char(int64_t ts, bool tz, const char *fmt, char *buf, size_t n,
                          const char **why);
/* to_char(interval, format): HH HH12 HH24 MI SS MS US FF1-FF6 SSSS MM DD DDD CC
 * Y,YYY YYYY YYY YY Y and literal text; other patterns are CDC_DT_INVALID ("invalid
 * format specification for an interval value"), as in PostgreSQL. */
cdc_dt_err cdc_dt_interval_to_char(cdc_interval iv, const char *fmt, char *buf, size_t n,
                                   const char **why);
/* to_timestamp(text, format): the same patterns read back; TZH/TZM give the offset, the
 * result is a timestamptz (UTC when the text has no offset). */
cdc_dt_err cdc_dt_to_timestamp(const char *s, size_t n, const char *fmt, int64_t *out,
                               const char **why);
cdc_dt_err cdc_dt_to_date(const char *s, size_t n, const char *fmt, int32_t *out,
                          const char **why);
/* to_timestamp(double precision): Unix seconds to a timestamptz, rounded to the
 * microsecond; +-Infinity give +-infinity.  The unchecked form returns CDC_DT_NOBEGIN for
 * NaN and saturates out-of-range values to the infinities; the checked one reports them
 * (CDC_DT_INVALID for NaN, CDC_DT_RANGE otherwise), as PostgreSQL does. */
int64_t    cdc_dt_from_unix_seconds(double secs);
cdc_dt_err cdc_dt_from_unix_seconds_checked(double secs, int64_t *out);

#endif
