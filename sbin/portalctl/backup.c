/* backup.c: portalctl backup and restore — the database with mariadb-backup and the document store, consistent with each other */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "conf.h"
#include "db.h"
#include "files.h"
#include "portalctl.h"
#include "util.h"

/*
 * A backup is a folder:
 *
 *   db/             mariadb-backup's copy of the server, prepared: ready to
 *                   be copied back into an empty data directory
 *   files/          the document store (each file encrypted, its key in a
 *                   row of the database)
 *   manifest.hdf    when, which database and migration, and the
 *                   fingerprints of the keys it needs
 *   mariadb-backup.log
 *
 * The keys are not in it: the portal's data key (Keys.Data, the secrets
 * file) and the server's key file (file_key_management) are kept apart,
 * and a restore refuses keys other than the backup's. While the database
 * is copied and then the store, no file is removed (files_hold): every
 * document of the database's copy has its file in the store's copy; a
 * file written meanwhile is an orphan there, which files-sweep removes.
 */

extern char **environ;

/* Runs argv with stdout and stderr appended to log; the exit status, or
 * -1 when it could not be started. */
static int run(const char *log, char *const argv[])
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* mariadb-backup VERB on the copy in db (--prepare, --copy-back), with the
 * options the copy recorded (its key file among them) and one more
 * argument or none. */
static int on_copy(const char *log, const char *db, const char *verb, const char *extra)
{
	char defaults[4200], target[4200];
	char *argv[] = { "mariadb-backup", defaults, (char *)verb, target, (char *)extra, NULL };

	snprintf(defaults, sizeof(defaults), "--defaults-file=%s/backup-my.cnf", db);
	snprintf(target, sizeof(target), "--target-dir=%s", db);
	return run(log, argv);
}

/* The SHA-256 of a file's content, as hex; 0 when it cannot be read. */
static int file_sha256(const char *path, char hex[65])
{
	unsigned char buf[8192], md[32];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return 0;
	ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		EVP_DigestUpdate(ctx, buf, n);
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	fclose(f);
	util_hex(md, sizeof(md), hex);
	return 1;
}

/* The fingerprint of data key id: a hash of it under a label of its own,
 * so that the manifest tells nothing about the key. Key 1's is the one
 * manifests before key rotation have. */
static void data_key_print(int id, char hex[65])
{
	static const char label[] = "flexportal backup: the data key's fingerprint";
	unsigned char md[32];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, label, sizeof(label) - 1);
	EVP_DigestUpdate(ctx, conf_secrets()->data_keys[id], 32);
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	util_hex(md, sizeof(md), hex);
}

/* "Backup.DataKey.<id> = fingerprint" of every data key the secrets file
 * holds: what a restore needs to open the copy. */
static void data_keys_write(FILE *f)
{
	char hex[65];

	for (int id = 1; id < CONF_DATA_KEYS; id++)
		if (conf_secrets()->data_key_set[id]) {
			data_key_print(id, hex);
			fprintf(f, "Backup.DataKey.%d = %s\n", id, hex);
		}
}

/* Whether the secrets file holds every data key of the manifest m, each
 * the same (a manifest of before key rotation: Backup.DataKey, key 1);
 * the id of the first that is not in *missing. */
static int data_keys_match(HDF *m, int *missing)
{
	HDF *k = hdf_get_child(m, "Backup.DataKey");
	char hex[65];

	*missing = 1;
	if (!k) {
		if (!conf_secrets()->data_key_set[1])
			return 0;
		data_key_print(1, hex);
		return !strcmp(hex, hdf_get_value(m, "Backup.DataKey", ""));
	}
	for (; k; k = hdf_obj_next(k)) {
		int id = atoi(hdf_obj_name(k));
		*missing = id;
		if (id < 1 || id >= CONF_DATA_KEYS || !conf_secrets()->data_key_set[id])
			return 0;
		data_key_print(id, hex);
		if (strcmp(hex, hdf_obj_value(k) ? hdf_obj_value(k) : ""))
			return 0;
	}
	return 1;
}

