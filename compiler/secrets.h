/*
 * compiler/secrets.h — recognising credentials written into a pipeline file.
 *
 * Used twice: the lexer masks every string literal that holds one, so no diagnostic of
 * any kind ever prints it (not even a syntax error on that line), and sema warns about
 * literal credentials in options (W0104, W0105).
 */
#ifndef CDC_SECRETS_H
#define CDC_SECRETS_H

typedef enum cdc_secret_found {
	CDC_FOUND_NONE,
	CDC_FOUND_PASSWORD,     /* user:password@ in a URL, or password=... */
	CDC_FOUND_AWS_KEY       /* an AWS access key id (AKIA..., ASIA...) */
} cdc_secret_found;

cdc_secret_found cdc_secret_scan(const char *text);

#endif
