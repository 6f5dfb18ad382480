#!/usr/bin/python3
"""The access matrix: every route of every binary, for every demo role and for
a visitor without a session. A route in a cgi-bin/ route table that this
file does not list fails the test, so the matrix grows with the modules.

Objects outside a user's part of the organisation answer 404, never 403:
the portal does not tell whether they exist.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

USERS = {
    "agency_admin": "admin@uitzendbureau.example",
    "consultant": "consultant@uitzendbureau.example",
    "privacy_officer": "privacy@uitzendbureau.example",
    "hr_manager": "hr.manager@klant.example",
    "planner": "planner@klant.example",
    "supervisor": "supervisor@klant.example",
    "hiring_manager": "hiring.manager@klant.example",
    "finance": "finance@klant.example",
    "other_client_planner": "planner@andereklant.example",
    "worker": "worker@flex.example",
}
AGENCY = {"agency_admin", "consultant", "privacy_officer"}
EVERYONE = set(USERS)

# (method, path) -> {who: status}; "anon" is a visitor without a session.
# GET routes are walked; POST routes are listed (their refusals are proven
# in the module's own tests) so that none is forgotten.
LOGGED_IN = dict({u: 200 for u in EVERYONE}, anon=303)
MATRIX = {
    ("GET", "/"): LOGGED_IN,
    ("GET", "/healthz"): dict({u: 200 for u in EVERYONE}, anon=200),
    # By address, not by user: the tests come from loopback, one of
    # Monitor.Allow; any other address gets 404 (tests/ops/test_monitoring.py).
    ("GET", "/metrics"): dict({u: 200 for u in EVERYONE}, anon=200),
    ("GET", "/.well-known/security.txt"): dict({u: 200 for u in EVERYONE}, anon=200),
    ("GET", "/login"): dict({u: 303 for u in EVERYONE}, anon=200),
    ("GET", "/login/totp"): dict({u: 303 for u in EVERYONE}, anon=303),
    ("GET", "/account"): LOGGED_IN,
    ("GET", "/account/2fa"): LOGGED_IN,
    ("GET", "/password/reset"): dict({u: 200 for u in EVERYONE}, anon=200),
    ("GET", "/invite/:token"): "token",
    ("GET", "/password/reset/:token"): "token",
    ("POST", "/login"): "post",
    ("POST", "/login/totp"): "post",
    ("POST", "/logout"): "post",
    ("POST", "/lang"): "post",
    ("POST", "/invite/:token"): "post",
    ("POST", "/password/reset"): "post",
    ("POST", "/password/reset/:token"): "post",
    ("POST", "/account/profile"): "post",
    ("POST", "/account/password"): "post",
    ("POST", "/account/sessions/end"): "post",
    ("POST", "/account/lang"): "post",
    ("POST", "/account/2fa/enable"): "post",
    ("POST", "/account/2fa/disable"): "post",
}



def holders(*roles):
    """200 for the holders of the route's permission, 404 for everyone else."""
    return dict({u: 200 if u in roles else 404 for u in EVERYONE}, anon=303)


