/* conf.h: the portal's configuration (conf/portal.hdf) and secrets, loaded once per process */
#ifndef PORTAL_CONF_H
#define PORTAL_CONF_H

#include <stdio.h>
#include <ClearSilver.h>

#define CONF_DATA_KEYS 16

struct secrets {
	char db_password[256];
	char db_admin_password[256]; /* Database.AdminUser's (db_as_admin) */
	unsigned char csrf_key[32];
	unsigned char pepper[32];
	/* The keys that seal personal data (crypto.c), by their id (1 to
	 * CONF_DATA_KEYS - 1): Keys.Data is key 1, Keys.Data.<id> the
	 * others; data_key_id (Keys.DataCurrent, else 1) seals what is new. */
	unsigned char data_keys[16][32];
	unsigned char data_key_set[16];
	int data_key_id;
	char backoffice_token[256];
	char mail_password[256];
};

/* Loads and validates the configuration named by path, or by $PORTAL_CONF,
 * or conf/portal.hdf; then the secrets file it names. Once per process. */
NEOERR *conf_load(const char *path);

/* The same without the secrets file (tools that need no secret). */
NEOERR *conf_load_public(const char *path);

/* The path conf_load used (or would use for NULL). */
const char *conf_file(const char *path);

/* Values of known options, with the defaults of the option table; never
 * NULL for an option the table knows. The strings are lent. */
const char *conf_str(const char *key);
int conf_int(const char *key);

/* The portal's public address of a path of its own (Portal.BaseURL, then
 * Portal.Prefix, then the path formatted): for links in mail and feeds.
 * fmt is the caller's own, never user text. Given, to free. */
char *conf_url(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

const struct secrets *conf_secrets(void);

/* The whole configuration tree (lent), for code that walks a subtree. */
HDF *conf_hdf(void);

/* Checks the file like conf_load does, writing one line per problem as
 * "file:line: Key: what is wrong" to out. Returns the number of problems. */
int conf_check(const char *path, FILE *out);

#endif
