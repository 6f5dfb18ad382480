/* org.c: the organisation tree — agency, clients, sites, departments, teams — with materialised paths */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "org.h"
#include "util.h"

NEOERR *org_path(long long unit_id, char *out, size_t len)
{
	char *p = NULL;
	NEOERR *err = db_value(&p, "SELECT path FROM org_units WHERE id = ?", "i", unit_id);

	snprintf(out, len, "%s", p ? p : "");
	free(p);
	return nerr_pass(err);
}

NEOERR *org_create(long long parent_id, const char *kind, const char *name, long long client_id,
		   long long *id)
{
	char parent_path[800] = "/";
	NEOERR *err;

	if (parent_id) {
		err = org_path(parent_id, parent_path, sizeof(parent_path));
		if (err)
			return nerr_pass(err);
		if (!parent_path[0])
			return nerr_raise(NERR_NOT_FOUND, "no unit %lld", parent_id);
	}
	err = db_exec(NULL,
		"INSERT INTO org_units (parent_id, client_id, kind, name, path, time_zone, created_at)"
		" VALUES (NULLIF(?, 0), NULLIF(?, 0), ?, ?, '',"
		" COALESCE((SELECT p.time_zone FROM org_units p WHERE p.id = ?), ?), UTC_TIMESTAMP())",
		"iissis", parent_id, client_id, kind, name, parent_id, conf_str("Planning.TimeZone"));
	if (err)
		return nerr_pass(err);
	*id = (long long)db_insert_id();
	return nerr_pass(db_exec(NULL, "UPDATE org_units SET path = CONCAT(?, id, '/') WHERE id = ?",
				 "si", parent_path, *id));
}

NEOERR *org_root(long long *id, char *path, size_t len)
{
	DBQuery *q;
	NEOERR *err;

	*id = 0;
	path[0] = '\0';
	err = db_query(&q, "SELECT id, path FROM org_units WHERE kind = 'agency'"
			   " AND parent_id IS NULL ORDER BY id LIMIT 1", NULL);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		*id = db_int(q, 0);
		snprintf(path, len, "%s", db_str(q, 1));
	}
	db_end(&q);
	return STATUS_OK;
}
