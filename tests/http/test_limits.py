#!/usr/bin/python3
"""Valid input never gives a 500: every form of every module (found from the
binaries' route tables), each text field at its maximum allowed length in
4-byte characters (emoji), then one past it, then all of them at once. A
form the test has no way to fill yet fails the test: a new form comes with
its line here."""
import datetime
import html.parser
import io
import os
import re
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

E = "\U0001F600"  # 😀: four bytes in UTF-8
TEXT_TYPES = ("line", "text", "secret", "email", "file")
RUN = uuid.uuid4().hex[:6]
as_user = signed_in  # one login per account and run
_n = [0]




def one(query):
    rows = sql(query)
    assert rows, query
    return rows[0][0]


def unique(prefix="x"):
    _n[0] += 1
    return "%s-%s-%d" % (prefix, RUN, _n[0])


def pdf():
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def longest(n):
    """n characters, all but the last four of them four bytes long; the
    four are ASCII and new on every call, so that names which must be
    unique stay so (utf8mb4_unicode_ci takes all emoji for equal)."""
    _n[0] += 1
    return E * (n - 4) + "%04x" % (_n[0] % 65536) if n > 4 else E * n


def days_ahead(n, hour):
    d = datetime.date.today() + datetime.timedelta(days=n)
    return "%sT%02d:00" % (d.isoformat(), hour)


# --- what each form needs besides its text ---------------------------------

def new_candidate(vid):
    sql("INSERT INTO candidates (vacancy_id, name, contact, proposal, state, created_at, state_changed_at)"
        " VALUES (%s, 'Limiet %s', 'limiet@example.org', 'x', 'proposed', UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP())" % (vid, unique()))
    return one("SELECT MAX(id) FROM candidates WHERE vacancy_id = %s" % vid)


def throwaway_admin():
    """An agency admin of this run with a password; (email, token of a
    reset link)."""
    email = "limits.%s@uitzendbureau.example" % RUN
    r = portalctl("create-agency-admin", email, "Limiet", "Test")
    assert r.returncode == 0, r.stderr
    path = r.stdout.strip().split(BASE)[1]
    c = Client()
    pw = "paarse olifant danst tango"
    assert c.post(path, {"csrf": c.get(path).csrf(), "password": pw, "password2": pw}).status == 200
    # An agency admin must have a second factor: enrolled, so that the
    # login waits for its code.
    time.sleep(0.3)
    c.post("/login", {"csrf": c.get("/login").csrf(), "email": email, "password": pw})
    page = c.get("/account/2fa")
    key = re.search(r'<code class="key">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    r = c.post("/account/2fa/enable", {"csrf": page.csrf(), "code": totp(key, fresh_step(email))})
    assert r.status == 200, r.status
    return email, pw


_setup = {}


def setup():
    """The objects the forms work on, made once."""
    if _setup:
        return _setup
    s = _setup
    admin = as_user("admin@uitzendbureau.example")
    tok = admin.get("/admin/clients/new").csrf()
    r = admin.post("/admin/clients", {"csrf": tok, "name": "Limietklant %s" % RUN})
    assert r.status == 303, r.status
    s["client"] = one("SELECT id FROM clients WHERE name = 'Limietklant %s'" % RUN)
    s["client_unit"] = one("SELECT unit_id FROM clients WHERE id = %s" % s["client"])
    sql("INSERT INTO org_units (parent_id, client_id, kind, name, path, created_at) SELECT id, client_id,"
        " 'site', 'Limietvestiging %s', '', UTC_TIMESTAMP() FROM org_units WHERE id = %s" % (RUN, s["client_unit"]))
    s["site"] = one("SELECT id FROM org_units WHERE name = 'Limietvestiging %s'" % RUN)
    sql("UPDATE org_units SET path = CONCAT((SELECT p FROM (SELECT path AS p FROM org_units WHERE id = %s) x),"
        " id, '/') WHERE id = %s" % (s["client_unit"], s["site"]))
    s["a1"] = one("SELECT id FROM org_units WHERE name = 'Team A1 — Inpak'")
    # A temp worker of this run: the agency's forms about him change his
    # pools and positions, which the other tests leave alone.
    sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at) VALUES ('worker',"
        " 'limiet.%s@flex.example', 'Limiet', 'Werker', 'active', UTC_TIMESTAMP())" % RUN)
    s["worker"] = one("SELECT id FROM users WHERE email = 'limiet.%s@flex.example'" % RUN)
    s["vacancy"] = one("SELECT id FROM vacancies WHERE title = 'Inpakker dagdienst'")
    s["doc"] = one("SELECT MIN(id) FROM documents WHERE doc_type <> 'cv'")
    s["retention"] = one("SELECT MIN(id) FROM retention_types")
    hr = as_user("hr.manager@klant.example")
    tok = hr.get("/vacancies/new").csrf()
    r = hr.post("/vacancies/", dict(vacancy_fields(), csrf=tok, title="Limietvacature %s" % RUN))
    assert r.status == 303, (r.status, r.text[-1500:])
    s["own_vacancy"] = one("SELECT id FROM vacancies WHERE title = 'Limietvacature %s'" % RUN)
    planner = as_user("planner@klant.example")
    tok = planner.get("/planning/shifts/new?unit=%s" % s["a1"]).csrf()
    r = planner.post("/planning/shifts", dict(shift_fields(), csrf=tok))
    assert r.status == 303, (r.status, r.text[-1500:])
    s["shift"] = one("SELECT MAX(id) FROM shifts WHERE unit_id = %s AND worker_user_id IS NULL" % s["a1"])
    s["admin_email"], s["admin_pw"] = throwaway_admin()
    return s


