/*
 * runtime/pgoutput.h — PostgreSQL's logical replication messages (the pgoutput plugin,
 * protocol version 2, with streaming of in-progress transactions), decoded from the
 * payload of the replication stream's XLogData messages; and LSNs.
 *
 * The formats are those of PostgreSQL's documentation, "Logical Replication Message
 * Formats": big-endian integers, NUL-terminated strings, and TupleData whose columns are
 * 'n' (NULL), 'u' (an unchanged TOASTed value: not sent), 't' (text form) or 'b'
 * (binary form; cdcc asks for text).  Inside a streamed transaction (between Stream
 * Start and Stream Stop) the data messages carry the transaction id after their type.
 *
 * Decoding copies nothing: strings and column values point into the message, which must
 * outlive the decoded form; arrays (columns, tuple values, relation ids) go in the arena.
 */
#ifndef CDC_PGOUTPUT_H
#define CDC_PGOUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cdc_arena cdc_arena;

/* A WAL position; its text form is PostgreSQL's "16/B374D848". */
typedef uint64_t cdc_lsn;
#define CDC_LSN_TEXT 24
void cdc_lsn_format(cdc_lsn lsn, char out[CDC_LSN_TEXT]);
bool cdc_lsn_parse(const char *s, cdc_lsn *out);

/* Big-endian integers, as the replication protocol writes them. */
uint64_t cdc_pgo_get64(const uint8_t *p);
uint32_t cdc_pgo_get32(const uint8_t *p);
void     cdc_pgo_put64(uint8_t *p, uint64_t v);

typedef enum cdc_pgo_kind {
	CDC_PGO_BEGIN = 'B', CDC_PGO_COMMIT = 'C', CDC_PGO_ORIGIN = 'O', CDC_PGO_RELATION = 'R',
	CDC_PGO_TYPE = 'Y', CDC_PGO_INSERT = 'I', CDC_PGO_UPDATE = 'U', CDC_PGO_DELETE = 'D',
	CDC_PGO_TRUNCATE = 'T', CDC_PGO_MESSAGE = 'M', CDC_PGO_STREAM_START = 'S',
	CDC_PGO_STREAM_STOP = 'E', CDC_PGO_STREAM_COMMIT = 'c', CDC_PGO_STREAM_ABORT = 'A'
} cdc_pgo_kind;

typedef struct cdc_pgo_value {
	char        kind;      /* 'n' NULL, 'u' unchanged (TOAST, not sent), 't' text, 'b' binary */
	const char *data;      /* 't'/'b': len bytes (not NUL-terminated) */
	uint32_t    len;
} cdc_pgo_value;

typedef struct cdc_pgo_tuple {
	int            ncols;
	cdc_pgo_value *cols;
} cdc_pgo_tuple;

typedef struct cdc_pgo_column {
	const char *name;
	uint32_t    type;      /* type OID */
	int32_t     typmod;
	bool        key;       /* part of the replica identity */
} cdc_pgo_column;

typedef struct cdc_pgo_msg {
	cdc_pgo_kind    kind;
	uint32_t        xid;         /* Begin, streamed messages, Stream Start/Commit/Abort */
	bool            streamed;    /* a data message inside a stream block */
	cdc_lsn         lsn;         /* Begin: the commit's LSN; Commit: commit LSN; Message */
	cdc_lsn         end_lsn;     /* Commit, Stream Commit: the end of the commit record */
	int64_t         time;        /* Begin, Commit, Stream Commit: microseconds since 2000 */
	uint32_t        relid;       /* Relation, Insert, Update, Delete */
	/* Relation */
	const char     *nspname, *relname;
	char            replident;   /* 'd' default, 'n' nothing, 'f' full, 'i' index */
	int             ncols;
	cdc_pgo_column *cols;
	/* Type: relid holds the type's OID, nspname/relname its schema and name */
	/* Insert (new), Update (old when old_kind, new), Delete (old) */
	char            old_kind;    /* 'K' the key only, 'O' the whole old row, 0 none */
	cdc_pgo_tuple   old, new;
	/* Truncate */
	int             nrelids;
	uint32_t       *relids;
	uint8_t         flags;       /* Truncate: 1 CASCADE, 2 RESTART IDENTITY; Message: 1 transactional */
	/* Stream Start: first segment of the transaction; Stream Abort: the subtransaction */
	bool            first;
	uint32_t        subxid;
	/* Message (pg_logical_emit_message) */
	const char     *prefix;
	const char     *content;
	uint32_t        content_len;
} cdc_pgo_msg;

/*
 * Decodes one message of len bytes.  `in_stream`: between Stream Start and Stream Stop,
 * where data messages carry their transaction id.  Returns false, with why, for a
 * message that is short, malformed or of an unknown kind.
 */
bool cdc_pgo_decode(const uint8_t *buf, size_t len, bool in_stream, cdc_arena *a, cdc_pgo_msg *out, char *why,
                    size_t whylen);

#endif
