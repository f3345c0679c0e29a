/*
 * compiler/secrets.c — credential patterns in string literals.
 */
#include "compiler/secrets.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* scheme://user:password@host — a password is there when the user-info part, before
 * the first '@' of the authority, has a ':' with something after it. */
static bool
url_password(const char *t)
{
	const char *scheme = strstr(t, "://");
	if (!scheme)
		return false;
	const char *host = scheme + 3;
	size_t auth = strcspn(host, "/?#");
	const char *at = memchr(host, '@', auth);
	if (!at)
		return false;
	const char *colon = memchr(host, ':', (size_t)(at - host));
	return colon && colon + 1 < at;
}

/* password=..., pwd=..., as a key=value pair of a libpq string, a URL query or a JDBC
 * property list: the key starts the text or follows a space, '?', '&' or ';'. */
static bool
keyword_password(const char *t)
{
	static const char *const keys[] = {"password", "pwd", "passwd"};
	for (const char *p = t; *p; p++) {
		if (p != t && !strchr(" \t?&;", p[-1]))
			continue;
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			size_t n = strlen(keys[k]);
			if (strncasecmp(p, keys[k], n) != 0)
				continue;
			const char *q = p + n;
			while (*q == ' ')
				q++;
			if (*q != '=')
				continue;
			q++;
			while (*q == ' ')
				q++;
			if (*q && !strchr(" &;", *q))
				return true;
		}
	}
	return false;
}

static bool
aws_key(const char *t)
{
	for (const char *p = t; *p; p++) {
		if (strncmp(p, "AKIA", 4) != 0 && strncmp(p, "ASIA", 4) != 0)
			continue;
		size_t k = 4;
		while (k < 20 && (isupper((unsigned char)p[k]) || isdigit((unsigned char)p[k])))
			k++;
		if (k == 20 && !isalnum((unsigned char)p[20]))
			return true;
	}
	return false;
}

cdc_secret_found
cdc_secret_scan(const char *text)
{
	if (aws_key(text))
		return CDC_FOUND_AWS_KEY;
	if (url_password(text) || keyword_password(text))
		return CDC_FOUND_PASSWORD;
	return CDC_FOUND_NONE;
}