def vacancy_fields():
    return {"unit": setup_a1(), "title": "Limiet", "position": "Inpakker", "description": "Werk.",
            "work_location": "", "hours": "38", "shift": "day",
            "start": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
            "end": "", "positions": "1", "skills": "", "languages": ""}


def setup_a1():
    return one("SELECT id FROM org_units WHERE name = 'Team A1 — Inpak'")


def shift_fields():
    return {"unit": setup_a1(), "position": "Productiemedewerker inpak",
            "start": days_ahead(300 + _n[0] % 30, 8), "end": days_ahead(300 + _n[0] % 30, 16),
            "break": "30", "note": ""}


def reset_token():
    """A reset link's token, asked for once: the posts here never set a
    password, so it stays good."""
    if "reset" in _setup:
        return _setup["reset"]
    s = setup()
    c = Client()
    c.post("/password/reset", {"csrf": c.get("/password/reset").csrf(), "email": s["admin_email"]})
    text = one("SELECT REPLACE(JSON_VALUE(payload, '$.text'), '\\n', ' ') FROM outbox WHERE"
               " idempotency_key LIKE 'mail:reset:%%' AND JSON_VALUE(payload, '$.to') = '%s'"
               " ORDER BY id DESC LIMIT 1" % s["admin_email"])
    s["reset"] = re.search(r"/password/reset/([A-Za-z0-9_-]{43})", text).group(1)
    return s["reset"]


def invite_token():
    if "invite" in _setup:
        return _setup["invite"]
    r = portalctl("create-agency-admin", "%s@uitzendbureau.example" % unique("invited"), "Limiet", "Uitgenodigd")
    assert r.returncode == 0, r.stderr
    _setup["invite"] = r.stdout.strip().rsplit("/", 1)[1]
    return _setup["invite"]


def profile_user():
    """A client user of this run, logged in: his own details are the ones
    the account's form changes (the demo's password, copied)."""
    s = setup()
    if "profile" not in _setup:
        email = "profiel.%s@klant.example" % RUN
        sql("INSERT INTO users (kind, client_id, email, first_name, last_name, status, created_at) VALUES"
            " ('client', %s, '%s', 'Pro', 'Fiel', 'active', UTC_TIMESTAMP())" % (s["client"], email))
        sql("INSERT INTO credentials (user_id, password_hash, password_changed_at) SELECT u.id, c.password_hash,"
            " UTC_TIMESTAMP() FROM users u JOIN credentials c ON c.user_id = (SELECT id FROM users"
            " WHERE email = 'finance@klant.example') WHERE u.email = '%s'" % email)
        _setup["profile"] = as_user(email)
    return _setup["profile"]


def pending_admin():
    """A browser that gave the throwaway admin's password and waits for
    the code."""
    s = setup()
    sql("UPDATE credentials SET failed_logins = 0, locked_until = NULL WHERE user_id ="
        " (SELECT id FROM users WHERE email = '%s')" % s["admin_email"])
    c = Client()
    tok = c.get("/login").csrf()
    time.sleep(0.25)
    r = c.post("/login", {"csrf": tok, "email": s["admin_email"], "password": s["admin_pw"]})
    assert r.status == 303, r.status
    return c