MATRIX.update({
    ("GET", "/admin/"): holders(*AGENCY),
    ("GET", "/admin/clients"): holders(*AGENCY),
    ("GET", "/admin/clients/new"): holders("agency_admin"),
    ("GET", "/admin/clients/:id"): "object",
    ("GET", "/admin/units/:id"): "object",
    ("GET", "/admin/users"): holders(*AGENCY),
    ("GET", "/admin/users/new"): holders("agency_admin", "consultant"),
    ("GET", "/admin/users/:id"): "object",
    ("GET", "/admin/users/:id/edit"): "object",
    ("POST", "/admin/users/:id/edit"): "post",
    # A temp worker's photo: to the staff who see him, and to the client
    # users who see him in a week view (tests/http/test_person_fields.py).
    ("GET", "/admin/users/:id/photo"): "object",
    ("POST", "/admin/users/:id/photo"): "post",
    ("POST", "/admin/users/:id/photo/delete"): "post",
    ("GET", "/admin/audit"): holders("agency_admin", "privacy_officer"),
    ("GET", "/admin/announcements"): holders("agency_admin"),
    ("POST", "/admin/announcements"): "post",
    ("POST", "/admin/announcements/:id/withdraw"): "post",
    ("GET", "/admin/outbox"): holders("agency_admin"),
    ("POST", "/admin/outbox/:id/retry"): "post",
    ("GET", "/admin/audit/export"): holders("agency_admin", "privacy_officer"),
    ("POST", "/admin/clients"): "post",
    ("POST", "/admin/clients/:id/archive"): "post",
    ("POST", "/admin/clients/:id/units"): "post",
    ("POST", "/admin/units/:id/rename"): "post",
    ("POST", "/admin/units/:id/move"): "post",
    ("POST", "/admin/units/:id/archive"): "post",
    ("POST", "/admin/users"): "post",
    ("POST", "/admin/users/:id/disable"): "post",
    ("POST", "/admin/users/:id/enable"): "post",
    ("POST", "/admin/users/:id/invite"): "post",
    ("POST", "/admin/users/:id/sessions/end"): "post",
    ("POST", "/admin/users/:id/bsn"): "post",
    ("POST", "/admin/users/:id/bsn/reveal"): "post",
    ("POST", "/admin/users/:id/grants"): "post",
    ("POST", "/admin/users/:id/grants/:grant/revoke"): "post",
    ("GET", "/documents/"): LOGGED_IN,
    ("GET", "/documents/new"): holders("agency_admin", "consultant"),
    ("GET", "/documents/:id/download"): "object",
    ("GET", "/documents/:id/preview"): "object",
    ("POST", "/documents/"): "post",
    ("GET", "/documents/:id/extend"): "object",
    ("POST", "/documents/:id/extend"): "post",
    ("GET", "/documents/retention"): holders("agency_admin", "privacy_officer"),
    ("GET", "/documents/sweep"): holders("agency_admin"),
    ("POST", "/documents/sweep"): "post",
    ("POST", "/documents/retention"): "post",
    ("POST", "/documents/retention/types"): "post",
    ("POST", "/documents/retention/:id"): "post",
    ("POST", "/documents/purge"): "post",
    ("GET", "/vacancies/"): holders("agency_admin", "consultant", "hr_manager", "hiring_manager"),
    ("GET", "/vacancies/new"): holders("hr_manager", "hiring_manager"),
    ("GET", "/vacancies/overview"): holders("consultant"),
    ("GET", "/vacancies/:id"): "object",
    ("GET", "/vacancies/:id/edit"): "object",
    ("POST", "/vacancies/"): "post",
    ("POST", "/vacancies/:id/edit"): "post",
    ("POST", "/vacancies/:id/state"): "post",
    ("GET", "/vacancies/:id/candidates/new"): "object",
    ("GET", "/vacancies/:id/candidates/:cid"): "object",
    ("GET", "/vacancies/:id/candidates/:cid/cv"): "object",
    ("POST", "/vacancies/:id/candidates"): "post",
    ("POST", "/vacancies/:id/candidates/:cid/interview"): "post",
    ("POST", "/vacancies/:id/candidates/:cid/confirm"): "post",
    ("POST", "/vacancies/:id/candidates/:cid/accept"): "post",
    ("POST", "/vacancies/:id/candidates/:cid/reject"): "post",
    ("POST", "/vacancies/:id/candidates/:cid/withdraw"): "post",
    ("POST", "/vacancies/:id/candidates/:cid/comments"): "post",
    ("GET", "/planning/"): holders("agency_admin", "consultant", "hr_manager", "planner", "supervisor",
                                   "other_client_planner"),
    ("GET", "/planning/shifts/new"): holders("consultant", "planner", "other_client_planner"),
    ("GET", "/planning/shifts/:id/edit"): "object",
    ("GET", "/planning/waiting"): holders("consultant", "planner", "other_client_planner"),
    ("GET", "/planning/progress"): "object",
    ("POST", "/planning/shifts"): "post",
    ("POST", "/planning/shifts/:id"): "post",
    ("POST", "/planning/shifts/:id/delete"): "post",
    ("POST", "/planning/publish"): "post",
    ("POST", "/planning/copy"): "post",
    ("GET", "/planning/export.csv"): "object",
    ("GET", "/planning/day"): "object",
    ("GET", "/planning/workers"): holders("consultant"),
    ("GET", "/planning/workers/:worker"): "object",
    ("POST", "/planning/workers/:worker/pools"): "post",
    ("POST", "/planning/workers/:worker/pools/:id/delete"): "post",
    ("POST", "/planning/workers/:worker/skills"): "post",
    ("POST", "/planning/workers/:worker/skills/:id/delete"): "post",
    ("POST", "/planning/workers/:worker/week"): "post",
    ("POST", "/planning/workers/:worker/days"): "post",
    ("POST", "/planning/workers/:worker/days/:id/delete"): "post",
    ("POST", "/planning/me/open/:id/take"): "post",
    ("GET", "/planning/me"): holders("worker"),
    ("POST", "/planning/me/week"): "post",
    ("POST", "/planning/me/days"): "post",
    ("POST", "/planning/me/days/:id/delete"): "post",
    ("POST", "/planning/me/feed"): "post",
    ("GET", "/planning/feed/:feed"): "token",
    # Hours: those who see them in their part of the organisation; a temp
    # worker's /timesheets/ is his own weeks.
    ("GET", "/timesheets/"): dict(holders("agency_admin", "consultant", "hr_manager", "planner", "supervisor",
                                          "other_client_planner"), worker=303),
    ("GET", "/timesheets/export.csv"): "object",
    # Reports: report.view for the client report and the temp workers,
    # invoice.view for the invoice reports; each opens at the user's
    # topmost unit with it.
    ("GET", "/reports/"): holders("agency_admin", "consultant", "hr_manager", "finance"),
    ("GET", "/reports/clients"): holders("agency_admin", "consultant", "hr_manager", "finance"),
    ("GET", "/reports/client.csv"): holders("agency_admin", "consultant", "hr_manager", "finance"),
    ("GET", "/reports/client.xlsx"): holders("agency_admin", "consultant", "hr_manager", "finance"),
    ("GET", "/reports/workers"): holders("agency_admin", "consultant", "hr_manager", "finance"),
    ("GET", "/reports/workers.csv"): holders("agency_admin", "consultant", "hr_manager", "finance"),
    ("GET", "/reports/workers.xlsx"): holders("agency_admin", "consultant", "hr_manager", "finance"),
    ("GET", "/reports/invoices"): holders("agency_admin", "consultant", "finance"),
    ("GET", "/reports/invoices.csv"): holders("agency_admin", "consultant", "finance"),
    ("GET", "/reports/invoices.xlsx"): holders("agency_admin", "consultant", "finance"),
    ("GET", "/reports/hours"): holders("agency_admin", "consultant", "finance"),
    ("GET", "/reports/hours.csv"): holders("agency_admin", "consultant", "finance"),
    ("GET", "/reports/hours.xlsx"): holders("agency_admin", "consultant", "finance"),
    ("GET", "/timesheets/export.xlsx"): "object",
    ("POST", "/timesheets/approve"): "post",
    ("GET", "/timesheets/progress"): "object",
    ("GET", "/timesheets/me"): holders("worker"),
    ("POST", "/timesheets/me/open"): "post",
    ("GET", "/timesheets/me/:id"): "object",
    ("POST", "/timesheets/me/:id"): "post",
    ("GET", "/timesheets/workers"): holders("agency_admin", "consultant"),
    ("GET", "/timesheets/workers/:worker"): "object",
    ("POST", "/timesheets/workers/:worker/open"): "post",
    ("GET", "/timesheets/workers/:worker/:id"): "object",
    ("POST", "/timesheets/workers/:worker/:id"): "post",
    ("GET", "/timesheets/:id"): "object",
    ("POST", "/timesheets/:id/approve"): "post",
    ("POST", "/timesheets/:id/reject"): "post",
    ("GET", "/timesheets/:id/correct"): "object",
    ("POST", "/timesheets/:id/correct"): "post",
})

