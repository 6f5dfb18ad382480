/* accounts.c: portalctl's commands on accounts: create-agency-admin, grant */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "acl.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "mail.h"
#include "org.h"
#include "portalctl.h"
#include "util.h"

/* --- create-agency-admin ---------------------------------------------- */

/* The first agency admin of a new installation: an account with the role
 * agency_admin on the agency's root unit (made if there is none), and an
 * invitation link printed for the operator to hand over. */
int cmd_create_agency_admin(char **arg)
{
	const char *email = arg[0], *first = arg[1] ? arg[1] : "Beheerder";
	const char *last = arg[1] && arg[2] ? arg[2] : "";
	char *root = NULL, *found = NULL, *url = NULL;
	long long root_id, uid;
	NEOERR *err;

	if (load_conf())
		return 1;
	if (!mail_address_ok(email))
		return fail("create-agency-admin: not a plain e-mail address: %s", email);
	if (!util_utf8_ok(first, 0) || !util_utf8_ok(last, 0) || strlen(first) > 100 ||
	    strlen(last) > 100)
		return fail("create-agency-admin: the name must be text of at most 100 bytes");
	err = db_value(&found, "SELECT id FROM users WHERE email = ?", "s", email);
	if (err)
		return fail_nerr("create-agency-admin", err);
	if (found) {
		free(found);
		return fail("create-agency-admin: %s already has an account", email);
	}
	err = db_begin();
	if (!err)
		err = db_value(&root, "SELECT id FROM org_units WHERE kind = 'agency' AND parent_id IS NULL"
				      " ORDER BY id LIMIT 1", NULL);
	if (!err && !root)
		err = org_create(0, "agency", conf_str("Portal.Name"), 0, &root_id);
	else if (!err)
		root_id = atoll(root);
	free(root);
	if (!err)
		err = db_exec(NULL, "INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
				    " VALUES ('agency', ?, ?, ?, 'invited', UTC_TIMESTAMP())",
			      "sss", email, first, last);
	uid = (long long)db_insert_id();
	if (!err)
		err = db_exec(NULL, "INSERT INTO grants (user_id, role, unit_id, created_at)"
				    " VALUES (?, 'agency_admin', ?, UTC_TIMESTAMP())", "ii", uid, root_id);
	if (!err)
		err = audit_add(NULL, 0, "user.create", "user", uid, root_id, "portalctl create-agency-admin");
	if (!err)
		err = account_invite_url(NULL, uid, 0, &url);
	if (!err)
		err = db_commit();
	if (err) {
		db_rollback();
		free(url);
		return fail_nerr("create-agency-admin", err);
	}
	printf("%s\n", url);
	free(url);
	return 0;
}

/* --- grant ------------------------------------------------------------ */

/* An agency role on the agency's root, from the server: the roles nobody
 * may hand out in the portal because nobody there holds all their
 * permissions (the privacy officer's: not even the agency admin). */
int cmd_grant(char **arg)
{
	const char *email = arg[0], *role = arg[1];
	char *uid = NULL, *kind = NULL, *detail;
	long long root_id;
	char root[ORG_PATH_LEN + 1];
	unsigned long long n = 0;
	NEOERR *err;
	int r;

	if (load_conf())
		return 1;
	err = acl_init();
	if (err)
		return fail_nerr("grant", err);
	r = acl_role(role);
	if (r < 0 || strcmp(acl_role_side(r), "agency"))
		return fail("grant: %s is not an agency role of %s", role, conf_str("Paths.Roles"));
	err = db_value(&uid, "SELECT id FROM users WHERE email = ?", "s", email);
	if (!err)
		err = db_value(&kind, "SELECT kind FROM users WHERE email = ?", "s", email);
	if (!err)
		err = org_root(&root_id, root, sizeof(root));
	if (err) {
		free(uid);
		free(kind);
		return fail_nerr("grant", err);
	}
	if (!uid || strcmp(kind, "agency")) {
		free(uid);
		free(kind);
		return fail("grant: %s is not a member of the agency's staff", email);
	}
	free(kind);
	detail = xasprintf("%s (portalctl grant)", role);
	err = db_begin();
	if (!err)
		err = db_exec(&n, "INSERT INTO grants (user_id, role, unit_id, created_at)"
				  " VALUES (?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE id = id",
			      "isi", atoll(uid), role, root_id);
	if (!err && n)
		err = audit_add(NULL, 0, "grant.add", "user", atoll(uid), root_id, detail);
	err = db_finish(err);
	free(detail);
	free(uid);
	if (err)
		return fail_nerr("grant", err);
	printf("%s %s %s on the agency\n", email, n ? "now holds" : "already held", role);
	return 0;
}