# Per route: who posts (an e-mail, or a function giving a browser), the
# path's parameters, the page to take the CSRF token from, the other
# fields, and whether the form uploads a file. Values may be functions,
# called for every post.
def forms():
    s = setup()
    return {
        "/admin/clients": dict(who="admin@uitzendbureau.example", fields={}),
        "/admin/clients/:id/units": dict(who="admin@uitzendbureau.example", path={"id": s["client"]},
                                         fields={"parent": s["client_unit"], "kind": "team"}),
        "/admin/users/:id/edit": dict(who="admin@uitzendbureau.example", path={"id": s["worker"]},
                                      page="/admin/users/%(id)s/edit",
                                      fields={"first_name": "Limiet", "last_name": "Werker",
                                              "email": "limiet.%s@flex.example" % RUN}),
        "/admin/users/:id/photo": dict(who="admin@uitzendbureau.example", path={"id": s["worker"]},
                                       page="/admin/users/%(id)s", upload=True, fields={}),
        "/admin/users/:id/bsn": dict(who="privacy@uitzendbureau.example", path={"id": s["worker"]},
                                     page="/admin/users/%(id)s", fields={"country": "NL"}),
        # A period far ahead: nothing this posts shows on the other tests' pages.
        "/admin/announcements": dict(who="admin@uitzendbureau.example", page="/admin/announcements",
                                     fields={"kind": "notice",
                                             "from_date": (datetime.date.today()
                                                           + datetime.timedelta(days=300)).isoformat(),
                                             "from_time": "08:00",
                                             "until_date": (datetime.date.today()
                                                            + datetime.timedelta(days=301)).isoformat(),
                                             "until_time": "08:00"}),
        "/admin/units/:id/rename": dict(who="admin@uitzendbureau.example", path={"id": s["site"]}, fields={}),
        "/admin/users": dict(who="admin@uitzendbureau.example",
                             fields={"kind": "client", "client": s["client"],
                                     "email": lambda: "%s@klant.example" % unique("limiet"),
                                     "first_name": "Lim", "last_name": "Iet"}),
        "/documents/": dict(who="admin@uitzendbureau.example", page="/documents/new", upload=True,
                            fields={"type": "other", "unit": s["a1"], "title": "Limiet", "person": ""}),
        "/documents/:id/extend": dict(who="admin@uitzendbureau.example", path={"id": s["doc"]},
                                      fields={"reason": "Toestemming"}),
        "/documents/retention": dict(who="admin@uitzendbureau.example", page="/documents/retention",
                                     fields={"name": lambda: unique("Bewaring"), "days": "365", "starts": "upload"}),
        "/documents/retention/:id": dict(who="admin@uitzendbureau.example", page="/documents/retention",
                                         path={"id": s["retention"]},
                                         fields={"name": lambda: unique("Bewaring"), "days": "730",
                                                 "starts": "upload"}),
        "/login": dict(who=None, page="/login", fields={"email": "niemand.%s@klant.example" % RUN,
                                                        "password": "fout wachtwoord"}),
        "/login/totp": dict(who=pending_admin, page="/login/totp", fields={}),
        "/invite/:token": dict(who=None, path={"token": invite_token}, page="/invite/%(token)s",
                               fields={"password": "x", "password2": "x"}),
        "/password/reset": dict(who=None, page="/password/reset", fields={}),
        "/password/reset/:token": dict(who=None, path={"token": reset_token}, page="/password/reset/%(token)s",
                                       fields={"password": "x", "password2": "x"}),
        "/account/profile": dict(who=profile_user, page="/account", fields={"first_name": "Pro", "last_name": "Fiel"}),
        "/account/password": dict(who="supervisor@klant.example", page="/account",
                                  fields={"current": "niet het wachtwoord", "password": "x", "password2": "x"}),
        "/account/2fa/enable": dict(who="finance@klant.example", page="/account/2fa", fields={}),
        "/account/2fa/disable": dict(who="finance@klant.example", page="/account/2fa", fields={}),
        "/planning/me/week": dict(who="worker@flex.example", page="/planning/me", fields={}),
        "/planning/me/days": dict(who="worker@flex.example", page="/planning/me",
                                  fields={"date": (datetime.date.today() + datetime.timedelta(days=200)).isoformat(),
                                          "kind": "times", "from": "08:00", "to": "12:00"}),
        "/planning/workers/:worker/pools": dict(who="consultant@uitzendbureau.example", path={"worker": s["worker"]},
                                                fields={"unit": s["a1"]}),
        "/planning/workers/:worker/skills": dict(who="consultant@uitzendbureau.example",
                                                 path={"worker": s["worker"]}, fields={"unit": s["a1"]}),
        "/planning/workers/:worker/week": dict(who="consultant@uitzendbureau.example",
                                               path={"worker": s["worker"]}, fields={}),
        "/planning/workers/:worker/days": dict(who="consultant@uitzendbureau.example", path={"worker": s["worker"]},
                                               fields={"date": (datetime.date.today()
                                                                + datetime.timedelta(days=201)).isoformat(),
                                                       "kind": "times", "from": "08:00", "to": "12:00"}),
        "/planning/shifts": dict(who="planner@klant.example", page="/planning/shifts/new?unit=%d" % int(s["a1"]),
                                 fields=shift_fields),
        "/planning/shifts/:id": dict(who="planner@klant.example", path={"id": s["shift"]}, fields=shift_fields),
        "/timesheets/me/open": dict(who="worker@flex.example", page="/timesheets/me",
                                    fields={"unit": s["a1"], "week": last_monday()}),
        "/timesheets/me/:id": dict(who="worker@flex.example",
                                   path={"id": lambda: worker_sheet("worker@flex.example", "draft")}, fields={}),
        "/timesheets/workers/:worker/open": dict(who="consultant@uitzendbureau.example",
                                                 path={"worker": s["worker"]},
                                                 fields={"unit": s["a1"], "week": last_monday()}),
        "/timesheets/workers/:worker/:id": dict(who="consultant@uitzendbureau.example",
                                                path={"worker": s["worker"], "id": lambda: new_sheet("draft")},
                                                fields={}),
        "/timesheets/:id/reject": dict(who="supervisor@klant.example", path={"id": lambda: new_sheet("submitted")},
                                       fields={}),
        "/timesheets/:id/correct": dict(who="consultant@uitzendbureau.example",
                                        path={"id": lambda: new_sheet("approved")}, fields={}),
        "/privacy/persons/:id/contact": dict(who="privacy@uitzendbureau.example", path={"id": s["worker"]},
                                             page="/privacy/persons/%(id)s", fields={}),
        "/privacy/candidates/:id/contact": dict(who="privacy@uitzendbureau.example",
                                                path={"id": lambda: new_candidate(s["vacancy"])},
                                                page="/privacy/candidates/%(id)s", fields={}),
        "/vacancies/": dict(who="hr.manager@klant.example", page="/vacancies/new", fields=vacancy_fields),
        "/vacancies/:id/edit": dict(who="hr.manager@klant.example", path={"id": s["own_vacancy"]},
                                    fields=vacancy_fields),
        "/vacancies/:id/state": dict(who="hr.manager@klant.example", path={"id": s["own_vacancy"]},
                                     fields={"to": toggled_state}),
        "/vacancies/:id/candidates": dict(who="consultant@uitzendbureau.example", path={"id": s["vacancy"]},
                                          upload=True,
                                          fields={"name": "Lim Iet", "email": lambda: "%s@example.org" % unique("c"),
                                                  "proposal": "Goed."}),
        "/vacancies/:id/candidates/:cid/interview": dict(who="hiring.manager@klant.example",
                                                         path={"id": s["vacancy"],
                                                               "cid": lambda: new_candidate(s["vacancy"])},
                                                         fields={"slot1": days_ahead(10, 10)}),
        "/vacancies/:id/candidates/:cid/reject": dict(who="hiring.manager@klant.example",
                                                      path={"id": s["vacancy"],
                                                            "cid": lambda: new_candidate(s["vacancy"])},
                                                      fields={"reason": "skills"}),
        # Requests of data subjects: recorded on Tom Jacobs's page and on a
        # candidate's; filed by the supervisor for himself (at most five
        # open: the rest is refused, never an error); a request to extend
        # and close, made per post.
        "/privacy/persons/:id/requests": dict(who="privacy@uitzendbureau.example",
                                              path={"id": one("SELECT id FROM users WHERE email ="
                                                              " 'tom.jacobs@flex.example'")},
                                              page="/privacy/persons/%(id)s",
                                              fields={"request_kind": "access",
                                                      "request_received": datetime.date.today().isoformat()}),
        "/privacy/candidates/:id/requests": dict(who="privacy@uitzendbureau.example",
                                                 path={"id": lambda: new_candidate(s["vacancy"])},
                                                 page="/privacy/candidates/%(id)s",
                                                 fields={"request_kind": "erasure",
                                                         "request_received": datetime.date.today().isoformat()}),
        "/privacy/me/requests": dict(who="supervisor@klant.example", page="/privacy/me",
                                     fields={"request_kind": "rectification"}),
        "/privacy/requests/:id/extend": dict(who="privacy@uitzendbureau.example", path={"id": new_request},
                                             page="/privacy/requests/%(id)s", fields={}),
        "/privacy/requests/:id/close": dict(who="privacy@uitzendbureau.example", path={"id": new_request},
                                            page="/privacy/requests/%(id)s", fields={"state": "refused"}),
        "/vacancies/:id/candidates/:cid/comments": dict(who="hiring.manager@klant.example",
                                                        path={"id": s["vacancy"],
                                                              "cid": lambda: new_candidate(s["vacancy"])},
                                                        fields={"key": lambda: unique("k")}),
        # A text that is not the current one: the form comes back, nothing
        # is signed (test_privacy_agreement signs at the longest).
        "/privacy/agreement": dict(who="directie@klant.example", page="/privacy/agreement",
                                   fields={"authorised": "1", "version": "0", "sha256": "0", "text_lang": "nl"}),
    }


