/* files.h: the encrypted document store — one file per document under Paths.Files, streamed in sealed chunks */
#ifndef PORTAL_FILES_H
#define PORTAL_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <ClearSilver.h>

#include "crypto.h"
#include "filekind.h"

/* A file's id: 32 lower-case hex digits (128 random bits). The store names
 * the file by it, never by anything the client sent. */
#define FILES_ID_LEN 32
/* A file's data key as sealed under the master key (crypto_seal: key id,
 * nonce, the 32-byte key, tag). It goes into the document's row. */
#define FILES_WRAPPED_LEN (32 + CRYPTO_OVERHEAD)

/* Raised when a stored file, or the key given for it, fails authentication:
 * a changed, truncated, extended or reordered file, or another file's key.
 * The message says "integrity"; the download must be refused. */
extern NERR_TYPE PERR_FILES_INTEGRITY;

typedef struct files_info {
	char id[FILES_ID_LEN + 1];
	unsigned char wrapped_key[FILES_WRAPPED_LEN];
	size_t wrapped_len;
	int key_id;           /* of the master key that wrapped the data key */
	char sha256[65];      /* of the plaintext, lower-case hex */
	uint64_t size;        /* of the plaintext */
	FileKind kind;        /* from the whole content (filekind.h) */
} FilesInfo;

typedef struct files_writer FilesWriter;
typedef struct files_reader FilesReader;

/* --- storing ----------------------------------------------------------- */

/* Starts a new file: a fresh id and data key, a temp file beside its final
 * place (directories made as needed, mode 0700). Gives *w. NERR_IO with the
 * system's reason when the store cannot be written. */
NEOERR *files_store_begin(FilesWriter **w);

/* Encrypts and writes n bytes; memory stays bounded whatever the total.
 * On an error the temp file is already removed: call files_store_abort
 * to free w. */
NEOERR *files_store_write(FilesWriter *w, const void *buf, size_t n);

/* Writes the last chunk, syncs, renames the file into place and fills out.
 * The kind is from the whole content; a zip is DOCX, XLSX or ODT only when
 * its directory also passes filekind_zip_check's limits. Frees *w
 * and sets it to NULL in every case; on an error nothing is left in the
 * store. */
NEOERR *files_store_finish(FilesWriter **w, FilesInfo *out);

/* Drops an unfinished file (its temp file is removed) and frees *w; NULL
 * is fine. */
void files_store_abort(FilesWriter **w);

/* Stores everything read from fd, or from f, from its current position to
 * its end (an upload the cgi kit hands over as FILE *). */
NEOERR *files_store_fd(int fd, FilesInfo *out);
NEOERR *files_store_file(FILE *f, FilesInfo *out);

/* --- reading ----------------------------------------------------------- */

/* Opens a stored file with the wrapped key from its row. The header, the
 * first and the last chunk are checked before it returns, so a truncated,
 * extended or re-keyed file is refused here (PERR_FILES_INTEGRITY);
 * NERR_NOT_FOUND when there is no such file. Gives *r. */
NEOERR *files_open(const char *id, const unsigned char *wrapped_key, size_t key_len,
		   FilesReader **r);

/* The plaintext size, known from the header and the file's length. */
uint64_t files_size(const FilesReader *r);

/* Reads up to cap bytes at the current position; *got is 0 at the end
 * and may be less than cap before it. A chunk that fails authentication
 * raises PERR_FILES_INTEGRITY, and so does every later call. */
NEOERR *files_read(FilesReader *r, void *buf, size_t cap, size_t *got);

/* Reads exactly n bytes at off (for a zip's central directory, or a
 * Range request); NERR_OUTOFRANGE past the end. Leaves the position of
 * files_read alone. */
NEOERR *files_read_at(FilesReader *r, uint64_t off, void *buf, size_t n);

/* Random access to r's plaintext for filekind_zip_check, chunk by chunk
 * through the decryption; lent, valid while r is open. */
void files_input(FilesReader *r, FileKindInput *in);

/* Closes and frees *r (keys wiped); NULL is fine. */
void files_close(FilesReader **r);

/* --- the store --------------------------------------------------------- */

/* The path of a file into out; NERR_ASSERT for anything but an id of the
 * form the store gives (so no path can be smuggled in). */
NEOERR *files_path(const char *id, char *out, size_t len);

/* Makes Paths.Files and Paths.Tmp (upload temp files) when they are
 * missing, mode 0700: at a program's start, so that a fresh installation
 * needs only its state folder. */
NEOERR *files_dirs(void);

/* Removes a stored file; NERR_NOT_FOUND when it is not there. Inside a
 * transaction (a form's: once.c) only after its commit (files_after_commit),
 * since its row comes back when it is rolled back. While a backup holds
 * the store, or its hold cannot be checked, the file stays for the orphan
 * sweep. */
NEOERR *files_remove(const char *id);
/* The removals that waited for the commit: done now, or forgotten (the
 * transaction was rolled back). */
void files_after_commit(void);
void files_forget(void);

/* A backup's hold on the store: no file is removed until files_release
 * (*fd is the lock's descriptor). Waits for a removal under way. */
NEOERR *files_hold(int *fd);
void files_release(int fd);
/* Is a backup holding the store now? */
int files_held(void);

/* Calls cb with the id and the time of the last write of every stored
 * file (for the orphan sweep, which compares with the database; cb may
 * remove the file it is given). Temp files older than an hour are left by
 * crashed writers: they are deleted here, not reported; younger ones are
 * being written and are skipped. */
NEOERR *files_list(void (*cb)(const char *id, time_t mtime, void *ctx), void *ctx);

#endif