/* Is path missing, or an empty folder? */
static int empty_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return errno == ENOENT;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static int count_files(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char sub[4096];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (lstat(sub, &st) != 0)
			continue;
		n += S_ISDIR(st.st_mode) ? count_files(sub) : S_ISREG(st.st_mode);
	}
	closedir(d);
	return n;
}

int cmd_backup(char **arg)
{
	const char *dir = arg[0];
	char db[4096], files[4096], log[4096], manifest[4096], when[32], mkey[65] = "";
	char *keyfile = NULL, *migration = NULL, *datadir = NULL, *user, *sock;
	time_t now = time(NULL);
	int lock = -1, rc;
	NEOERR *err;
	FILE *f;

	if (load_conf())
		return 1;
	if (*conf_str("Database.Host") || *conf_str("Database.Hosts"))
		return fail("backup: mariadb-backup runs on the database's own host, over its socket;"
			    " use a configuration with Database.Socket of that server (on a Galera node:"
			    " that node's) and no Database.Host or Database.Hosts");
	if (mkdir(dir, 0700) != 0)
		return fail("backup: cannot make %s (it must not exist yet): %s", dir, strerror(errno));
	snprintf(db, sizeof(db), "%s/db", dir);
	snprintf(files, sizeof(files), "%s/files", dir);
	snprintf(log, sizeof(log), "%s/mariadb-backup.log", dir);
	snprintf(manifest, sizeof(manifest), "%s/manifest.hdf", dir);

	/* What the copy will need to be opened again: the server's key file
	 * (none when its data is not encrypted) and the last migration. */
	err = db_value(&datadir, "SELECT @@datadir", "");
	if (!err)
		err = db_value(&migration, "SELECT MAX(name) FROM schema_migrations", "");
	if (err)
		return fail_nerr("backup", err);
	err = db_value(&keyfile, "SELECT @@file_key_management_filename", "");
	if (err) {
		nerr_ignore(&err); /* no such plugin: the server keeps its data as it is */
		keyfile = NULL;
	}
	if (keyfile && *keyfile && !file_sha256(keyfile, mkey)) {
		rc = fail("backup: cannot read the server's key file %s: %s (run as root)", keyfile,
			  strerror(errno));
		goto out;
	}
	db_close();

	/* No file leaves the store until both copies are made. */
	err = files_dirs();
	if (!err)
		err = files_hold(&lock);
	if (err) {
		rc = fail_nerr("backup", err);
		goto out;
	}
	user = xasprintf("--user=%s", conf_str("Backup.User"));
	{
		/* mariadb-backup works from the data directory: a relative
		 * path of the socket would not hold there. */
		char *abs = realpath(conf_str("Database.Socket"), NULL);
		sock = xasprintf("--socket=%s", abs ? abs : conf_str("Database.Socket"));
		free(abs);
	}
	{
		char target[4200];
		char *backup[] = { "mariadb-backup", "--backup", target, user, sock, NULL };
		snprintf(target, sizeof(target), "--target-dir=%s", db);
		rc = run(log, backup);
	}
	free(user);
	free(sock);
	if (rc != 0) {
		rc = fail("backup: mariadb-backup --backup failed (%d); see %s", rc, log);
		goto out;
	}
	{
		char *copy[] = { "cp", "-a", "--", (char *)conf_str("Paths.Files"), files, NULL };
		rc = run(log, copy);
	}
	files_release(lock);
	lock = -1;
	if (rc != 0) {
		rc = fail("backup: copying the document store failed (%d); see %s", rc, log);
		goto out;
	}
	/* Prepared now, with the keys at hand: a restore only copies back. */
	rc = on_copy(log, db, "--prepare", NULL);
	if (rc != 0) {
		rc = fail("backup: mariadb-backup --prepare failed (%d); see %s", rc, log);
		goto out;
	}

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	f = fopen(manifest, "w");
	if (!f) {
		rc = fail("backup: cannot write %s: %s", manifest, strerror(errno));
		goto out;
	}
	fprintf(f, "# A Flexportal backup (portalctl backup); portalctl restore reads this.\n"
		   "Backup.Created = %s\nBackup.Database = %s\nBackup.DataDir = %s\nBackup.Migration = %s\n"
		   "Backup.Files = %d\nBackup.ServerKeyFile = %s\nBackup.ServerKey = %s\n",
		when, conf_str("Database.Name"), datadir ? datadir : "", migration ? migration : "",
		count_files(files), keyfile ? keyfile : "", mkey);
	data_keys_write(f);
	if (fclose(f) != 0) {
		rc = fail("backup: cannot write %s: %s", manifest, strerror(errno));
		goto out;
	}
	printf("%s: the database (up to %s) and %d stored files, %s\n", dir, migration ? migration : "-",
	       count_files(files), when);
	rc = 0;
out:
	files_release(lock);
	free(keyfile);
	free(migration);
	free(datadir);
	return rc;
}