def new_request():
    """An open request of this run's worker, recorded by the privacy officer."""
    s = setup()
    sql("INSERT INTO privacy_requests (kind, user_id, channel, recorded_by, recorded_at, received_on,"
        " first_due_on, due_on, request_text) SELECT 'access', %s, 'officer', id, UTC_TIMESTAMP(), UTC_DATE(),"
        " UTC_DATE() + INTERVAL 1 MONTH, UTC_DATE() + INTERVAL 1 MONTH, 'Limiet' FROM users"
        " WHERE email = 'privacy@uitzendbureau.example'" % s["worker"])
    return one("SELECT MAX(id) FROM privacy_requests WHERE user_id = %s" % s["worker"])


def last_monday():
    d = datetime.date.today()
    return (d - datetime.timedelta(days=d.weekday() + 7)).isoformat()


def new_sheet(state):
    """A timesheet of this run's worker at team A1 in a state, with an
    entry: each post decides on one of its own."""
    s = setup()
    position = unique("Limietfunctie")
    sql("INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, version, minutes,"
        " submitted_at, created_at, updated_at) VALUES (%s, %s, '%s', '%s', '%s', %d, 480, UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (s["worker"], s["a1"], position, last_monday(), state,
                                                1 if state == "approved" else 0))
    sheet = one("SELECT id FROM timesheets WHERE position = '%s'" % position)
    sql("INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, break_minutes, minutes, position,"
        " created_at, updated_at) VALUES (%s, '%s', '%s 07:00:00', '%s 15:30:00', 30, 480, '%s', UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP())" % (sheet, last_monday(), last_monday(), last_monday(), position))
    return sheet