# Privacy: the privacy officer's pages; the statement is public, and
# everyone has his own page.
MATRIX.update({
    ("GET", "/privacy/"): holders("privacy_officer"),
    ("GET", "/privacy/statement"): dict({u: 200 for u in EVERYONE}, anon=200),
    ("GET", "/privacy/me"): LOGGED_IN,
    # persons
    ("GET", "/privacy/persons"): holders("privacy_officer"),
    ("GET", "/privacy/persons/:id"): "object",
    ("GET", "/privacy/candidates/:id"): "object",
    # dossier: access and portability — a person's file as a page, a PDF
    # and JSON: the privacy officer's of anyone, everyone's own.
    ("GET", "/privacy/persons/:id/dossier"): "object",
    ("GET", "/privacy/persons/:id/dossier.pdf"): "object",
    ("GET", "/privacy/persons/:id/dossier.json"): "object",
    ("GET", "/privacy/candidates/:id/dossier"): "object",
    ("GET", "/privacy/candidates/:id/dossier.pdf"): "object",
    ("GET", "/privacy/candidates/:id/dossier.json"): "object",
    ("GET", "/privacy/me/dossier"): LOGGED_IN,
    ("GET", "/privacy/me/dossier.pdf"): LOGGED_IN,
    ("GET", "/privacy/me/dossier.json"): LOGGED_IN,
    # requests: the queue and a request are the privacy officer's; every
    # user files his own from /privacy/me.
    ("GET", "/privacy/requests"): holders("privacy_officer"),
    ("GET", "/privacy/requests/:id"): "object",
    ("POST", "/privacy/requests/:id/extend"): "post",
    ("POST", "/privacy/requests/:id/close"): "post",
    ("POST", "/privacy/persons/:id/requests"): "post",
    ("POST", "/privacy/candidates/:id/requests"): "post",
    ("POST", "/privacy/me/requests"): "post",

    # retention and consent
    ("POST", "/privacy/persons/:id/contact"): "post",
    ("POST", "/privacy/candidates/:id/contact"): "post",
    ("GET", "/privacy/consent/:token"): "token",
    ("POST", "/privacy/consent/:token"): "post",
    # erasure
    ("GET", "/privacy/persons/:id/erase"): "object",
    ("POST", "/privacy/persons/:id/erase"): "post",
    ("GET", "/privacy/candidates/:id/erase"): "object",
    ("POST", "/privacy/candidates/:id/erase"): "post",

    # processing agreement: the client's own page for agreement.sign (the
    # HR manager holds it on his site: he reads it, does not sign); a
    # signed copy is an object; the agency's list for agreement.view
    ("GET", "/privacy/agreement"): holders("hr_manager"),
    ("POST", "/privacy/agreement"): "post",
    ("GET", "/privacy/agreement/:id/pdf"): "object",
    ("GET", "/privacy/agreements"): holders("agency_admin", "privacy_officer"),
    ("GET", "/privacy/agreements/:id"): "object",
})

