/* db.c: the process's MariaDB connection and prepared statements */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <mysql.h>
#include <errmsg.h>

#include "conf.h"
#include "db.h"
#include "log.h"
#include "util.h"

NERR_TYPE PERR_DB_DOWN = 0;
NERR_TYPE PERR_DB_DUPLICATE = 0;
NERR_TYPE PERR_DB_CONFLICT = 0;

static MYSQL *conn;
static int as_admin;       /* connect as Database.AdminUser (db_as_admin) */
static unsigned int next_host; /* of Database.Hosts, where the next connection starts */
static int reconnected;   /* the connection was reopened in this request */
static int in_tx;
/* Transactions begun inside the one in hand (db_begin while in_tx), each
 * a savepoint: a request's handler runs inside the transaction of its
 * form's key (once.c), and its own begin, commit and rollback keep their
 * meaning there. */
static int depth;
/* The transaction in hand is a request's (db_begin_outer): a commit or
 * rollback its handler makes without a begin of its own does nothing, as
 * it would outside a transaction. */
static int outer;

/* Prepared statements live for the connection, found by their SQL text
 * (a copy of it: the text is what names a statement, not the memory the
 * caller's string happens to be in). */
#define STMT_CACHE 128
static struct cached {
	char *sql;
	MYSQL_STMT *stmt;
} cache[STMT_CACHE];
static int ncache;

struct db_query {
	MYSQL_STMT *stmt;
	int owned;         /* not cached: closed by db_end */
	unsigned ncols;
	MYSQL_BIND *bind;
	unsigned long *lens;
	my_bool *nulls;
	char **bufs;
	int rows;
};

static void cache_clear(void)
{
	for (int i = 0; i < ncache; i++) {
		mysql_stmt_close(cache[i].stmt);
		free(cache[i].sql);
	}
	ncache = 0;
}

static int conn_lost(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_CONNECTION_ERROR ||
	       e == CR_CONN_HOST_ERROR || e == 1927 /* ER_CONNECTION_KILLED */ ||
	       e == 4031 /* client idle timeout */ ||
	       /* A Galera node that left the cluster's primary part refuses
	        * work (ER_UNKNOWN_COM_ERROR, "WSREP has not yet prepared node
	        * for application use"): as good as gone. */
	       e == 1047;
}

/* The server refused the transaction: a deadlock, or on Galera a write
 * set that lost to another node's (certification). Done again, it may
 * pass. */
static int conflict(unsigned int e)
{
	return e == 1213 /* ER_LOCK_DEADLOCK */;
}

void db_close(void)
{
	cache_clear();
	if (conn)
		mysql_close(conn);
	conn = NULL;
	in_tx = 0;
	depth = 0;
	outer = 0;
}

void db_as_admin(void)
{
	as_admin = 1;
}

/* Whether a connection to host (NULL: the socket) goes over TLS with the
 * server's certificate verified (Database.TLS): "verify" always over TCP,
 * "off" never, "auto" when the host is not this machine's loopback. */
static int tls_for(const char *host)
{
	const char *mode = conf_str("Database.TLS");

	if (!host || !strcmp(mode, "off"))
		return 0;
	if (!strcmp(mode, "verify"))
		return 1;
	{
		unsigned char a[16];
		if (!strcmp(host, "localhost") ||
		    (inet_pton(AF_INET6, host, a) == 1 && !memcmp(a, in6addr_loopback.s6_addr, 16)))
			return 0;
		return !(inet_pton(AF_INET, host, a) == 1 && a[0] == 127);
	}
}

/* Opens conn to host (NULL: the socket) and port; 0 when it failed, with
 * the reason in why. */