def worker_sheet(email, state):
    return one("SELECT t.id FROM timesheets t JOIN users u ON u.id = t.worker_user_id WHERE u.email = '%s'"
               " AND t.state = '%s' ORDER BY t.week LIMIT 1" % (email, state))


def toggled_state():
    """Open, on hold, open …: every post of the state form is a change."""
    _setup["state"] = "on_hold" if _setup.get("state") == "open" else "open"
    return _setup["state"]


def text_routes():
    return [r for r in routes() if r["method"] == "POST"
            and any(p["type"] in TEXT_TYPES and not p["path"] for p in r["params"])]


def value(v):
    return v() if callable(v) else v


def post(route, form, text):
    """Posts the form with the text fields given; the response."""
    params = {k: str(value(v)) for k, v in form.get("path", {}).items()}
    path = re.sub(r":(\w+)", lambda m: params[m.group(1)], route)
    who = form["who"]
    c = who() if callable(who) else as_user(who) if who else Client()
    # A session's token is the same on every page; a visitor's comes with
    # the form's own page.
    page = form["page"] % params if form.get("page") else "/" if who else "/login"
    tok = c.get(page).csrf()
    assert tok, (route, page)
    base = form["fields"]() if callable(form["fields"]) else form["fields"]
    fields = {k: str(value(v)) for k, v in base.items()}
    fields.update(text)
    fields["csrf"] = tok
    if form.get("upload"):
        filename = fields.pop("file", "limiet.pdf")
        body, ct = multipart(fields, filename, pdf())
        return c.request("POST", path, body=body, headers={"Content-Type": ct})
    return c.post(path, fields)