# A demo timesheet of a worker in a state, by id; and its worker and id.
SHEET = ("SELECT t.id FROM timesheets t JOIN users u ON u.id = t.worker_user_id"
         " WHERE u.email = '%s' AND t.state = '%s' ORDER BY t.week LIMIT 1")
SHEET_OF = ("SELECT t.worker_user_id, t.id FROM timesheets t JOIN users u ON u.id = t.worker_user_id"
            " WHERE u.email = '%s' AND t.state = '%s' ORDER BY t.week LIMIT 1")

# Routes of one object: (route, the object's id by SQL, {who: status}).
# The consultant holds her role on Klant NV only: the other client's
# objects answer 404, as do all of them to client users.
OBJECTS = [
    # A person's page: the privacy officer's, of anyone.
    (("GET", "/privacy/persons/:id"), "SELECT id FROM users WHERE email = 'worker@flex.example'",
     holders("privacy_officer")),
    (("GET", "/privacy/persons/:id"), "SELECT id FROM users WHERE email = 'planner@andereklant.example'",
     holders("privacy_officer")),
    (("GET", "/privacy/candidates/:id"), "SELECT id FROM candidates WHERE name = 'Toegang A1'",
     holders("privacy_officer")),
    (("GET", "/privacy/persons/:id/erase"), "SELECT id FROM users WHERE email = 'worker@flex.example'",
     holders("privacy_officer")),
    (("GET", "/privacy/candidates/:id/erase"), "SELECT id FROM candidates WHERE name = 'Toegang A1'",
     holders("privacy_officer")),
    # A request of a data subject (the demo's, of Jan Willems and of Lisa
    # Maes): the privacy officer's only, not even the person's own.
    (("GET", "/privacy/requests/:id"), "SELECT MIN(r.id) FROM privacy_requests r JOIN users u ON u.id = r.user_id"
     " WHERE u.email = 'worker@flex.example'", holders("privacy_officer")),
    (("GET", "/privacy/requests/:id"), "SELECT MIN(r.id) FROM privacy_requests r JOIN users u ON u.id = r.user_id"
     " WHERE u.email = 'lisa.maes@flex.example'", holders("privacy_officer")),
    # dossier: a person's file, in each format — the privacy officer's only
    # (everyone has his own under /privacy/me).
    (("GET", "/privacy/persons/:id/dossier"), "SELECT id FROM users WHERE email = 'worker@flex.example'",
     holders("privacy_officer")),
    (("GET", "/privacy/persons/:id/dossier.pdf"), "SELECT id FROM users WHERE email = 'worker@flex.example'",
     holders("privacy_officer")),
    (("GET", "/privacy/persons/:id/dossier.json"), "SELECT id FROM users WHERE email = 'worker@flex.example'",
     holders("privacy_officer")),
    (("GET", "/privacy/persons/:id/dossier.json"), "SELECT id FROM users WHERE email = 'planner@andereklant.example'",
     holders("privacy_officer")),
    (("GET", "/privacy/candidates/:id/dossier"), "SELECT id FROM candidates WHERE name = 'Toegang A1'",
     holders("privacy_officer")),
    (("GET", "/privacy/candidates/:id/dossier.pdf"), "SELECT id FROM candidates WHERE name = 'Toegang A1'",
     holders("privacy_officer")),
    (("GET", "/privacy/candidates/:id/dossier.json"), "SELECT id FROM candidates WHERE name = 'Toegang A1'",
     holders("privacy_officer")),
    # A signed processing agreement: its client's readers (agreement.sign
    # anywhere in it) and the agency's agreement.view; a client's history:
    # the agency's only.
    (("GET", "/privacy/agreement/:id/pdf"), "SELECT s.id FROM agreement_signatures s JOIN clients c"
     " ON c.id = s.client_id WHERE c.name = 'Klant NV' ORDER BY s.id LIMIT 1",
     holders("agency_admin", "privacy_officer", "hr_manager")),
    (("GET", "/privacy/agreement/:id/pdf"), "SELECT s.id FROM agreement_signatures s JOIN clients c"
     " ON c.id = s.client_id WHERE c.name = 'Andere Klant BV' ORDER BY s.id LIMIT 1",
     holders("agency_admin", "privacy_officer")),
    (("GET", "/privacy/agreements/:id"), "SELECT id FROM clients WHERE name = 'Klant NV'",
     holders("agency_admin", "privacy_officer")),
    # A client's figures: the client-wide report needs the permission on
    # its root (the HR manager holds it on his site only).
    (("GET", "/reports/?unit=:id"), "SELECT unit_id FROM clients WHERE name = 'Klant NV'",
     holders("agency_admin", "consultant", "finance")),
    (("GET", "/reports/?unit=:id"), "SELECT id FROM org_units WHERE name = 'Vestiging Rotterdam'",
     holders("agency_admin", "consultant", "finance", "hr_manager")),
    (("GET", "/reports/?unit=:id"), "SELECT unit_id FROM clients WHERE name = 'Andere Klant BV'",
     holders("agency_admin")),
    (("GET", "/reports/invoices.xlsx?unit=:id"), "SELECT id FROM org_units WHERE name = 'Vestiging Rotterdam'",
     holders("agency_admin", "consultant", "finance")),
    (("GET", "/admin/clients/:id"), "SELECT id FROM clients WHERE name = 'Klant NV'",
     holders("agency_admin", "consultant", "privacy_officer")),
    (("GET", "/admin/clients/:id"), "SELECT id FROM clients WHERE name = 'Andere Klant BV'",
     holders("agency_admin", "privacy_officer")),
    (("GET", "/admin/units/:id"), "SELECT id FROM org_units WHERE name = 'Team A2 — Expeditie'",
     holders("agency_admin", "consultant", "privacy_officer")),
    (("GET", "/admin/units/:id"), "SELECT id FROM org_units WHERE name = 'Team Gent 1'",
     holders("agency_admin", "privacy_officer")),
    (("GET", "/admin/users/:id"), "SELECT id FROM users WHERE email = 'supervisor@klant.example'",
     holders("agency_admin", "consultant", "privacy_officer")),
    (("GET", "/admin/users/:id"), "SELECT id FROM users WHERE email = 'planner@andereklant.example'",
     holders("agency_admin", "privacy_officer")),
    # Correcting details: user.edit on a client user's unit, worker.edit
    # on a temp worker's (the agency's root: the consultant holds hers on
    # Klant NV).
    (("GET", "/admin/users/:id/edit"), "SELECT id FROM users WHERE email = 'supervisor@klant.example'",
     holders("agency_admin", "consultant")),
    (("GET", "/admin/users/:id/edit"), "SELECT id FROM users WHERE email = 'planner@andereklant.example'",
     holders("agency_admin")),
    (("GET", "/admin/users/:id/edit"), "SELECT id FROM users WHERE email = 'sanne.peeters@flex.example'",
     holders("agency_admin")),
    # Sanne Peeters's photo (the demo's, at team A1): the agency's staff,
    # and who plans or looks at team A1's week; Jan Willems has none.
    (("GET", "/admin/users/:id/photo"), "SELECT id FROM users WHERE email = 'sanne.peeters@flex.example'",
     holders("agency_admin", "consultant", "privacy_officer", "hr_manager", "planner", "supervisor")),
    (("GET", "/admin/users/:id/photo"), "SELECT id FROM users WHERE email = 'worker@flex.example'", holders()),
    (("GET", "/admin/users/:id/photo"), "SELECT id FROM users WHERE email = 'planner@klant.example'", holders()),
    (("GET", "/vacancies/:id"), "SELECT id FROM vacancies WHERE title = 'Inpakker nachtdienst'",
     holders("agency_admin", "consultant", "hr_manager", "hiring_manager")),
    (("GET", "/vacancies/:id"), "SELECT id FROM vacancies WHERE title = 'Orderpicker expeditie'",
     holders("agency_admin", "consultant", "hr_manager")),
    (("GET", "/vacancies/:id"), "SELECT id FROM vacancies WHERE title = 'Magazijnmedewerker Gent'",
     holders("agency_admin")),
    (("GET", "/vacancies/:id/edit"), "SELECT id FROM vacancies WHERE title = 'Inpakker nachtdienst'",
     holders("hr_manager", "hiring_manager")),
    (("GET", "/vacancies/:id/edit"), "SELECT id FROM vacancies WHERE title = 'Orderpicker expeditie'",
     holders("hr_manager")),
    (("GET", "/vacancies/:id/candidates/new"), "SELECT id FROM vacancies WHERE title = 'Inpakker dagdienst'",
     holders("consultant")),
    (("GET", "/vacancies/:id/candidates/new"), "SELECT id FROM vacancies WHERE title = 'Magazijnmedewerker Gent'",
     holders()),
    # A candidate's routes: the query gives the vacancy and the candidate.
    (("GET", "/vacancies/:id/candidates/:cid"), "SELECT vacancy_id, id FROM candidates WHERE name = 'Toegang A1'",
     holders("agency_admin", "consultant", "hr_manager", "hiring_manager")),
    (("GET", "/vacancies/:id/candidates/:cid"), "SELECT vacancy_id, id FROM candidates WHERE name = 'Toegang A2'",
     holders("agency_admin", "consultant", "hr_manager")),
    (("GET", "/vacancies/:id/candidates/:cid"), "SELECT vacancy_id, id FROM candidates WHERE name = 'Toegang Gent'",
     holders("agency_admin")),
    # A demo shift at team A1, and one at team A2: the planner of
    # department A and the consultant plan both; the rest only look, or not.
    (("GET", "/planning/shifts/:id/edit"), "SELECT s.id FROM shifts s JOIN users u ON u.id = s.worker_user_id"
     " WHERE u.email = 'worker@flex.example' ORDER BY s.id LIMIT 1", holders("consultant", "planner")),
    (("GET", "/planning/shifts/:id/edit"), "SELECT s.id FROM shifts s JOIN users u ON u.id = s.worker_user_id"
     " WHERE u.email = 'lisa.maes@flex.example' ORDER BY s.id LIMIT 1", holders("consultant", "planner")),
    # A week as CSV: the unit's query string after the route.
    (("GET", "/planning/export.csv?unit=:id"), "SELECT id FROM org_units WHERE name = 'Team A2 — Expeditie'",
     holders("agency_admin", "consultant", "hr_manager", "planner")),
    # A day of team A2: as the week as CSV.
    (("GET", "/planning/day?unit=:id"), "SELECT id FROM org_units WHERE name = 'Team A2 — Expeditie'",
     holders("agency_admin", "consultant", "hr_manager", "planner")),
    # The week's contracts as JSON: no redirect to the login page for a
    # script, a 403 for a visitor.
    (("GET", "/planning/progress?unit=:id&week=2026-12-07"),
     "SELECT id FROM org_units WHERE name = 'Team A2 — Expeditie'",
     dict(holders("agency_admin", "consultant", "hr_manager", "planner"), anon=403)),
    # After a bulk approval, the approver's own weeks on their way, as
    # JSON: for who approves; a 403 for a visitor.
    (("GET", "/timesheets/progress?after=0&upto=:id"), "SELECT '0'", dict(holders("supervisor"), anon=403)),
    # A temp worker's availability: kept by the agency's planners only.
    (("GET", "/planning/workers/:id"), "SELECT id FROM users WHERE email = 'worker@flex.example'",
     holders("consultant")),
    (("GET", "/planning/workers/:id"), "SELECT id FROM users WHERE email = 'planner@klant.example'",
     holders()),
    # The demo's timesheets (portalctl seed-demo): Jan Willems's draft is
    # his alone — nobody else sees that it exists; Sanne Peeters's
    # submitted week at team A1 and Lisa Maes's at team A2 are seen where
    # they lie; the agency keeps Sanne's hours (she has no login), not
    # Jan's.
    (("GET", "/timesheets/:id"), SHEET % ("worker@flex.example", "draft"), holders()),
    (("GET", "/timesheets/:id"), SHEET % ("sanne.peeters@flex.example", "submitted"),
     holders("agency_admin", "consultant", "hr_manager", "planner", "supervisor")),
    (("GET", "/timesheets/:id"), SHEET % ("lisa.maes@flex.example", "submitted"),
     holders("agency_admin", "consultant", "hr_manager", "planner")),
    (("GET", "/timesheets/me/:id"), SHEET % ("worker@flex.example", "draft"), holders("worker")),
    (("GET", "/timesheets/me/:id"), SHEET % ("sanne.peeters@flex.example", "submitted"), holders()),
    (("GET", "/timesheets/workers/:id"), "SELECT id FROM users WHERE email = 'sanne.peeters@flex.example'",
     holders("agency_admin", "consultant")),
    (("GET", "/timesheets/workers/:id"), "SELECT id FROM users WHERE email = 'worker@flex.example'", holders()),
    (("GET", "/timesheets/workers/:id/:cid"), SHEET_OF % ("sanne.peeters@flex.example", "submitted"),
     holders("agency_admin", "consultant")),
    (("GET", "/timesheets/workers/:id/:cid"), SHEET_OF % ("worker@flex.example", "draft"), holders()),
    (("GET", "/timesheets/:id/correct"), SHEET % ("sanne.peeters@flex.example", "approved"),
     holders("agency_admin", "consultant")),
    (("GET", "/timesheets/export.csv?week=:id"), "SELECT DATE_FORMAT(MIN(week), '%Y-%m-%d') FROM timesheets",
     holders("agency_admin", "consultant", "hr_manager", "planner", "supervisor", "other_client_planner")),
    (("GET", "/timesheets/export.xlsx?week=:id"), "SELECT DATE_FORMAT(MIN(week), '%Y-%m-%d') FROM timesheets",
     holders("agency_admin", "consultant", "hr_manager", "planner", "supervisor", "other_client_planner")),
    # Without a CV the download is 404 to everyone, never an error.
    (("GET", "/vacancies/:id/candidates/:cid/cv"), "SELECT vacancy_id, id FROM candidates WHERE name = 'Toegang A1'",
     holders()),
]