static int open_one(const char *host, unsigned int port, const char *user, const char *password,
		    int cluster, char *why, size_t why_len)
{
	unsigned int timeout = (unsigned int)conf_int("Database.ConnectTimeoutSeconds");
	my_bool off = 0;

	conn = mysql_init(NULL);
	if (!conn) {
		snprintf(why, why_len, "mysql_init failed");
		return 0;
	}
	mysql_optionsv(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (cluster && !as_admin) {
		/* A node that stops answering mid-statement is given up on,
		 * not waited for: the request goes to the next one. (Longer
		 * than a lock wait, innodb_lock_wait_timeout's 50 s; not for
		 * the schema's changes.) */
		timeout = 60;
		mysql_optionsv(conn, MYSQL_OPT_READ_TIMEOUT, &timeout);
		mysql_optionsv(conn, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	}
	mysql_optionsv(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(conn, MYSQL_OPT_RECONNECT, &off);
	mysql_optionsv(conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	if (tls_for(host)) {
		/* TLS or no connection, to a server whose certificate a CA
		 * signed (Database.CAFile, else the system's) for this name. */
		my_bool on = 1;
		const char *ca = conf_str("Database.CAFile");
		mysql_optionsv(conn, MYSQL_OPT_SSL_ENFORCE, &on);
		mysql_optionsv(conn, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on);
		mysql_optionsv(conn, MARIADB_OPT_TLS_VERSION, "TLSv1.2,TLSv1.3");
		if (*ca)
			mysql_optionsv(conn, MYSQL_OPT_SSL_CA, ca);
	}
	if (mysql_real_connect(conn, host, user, password, conf_str("Database.Name"), port,
			       host ? NULL : conf_str("Database.Socket"), 0)) {
		/* A Galera node cut off from the others answers, but may not
		 * be written to (and reads from it may be old): the next. */
		MYSQL_RES *res = NULL;
		MYSQL_ROW row;
		int ready = 1;
		if (cluster && !mysql_query(conn, "SHOW STATUS LIKE 'wsrep_ready'") &&
		    (res = mysql_store_result(conn)) != NULL &&
		    (row = mysql_fetch_row(res)) != NULL && row[1] && strcmp(row[1], "ON"))
			ready = 0;
		if (res)
			mysql_free_result(res);
		if (ready)
			return 1;
		snprintf(why, why_len, "%s:%u is not ready (wsrep_ready OFF)", host ? host : "socket", port);
	} else {
		snprintf(why, why_len, "%s", mysql_error(conn));
	}
	mysql_close(conn);
	conn = NULL;
	return 0;
}

NEOERR *db_connect(void)
{
	const char *user, *password, *hosts = conf_str("Database.Hosts");
	char why[512] = "";

	if (!PERR_DB_DOWN) {
		NEOERR *err = nerr_register(&PERR_DB_DOWN, "DatabaseDown");
		if (!err)
			err = nerr_register(&PERR_DB_DUPLICATE, "DuplicateKey");
		if (!err)
			err = nerr_register(&PERR_DB_CONFLICT, "TransactionConflict");
		if (err)
			return nerr_pass(err);
	}
	if (conn)
		return STATUS_OK;
	user = conf_str("Database.User");
	password = conf_secrets()->db_password;
	if (as_admin && *conf_str("Database.AdminUser")) {
		user = conf_str("Database.AdminUser");
		password = conf_secrets()->db_admin_password;
	}
	if (*hosts) {
		/* Several nodes (a Galera cluster): the first that answers, in
		 * the order given (each host of the portal its own order, to
		 * spread them); after a failure, from the next one on. */
		char *list = xstrdup(hosts), *save = NULL, *h[16];
		unsigned int n = 0;
		for (char *t = strtok_r(list, " ,", &save); t && n < 16; t = strtok_r(NULL, " ,", &save))
			h[n++] = t;
		for (unsigned int i = 0; i < n && !conn; i++) {
			char *colon = strrchr(h[(next_host + i) % n], ':');
			unsigned int port = 3306;
			if (colon) {
				*colon = '\0';
				port = (unsigned int)atoi(colon + 1);
			}
			if (open_one(h[(next_host + i) % n], port, user, password, 1, why, sizeof(why)))
				next_host += i;
			else
				log_msg("warn", NULL, "database %s:%u: %s", h[(next_host + i) % n], port, why);
		}
		free(list);
	} else {
		const char *host = conf_str("Database.Host");
		open_one(*host ? host : NULL, (unsigned int)conf_int("Database.Port"), user, password, 0, why,
			 sizeof(why));
	}
	if (!conn)
		return nerr_raise(PERR_DB_DOWN, "cannot connect to MariaDB: %s", why);
	return STATUS_OK;
}

void db_request_begin(void)
{
	reconnected = 0;
	if (in_tx && conn) {
		mysql_rollback(conn);
		mysql_autocommit(conn, 1);
	}
	in_tx = 0;
	depth = 0;
	outer = 0;
}

/* After a lost connection: reopen it once per request, when nothing of a
 * transaction would be lost. Returns 1 when the caller may retry. */
static int try_reconnect(unsigned int e)
{
	NEOERR *err;

	if (!conn_lost(e) || reconnected || in_tx)
		return 0;
	reconnected = 1;
	db_close();
	next_host++; /* the one that failed, last */
	/* A server still gone: the caller raises the first error, this one
	 * would say the same. */
	err = db_connect();
	if (err) {
		nerr_ignore(&err);
		return 0;
	}
	return 1;
}

static NEOERR *stmt_error(MYSQL_STMT *st, const char *sql)
{
	unsigned int e = mysql_stmt_errno(st);
	NERR_TYPE t = conn_lost(e) ? PERR_DB_DOWN : e == 1062 /* ER_DUP_ENTRY */ ? PERR_DB_DUPLICATE
		    : conflict(e) ? PERR_DB_CONFLICT : NERR_DB;
	return nerr_raise(t, "MariaDB error %u: %s [%.200s]", e, mysql_stmt_error(st), sql);
}

/* A prepared statement for sql: from the cache, or new. */
static NEOERR *prepare(const char *sql, MYSQL_STMT **out, int *owned)
{
	MYSQL_STMT *st;
	NEOERR *err;

	for (int i = 0; i < ncache; i++)
		if (!strcmp(cache[i].sql, sql)) {
			*out = cache[i].stmt;
			*owned = 0;
			return STATUS_OK;
		}
	err = db_connect();
	if (err)
		return nerr_pass(err);
	st = mysql_stmt_init(conn);
	if (!st)
		return nerr_raise(NERR_NOMEM, "mysql_stmt_init failed");
	if (mysql_stmt_prepare(st, sql, strlen(sql))) {
		unsigned int e = mysql_stmt_errno(st);
		err = stmt_error(st, sql);
		mysql_stmt_close(st);
		if (try_reconnect(e)) {
			nerr_ignore(&err);
			return nerr_pass(prepare(sql, out, owned));
		}
		return err;
	}
	{
		my_bool on = 1;
		mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	}
	if (ncache < STMT_CACHE) {
		cache[ncache].sql = xstrdup(sql);
		cache[ncache].stmt = st;
		ncache++;
		*owned = 0;
	} else {
		*owned = 1;
	}
	*out = st;
	return STATUS_OK;
}

/* Binds the parameters described by types from ap. */
static NEOERR *bind_params(MYSQL_STMT *st, const char *sql, const char *types, va_list ap,
			   MYSQL_BIND *b, long long *ints)
{
	unsigned long n = mysql_stmt_param_count(st);
	size_t nt = types ? strlen(types) : 0;

	if (n != nt)
		return nerr_raise(NERR_ASSERT, "statement has %lu parameters, %zu given [%.200s]", n,
				  nt, sql);
	memset(b, 0, sizeof(*b) * nt);
	for (size_t i = 0; i < nt; i++) {
		switch (types[i]) {
		case 'i':
			ints[i] = va_arg(ap, long long);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &ints[i];
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s) {
				b[i].buffer_type = MYSQL_TYPE_NULL;
			} else {
				b[i].buffer_type = MYSQL_TYPE_STRING;
				b[i].buffer = (void *)s;
				b[i].buffer_length = strlen(s);
			}
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)p;
			b[i].buffer_length = len;
			break;
		}
		default:
			return nerr_raise(NERR_ASSERT, "unknown parameter type '%c'", types[i]);
		}
	}
	if (nt && mysql_stmt_bind_param(st, b))
		return stmt_error(st, sql);
	return STATUS_OK;
}

#define MAX_PARAMS 64

/* Prepares, binds and executes; retries once on a lost connection. */
static NEOERR *run(MYSQL_STMT **out, int *owned, const char *sql, const char *types, va_list ap)
{
	MYSQL_BIND b[MAX_PARAMS];
	long long ints[MAX_PARAMS];
	MYSQL_STMT *st;
	NEOERR *err;
	va_list cp;

	if (types && strlen(types) > MAX_PARAMS)
		return nerr_raise(NERR_ASSERT, "too many parameters");
	for (;;) {
		err = prepare(sql, &st, owned);
		if (err)
			return nerr_pass(err);
		va_copy(cp, ap);
		err = bind_params(st, sql, types, cp, b, ints);
		va_end(cp);
		if (err) {
			if (*owned)
				mysql_stmt_close(st);
			return nerr_pass(err);
		}
		if (mysql_stmt_execute(st) == 0)
			break;
		{
			unsigned int e = mysql_stmt_errno(st);
			int retry = conn_lost(e) &&
				    (e == CR_SERVER_GONE_ERROR || !strncasecmp(sql, "SELECT", 6));
			err = stmt_error(st, sql);
			if (*owned)
				mysql_stmt_close(st);
			if (retry && try_reconnect(e)) {
				nerr_ignore(&err);
				continue;
			}
			return err;
		}
	}
	*out = st;
	return STATUS_OK;
}

/* Stores the result of an executed statement and binds every column as
 * text, sized to the longest value. */
static NEOERR *fetch_setup(DBQuery **qp, MYSQL_STMT *st, int owned, const char *sql)
{
	DBQuery *q = xcalloc(1, sizeof(*q));
	MYSQL_RES *meta;
	MYSQL_FIELD *f;
	NEOERR *err;

	*qp = NULL;
	q->stmt = st;
	q->owned = owned;
	if (mysql_stmt_store_result(q->stmt)) {
		err = stmt_error(q->stmt, sql);
		db_end(&q);
		return err;
	}
	meta = mysql_stmt_result_metadata(q->stmt);
	if (!meta) {
		err = nerr_raise(NERR_ASSERT, "statement returns no rows [%.200s]", sql);
		db_end(&q);
		return err;
	}
	q->ncols = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	q->bind = xcalloc(q->ncols, sizeof(MYSQL_BIND));
	q->lens = xcalloc(q->ncols, sizeof(unsigned long));
	q->nulls = xcalloc(q->ncols, sizeof(my_bool));
	q->bufs = xcalloc(q->ncols, sizeof(char *));
	for (unsigned i = 0; i < q->ncols; i++) {
		/* max_length is exact after store_result with UPDATE_MAX_LENGTH;
		 * numbers are fetched as text too. */
		size_t len = f[i].max_length + 1;
		if (len < 24)
			len = 24;
		q->bufs[i] = xmalloc(len);
		q->bind[i].buffer_type = MYSQL_TYPE_STRING;
		q->bind[i].buffer = q->bufs[i];
		q->bind[i].buffer_length = len;
		q->bind[i].length = &q->lens[i];
		q->bind[i].is_null = &q->nulls[i];
	}
	mysql_free_result(meta);
	if (q->ncols && mysql_stmt_bind_result(q->stmt, q->bind)) {
		err = stmt_error(q->stmt, sql);
		db_end(&q);
		return err;
	}
	q->rows = (int)mysql_stmt_num_rows(q->stmt);
	*qp = q;
	return STATUS_OK;
}

NEOERR *db_query(DBQuery **qp, const char *sql, const char *types, ...)
{
	MYSQL_STMT *st;
	NEOERR *err;
	int owned;
	va_list ap;

	*qp = NULL;
	va_start(ap, types);
	err = run(&st, &owned, sql, types, ap);
	va_end(ap);
	if (err)
		return nerr_pass(err);
	return nerr_pass(fetch_setup(qp, st, owned, sql));
}

int db_next(DBQuery *q)
{
	int r = mysql_stmt_fetch(q->stmt);
	if (r == 0 || r == MYSQL_DATA_TRUNCATED) {
		for (unsigned i = 0; i < q->ncols; i++) {
			size_t l = q->lens[i] < q->bind[i].buffer_length ? q->lens[i]
									: q->bind[i].buffer_length - 1;
			q->bufs[i][l] = '\0';
		}
		return 1;
	}
	return 0;
}

const char *db_str(DBQuery *q, int col)
{
	if (col < 0 || (unsigned)col >= q->ncols || q->nulls[col])
		return NULL;
	return q->bufs[col];
}

size_t db_len(DBQuery *q, int col)
{
	if (col < 0 || (unsigned)col >= q->ncols || q->nulls[col])
		return 0;
	return q->lens[col];
}

long long db_int(DBQuery *q, int col)
{
	const char *s = db_str(q, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

int db_rows(DBQuery *q)
{
	return q->rows;
}

void db_end(DBQuery **qp)
{
	DBQuery *q = *qp;
	if (!q)
		return;
	if (q->stmt) {
		/* A cached statement is executed again as it is: the result is
		 * stored and freed, and no long data is sent (no reset, which
		 * would cost a round trip to the server). */
		mysql_stmt_free_result(q->stmt);
		if (q->owned)
			mysql_stmt_close(q->stmt);
	}
	for (unsigned i = 0; i < q->ncols; i++)
		free(q->bufs[i]);
	free(q->bufs);
	free(q->bind);
	free(q->lens);
	free(q->nulls);
	free(q);
	*qp = NULL;
}

NEOERR *db_exec(unsigned long long *affected, const char *sql, const char *types, ...)
{
	MYSQL_STMT *st;
	NEOERR *err;
	int owned;
	va_list ap;

	va_start(ap, types);
	err = run(&st, &owned, sql, types, ap);
	va_end(ap);
	if (err)
		return nerr_pass(err);
	if (affected)
		*affected = mysql_stmt_affected_rows(st);
	/* A statement with rows (SELECT … FOR UPDATE, to lock): read and
	 * dropped, or the connection would wait for them to be fetched. */
	if (mysql_stmt_field_count(st) > 0) {
		mysql_stmt_store_result(st);
		mysql_stmt_free_result(st);
	}
	if (owned)
		mysql_stmt_close(st);
	return STATUS_OK;
}

unsigned long long db_insert_id(void)
{
	return conn ? mysql_insert_id(conn) : 0;
}

NEOERR *db_value(char **out, const char *sql, const char *types, ...)
{
	DBQuery *q;
	MYSQL_STMT *st;
	NEOERR *err;
	int owned;
	va_list ap;

	*out = NULL;
	va_start(ap, types);
	err = run(&st, &owned, sql, types, ap);
	va_end(ap);
	if (err)
		return nerr_pass(err);
	err = fetch_setup(&q, st, owned, sql);
	if (err)
		return nerr_pass(err);
	if (db_next(q) && db_str(q, 0))
		*out = xstrdup(db_str(q, 0));
	db_end(&q);
	return STATUS_OK;
}

static NEOERR *simple(const char *sql)
{
	NEOERR *err = db_connect();
	if (err)
		return nerr_pass(err);
	if (mysql_real_query(conn, sql, strlen(sql))) {
		unsigned int e = mysql_errno(conn);
		return nerr_raise(conn_lost(e) ? PERR_DB_DOWN : conflict(e) ? PERR_DB_CONFLICT : NERR_DB,
				  "MariaDB error %u: %s", e, mysql_error(conn));
	}
	return STATUS_OK;
}

int db_duplicate(NEOERR *err)
{
	return err && nerr_match(err, PERR_DB_DUPLICATE);
}

int db_retryable(NEOERR *err)
{
	if (err && nerr_match(err, PERR_DB_DOWN)) {
		/* The next connection starts at another node. */
		db_close();
		next_host++;
		return 1;
	}
	return err && nerr_match(err, PERR_DB_CONFLICT);
}

/* SAVEPOINT, RELEASE SAVEPOINT or ROLLBACK TO SAVEPOINT of a level. */
static NEOERR *savepoint(const char *verb, int level)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "%s sp%d", verb, level);
	return nerr_pass(simple(sql));
}

NEOERR *db_begin(void)
{
	NEOERR *err = db_connect();
	if (err)
		return nerr_pass(err);
	if (in_tx) {
		err = savepoint("SAVEPOINT", depth);
		if (!err)
			depth++;
		return nerr_pass(err);
	}
	if (mysql_autocommit(conn, 0)) {
		unsigned int e = mysql_errno(conn);
		if (try_reconnect(e) && !mysql_autocommit(conn, 0)) {
			in_tx = 1;
			return STATUS_OK;
		}
		err = nerr_raise(conn_lost(e) || !e ? PERR_DB_DOWN : NERR_DB, "BEGIN: %s (%u)",
				 mysql_error(conn), e);
		if (conn_lost(e) || !e)
			db_close();
		return err;
	}
	in_tx = 1;
	return STATUS_OK;
}

NEOERR *db_begin_snapshot(void)
{
	NEOERR *err;

	/* START TRANSACTION would commit the one in hand. */
	if (in_tx)
		return nerr_raise(NERR_ASSERT, "a snapshot inside a transaction");
	err = simple("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");

	if (!err)
		err = simple("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
	if (err)
		return nerr_pass(err);
	/* Known as a transaction: a lost connection is an error now, not a
	 * silent reconnect that would read outside the snapshot. */
	in_tx = 1;
	return STATUS_OK;
}

int db_in_transaction(void)
{
	return in_tx;
}

NEOERR *db_commit(void)
{
	if (!conn)
		return nerr_raise(PERR_DB_DOWN, "COMMIT without a connection");
	if (!depth && outer)
		return STATUS_OK;
	if (depth) {
		NEOERR *err = savepoint("RELEASE SAVEPOINT", depth - 1);
		if (err) {
			/* The transaction is gone (a node lost, a conflict): all
			 * of it ends here, and the caller's error says why. */
			db_abort();
			return nerr_pass(err);
		}
		depth--;
		return STATUS_OK;
	}
	if (mysql_commit(conn)) {
		unsigned int e = mysql_errno(conn);
		NEOERR *err = nerr_raise(conn_lost(e) ? PERR_DB_DOWN : conflict(e) ? PERR_DB_CONFLICT : NERR_DB,
					 "COMMIT: %s (%u)", mysql_error(conn), e);
		mysql_rollback(conn);
		mysql_autocommit(conn, 1);
		in_tx = 0;
		return err;
	}
	mysql_autocommit(conn, 1);
	in_tx = 0;
	return STATUS_OK;
}

NEOERR *db_finish(NEOERR *err)
{
	if (!err)
		err = db_commit();
	if (err)
		db_rollback();
	return nerr_pass(err);
}

void db_rollback(void)
{
	if (!depth && outer)
		return;
	if (depth) {
		NEOERR *err;
		depth--;
		err = savepoint("ROLLBACK TO SAVEPOINT", depth);
		if (!err)
			err = savepoint("RELEASE SAVEPOINT", depth);
		/* A savepoint gone: the server rolled the whole transaction
		 * back (a deadlock); so does this, and the outer commit fails. */
		if (err) {
			nerr_ignore(&err);
			db_abort();
		}
		return;
	}
	db_abort();
}

NEOERR *db_begin_outer(void)
{
	NEOERR *err = db_begin();
	if (!err)
		outer = 1;
	return nerr_pass(err);
}

NEOERR *db_commit_outer(void)
{
	outer = 0;
	return nerr_pass(db_commit());
}

void db_abort(void)
{
	/* Outside a transaction every statement committed on its own:
	 * nothing to roll back, and no round trip to find that out. */
	depth = 0;
	outer = 0;
	if (conn && in_tx) {
		mysql_rollback(conn);
		mysql_autocommit(conn, 1);
	}
	in_tx = 0;
}

NEOERR *db_run_fixed(const char *sql)
{
	NEOERR *err = simple(sql);
	if (err)
		return nerr_pass(err);
	/* Drain any result so the connection stays usable. */
	{
		MYSQL_RES *res = mysql_store_result(conn);
		if (res)
			mysql_free_result(res);
	}
	return STATUS_OK;
}