class _Fields(html.parser.HTMLParser):
    """The fields a refused form marks (class has-error), each with its
    controls' attributes, and every id on the page."""

    def __init__(self):
        super().__init__()
        self.ids, self.fields, self._tag, self._depth = set(), [], None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if self._depth and tag == self._tag:
            self._depth += 1
        elif not self._depth and tag in ("div", "fieldset") and "has-error" in (a.get("class") or "").split():
            self._tag, self._depth = tag, 1
            self.fields.append([])
        elif self._depth and tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.fields[-1].append(a)

    def handle_endtag(self, tag):
        if self._depth and tag == self._tag:
            self._depth -= 1


def unannounced(page):
    """The controls of a refused form that do not say so to a screen
    reader: aria-invalid, and aria-describedby naming the message."""
    p = _Fields()
    p.feed(page)
    bad = []
    for controls in p.fields:
        for a in controls:
            described = (a.get("aria-describedby") or "").split()
            if a.get("aria-invalid") != "true" or not described or not all(d in p.ids for d in described):
                bad.append(a.get("name") or a.get("id") or "?")
    return bad


def test_every_form_with_text_has_a_way_to_be_filled_here():
    missing = sorted({r["path"] for r in text_routes()} - set(forms()))
    assert not missing, "forms this test cannot fill: %s" % missing


def test_every_text_field_at_its_longest_in_four_byte_characters_gives_no_error():
    wrong = []
    table = forms()
    for r in text_routes():
        form = table.get(r["path"])
        if not form:
            continue
        texts = [p for p in r["params"] if p["type"] in TEXT_TYPES and not p["path"]]
        # All at once, then each alone at its longest, then one past it.
        variants = [("all", {p["name"]: longest(p["max"]) for p in texts})]
        for p in texts:
            variants.append((p["name"], {p["name"]: longest(p["max"])}))
            variants.append((p["name"] + "+1", {p["name"]: longest(p["max"] + 1)}))
        for label, text in variants:
            got = post(r["path"], form, text)
            if got.status >= 500:
                ref = re.search(r"[A-Z2-9]{8}", got.text)
                wrong.append("%s %s: %d (%s)" % (r["path"], label, got.status, ref and ref.group(0)))
            elif got.status == 422 and "text/html" in (got.header("Content-Type") or ""):
                # The form again, each refused field telling a screen
                # reader that it is refused and why.
                if "has-error" not in got.text and 'role="alert"' not in got.text:
                    wrong.append("%s %s: 422 without saying which field" % (r["path"], label))
                bad = unannounced(got.text)
                if bad:
                    wrong.append("%s %s: refused fields without aria-invalid and their message: %s"
                                 % (r["path"], label, bad))
    assert not wrong, "\n".join(wrong)


def test_a_long_rejection_keeps_its_reason_and_fits_the_timeline():
    s = setup()
    cid = new_candidate(s["vacancy"])
    form = forms()["/vacancies/:id/candidates/:cid/reject"]
    form = dict(form, path={"id": s["vacancy"], "cid": cid})
    r = post("/vacancies/:id/candidates/:cid/reject", form, {"text": E * 1000})
    assert r.status == 303, (r.status, r.text[-1000:])
    assert sql("SELECT state, CHAR_LENGTH(reason_text) FROM candidates WHERE id = %s" % cid) == \
        [["rejected", "1000"]]
    note = one("SELECT note FROM candidate_events WHERE candidate_id = %s AND step = 'rejected'" % cid)
    assert note.startswith("skills: " + E) and len(note) <= 1000, len(note)


def test_a_cv_title_of_a_long_name_fits_and_is_cut_between_characters():
    s = setup()
    form = forms()["/vacancies/:id/candidates"]
    r = post("/vacancies/:id/candidates", form, {"name": E * 200})
    assert r.status == 303, (r.status, r.text[-1000:])
    cid = re.search(r"/candidates/(\d+)", r.header("Location")).group(1)
    title = one("SELECT d.title FROM documents d JOIN candidates c ON c.cv_document_id = d.id"
                " WHERE c.id = %s" % cid)
    assert title == "CV " + E * 197, (len(title), title[:10])


if __name__ == "__main__":
    run(globals())
