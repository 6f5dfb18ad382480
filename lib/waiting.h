/* waiting.h: what waits in the planning, as SQL on shifts s — the same
 * conditions for the dashboard's counts (home.c) and the lists they link
 * to (planning/waiting.c), so that a count is what its list shows. */
#ifndef PORTAL_WAITING_H
#define PORTAL_WAITING_H

/* Shifts to come with a worker, planned and not yet published. */
#define WAIT_PLANNED " s.state = 'planned' AND s.worker_user_id IS NOT NULL AND s.starts_at >= UTC_TIMESTAMP()"
/* Shifts to come the back-office refused (a labour rule). */
#define WAIT_REFUSED " s.state = 'refused' AND s.starts_at >= UTC_TIMESTAMP()"
/* Shifts without a worker in the coming seven days. */
#define WAIT_OPEN \
	" s.worker_user_id IS NULL AND s.state IN ('planned', 'published') AND s.starts_at >= UTC_TIMESTAMP()" \
	" AND s.starts_at < UTC_TIMESTAMP() + INTERVAL 7 DAY"

/* Their count in the units of a scope (acl_scope: its one '?') that are
 * not archived (their week is gone), from the units, each through its
 * (unit, state) or (unit, worker) index: never every client's shifts.
 * Needs acl.h. */
#define WAIT_UNITS " o.archived_at IS NULL AND" ACL_IN_SCOPE("o.path")
#define WAIT_COUNT(where) \
	"SELECT COUNT(*) FROM org_units o JOIN shifts s ON s.unit_id = o.id WHERE" where " AND" WAIT_UNITS

#endif