int cmd_restore(char **arg)
{
	const char *dir = arg[0], *datadir = arg[1];
	char manifest[4096], db[4096], files[4096], log[4096], mkey[65];
	const char *keyfile, *want_mkey, *store;
	int missing;
	HDF *m = NULL;
	NEOERR *err;
	int rc;

	if (load_conf())
		return 1;
	snprintf(manifest, sizeof(manifest), "%s/manifest.hdf", dir);
	snprintf(db, sizeof(db), "%s/db", dir);
	snprintf(files, sizeof(files), "%s/files", dir);
	snprintf(log, sizeof(log), "%s/restore.log", dir);
	hdf_init(&m);
	err = hdf_read_file(m, manifest);
	if (err) {
		hdf_destroy(&m);
		return fail_nerr("restore: not a backup", err);
	}
	keyfile = hdf_get_value(m, "Backup.ServerKeyFile", "");
	want_mkey = hdf_get_value(m, "Backup.ServerKey", "");
	store = conf_str("Paths.Files");

	/* The keys first: a copy that cannot be opened is worse than none. */
	if (!data_keys_match(m, &missing)) {
		rc = fail("restore: data key %d is not in %s, or not the one of this backup;"
			  " put back the secrets file of its time first", missing, conf_str("Paths.Secrets"));
		goto out;
	}
	if (*keyfile && (!file_sha256(keyfile, mkey) || strcmp(mkey, want_mkey))) {
		rc = fail("restore: the server's key file %s is missing or not the one of this backup;"
			  " put back the key file of its time first", keyfile);
		goto out;
	}
	/* Into an empty server and an empty store only: nothing is mixed. */
	if (!empty_dir(datadir)) {
		rc = fail("restore: %s is not empty; stop the server and move its data directory away", datadir);
		goto out;
	}
	if (!empty_dir(store)) {
		rc = fail("restore: the document store %s is not empty", store);
		goto out;
	}
	{
		char into[4200];
		snprintf(into, sizeof(into), "--datadir=%s", datadir);
		rc = on_copy(log, db, "--copy-back", into);
	}
	if (rc != 0) {
		rc = fail("restore: mariadb-backup --copy-back failed (%d); see %s", rc, log);
		goto out;
	}
	err = files_dirs();
	if (err) {
		rc = fail_nerr("restore", err);
		goto out;
	}
	{
		char from[4200];
		char *copy[] = { "cp", "-a", "--", from, (char *)store, NULL };
		snprintf(from, sizeof(from), "%s/.", files);
		rc = run(log, copy);
	}
	if (rc != 0) {
		rc = fail("restore: copying the document store failed (%d); see %s", rc, log);
		goto out;
	}
	printf("restored the backup of %s (%d stored files) into %s and %s;\n"
	       "give the data directory to the server's user (chown -R mysql: %s), start the server,\n"
	       "then portalctl migrate and the portal's programs\n",
	       hdf_get_value(m, "Backup.Created", "?"), count_files(store), datadir, store, datadir);
	rc = 0;
out:
	hdf_destroy(&m);
	return rc;
}
