/* files.c: the encrypted document store — one file per document under Paths.Files, streamed in sealed chunks */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "filekind.h"
#include "files.h"
#include "util.h"

/*
 * On disk, Paths.Files/<first two hex digits of the id>/<id>:
 *
 *   header   "FPF1", version 1, key id (1 byte), flags 0 (2 bytes),
 *            nonce prefix (8 random bytes), chunk size (4 bytes BE) = 20 bytes
 *   chunk i  AES-256-GCM of up to CHUNK bytes, then its 16-byte tag
 *
 * Every chunk is full but the last, which holds 1..CHUNK bytes (0 only for
 * an empty file), so the file's length alone gives the chunk layout and
 * the plaintext size. Chunk i's nonce is the prefix and i (4 bytes BE);
 * its AAD is the header, the id, i and a last-chunk flag: a chunk moved,
 * dropped, repeated, or a file cut at a chunk boundary or extended, fails
 * its tag, and so does a changed header. The data key is random per file
 * and appears only sealed, in the caller's database row.
 *
 * The header's key id is the master key that wrapped the data key when the
 * file was stored; the wrapped key carries its own id, which is the one
 * that counts, so a rotation re-seals rows without rewriting files.
 */

#define MAGIC "FPF1"
#define VERSION 1
#define HDR 20
#define TAG 16
#define CHUNK 65536u
/* Accepted on reading, so that the chunk size can change later; bounded
 * so that a header cannot make a reader allocate much. */
#define CHUNK_MIN 4096u
#define CHUNK_MAX (1u << 20)
#define AAD_LEN (HDR + FILES_ID_LEN + 4 + 1)
#define NO_CHUNK UINT64_MAX
/* A crashed writer's temp file is this old before files_list removes it. */
#define TMP_STALE_SECONDS 3600

NERR_TYPE PERR_FILES_INTEGRITY = 0;

struct files_writer {
	char id[FILES_ID_LEN + 1];
	char *tmp, *path, *dir;
	int fd;
	int dead;              /* failed: temp file already removed */
	EVP_CIPHER_CTX *c;
	EVP_MD_CTX *md;
	unsigned char key[32];
	unsigned char wrapped[FILES_WRAPPED_LEN];
	unsigned char header[HDR];
	unsigned char *pt, *ct;
	size_t npt;
	uint32_t next;         /* index of the next chunk */
	uint64_t size;
	FileKindSniff sniff;
};

struct files_reader {
	char id[FILES_ID_LEN + 1];
	int fd;
	int bad;               /* a chunk failed: every later read fails */
	EVP_CIPHER_CTX *c;
	unsigned char header[HDR];
	uint32_t cs;
	uint64_t nchunks, lastlen, size;
	unsigned char *pt, *ct;
	uint64_t cur;          /* chunk held in pt, or NO_CHUNK */
	size_t curlen;
	uint64_t pos;
};

static NEOERR *types_ready(void)
{
	if (PERR_FILES_INTEGRITY)
		return STATUS_OK;
	return nerr_pass(nerr_register(&PERR_FILES_INTEGRITY, "FileIntegrity"));
}

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int hex_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* Exactly the form the store gives: 32 lower-case hex digits. */
static int valid_id(const char *id)
{
	size_t i;

	if (!id)
		return 0;
	for (i = 0; i < FILES_ID_LEN; i++)
		if (!hex_char(id[i]))
			return 0;
	return id[i] == '\0';
}

static void nonce_aad(const unsigned char *header, const char *id, uint64_t i, int last,
		      unsigned char nonce[12], unsigned char aad[AAD_LEN])
{
	memcpy(nonce, header + 8, 8);
	be32(nonce + 8, (uint32_t)i);
	memcpy(aad, header, HDR);
	memcpy(aad + HDR, id, FILES_ID_LEN);
	be32(aad + HDR + FILES_ID_LEN, (uint32_t)i);
	aad[AAD_LEN - 1] = (unsigned char)(last != 0);
}

static void wrap_aad(const char *id, char *out, size_t len)
{
	snprintf(out, len, "file:%s", id);
}

