/* acl.h: who may do what where — roles held on a part of the client's organisation */
#ifndef PORTAL_ACL_H
#define PORTAL_ACL_H

#include "request.h"

/* Loads conf/roles.hdf (Paths.Roles); once per process. */
NEOERR *acl_init(void);

/* The index of a role, or -1; its name and side ("client" or "agency"). */
int acl_role(const char *name);
const char *acl_role_name(int role);
const char *acl_role_side(int role);
int acl_roles(void);
int acl_role_has(int role, const char *perm);

/* Is path the shape of a unit's: "/1/4/9/", ids between slashes, at most
 * ORG_PATH_LEN bytes? */
int acl_path_ok(const char *path);

/* Fills u->grants from "role:unit_id:client_id:path,…" (the session query's list).
 * A grant whose path is not a unit's whole path is left out and logged. */
void acl_parse_grants(User *u, const char *list);

/* Does the user hold perm on any unit? Denial is the default. */
int acl_may(Request *r, const char *perm);

/* Does the user hold perm on the unit with this path ("/1/4/9/"), or on
 * one above it? */
int acl_may_at(Request *r, const char *perm, const char *unit_path);

/* Does the user hold every permission of the role on the unit at path?
 * (Who may hand out a role: nobody passes on more than he has.) */
int acl_may_role_at(Request *r, int role, const char *unit_path);

/* The check a handler makes before it reads an object of a unit: when
 * the user does not hold perm there, the request ends with 404 (the same
 * answer as for an object that does not exist) and 0 is returned. */
int acl_require(Request *r, const char *perm, const char *unit_path);

/* The paths of the units where the user holds perm, for a list query to
 * filter on in SQL (path LIKE CONCAT(?, '%')). Returns how many (≤ max). */
int acl_paths(Request *r, const char *perm, const char **paths, int max);

/* The paths of the units where the user holds perm, as the pattern that
 * ACL_IN_SCOPE binds — "^(/1/2/|/1/7/)", or "^$" for none — for a list
 * query to filter on in SQL: never fetch, then filter in C. Given, to free. */
char *acl_scope(Request *r, const char *perm);

/* SQL: does the unit path of the expression lie in one of the units of a
 * scope? Its '?' binds the pattern of acl_scope (after any '?' of the
 * expression), so the statement text is the same for every user and is
 * prepared once. A pattern, not a JSON_TABLE of paths: a third of the time
 * of the list queries that use it. */
#define ACL_IN_SCOPE(path_expr) " " path_expr " REGEXP ?"

#endif