# The candidates the objects above need, without a CV, once.
CANDIDATES = {"Toegang A1": "Inpakker dagdienst", "Toegang A2": "Orderpicker expeditie",
              "Toegang Gent": "Magazijnmedewerker Gent"}


def ensure_candidates():
    for name, title in CANDIDATES.items():
        if not sql("SELECT id FROM candidates WHERE name = '%s'" % name):
            sql("INSERT INTO candidates (vacancy_id, name, proposal, state, created_at, state_changed_at)"
                " SELECT id, '%s', 'x', 'proposed', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM vacancies"
                " WHERE title = '%s'" % (name, title))

def routes_in_code():
    return {(r["method"], r["path"]) for r in routes()}


_clients = {}


def client_of(who):
    if who == "anon":
        return Client()
    if who not in _clients:
        c, r = login(USERS[who])
        assert r.status == 303, (who, r.status)
        _clients[who] = c
    return _clients[who]


def test_every_route_in_the_code_is_in_the_matrix():
    missing = sorted(routes_in_code() - set(MATRIX))
    assert not missing, "routes without a line in the access matrix: %s" % missing


def test_every_get_route_answers_each_role_as_the_matrix_says():
    wrong = []
    for (method, path), expect in sorted(MATRIX.items()):
        if method != "GET" or not isinstance(expect, dict):
            continue
        for who, status in sorted(expect.items()):
            got = client_of(who).get(path).status
            if got != status:
                wrong.append("%s %s as %s: %d, expected %d" % (method, path, who, got, status))
    assert not wrong, "\n".join(wrong)


