/* acl.c: who may do what where — roles held on a part of the client's organisation */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "conf.h"
#include "http.h"
#include "log.h"
#include "util.h"

#define MAX_ROLES 32

static struct role {
	char *name;
	char *side;
	char *perms;   /* " perm perm … " with spaces around, for a word search */
} roles[MAX_ROLES];
static int nroles;

NEOERR *acl_init(void)
{
	HDF *h = NULL, *r;
	NEOERR *err;

	if (nroles)
		return STATUS_OK;
	err = hdf_init(&h);
	if (!err)
		err = hdf_read_file(h, conf_str("Paths.Roles"));
	if (err) {
		hdf_destroy(&h);
		return nerr_pass(err);
	}
	for (r = hdf_get_child(h, "Roles"); r && nroles < MAX_ROLES; r = hdf_obj_next(r)) {
		const char *side = hdf_get_value(r, "Side", "client");
		roles[nroles].name = xstrdup(hdf_obj_name(r));
		roles[nroles].side = xstrdup(!strcmp(side, "agency") ? "agency" : "client");
		roles[nroles].perms = xasprintf(" %s ", hdf_get_value(r, "Perms", ""));
		nroles++;
	}
	hdf_destroy(&h);
	if (!nroles)
		return nerr_raise(NERR_PARSE, "%s defines no roles", conf_str("Paths.Roles"));
	return STATUS_OK;
}

int acl_role(const char *name)
{
	for (int i = 0; name && i < nroles; i++)
		if (!strcmp(roles[i].name, name))
			return i;
	return -1;
}

const char *acl_role_name(int role)
{
	return role >= 0 && role < nroles ? roles[role].name : "";
}

const char *acl_role_side(int role)
{
	return role >= 0 && role < nroles ? roles[role].side : "";
}

int acl_roles(void)
{
	return nroles;
}

int acl_role_has(int role, const char *perm)
{
	char word[80];

	if (role < 0 || role >= nroles)
		return 0;
	snprintf(word, sizeof(word), " %s ", perm);
	return strstr(roles[role].perms, word) != NULL;
}

int acl_path_ok(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	return n >= 3 && n <= ORG_PATH_LEN && path[0] == '/' && path[n - 1] == '/' &&
	       !path[strspn(path, "0123456789/")] && !strstr(path, "//");
}

void acl_parse_grants(User *u, const char *list)
{
	char *copy, *save = NULL, *item;

	u->ngrants = 0;
	if (!list || !*list)
		return;
	copy = xstrdup(list);
	/* "role:unit:client:path" */
	for (item = strtok_r(copy, ",", &save); item && u->ngrants < MAX_GRANTS;
	     item = strtok_r(NULL, ",", &save)) {
		char *c1 = strchr(item, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		char *c3 = c2 ? strchr(c2 + 1, ':') : NULL;
		Grant *g = &u->grants[u->ngrants];
		if (!c3)
			continue;
		*c1 = '\0';
		g->role = acl_role(item);
		if (g->role < 0)
			continue; /* a role no longer configured grants nothing */
		g->unit_id = strtoll(c1 + 1, NULL, 10);
		g->client_id = strtoll(c2 + 1, NULL, 10);
		if (!acl_path_ok(c3 + 1) || strlen(c3 + 1) >= sizeof(g->path)) {
			/* Never cut, never guessed: the grant counts for nothing. */
			log_msg("error", NULL, "user %lld: grant of %s on unit %lld has a path of %zu"
				" bytes that is not a unit's; refused", u->id, item, g->unit_id,
				strlen(c3 + 1));
			continue;
		}
		memcpy(g->path, c3 + 1, strlen(c3 + 1) + 1);
		u->ngrants++;
	}
	free(copy);
}

int acl_may(Request *r, const char *perm)
{
	if (!r->user)
		return 0;
	for (int i = 0; i < r->user->ngrants; i++)
		if (acl_role_has(r->user->grants[i].role, perm))
			return 1;
	return 0;
}

int acl_may_at(Request *r, const char *perm, const char *unit_path)
{
	if (!r->user || !unit_path)
		return 0;
	for (int i = 0; i < r->user->ngrants; i++) {
		const Grant *g = &r->user->grants[i];
		if (acl_role_has(g->role, perm) && !strncmp(unit_path, g->path, strlen(g->path)))
			return 1;
	}
	return 0;
}

int acl_may_role_at(Request *r, int role, const char *unit_path)
{
	char *perms, *save = NULL, *perm;
	int ok = 1;

	if (role < 0 || role >= nroles)
		return 0;
	perms = xstrdup(roles[role].perms);
	for (perm = strtok_r(perms, " ", &save); perm && ok; perm = strtok_r(NULL, " ", &save))
		ok = acl_may_at(r, perm, unit_path);
	free(perms);
	return ok;
}

int acl_require(Request *r, const char *perm, const char *unit_path)
{
	if (acl_may_at(r, perm, unit_path))
		return 1;
	http_fail(r, 404, "%s not held on %s", perm, unit_path ? unit_path : "(no unit)");
	return 0;
}

int acl_paths(Request *r, const char *perm, const char **paths, int max)
{
	int n = 0;

	if (!r->user)
		return 0;
	for (int i = 0; i < r->user->ngrants && n < max; i++)
		if (acl_role_has(r->user->grants[i].role, perm))
			paths[n++] = r->user->grants[i].path;
	return n;
}

char *acl_scope(Request *r, const char *perm)
{
	const char *paths[MAX_GRANTS];
	int n = acl_paths(r, perm, paths, MAX_GRANTS), used = 0;
	STRING re;

	string_init(&re);
	string_append(&re, "^(");
	for (int i = 0; i < n; i++) {
		/* Paths are made of ids and slashes (acl_parse_grants took
		 * no other): nothing to quote. */
		if (!acl_path_ok(paths[i]))
			continue;
		if (used++)
			string_append(&re, "|");
		string_append(&re, paths[i]);
	}
	string_append(&re, ")");
	if (!used) {
		string_clear(&re);
		return xstrdup("^$");
	}
	return re.buf;
}
