/* db.h: the process's MariaDB connection and prepared statements */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include <stddef.h>
#include <stdint.h>
#include <ClearSilver.h>

/* Raised when the server cannot be reached: the request answers 503. */
extern NERR_TYPE PERR_DB_DOWN;
/* Raised for a row that would duplicate a UNIQUE key. */
extern NERR_TYPE PERR_DB_DUPLICATE;
/* Raised when the server refused a transaction that may pass when done
 * again: a deadlock, or on Galera a write set that lost to another
 * node's (certification). */
extern NERR_TYPE PERR_DB_CONFLICT;

/* Opens the connection on first use; later calls are free. */
NEOERR *db_connect(void);
/* From now on connect as Database.AdminUser, when one is set: the user
 * that may change the schema (portalctl migrate). Before the first
 * connection. */
void db_as_admin(void);
/* Marks the start of a request: a lost connection may be reopened once. */
void db_request_begin(void);
void db_close(void);

/* Parameter types, one letter per '?' of the statement:
 *   i  long long        s  const char * (NULL binds SQL NULL)
 *   b  const void *, size_t (a blob)
 */
typedef struct db_query DBQuery;

/* Runs a query; the rows are read with db_next and the columns with
 * db_str/db_int. Every query ends with db_end. */
NEOERR *db_query(DBQuery **q, const char *sql, const char *types, ...);
int db_next(DBQuery *q);
const char *db_str(DBQuery *q, int col); /* NULL for SQL NULL; lent */
size_t db_len(DBQuery *q, int col);
long long db_int(DBQuery *q, int col);    /* 0 for SQL NULL */
int db_rows(DBQuery *q);
void db_end(DBQuery **q);

/* Runs a statement that returns no rows. affected may be NULL. */
NEOERR *db_exec(unsigned long long *affected, const char *sql, const char *types, ...);
unsigned long long db_insert_id(void);

/* One row, one column: *out is NULL when there is no row. Gives *out. */
NEOERR *db_value(char **out, const char *sql, const char *types, ...);

/* Was the statement refused for a duplicate of a UNIQUE key (1062)? For a
 * form to say "already taken" rather than fail, also when a check before
 * the insert lost a race. */
int db_duplicate(NEOERR *err);
/* May the transaction that raised err be done again from its start: a
 * conflict, or a node lost (then the next connection goes to the next of
 * Database.Hosts)? */
int db_retryable(NEOERR *err);

/* Begins a transaction; inside one, a savepoint, which db_commit
 * releases and db_rollback rolls back to: nested work keeps its meaning
 * inside a request's transaction (once.c). */
NEOERR *db_begin(void);
/* A read-only transaction that sees the database at one moment
 * (REPEATABLE READ, whatever the server's default); ended by db_commit
 * or db_rollback. Not inside another transaction. */
NEOERR *db_begin_snapshot(void);
int db_in_transaction(void);
NEOERR *db_commit(void);
/* Ends a transaction as the work in it went: commits when err is
 * STATUS_OK, else rolls back. Returns err, or the commit's own error. */
NEOERR *db_finish(NEOERR *err);
void db_rollback(void);
/* Rolls back every level of the transaction in hand (the end of a
 * request, an error). */
void db_abort(void);
/* A request's transaction (once.c): its handler's commits and rollbacks
 * without a begin of their own do nothing in it, as outside one; it ends
 * with db_commit_outer or db_abort. */
NEOERR *db_begin_outer(void);
NEOERR *db_commit_outer(void);

/* Runs fixed SQL text with no parameters (migrations, DDL); may hold
 * several statements only when split by the caller. */
NEOERR *db_run_fixed(const char *sql);

#endif
