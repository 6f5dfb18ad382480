/* config.c: portalctl's configuration commands: check-config, config-get, init-secrets */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "conf.h"
#include "portalctl.h"
#include "util.h"

/* --- init-secrets ------------------------------------------------------ */

/* Writes a secrets file with fresh random values where there is none, and
 * adds the keys a newer version needs to an existing one. */
static const char *secret_keys[][2] = {
	{ "Database.Password", "24" },
	{ "Database.AdminPassword", "24" },
	{ "Keys.Csrf", "32" },
	{ "Keys.Pepper", "32" },
	{ "Keys.Data", "32" },
	{ "Backoffice.Token", "24" },
};

int cmd_init_secrets(char **arg)
{
	const char *path;
	NEOERR *err = conf_load_public(NULL);
	HDF *have = NULL;
	FILE *f;
	int fd, added = 0;

	(void)arg;
	if (err)
		return fail_nerr("configuration", err);
	path = conf_str("Paths.Secrets");
	hdf_init(&have);
	if (access(path, F_OK) == 0) {
		err = hdf_read_file(have, path);
		if (err) {
			hdf_destroy(&have);
			return fail_nerr(path, err);
		}
		f = fopen(path, "a");
	} else {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0640);
		f = fd < 0 ? NULL : fdopen(fd, "w");
		if (f)
			fputs("# The portal's secrets (see conf/secrets.hdf.example). Keep this file\n"
			      "# mode 0640, readable by the portal's group only.\n", f);
	}
	if (!f) {
		hdf_destroy(&have);
		return fail("init-secrets: cannot write %s: %s", path, strerror(errno));
	}
	for (size_t i = 0; i < ARRAY_SIZE(secret_keys); i++) {
		unsigned char raw[32];
		char hex[65];
		size_t n = (size_t)atoi(secret_keys[i][1]);
		if (hdf_get_value(have, secret_keys[i][0], NULL))
			continue;
		/* Key 1 retired after a rotation is not made again. */
		if (!strcmp(secret_keys[i][0], "Keys.Data") && hdf_get_obj(have, "Keys.DataCurrent"))
			continue;
		util_random(raw, n);
		util_hex(raw, n, hex);
		fprintf(f, "%s = %s\n", secret_keys[i][0], hex);
		OPENSSL_cleanse(raw, sizeof(raw));
		OPENSSL_cleanse(hex, sizeof(hex));
		added++;
	}
	hdf_destroy(&have);
	if (fclose(f) != 0)
		return fail("init-secrets: cannot write %s: %s", path, strerror(errno));
	if (added)
		printf("%s: %d new secret%s written\n", path, added, added == 1 ? "" : "s");
	else
		printf("%s: complete; left as it is\n", path);
	return 0;
}

/* --- check-config, config-get ------------------------------------------ */

int cmd_check_config(char **arg)
{
	const char *path = arg[0];
	int n = conf_check(path, stderr);
	if (n) {
		fprintf(stderr, "portalctl: %s: %d problem%s\n", conf_file(path), n, n == 1 ? "" : "s");
		return 1;
	}
	printf("%s: ok\n", conf_file(path));
	return 0;
}

int cmd_config_get(char **arg)
{
	const char *key = arg[0];
	NEOERR *err = conf_load_public(NULL);
	if (err)
		return fail_nerr("configuration", err);
	if (!conf_str(key)[0] && !hdf_get_value(conf_hdf(), key, NULL))
		return fail("config-get: %s is not set", key);
	printf("%s\n", conf_str(key));
	return 0;
}
