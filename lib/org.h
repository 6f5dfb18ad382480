/* org.h: the organisation tree — agency, clients, sites, departments, teams — with materialised paths */
#ifndef PORTAL_ORG_H
#define PORTAL_ORG_H

#include <ClearSilver.h>

/* Creates a unit below parent (0: the root), in the caller's transaction;
 * its path is the parent's path and its own id. */
NEOERR *org_create(long long parent_id, const char *kind, const char *name, long long client_id,
		   long long *id);

/* The path of a unit ("/1/4/9/") into out; "" when there is no such unit. */
NEOERR *org_path(long long unit_id, char *out, size_t len);

/* The agency's root unit: its id and path ("/1/"); 0 and "" before
 * there is one. */
NEOERR *org_root(long long *id, char *path, size_t len);

#endif
