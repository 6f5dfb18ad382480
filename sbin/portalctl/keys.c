/* keys.c: rotating the data key that seals personal data — a new key, sealing with it, re-sealing, retiring the old one
 *
 * A sealed value carries the id of its key (crypto.c), so a new key and
 * the old ones live side by side: every program opens what any of the
 * keys in its secrets file sealed, and seals with Keys.DataCurrent. A
 * rotation is four steps, a restart of the programs between the first
 * two, so that none meets a key it does not have:
 *
 *   rotate-key add         a new key (Keys.Data.<id>) in the secrets file
 *   rotate-key use ID      seal with it from now on (Keys.DataCurrent)
 *   rotate-key reseal      every value under another key sealed again
 *   rotate-key retire ID   the old key out of the file, once nothing uses it
 *
 * reseal works in batches of a transaction each, and picks only values
 * under another key: after a crash it goes on where it was. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "audit.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "portalctl.h"
#include "util.h"

#define BATCH 500
#define STR(x) #x
#define XSTR(x) STR(x)

/* Where sealed values are, each statement written out: how many values
 * a key seals, which keys seal any, a batch after a row's id of values
 * under another key than the current one (id, what its AAD ends with,
 * the value), and the value replaced when it is still the one read —
 * with the column that repeats its key's id where there is one. */
#define PLACE(what, aad, table, id, value, aad_col) what, aad, \
	"SELECT COUNT(*) FROM " table " WHERE " value " IS NOT NULL AND ASCII(" value ") = ?", \
	"SELECT GROUP_CONCAT(DISTINCT ASCII(" value ")) FROM " table " WHERE " value " IS NOT NULL", \
	"SELECT " id ", " aad_col ", " value " FROM " table " WHERE " value " IS NOT NULL AND ASCII(" value ") <> ?" \
	" AND " id " > ? ORDER BY " id " LIMIT " XSTR(BATCH)
static const struct place {
	const char *what, *aad, *count, *keys, *batch, *update;
	int key_col;            /* update sets the key's id too */
} places[] = {
	{ PLACE("second-factor secrets", "totp:", "credentials", "user_id", "totp_secret", "user_id"),
	  "UPDATE credentials SET totp_secret = ? WHERE user_id = ? AND totp_secret = ?", 0 },
	{ PLACE("national ID numbers", "bsn:", "users", "id", "bsn_sealed", "id"),
	  "UPDATE users SET bsn_sealed = ? WHERE id = ? AND bsn_sealed = ?", 0 },
	{ PLACE("document keys", "file:", "documents", "id", "file_key", "file_id"),
	  "UPDATE documents SET file_key = ?, key_id = ? WHERE id = ? AND file_key = ?", 1 },
	{ PLACE("photo keys", "file:", "users", "id", "photo_key", "photo_file_id"),
	  "UPDATE users SET photo_key = ?, photo_key_id = ? WHERE id = ? AND photo_key = ?", 1 },
};

/* How many values of place p key id seals. */
static NEOERR *count(const struct place *p, int id, long long *n)
{
	char *v = NULL;
	NEOERR *err = db_value(&v, p->count, "i", (long long)id);

	*n = v ? atoll(v) : 0;
	free(v);
	return nerr_pass(err);
}

static int status(void)
{
	const struct secrets *s = conf_secrets();
	NEOERR *err = STATUS_OK;

	for (int id = 1; id < CONF_DATA_KEYS && !err; id++) {
		long long total = 0, n;
		if (!s->data_key_set[id])
			continue;
		printf("key %d%s:", id, id == s->data_key_id ? " (seals)" : "");
		for (size_t i = 0; i < ARRAY_SIZE(places) && !err; i++) {
			err = count(&places[i], id, &n);
			printf(" %s %lld%s", places[i].what, n, i + 1 < ARRAY_SIZE(places) ? "," : "");
			total += n;
		}
		printf(" (%lld in all)\n", total);
	}
	/* Values under a key the file no longer has cannot be opened. */
	for (size_t i = 0; i < ARRAY_SIZE(places) && !err; i++) {
		char *v = NULL;
		err = db_value(&v, places[i].keys, "");
		for (char *t = v ? strtok(v, ",") : NULL; t && !err; t = strtok(NULL, ",")) {
			int id = atoi(t);
			if (id < 1 || id >= CONF_DATA_KEYS || !s->data_key_set[id])
				printf("key %d: not in the secrets file, and %s sealed with it\n", id, places[i].what);
		}
		free(v);
	}
	return err ? fail_nerr("rotate-key status", err) : 0;
}