/* Writes all n bytes, past short writes and signals; -1 with errno. */
static int write_full(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Reads up to n bytes at off; the count read (less at the end), -1 with errno. */
static ssize_t pread_full(int fd, unsigned char *p, size_t n, uint64_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = pread(fd, p + got, n - got, (off_t)(off + got));
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

static NEOERR *fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return nerr_raise(NERR_IO, "file store: cannot open %s: %s", dir, strerror(errno));
	rc = fsync(fd);
	if (rc != 0) {
		int e = errno;
		close(fd);
		return nerr_raise(NERR_IO, "file store: cannot sync %s: %s", dir, strerror(e));
	}
	close(fd);
	return STATUS_OK;
}

/* mkdir -p, new parts with mode 0700. */
static NEOERR *make_dirs(const char *path)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (!n || n >= sizeof(buf))
		return nerr_raise(NERR_IO, "file store: bad directory \"%.200s\"", path);
	memcpy(buf, path, n + 1);
	for (char *s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return nerr_raise(NERR_IO, "file store: cannot create %s: %s", buf, strerror(errno));
		*s = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return nerr_raise(NERR_IO, "file store: cannot create %s: %s", buf, strerror(errno));
	return STATUS_OK;
}

static int hold_lock(int how);

NEOERR *files_dirs(void)
{
	NEOERR *err = make_dirs(conf_str("Paths.Files"));
	if (!err)
		err = make_dirs(conf_str("Paths.Tmp"));
	if (!err) {
		/* The backup's lock, made by the portal's user. */
		int fd = hold_lock(LOCK_SH | LOCK_NB);
		files_release(fd);
	}
	return nerr_pass(err);
}

/* --- paths ------------------------------------------------------------- */

NEOERR *files_path(const char *id, char *out, size_t len)
{
	int n;

	if (!valid_id(id))
		return nerr_raise(NERR_ASSERT, "not a file id");
	n = snprintf(out, len, "%s/%.2s/%s", conf_str("Paths.Files"), id, id);
	if (n < 0 || (size_t)n >= len)
		return nerr_raise(NERR_OUTOFRANGE, "file store path too long");
	return STATUS_OK;
}

/* The lock a backup holds while it copies the database and then the
 * store (files_hold): a file whose row is gone must stay until the copy
 * of the store is done, or the copy of the database would name a file the
 * copy of the store lacks. */
static int hold_lock(int how)
{
	char path[PATH_MAX];
	int fd;

	if (snprintf(path, sizeof(path), "%s/.backup.lock", conf_str("Paths.Files")) >= (int)sizeof(path))
		return -1;
	/* Read-only: whoever made it (the portal's user, or root for a
	 * backup), everyone who may read the store can lock it. */
	fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (flock(fd, how) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

NEOERR *files_hold(int *fd)
{
	*fd = hold_lock(LOCK_EX);
	if (*fd < 0)
		return nerr_raise(NERR_IO, "file store: cannot lock %s: %s", conf_str("Paths.Files"),
				  strerror(errno));
	return STATUS_OK;
}

void files_release(int fd)
{
	if (fd >= 0)
		close(fd);
}

int files_held(void)
{
	int fd = hold_lock(LOCK_SH | LOCK_NB);
	int held = fd < 0 && errno == EWOULDBLOCK;

	files_release(fd);
	return held;
}

/* Files whose removal waits for the commit of the transaction in hand:
 * their rows are gone in it, and come back if it is rolled back. */
static STRING after_commit;

static NEOERR *remove_now(const char *id);

NEOERR *files_remove(const char *id)
{
	char path[PATH_MAX];
	NEOERR *err = files_path(id, path, sizeof(path));

	if (err)
		return nerr_pass(err);
	if (db_in_transaction()) {
		string_appendf(&after_commit, "%s\n", id);
		return STATUS_OK;
	}
	return nerr_pass(remove_now(id));
}

void files_after_commit(void)
{
	char *save = NULL;

	for (char *id = after_commit.buf ? strtok_r(after_commit.buf, "\n", &save) : NULL; id;
	     id = strtok_r(NULL, "\n", &save)) {
		NEOERR *err = remove_now(id);
		/* Gone already, or left: an orphan files-sweep removes. */
		nerr_ignore(&err);
	}
	files_forget();
}

void files_forget(void)
{
	string_clear(&after_commit);
}

static NEOERR *remove_now(const char *id)
{
	char path[PATH_MAX];
	NEOERR *err = files_path(id, path, sizeof(path));
	int lock;

	if (err)
		return nerr_pass(err);
	/* During a backup the file stays, unreadable without the key its row
	 * held; the orphan sweep takes it later (files-sweep). So it does
	 * when the hold cannot be checked at all. */
	lock = hold_lock(LOCK_SH | LOCK_NB);
	if (lock < 0)
		return STATUS_OK;
	if (unlink(path) != 0) {
		int e = errno;
		files_release(lock);
		if (e == ENOENT)
			return nerr_raise(NERR_NOT_FOUND, "file %s is not in the store", id);
		return nerr_raise(NERR_IO, "file store: cannot remove %s: %s", path, strerror(e));
	}
	files_release(lock);
	return STATUS_OK;
}


/* A writer's temp file: "." id ".tmp", beside where the file will be. */
static int temp_name(const char *s)
{
	if (strlen(s) != FILES_ID_LEN + 5 || s[0] != '.' || strcmp(s + 1 + FILES_ID_LEN, ".tmp"))
		return 0;
	for (size_t i = 1; i <= FILES_ID_LEN; i++)
		if (!hex_char(s[i]))
			return 0;
	return 1;
}

/* Reports the files of one shard directory; removes stale temp files. */
static NEOERR *list_shard(DIR *top, const char *shard, time_t stale,
			  void (*cb)(const char *id, time_t mtime, void *ctx), void *ctx)
{
	int fd = openat(dirfd(top), shard, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct dirent *e;
	DIR *d;

	if (fd < 0) {
		if (errno == ENOTDIR || errno == ELOOP)
			return STATUS_OK; /* not one of ours */
		return nerr_raise(NERR_IO, "file store: cannot open %s: %s", shard, strerror(errno));
	}
	d = fdopendir(fd);
	if (!d) {
		int e2 = errno;
		close(fd);
		return nerr_raise(NERR_IO, "file store: cannot open %s: %s", shard, strerror(e2));
	}
	for (errno = 0; (e = readdir(d)) != NULL; errno = 0) {
		struct stat st;
		char id[FILES_ID_LEN + 1];

		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (valid_id(e->d_name) && !strncmp(e->d_name, shard, 2)) {
			memcpy(id, e->d_name, sizeof(id));
			cb(id, st.st_mtime, ctx);
		} else if (temp_name(e->d_name) && st.st_mtime < stale) {
			unlinkat(fd, e->d_name, 0);
		}
	}
	if (errno) {
		int e2 = errno;
		closedir(d);
		return nerr_raise(NERR_IO, "file store: cannot read %s: %s", shard, strerror(e2));
	}
	closedir(d);
	return STATUS_OK;
}

NEOERR *files_list(void (*cb)(const char *id, time_t mtime, void *ctx), void *ctx)
{
	const char *root = conf_str("Paths.Files");
	time_t stale = time(NULL) - TMP_STALE_SECONDS;
	struct dirent *d;
	NEOERR *err = STATUS_OK;
	DIR *top = opendir(root);

	if (!top) {
		if (errno == ENOENT)
			return STATUS_OK; /* nothing stored yet */
		return nerr_raise(NERR_IO, "file store: cannot open %s: %s", root, strerror(errno));
	}
	for (errno = 0; !err && (d = readdir(top)) != NULL; errno = 0) {
		if (strlen(d->d_name) == 2 && hex_char(d->d_name[0]) && hex_char(d->d_name[1]))
			err = list_shard(top, d->d_name, stale, cb, ctx);
	}
	if (!err && errno)
		err = nerr_raise(NERR_IO, "file store: cannot read %s: %s", root, strerror(errno));
	closedir(top);
	return nerr_pass(err);
}

/* --- reading ----------------------------------------------------------- */

/* The file's id and what failed, with the word the log is searched for. */
#define INTEGRITY(id, what) \
	nerr_raise(PERR_FILES_INTEGRITY, "file %s: integrity check failed: %s", id, what)

/* Reads, authenticates and decrypts chunk i into r->pt. */
static NEOERR *chunk_load(FilesReader *r, uint64_t i)
{
	unsigned char nonce[12], aad[AAD_LEN];
	int last = i == r->nchunks - 1, outl, ok;
	size_t len = last ? (size_t)r->lastlen : (size_t)r->cs + TAG;
	uint64_t off = HDR + i * ((uint64_t)r->cs + TAG);
	ssize_t got;

	if (r->bad)
		return INTEGRITY(r->id, "an earlier chunk was refused");
	if (r->cur == i)
		return STATUS_OK;
	r->cur = NO_CHUNK;
	got = pread_full(r->fd, r->ct, len, off);
	if (got < 0)
		return nerr_raise(NERR_IO, "file %s: cannot read: %s", r->id, strerror(errno));
	if ((size_t)got != len) {
		r->bad = 1;
		return INTEGRITY(r->id, "the file is shorter than it was");
	}
	nonce_aad(r->header, r->id, i, last, nonce, aad);
	ok = EVP_DecryptInit_ex(r->c, NULL, NULL, NULL, nonce) &&
	     EVP_DecryptUpdate(r->c, NULL, &outl, aad, AAD_LEN) &&
	     EVP_DecryptUpdate(r->c, r->pt, &outl, r->ct, (int)(len - TAG)) &&
	     EVP_CIPHER_CTX_ctrl(r->c, EVP_CTRL_GCM_SET_TAG, TAG, r->ct + len - TAG) &&
	     EVP_DecryptFinal_ex(r->c, r->pt + outl, &outl) > 0;
	if (!ok) {
		/* What GCM wrote before the tag was checked is not to be seen. */
		OPENSSL_cleanse(r->pt, r->cs);
		r->bad = 1;
		return nerr_raise(PERR_FILES_INTEGRITY,
				  "file %s: integrity check failed: chunk %llu of %llu is not authentic",
				  r->id, (unsigned long long)i, (unsigned long long)r->nchunks);
	}
	r->cur = i;
	r->curlen = len - TAG;
	return STATUS_OK;
}

/* A reader over fd (taken, closed on error) with the plain data key. */
static NEOERR *reader_open_fd(int fd, const char *id, const unsigned char *key, FilesReader **out)
{
	FilesReader *r = xcalloc(1, sizeof(*r));
	uint64_t len, body, rec;
	struct stat st;
	ssize_t got;
	NEOERR *err;

	*out = NULL;
	r->fd = fd;
	r->cur = NO_CHUNK;
	snprintf(r->id, sizeof(r->id), "%s", id);
	if (fstat(fd, &st) != 0) {
		err = nerr_raise(NERR_IO, "file %s: %s", id, strerror(errno));
		goto fail;
	}
	len = (uint64_t)st.st_size;
	if (!S_ISREG(st.st_mode) || len < HDR + TAG) {
		err = INTEGRITY(id, "too short for a stored file");
		goto fail;
	}
	got = pread_full(fd, r->header, HDR, 0);
	if (got != HDR) {
		err = got < 0 ? nerr_raise(NERR_IO, "file %s: cannot read: %s", id, strerror(errno))
			      : INTEGRITY(id, "the file is shorter than it was");
		goto fail;
	}
	r->cs = get_be32(r->header + 16);
	if (memcmp(r->header, MAGIC, 4) || r->header[4] != VERSION || r->header[6] || r->header[7] ||
	    r->cs < CHUNK_MIN || r->cs > CHUNK_MAX || (r->cs & (r->cs - 1))) {
		err = INTEGRITY(id, "not a header of this store");
		goto fail;
	}
	rec = (uint64_t)r->cs + TAG;
	body = len - HDR;
	r->nchunks = (body + rec - 1) / rec;
	r->lastlen = body - (r->nchunks - 1) * rec;
	if (r->lastlen < TAG || r->nchunks > (uint64_t)UINT32_MAX + 1) {
		err = INTEGRITY(id, "the length is not one the store writes");
		goto fail;
	}
	r->size = body - r->nchunks * TAG;
	r->ct = xmalloc(rec);
	r->pt = xmalloc(r->cs);
	r->c = EVP_CIPHER_CTX_new();
	if (!r->c || !EVP_DecryptInit_ex(r->c, EVP_aes_256_gcm(), NULL, key, NULL)) {
		err = nerr_raise(NERR_SYSTEM, "file %s: cannot set up decryption", id);
		goto fail;
	}
	/* The last chunk first: a cut or extended file is refused before a
	 * byte of it is served. Then the first, which the caller reads next. */
	err = chunk_load(r, r->nchunks - 1);
	if (!err)
		err = chunk_load(r, 0);
	if (err)
		goto fail;
	*out = r;
	return STATUS_OK;
fail:
	files_close(&r);
	return nerr_pass(err);
}

NEOERR *files_open(const char *id, const unsigned char *wrapped, size_t key_len, FilesReader **r)
{
	char path[PATH_MAX], aad[48];
	unsigned char key[32];
	NEOERR *err;
	int fd;

	*r = NULL;
	err = types_ready();
	if (!err)
		err = files_path(id, path, sizeof(path));
	if (err)
		return nerr_pass(err);
	if (!wrapped || key_len != FILES_WRAPPED_LEN)
		return INTEGRITY(id, "the key given is not a wrapped file key");
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return nerr_raise(NERR_NOT_FOUND, "file %s is not in the store", id);
		return nerr_raise(NERR_IO, "file store: cannot open %s: %s", path, strerror(errno));
	}
	wrap_aad(id, aad, sizeof(aad));
	err = crypto_open(wrapped, key_len, aad, key);
	if (err) {
		nerr_ignore(&err);
		OPENSSL_cleanse(key, sizeof(key));
		close(fd);
		return INTEGRITY(id, "the key does not open (another file's, or another master key)");
	}
	err = reader_open_fd(fd, id, key, r);
	OPENSSL_cleanse(key, sizeof(key));
	return nerr_pass(err);
}

uint64_t files_size(const FilesReader *r)
{
	return r->size;
}

NEOERR *files_read(FilesReader *r, void *buf, size_t cap, size_t *got)
{
	size_t off, k;
	NEOERR *err;

	*got = 0;
	if (r->bad)
		return INTEGRITY(r->id, "an earlier chunk was refused");
	if (r->pos >= r->size || cap == 0)
		return STATUS_OK;
	err = chunk_load(r, r->pos / r->cs);
	if (err)
		return nerr_pass(err);
	off = (size_t)(r->pos % r->cs);
	k = r->curlen - off;
	if (k > cap)
		k = cap;
	memcpy(buf, r->pt + off, k);
	r->pos += k;
	*got = k;
	return STATUS_OK;
}

NEOERR *files_read_at(FilesReader *r, uint64_t off, void *buf, size_t n)
{
	unsigned char *p = buf;

	if (off > r->size || n > r->size - off)
		return nerr_raise(NERR_OUTOFRANGE, "file %s: read past the end", r->id);
	while (n) {
		size_t in = (size_t)(off % r->cs), k;
		NEOERR *err = chunk_load(r, off / r->cs);
		if (err)
			return nerr_pass(err);
		k = r->curlen - in;
		if (k > n)
			k = n;
		memcpy(p, r->pt + in, k);
		p += k;
		off += k;
		n -= k;
	}
	return STATUS_OK;
}

static NEOERR *input_read(void *ctx, uint64_t off, void *buf, size_t n)
{
	return nerr_pass(files_read_at(ctx, off, buf, n));
}

void files_input(FilesReader *r, FileKindInput *in)
{
	in->read_at = input_read;
	in->ctx = r;
	in->size = r->size;
}

void files_close(FilesReader **rp)
{
	FilesReader *r = *rp;

	if (!r)
		return;
	if (r->pt) {
		OPENSSL_cleanse(r->pt, r->cs);
		free(r->pt);
	}
	free(r->ct);
	EVP_CIPHER_CTX_free(r->c); /* wipes the key schedule */
	if (r->fd >= 0)
		close(r->fd);
	free(r);
	*rp = NULL;
}

/* --- storing ----------------------------------------------------------- */

static void writer_free(FilesWriter *w)
{
	if (w->fd >= 0)
		close(w->fd);
	if (w->pt) {
		OPENSSL_cleanse(w->pt, CHUNK);
		free(w->pt);
	}
	free(w->ct);
	EVP_CIPHER_CTX_free(w->c);
	EVP_MD_CTX_free(w->md);
	OPENSSL_cleanse(w->key, sizeof(w->key));
	free(w->tmp);
	free(w->path);
	free(w->dir);
	free(w);
}

/* After an error: the temp file goes, so nothing half-written stays. */
static void writer_fail(FilesWriter *w)
{
	if (w->fd >= 0) {
		close(w->fd);
		w->fd = -1;
	}
	if (!w->dead)
		unlink(w->tmp);
	w->dead = 1;
}

/*
 * The data key is wrapped with crypto_seal (AES-256-GCM under the master
 * key) rather than RFC 5649 key wrap: the wrapped key then has the form of
 * every other sealed value, key id byte first, so one rotation path
 * serves all; and its AAD "file:<id>" binds it to its file, which AES-KW
 * cannot. A random 96-bit nonce per wrap is safe far beyond the number of
 * documents a portal will hold.
 */
NEOERR *files_store_begin(FilesWriter **out)
{
	const char *root = conf_str("Paths.Files");
	unsigned char idb[16];
	char aad[48];
	FilesWriter *w;
	NEOERR *err;

	*out = NULL;
	err = types_ready();
	if (!err)
		err = make_dirs(root);
	if (err)
		return nerr_pass(err);
	w = xcalloc(1, sizeof(*w));
	w->fd = -1;
	w->dead = 1; /* no temp file yet */
	if (RAND_bytes(idb, sizeof(idb)) != 1 || RAND_bytes(w->key, sizeof(w->key)) != 1 ||
	    RAND_bytes(w->header + 8, 8) != 1) {
		err = nerr_raise(NERR_SYSTEM, "RAND_bytes failed");
		goto fail;
	}
	util_hex(idb, sizeof(idb), w->id);
	wrap_aad(w->id, aad, sizeof(aad));
	err = crypto_seal(w->key, sizeof(w->key), aad, w->wrapped);
	if (err)
		goto fail;
	memcpy(w->header, MAGIC, 4);
	w->header[4] = VERSION;
	w->header[5] = w->wrapped[0];
	be32(w->header + 16, CHUNK);
	w->dir = xasprintf("%s/%.2s", root, w->id);
	w->path = xasprintf("%s/%s", w->dir, w->id);
	w->tmp = xasprintf("%s/.%s.tmp", w->dir, w->id);
	if (mkdir(w->dir, 0700) == 0) {
		err = fsync_dir(root); /* the new shard must survive a crash too */
		if (err)
			goto fail;
	} else if (errno != EEXIST) {
		err = nerr_raise(NERR_IO, "file store: cannot create %s: %s", w->dir, strerror(errno));
		goto fail;
	}
	w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (w->fd < 0) {
		err = nerr_raise(NERR_IO, "file store: cannot create %s: %s", w->tmp, strerror(errno));
		goto fail;
	}
	w->dead = 0;
	if (write_full(w->fd, w->header, HDR) != 0) {
		err = nerr_raise(NERR_IO, "file store: cannot write %s: %s", w->tmp, strerror(errno));
		goto fail;
	}
	w->pt = xmalloc(CHUNK);
	w->ct = xmalloc(CHUNK + TAG);
	w->c = EVP_CIPHER_CTX_new();
	w->md = EVP_MD_CTX_new();
	if (!w->c || !w->md || !EVP_EncryptInit_ex(w->c, EVP_aes_256_gcm(), NULL, w->key, NULL) ||
	    !EVP_DigestInit_ex(w->md, EVP_sha256(), NULL)) {
		err = nerr_raise(NERR_SYSTEM, "file %s: cannot set up encryption", w->id);
		goto fail;
	}
	*out = w;
	return STATUS_OK;
fail:
	writer_fail(w);
	writer_free(w);
	return nerr_pass(err);
}

/* Encrypts and writes the pending plaintext as the next chunk. */
static NEOERR *seal_chunk(FilesWriter *w, int last)
{
	unsigned char nonce[12], aad[AAD_LEN];
	int outl, ok;

	/* The chunk counter is 4 bytes of the nonce: it must never wrap. */
	if (!last && w->next == UINT32_MAX)
		return nerr_raise(NERR_OUTOFRANGE, "file %s: too large for the store", w->id);
	nonce_aad(w->header, w->id, w->next, last, nonce, aad);
	ok = EVP_EncryptInit_ex(w->c, NULL, NULL, NULL, nonce) &&
	     EVP_EncryptUpdate(w->c, NULL, &outl, aad, AAD_LEN) &&
	     EVP_EncryptUpdate(w->c, w->ct, &outl, w->pt, (int)w->npt) &&
	     EVP_EncryptFinal_ex(w->c, w->ct + outl, &outl) &&
	     EVP_CIPHER_CTX_ctrl(w->c, EVP_CTRL_GCM_GET_TAG, TAG, w->ct + w->npt);
	if (!ok)
		return nerr_raise(NERR_SYSTEM, "file %s: encryption failed", w->id);
	if (write_full(w->fd, w->ct, w->npt + TAG) != 0)
		return nerr_raise(NERR_IO, "file store: cannot write %s: %s", w->tmp, strerror(errno));
	w->next++;
	w->npt = 0;
	return STATUS_OK;
}

NEOERR *files_store_write(FilesWriter *w, const void *buf, size_t n)
{
	const unsigned char *p = buf;

	if (w->dead)
		return nerr_raise(NERR_ASSERT, "file %s: written to after a failure", w->id);
	if (!n)
		return STATUS_OK;
	if (!EVP_DigestUpdate(w->md, p, n)) {
		writer_fail(w);
		return nerr_raise(NERR_SYSTEM, "file %s: SHA-256 failed", w->id);
	}
	filekind_feed(&w->sniff, p, n);
	w->size += n;
	while (n) {
		size_t k;
		/* A full chunk is sealed only once more data follows, so the
		 * last one can carry the last-chunk flag. */
		if (w->npt == CHUNK) {
			NEOERR *err = seal_chunk(w, 0);
			if (err) {
				writer_fail(w);
				return nerr_pass(err);
			}
		}
		k = CHUNK - w->npt < n ? CHUNK - w->npt : n;
		memcpy(w->pt + w->npt, p, k);
		w->npt += k;
		p += k;
		n -= k;
	}
	return STATUS_OK;
}

/* The kind of the complete file: a zip is read back, through the
 * decrypting reader, for its entries. */
static NEOERR *writer_kind(FilesWriter *w, FileKind *kind)
{
	FileKindInput in;
	const char *problem;
	FilesReader *r;
	NEOERR *err;
	int fd;

	*kind = filekind_sniffed(&w->sniff);
	if (*kind != FILEKIND_ZIP)
		return STATUS_OK;
	fd = open(w->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return nerr_raise(NERR_IO, "file store: cannot open %s: %s", w->tmp, strerror(errno));
	err = reader_open_fd(fd, w->id, w->key, &r);
	if (err)
		return nerr_pass(err);
	files_input(r, &in);
	err = filekind_zip_check(&in, kind, &problem);
	files_close(&r);
	return nerr_pass(err);
}

NEOERR *files_store_finish(FilesWriter **wp, FilesInfo *out)
{
	FilesWriter *w = *wp;
	unsigned char md[32];
	unsigned int mdlen = 0;
	FileKind kind;
	NEOERR *err;
	int rc;

	*wp = NULL;
	memset(out, 0, sizeof(*out));
	if (!w)
		return nerr_raise(NERR_ASSERT, "no file being stored");
	if (w->dead) {
		err = nerr_raise(NERR_ASSERT, "file %s: finished after a failure", w->id);
		goto fail;
	}
	err = seal_chunk(w, 1);
	if (err)
		goto fail;
	if (fsync(w->fd) != 0) {
		err = nerr_raise(NERR_IO, "file store: cannot sync %s: %s", w->tmp, strerror(errno));
		goto fail;
	}
	rc = close(w->fd);
	w->fd = -1;
	if (rc != 0) {
		err = nerr_raise(NERR_IO, "file store: cannot write %s: %s", w->tmp, strerror(errno));
		goto fail;
	}
	if (!EVP_DigestFinal_ex(w->md, md, &mdlen) || mdlen != sizeof(md)) {
		err = nerr_raise(NERR_SYSTEM, "file %s: SHA-256 failed", w->id);
		goto fail;
	}
	err = writer_kind(w, &kind);
	if (err)
		goto fail;
	if (rename(w->tmp, w->path) != 0) {
		err = nerr_raise(NERR_IO, "file store: cannot rename %s: %s", w->tmp, strerror(errno));
		goto fail;
	}
	w->dead = 1; /* the temp name is gone */
	err = fsync_dir(w->dir);
	if (err) {
		unlink(w->path);
		goto fail;
	}
	memcpy(out->id, w->id, sizeof(out->id));
	memcpy(out->wrapped_key, w->wrapped, sizeof(out->wrapped_key));
	out->wrapped_len = sizeof(out->wrapped_key);
	out->key_id = w->wrapped[0];
	util_hex(md, sizeof(md), out->sha256);
	out->size = w->size;
	out->kind = kind == FILEKIND_ZIP ? FILEKIND_UNKNOWN : kind;
	writer_free(w);
	return STATUS_OK;
fail:
	writer_fail(w);
	writer_free(w);
	return nerr_pass(err);
}

void files_store_abort(FilesWriter **wp)
{
	if (!*wp)
		return;
	writer_fail(*wp);
	writer_free(*wp);
	*wp = NULL;
}

NEOERR *files_store_fd(int fd, FilesInfo *out)
{
	unsigned char *buf;
	FilesWriter *w;
	NEOERR *err;

	memset(out, 0, sizeof(*out));
	err = files_store_begin(&w);
	if (err)
		return nerr_pass(err);
	buf = xmalloc(CHUNK);
	for (;;) {
		ssize_t k = read(fd, buf, CHUNK);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			err = nerr_raise(NERR_IO, "file store: cannot read the file to store: %s",
					 strerror(errno));
			break;
		}
		if (k == 0)
			break;
		err = files_store_write(w, buf, (size_t)k);
		if (err)
			break;
	}
	OPENSSL_cleanse(buf, CHUNK);
	free(buf);
	if (err) {
		files_store_abort(&w);
		return nerr_pass(err);
	}
	return nerr_pass(files_store_finish(&w, out));
}

NEOERR *files_store_file(FILE *f, FilesInfo *out)
{
	unsigned char *buf;
	FilesWriter *w;
	NEOERR *err;

	memset(out, 0, sizeof(*out));
	err = files_store_begin(&w);
	if (err)
		return nerr_pass(err);
	buf = xmalloc(CHUNK);
	for (;;) {
		size_t k = fread(buf, 1, CHUNK, f);
		if (k) {
			err = files_store_write(w, buf, k);
			if (err)
				break;
		}
		if (k < CHUNK) {
			if (ferror(f))
				err = nerr_raise(NERR_IO, "file store: cannot read the file to store: %s",
						 strerror(errno));
			break;
		}
	}
	OPENSSL_cleanse(buf, CHUNK);
	free(buf);
	if (err) {
		files_store_abort(&w);
		return nerr_pass(err);
	}
	return nerr_pass(files_store_finish(&w, out));
}