def test_objects_answer_404_outside_a_users_part_of_the_organisation():
    wrong = []
    ensure_candidates()
    for (method, path), query, expect in OBJECTS:
        row = sql(query)[0]
        url = path.replace(":cid", row[-1]).replace(":id", row[0])
        for who, status in sorted(expect.items()):
            got = client_of(who).get(url).status
            if got != status:
                wrong.append("%s %s as %s: %d, expected %d" % (method, url, who, got, status))
    for url in ("/admin/clients/999999", "/admin/units/999999", "/admin/users/999999",
                "/vacancies/999999", "/vacancies/999999/candidates/1", "/planning/shifts/999999/edit"):
        if client_of("agency_admin").get(url).status != 404:
            wrong.append("%s: a missing object is not 404" % url)
    assert not wrong, "\n".join(wrong)


def test_token_pages_answer_404_to_a_made_up_token():
    for path in ("/invite/", "/password/reset/", "/privacy/consent/"):
        for who in ("anon", "planner"):
            assert client_of(who).get(path + "A" * 43).status == 404
    for who in ("anon", "worker"):
        assert client_of(who).get("/planning/feed/%s.ics" % ("A" * 43)).status == 404


def post_routes():
    return sorted({fill_path(r["path"]) for r in routes() if r["method"] == "POST"})


def test_every_post_route_refuses_a_visitor_without_a_token():
    wrong = []
    for path in post_routes():
        c = Client()
        c.get("/login")  # a visitor with the pre-login cookie, but no token
        r = c.post(path, {})
        if r.status != 403:
            wrong.append("%s: %d" % (path, r.status))
    assert not wrong, "\n".join(wrong)


def test_every_post_route_refuses_a_session_without_its_own_token():
    """A logged-in user's POST needs the token of his own session: none, the
    pre-login one, or another session's gets 403 on every route of every
    binary — before any parameter is looked at."""
    me = client_of("agency_admin")
    other = client_of("planner").get("/").csrf()
    visitor = Client().get("/login").csrf()
    assert other and visitor
    wrong = []
    for path in post_routes():
        for label, fields in (("no token", {}), ("another session's", {"csrf": other}),
                              ("the pre-login one", {"csrf": visitor})):
            r = me.post(path, fields)
            if r.status != 403:
                wrong.append("%s with %s: %d" % (path, label, r.status))
    assert me.get("/").status == 200, "the session did not survive"
    assert not wrong, "\n".join(wrong)


if __name__ == "__main__":
    run(globals())