/* --- the secrets file ---------------------------------------------------- */

/* The secrets file with the line that sets name (at its start, then " =")
 * replaced by "name = value", or that line added when none does; value
 * NULL removes it.
 * Written whole beside it (a file of its own, never through a link), read
 * back to see that it says what was meant, then renamed over it with its
 * mode and owner, and the rename made to last. */
static int secrets_set(const char *name, const char *value)
{
	const char *path = conf_str("Paths.Secrets");
	char *tmp = xasprintf("%s.new", path), *dir = xstrdup(path), *slash, buf[4096];
	size_t nl = strlen(name);
	FILE *in = fopen(path, "r"), *out = NULL;
	HDF *check = NULL;
	struct stat st;
	int fd = -1, done = 0, rc = 1, last_nl = 1;

	if (!in || fstat(fileno(in), &st) != 0) {
		fail("rotate-key: cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	unlink(tmp); /* one left by a run that failed */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		fail("rotate-key: cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if ((fchown(fileno(out), st.st_uid, st.st_gid) != 0 && (errno != EPERM || st.st_uid != geteuid())) ||
	    fchmod(fileno(out), st.st_mode & 0777) != 0) {
		fail("rotate-key: cannot give %s the owner and mode of %s: %s", tmp, path, strerror(errno));
		goto out;
	}
	while (fgets(buf, sizeof(buf), in)) {
		const char *t = buf + strspn(buf, " \t");
		last_nl = buf[strlen(buf) - 1] == '\n';
		if (!strncmp(t, name, nl) && t[nl + strspn(t + nl, " \t")] == '=') {
			if (value && !done)
				fprintf(out, "%s = %s\n", name, value);
			done = 1;
			continue;
		}
		fputs(buf, out);
	}
	if (value && !done)
		fprintf(out, "%s%s = %s\n", last_nl ? "" : "\n", name, value);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0 || ferror(in)) {
		fail("rotate-key: cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	/* What the file now says: the value there (or gone). */
	hdf_init(&check);
	if (hdf_read_file(check, tmp) != STATUS_OK ||
	    (value ? strcmp(hdf_get_value(check, name, ""), value) : hdf_get_value(check, name, NULL) != NULL)) {
		fail("rotate-key: %s sets %s in a form this cannot change (a block, or twice): put each key on"
		     " a line of its own (Name = value) and run it again", path, name);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		fail("rotate-key: cannot replace %s: %s", path, strerror(errno));
		goto out;
	}
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0) {
		fail("rotate-key: %s replaced, but its folder not synced: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(buf, sizeof(buf));
	hdf_destroy(&check);
	if (out && fclose(out) != 0 && !rc)
		rc = fail("rotate-key: cannot write %s: %s", tmp, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp);
	if (in)
		fclose(in);
	free(tmp);
	free(dir);
	return rc;
}

/* A key's id as given: 1 to CONF_DATA_KEYS - 1, digits only; else 0. */
static int key_id(const char *v)
{
	char *end;
	long id;

	if (!v || *v < '1' || *v > '9')
		return 0;
	id = strtol(v, &end, 10);
	return *end || id >= CONF_DATA_KEYS ? 0 : (int)id;
}

static int add(void)
{
	const struct secrets *s = conf_secrets();
	unsigned char raw[32];
	char hex[65], name[32];
	int id = 1, rc;

	HDF *h = NULL;

	/* After the highest key there ever was (Keys.DataLast): an id names
	 * one key for good, also in the manifests of old backups. */
	hdf_init(&h);
	if (hdf_read_file(h, conf_str("Paths.Secrets")) == STATUS_OK)
		id = key_id(hdf_get_value(h, "Keys.DataLast", NULL)) + 1;
	hdf_destroy(&h);
	for (int i = 1; i < CONF_DATA_KEYS; i++)
		if (s->data_key_set[i] && i + 1 > id)
			id = i + 1;
	if (id < 2)
		id = 2;
	if (id >= CONF_DATA_KEYS)
		return fail("rotate-key add: key %d would be the last id there is; retire old keys first",
			    CONF_DATA_KEYS - 1);
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return fail("rotate-key add: no random bytes");
	util_hex(raw, sizeof(raw), hex);
	snprintf(name, sizeof(name), "Keys.Data.%d", id);
	rc = secrets_set(name, hex);
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(hex, sizeof(hex));
	if (!rc) {
		snprintf(name, sizeof(name), "%d", id);
		rc = secrets_set("Keys.DataLast", name);
	}
	if (rc)
		return rc;
	printf("key %d added to %s. Copy the file to every host of the portal and restart every program\n"
	       "on each (all must be able to open what any seals), then: portalctl rotate-key use %d\n", id,
	       conf_str("Paths.Secrets"), id);
	return 0;
}

static int use(const char *arg)
{
	char detail[96];
	int id = key_id(arg), rc;
	NEOERR *err;

	if (!id || !conf_secrets()->data_key_set[id])
		return fail("rotate-key use: there is no key %s in %s", arg, conf_str("Paths.Secrets"));
	if ((rc = secrets_set("Keys.DataCurrent", arg)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "data key %d seals from now on", id);
	err = db_connect();
	if (!err)
		err = audit_add(NULL, 0, "key.use", "", 0, 0, detail);
	if (err)
		return fail_nerr("rotate-key use: the audit log", err);
	printf("key %d seals what is new once the programs are restarted (copy the file to every host of the\n"
	       "portal first); then: portalctl rotate-key reseal\n", id);
	return 0;
}

/* One batch of place p after id *after: each value under another key
 * than the current opened and sealed again, in one transaction. A value
 * changed meanwhile is left: whoever changed it sealed it anew. */
static NEOERR *reseal_batch(const struct place *p, long long *after, long long *done, long long *bad, int *more)
{
	const int current = conf_secrets()->data_key_id;
	struct row {
		long long id;
		char aad[96];
		unsigned char *value;
		size_t len;
	} rows[BATCH];
	int n = 0;
	DBQuery *q;
	NEOERR *err;

	err = db_begin();
	if (!err)
		err = db_query(&q, p->batch, "ii", (long long)current, *after);
	if (err)
		return nerr_pass(db_finish(err));
	while (db_next(q) && n < BATCH) {
		struct row *r = &rows[n++];
		r->id = db_int(q, 0);
		snprintf(r->aad, sizeof(r->aad), "%s%s", p->aad, db_str(q, 1) ? db_str(q, 1) : "");
		r->len = db_len(q, 2);
		r->value = xmalloc(r->len ? r->len : 1);
		memcpy(r->value, db_str(q, 2), r->len);
	}
	db_end(&q);
	*more = n == BATCH;
	for (int i = 0; i < n; i++) {
		struct row *r = &rows[i];
		unsigned char *plain, *sealed;
		unsigned long long changed = 0;
		NEOERR *e;
		*after = r->id;
		if (err || r->len < CRYPTO_OVERHEAD) {
			*bad += !err;
			continue;
		}
		plain = xmalloc(r->len - CRYPTO_OVERHEAD + 1);
		sealed = xmalloc(r->len);
		e = crypto_open(r->value, r->len, r->aad, plain);
		if (e) {
			nerr_ignore(&e); /* a key the file does not have: status names it */
			(*bad)++;
		} else if (!(err = crypto_seal(plain, r->len - CRYPTO_OVERHEAD, r->aad, sealed))) {
			err = p->key_col ? db_exec(&changed, p->update, "biib", sealed, r->len, (long long)current,
						   r->id, r->value, r->len)
					 : db_exec(&changed, p->update, "bib", sealed, r->len, r->id, r->value, r->len);
			*done += (long long)changed;
		}
		OPENSSL_cleanse(plain, r->len - CRYPTO_OVERHEAD + 1);
		free(plain);
		free(sealed);
	}
	for (int i = 0; i < n; i++)
		free(rows[i].value);
	return nerr_pass(db_finish(err));
}

static int reseal(void)
{
	long long total = 0, bad_total = 0;
	char detail[160];
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < ARRAY_SIZE(places) && !err; i++) {
		long long after = 0, done = 0, bad = 0;
		int more = 1;
		while (more && !err)
			err = reseal_batch(&places[i], &after, &done, &bad, &more);
		printf("%s: %lld sealed again with key %d%s", places[i].what, done, conf_secrets()->data_key_id,
		       bad ? "" : "\n");
		if (bad)
			printf(", %lld under a key the secrets file does not have\n", bad);
		total += done;
		bad_total += bad;
	}
	if (err)
		return fail_nerr("rotate-key reseal (run it again: it goes on where it stopped)", err);
	snprintf(detail, sizeof(detail), "%lld values sealed again with data key %d", total,
		 conf_secrets()->data_key_id);
	err = audit_add(NULL, 0, "key.reseal", "", 0, 0, detail);
	if (err)
		return fail_nerr("rotate-key reseal: the audit log", err);
	return bad_total ? fail("rotate-key reseal: %lld values under a key the secrets file does not have",
				bad_total) : 0;
}

static int retire(const char *arg)
{
	char name[32], detail[64];
	int id = key_id(arg), rc;
	long long n, total = 0;
	NEOERR *err = STATUS_OK;

	if (!id || !conf_secrets()->data_key_set[id])
		return fail("rotate-key retire: there is no key %s in %s", arg, conf_str("Paths.Secrets"));
	if (id == conf_secrets()->data_key_id)
		return fail("rotate-key retire: key %d is the one that seals", id);
	for (size_t i = 0; i < ARRAY_SIZE(places) && !err; i++) {
		err = count(&places[i], id, &n);
		total += n;
	}
	if (err)
		return fail_nerr("rotate-key retire", err);
	if (total)
		return fail("rotate-key retire: %lld values are still sealed with key %d (rotate-key reseal)", total, id);
	snprintf(name, sizeof(name), id == 1 ? "Keys.Data" : "Keys.Data.%d", id);
	if ((rc = secrets_set(name, NULL)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "data key %d retired", id);
	err = audit_add(NULL, 0, "key.retire", "", 0, 0, detail);
	if (err)
		return fail_nerr("rotate-key retire: the audit log", err);
	printf("key %d retired from %s. Keep a copy of it with the backups taken before: a restore of one\n"
	       "needs it.\n", id, conf_str("Paths.Secrets"));
	return 0;
}

int cmd_rotate_key(char **arg)
{
	const char *step = arg[0];
	NEOERR *err;
	int rc;

	if (strcmp(step, "status") && strcmp(step, "add") && strcmp(step, "use") && strcmp(step, "reseal") &&
	    strcmp(step, "retire"))
		return CTL_USAGE;
	/* use and retire take a key's id, the others nothing. */
	if ((!strcmp(step, "use") || !strcmp(step, "retire")) ? !arg[1] : arg[1] != NULL)
		return CTL_USAGE;
	if ((rc = load_conf()) != 0)
		return rc;
	if (!strcmp(step, "add"))
		return add();
	err = db_connect();
	if (err)
		return fail_nerr("rotate-key", err);
	if (!strcmp(step, "status"))
		return status();
	if (!strcmp(step, "use"))
		return use(arg[1]);
	if (!strcmp(step, "reseal"))
		return reseal();
	return retire(arg[1]);
}
