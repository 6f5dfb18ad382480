#!/usr/bin/python3
"""Administration: clients and their organisation, users, grants and the audit
log, as the agency admin does it, and who else may see what of it."""
import csv
import io
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

# Every run makes its own names: the test database keeps earlier runs.
SFX = "%06x" % random.randrange(16 ** 6)
CLIENT = "Testklant %s" % SFX
NEW_EMAIL = "nieuw.%s@testklant.example" % SFX
STATE = {}
as_user = signed_in  # one login per account and run




def admin():
    return as_user("admin@uitzendbureau.example")


def post(c, path, fields, page=None):
    """Posts a form with the session's CSRF token, taken from a page."""
    tok = c.get(page or "/admin/").csrf()
    assert tok, "no CSRF token on the page"
    return c.post(path, dict(fields, csrf=tok))


def id_from(location, kind):
    m = re.match(r"^/admin/%s/(\d+)" % kind, location or "")
    assert m, location
    return int(m.group(1))


def one(query):
    rows = sql(query)
    assert len(rows) == 1, (query, rows)
    return rows[0]


def uid_of(email):
    return int(one("SELECT id FROM users WHERE email = '%s'" % email)[0])


def client_id(name):
    return int(one("SELECT id FROM clients WHERE name = '%s'" % name)[0])


def unit_id(name):
    return int(one("SELECT id FROM org_units WHERE name = '%s'" % name)[0])


def unit_path(unit):
    return one("SELECT path FROM org_units WHERE id = %d" % unit)[0]


def add_unit(c, parent, kind, name):
    r = post(c, "/admin/clients/%d/units" % STATE["client"],
             {"parent": parent, "kind": kind, "name": name})
    assert r.status == 303, (r.status, r.text[-2000:])
    assert r.header("Location") == "/admin/clients/%d?done=unit_created" % STATE["client"]
    return int(one("SELECT id FROM org_units WHERE client_id = %d AND name = '%s'"
                   % (STATE["client"], name))[0])


def test_the_agency_admin_creates_a_client_with_a_site_and_a_team():
    c = admin()
    r = post(c, "/admin/clients", {"name": CLIENT}, page="/admin/clients/new")
    assert r.status == 303, (r.status, r.text[-2000:])
    STATE["client"] = id_from(r.header("Location"), "clients")
    unit, parent_kind, client_of_unit, path = one(
        "SELECT o.id, p.kind, o.client_id, o.path FROM clients c JOIN org_units o"
        " ON o.id = c.unit_id JOIN org_units p ON p.id = o.parent_id WHERE c.id = %d"
        % STATE["client"])
    assert parent_kind == "agency" and int(client_of_unit) == STATE["client"]
    assert path == "%s%s/" % (unit_path(unit_id("Uitzendbureau Flex")), unit)
    STATE["client_unit"] = int(unit)
    page = c.get(r.header("Location"))
    assert page.status == 200 and CLIENT in page.text and "De klant is aangemaakt" in page.text

    STATE["site"] = add_unit(c, STATE["client_unit"], "site", "Vestiging %s" % SFX)
    STATE["team"] = add_unit(c, STATE["site"], "team", "Team %s" % SFX)
    assert unit_path(STATE["site"]) == "%s%d/" % (path, STATE["site"])
    assert unit_path(STATE["team"]) == "%s%d/%d/" % (path, STATE["site"], STATE["team"])
    page = c.get("/admin/clients/%d" % STATE["client"]).text
    assert "Vestiging %s" % SFX in page and "Team %s" % SFX in page


def test_an_over_long_client_name_is_refused_with_the_input_kept():
    name = "Lange naam %s " % SFX + "x" * 100
    r = post(admin(), "/admin/clients", {"name": name}, page="/admin/clients/new")
    assert r.status == 422 and "Dit is te lang" in r.text
    assert 'value="%s"' % name in r.text
    assert sql("SELECT COUNT(*) FROM clients WHERE name LIKE 'Lange naam %s%%'" % SFX) == [["0"]]


def test_a_site_cannot_be_placed_below_a_team():
    r = post(admin(), "/admin/clients/%d/units" % STATE["client"],
             {"parent": STATE["team"], "kind": "site", "name": "Verkeerd %s" % SFX})
    assert r.status == 422 and "kan niet onder de gekozen eenheid vallen" in r.text
    assert 'value="Verkeerd %s"' % SFX in r.text
    assert sql("SELECT COUNT(*) FROM org_units WHERE name = 'Verkeerd %s'" % SFX) == [["0"]]


def test_a_unit_is_renamed_and_moved_with_everything_below_it():
    c = admin()
    r = post(c, "/admin/units/%d/rename" % STATE["team"], {"name": "Team %s bis" % SFX})
    assert r.status == 303 and r.header("Location").endswith("?done=renamed")
    assert one("SELECT name FROM org_units WHERE id = %d" % STATE["team"]) == ["Team %s bis" % SFX]

    STATE["dept"] = add_unit(c, STATE["site"], "department", "Afdeling %s" % SFX)
    r = post(c, "/admin/units/%d/move" % STATE["team"], {"parent": STATE["dept"]})
    assert r.status == 303 and r.header("Location").endswith("?done=moved"), r.status
    assert unit_path(STATE["team"]) == "%s%d/" % (unit_path(STATE["dept"]), STATE["team"])
    assert one("SELECT parent_id FROM org_units WHERE id = %d" % STATE["team"]) == [str(STATE["dept"])]

    # The department moves up to the client, its team along with it.
    r = post(c, "/admin/units/%d/move" % STATE["dept"], {"parent": STATE["client_unit"]})
    assert r.status == 303
    client_path = unit_path(STATE["client_unit"])
    assert unit_path(STATE["dept"]) == "%s%d/" % (client_path, STATE["dept"])
    assert unit_path(STATE["team"]) == "%s%d/%d/" % (client_path, STATE["dept"], STATE["team"])
    page = c.get("/admin/units/%d" % STATE["team"]).text
    assert "Afdeling %s" % SFX in page and "Team %s bis" % SFX in page


def test_a_move_below_its_own_subtree_is_refused_with_a_message():
    c = admin()
    before = sql("SELECT id, parent_id, path FROM org_units WHERE client_id = %d ORDER BY id"
                 % STATE["client"])
    for target in (STATE["team"], STATE["dept"]):
        r = post(c, "/admin/units/%d/move" % STATE["dept"], {"parent": target})
        assert r.status == 422, r.status
        assert "kan niet onder zichzelf of onder een eigen onderdeel" in r.text
        assert 'aria-invalid="true"' in r.text
    after = sql("SELECT id, parent_id, path FROM org_units WHERE client_id = %d ORDER BY id"
                % STATE["client"])
    assert before == after


def test_a_unit_of_another_client_is_no_place_to_move_to():
    r = post(admin(), "/admin/units/%d/move" % STATE["dept"], {"parent": unit_id("Vestiging Gent")})
    assert r.status == 422 and "Kies een van de mogelijkheden" in r.text


def test_the_admin_registers_a_client_user_who_is_invited_by_mail():
    c = admin()
    r = post(c, "/admin/users", {"kind": "client", "client": STATE["client"],
                                 "first_name": "Noor", "last_name": "Jacobs %s" % SFX,
                                 "job_title": "Planner", "email": NEW_EMAIL,
                                 "mobile": "+31 6 12345678"}, page="/admin/users/new")
    assert r.status == 303, (r.status, r.text[-2000:])
    STATE["user"] = id_from(r.header("Location"), "users")
    row = one("SELECT kind, client_id, status, first_name, mobile FROM users WHERE email = '%s'"
              % NEW_EMAIL)
    assert row == ["client", str(STATE["client"]), "invited", "Noor", "+31 6 12345678"], row
    assert sql("SELECT COUNT(*) FROM outbox WHERE kind = 'mail'"
               " AND JSON_VALUE(payload, '$.to') = '%s'" % NEW_EMAIL) == [["1"]]
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create'"
               " AND object_id = %d" % STATE["user"]) == [["1"]]
    page = c.get(r.header("Location")).text
    assert "Noor Jacobs %s" % SFX in page and "Uitgenodigd" in page


def test_a_second_registration_with_the_same_address_is_refused_with_the_input_kept():
    r = post(admin(), "/admin/users", {"kind": "client", "client": STATE["client"],
                                       "first_name": "Tweede", "last_name": "Poging",
                                       "email": NEW_EMAIL.upper()}, page="/admin/users/new")
    assert r.status == 422 and "Dit e-mailadres is al in gebruik" in r.text
    assert 'value="Tweede"' in r.text and 'value="%s"' % NEW_EMAIL.upper() in r.text
    assert sql("SELECT COUNT(*) FROM users WHERE email = '%s'" % NEW_EMAIL) == [["1"]]


def test_an_address_with_a_line_break_or_without_a_domain_is_refused():
    for bad in ("iemand@localhost", "iemand.%s@testklant.example\r\nBcc: x@evil.example" % SFX):
        r = post(admin(), "/admin/users", {"kind": "client", "client": STATE["client"],
                                           "first_name": "Fout", "last_name": SFX,
                                           "email": bad}, page="/admin/users/new")
        assert r.status == 422 and "Vul een geldig e-mailadres in" in r.text
    assert sql("SELECT COUNT(*) FROM users WHERE last_name = '%s'" % SFX) == [["0"]]


def test_a_grant_is_added_and_shows_on_the_user_page():
    c = admin()
    path = "/admin/users/%d" % STATE["user"]
    r = post(c, path + "/grants", {"role": "planner", "unit": STATE["site"]}, page=path)
    assert r.status == 303 and r.header("Location").endswith("?done=grant_added"), r.status
    assert sql("SELECT role, unit_id FROM grants WHERE user_id = %d" % STATE["user"]) == \
        [["planner", str(STATE["site"])]]
    page = c.get(path).text
    assert "Planner" in page and "%s › Vestiging %s" % (CLIENT, SFX) in page


def test_grants_on_an_archived_unit_or_another_clients_unit_are_refused():
    c = admin()
    STATE["old_team"] = add_unit(c, STATE["site"], "team", "Oud team %s" % SFX)
    r = post(c, "/admin/units/%d/archive" % STATE["old_team"], {})
    assert r.status == 303 and r.header("Location").endswith("?done=archived")
    assert one("SELECT archived_at IS NOT NULL FROM org_units WHERE id = %d"
               % STATE["old_team"]) == ["1"]
    path = "/admin/users/%d" % STATE["user"]
    r = post(c, path + "/grants", {"role": "supervisor", "unit": STATE["old_team"]}, page=path)
    assert r.status == 422 and "Deze eenheid is gearchiveerd" in r.text
    r = post(c, path + "/grants", {"role": "planner", "unit": unit_id("Vestiging Gent")}, page=path)
    assert r.status == 422 and "Deze eenheid hoort bij een andere klant" in r.text
    r = post(c, path + "/grants", {"role": "agency_admin", "unit": STATE["site"]}, page=path)
    assert r.status == 422 and "Deze rol past niet bij dit soort gebruiker" in r.text
    r = post(c, path + "/grants", {"role": "planner", "unit": STATE["site"]}, page=path)
    assert r.status == 422 and "heeft deze rol al op deze eenheid" in r.text
    assert sql("SELECT COUNT(*) FROM grants WHERE user_id = %d" % STATE["user"]) == [["1"]]


def test_a_grant_is_revoked():
    c = admin()
    gid = int(one("SELECT id FROM grants WHERE user_id = %d" % STATE["user"])[0])
    path = "/admin/users/%d" % STATE["user"]
    r = post(c, "%s/grants/%d/revoke" % (path, gid), {}, page=path)
    assert r.status == 303 and r.header("Location").endswith("?done=grant_revoked")
    assert sql("SELECT COUNT(*) FROM grants WHERE user_id = %d" % STATE["user"]) == [["0"]]


def test_a_disabled_users_open_session_dies_and_enabling_lets_them_in_again():
    email = "planner@andereklant.example"
    uid = uid_of(email)
    user, _ = login(email)
    assert user.get("/").status == 200
    try:
        r = post(admin(), "/admin/users/%d/disable" % uid, {})
        assert r.status == 303 and r.header("Location").endswith("?done=disabled"), r.status
        assert one("SELECT status FROM users WHERE id = %d" % uid) == ["disabled"]
        assert sql("SELECT COUNT(*) FROM sessions WHERE user_id = %d AND ended_at IS NULL"
                   % uid) == [["0"]]
        r = user.get("/")
        assert r.status == 303 and r.header("Location").startswith("/login"), r.status
        r = post(admin(), "/admin/users/%d/enable" % uid, {})
        assert r.status == 303 and r.header("Location").endswith("?done=enabled")
        assert one("SELECT status FROM users WHERE id = %d" % uid) == ["active"]
    finally:
        sql("UPDATE users SET status = 'active' WHERE id = %d" % uid)
    _, r = login(email)
    assert r.status == 303 and r.header("Location") == "/"


def test_the_admin_cannot_disable_her_own_account():
    uid = uid_of("admin@uitzendbureau.example")
    r = post(admin(), "/admin/users/%d/disable" % uid, {})
    assert r.status == 422 and "eigen account niet blokkeren" in r.text
    assert one("SELECT status FROM users WHERE id = %d" % uid) == ["active"]


def test_users_are_found_by_name_and_filters_in_pages():
    c = admin()
    r = c.get("/admin/users?q=Jacobs+%s" % SFX)
    assert r.status == 200 and NEW_EMAIL in r.text and "planner@klant.example" not in r.text
    r = c.get("/admin/users?client=%d&role=planner&status=active" % client_id("Klant NV"))
    assert "planner@klant.example" in r.text and "finance@klant.example" not in r.text
    r = c.get("/admin/users?client=%d&login=never" % STATE["client"])
    assert NEW_EMAIL in r.text
    r = c.get("/admin/users?unit=%d" % STATE["site"])
    assert NEW_EMAIL not in r.text  # the grant there was revoked
    total = int(one("SELECT COUNT(*) FROM users")[0])
    r = c.get("/admin/users")
    assert r.text.count('<tr><th scope="row"><a href="/admin/users/') == min(25, total)
    if total > 25:
        assert "page=2" in r.text
    assert c.get("/admin/users?login=sometimes").status == 422


def test_the_audit_log_lists_the_changes_and_exports_them_as_csv():
    c = admin()
    # A name a spreadsheet would take for a formula.
    r = post(c, "/admin/units/%d/rename" % STATE["dept"], {"name": "=2+3 Afdeling %s" % SFX})
    assert r.status == 303
    actions = ["client.create", "unit.create", "unit.rename", "unit.move", "unit.archive",
               "user.create", "grant.add", "grant.revoke", "user.disable", "user.enable"]
    for action in actions:
        r = c.get("/admin/audit?action=%s" % action)
        assert r.status == 200 and "<code>%s</code>" % action in r.text, action
    r = c.get("/admin/audit?type=unit&object=%d" % STATE["dept"])
    assert "unit.create" in r.text and "unit.rename" in r.text and "unit.move" in r.text
    assert c.get("/admin/audit?from=2026-02-30").status == 422

    exports = int(one("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.export'")[0])
    r = c.get("/admin/audit/export?type=unit&object=%d" % STATE["dept"])
    assert r.status == 200 and r.header("Content-Type") == "text/csv; charset=utf-8"
    assert r.header("Content-Disposition") == 'attachment; filename="audit.csv"'
    assert "no-store" in r.header("Cache-Control")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
    assert rows[0][0] == "Nummer" and len(rows) >= 4, rows
    assert {row[5] for row in rows[1:]} >= {"unit.create", "unit.rename", "unit.move"}
    assert "'=2+3 Afdeling %s" % SFX in [row[10] for row in rows], rows
    assert int(one("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.export'")[0]) == exports + 1


def test_a_consultant_sees_her_own_clients_only():
    c = as_user("consultant@uitzendbureau.example")
    assert c.get("/admin/clients/%d" % client_id("Klant NV")).status == 200
    assert c.get("/admin/clients/%d" % client_id("Andere Klant BV")).status == 404
    assert c.get("/admin/units/%d" % unit_id("Vestiging Gent")).status == 404
    assert c.get("/admin/users/%d" % uid_of("planner@klant.example")).status == 200
    assert c.get("/admin/users/%d" % uid_of("planner@andereklant.example")).status == 404
    assert c.get("/admin/users/%d" % STATE["user"]).status == 404
    assert c.get("/admin/clients/new").status == 404
    assert "Andere Klant BV" not in c.get("/admin/clients").text
    text = c.get("/admin/users").text
    assert "planner@klant.example" in text and "andereklant.example" not in text
    assert "uitzendbureau.example" not in text
    r = post(c, "/admin/users/%d/disable" % uid_of("planner@andereklant.example"), {})
    assert r.status == 404
    r = post(c, "/admin/clients/%d/units" % client_id("Andere Klant BV"),
             {"parent": unit_id("Andere Klant BV"), "kind": "site", "name": "X"})
    assert r.status == 404
    # Agency staff are registered on the agency's root, which is not hers.
    r = post(c, "/admin/users", {"kind": "agency", "first_name": "Niet", "last_name": SFX,
                                 "email": "niet.%s@uitzendbureau.example" % SFX})
    assert r.status == 422
    assert sql("SELECT COUNT(*) FROM users WHERE last_name = '%s'" % SFX) == [["0"]]


def test_a_client_user_gets_404_for_every_admin_page():
    c = as_user("planner@klant.example")
    uid = uid_of("planner@klant.example")
    klant, site = client_id("Klant NV"), unit_id("Vestiging Rotterdam")
    for path in ("/admin/", "/admin/clients", "/admin/clients/new", "/admin/clients/%d" % klant,
                 "/admin/units/%d" % site, "/admin/users", "/admin/users/new",
                 "/admin/users/%d" % uid, "/admin/audit", "/admin/audit/export"):
        assert c.get(path).status == 404, path
    tok = c.get("/").csrf()
    for path in ("/admin/clients", "/admin/clients/%d/units" % klant,
                 "/admin/units/%d/rename" % site, "/admin/users/%d/disable" % uid,
                 "/admin/users/%d/grants" % uid):
        assert c.post(path, {"csrf": tok, "name": "x"}).status == 404, path


def test_only_holders_of_audit_view_reach_the_audit_log():
    for email, status in (("admin@uitzendbureau.example", 200),
                          ("privacy@uitzendbureau.example", 200),
                          ("consultant@uitzendbureau.example", 404),
                          ("hr.manager@klant.example", 404)):
        c = as_user(email)
        assert c.get("/admin/audit").status == status, email
        assert c.get("/admin/audit/export").status == status, email


def test_a_client_admin_sees_the_users_of_her_own_client_and_changes_nothing():
    email = "finance@klant.example"
    uid = uid_of(email)
    path = "/admin/users/%d" % uid
    planner = uid_of("planner@klant.example")
    r = post(admin(), path + "/grants", {"role": "client_admin", "unit": unit_id("Klant NV")},
             page=path)
    assert r.status == 303
    try:
        c = as_user(email)
        text = c.get("/admin/users").text
        assert "planner@klant.example" in text and "andereklant.example" not in text
        page = c.get("/admin/users/%d" % planner)
        assert page.status == 200 and "/disable" not in page.text and "/grants" not in page.text
        assert c.get("/admin/users/%d" % uid_of("planner@andereklant.example")).status == 404
        assert post(c, "/admin/users/%d/disable" % planner, {}).status == 404
        assert c.get("/admin/audit").status == 404
    finally:
        sql("DELETE FROM grants WHERE user_id = %d AND role = 'client_admin'" % uid)


def grant_row(email, role, unit):
    return sql("SELECT g.id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.email = '%s'"
               " AND g.role = '%s' AND g.unit_id = %d" % (email, role, unit))


def test_nobody_raises_his_own_rights_or_hands_out_more_than_he_holds():
    root = unit_id("Uitzendbureau Flex")
    me, privacy, boss = ("consultant@uitzendbureau.example", "privacy@uitzendbureau.example",
                         "admin@uitzendbureau.example")
    # A consultant who holds grant.edit on the agency's root itself.
    sql("INSERT INTO grants (user_id, role, unit_id, created_at) SELECT id, 'consultant', %d,"
        " UTC_TIMESTAMP() FROM users WHERE email = '%s'" % (root, me))
    try:
        c = as_user(me)
        mine = "/admin/users/%d" % uid_of(me)
        page = c.get(mine)
        assert page.status == 200 and 'action="/admin/users/%d/grants"' % uid_of(me) not in page.text
        assert "Uw eigen rechten wijzigt een andere beheerder" in page.text
        assert "/revoke" not in page.text
        r = post(c, mine + "/grants", {"role": "agency_admin", "unit": root}, page=mine)
        assert r.status == 422 and "Uw eigen rechten kunt u niet wijzigen" in r.text, r.status
        assert not grant_row(me, "agency_admin", root)
        # Nor for a colleague: the agency admin's rights are more than hers.
        other = "/admin/users/%d" % uid_of(privacy)
        page = c.get(other)
        assert 'value="agency_admin"' not in page.text and 'value="privacy_officer"' not in page.text
        r = post(c, other + "/grants", {"role": "agency_admin", "unit": root}, page=other)
        assert r.status == 422 and "niet al haar rechten op deze eenheid" in r.text
        assert not grant_row(privacy, "agency_admin", root)
        # What she holds herself she may hand on.
        r = post(c, other + "/grants", {"role": "consultant", "unit": root}, page=other)
        assert r.status == 303, (r.status, r.text[-1500:])
        assert grant_row(privacy, "consultant", root)
        # And she takes away nothing she could not give.
        gid = grant_row(boss, "agency_admin", root)[0][0]
        bosspage = "/admin/users/%d" % uid_of(boss)
        assert "/grants/%s/revoke" % gid not in c.get(bosspage).text
        r = post(c, "%s/grants/%s/revoke" % (bosspage, gid), {}, page=bosspage)
        assert r.status == 422 and "Deze rol kunt u niet intrekken" in r.text
        assert grant_row(boss, "agency_admin", root)
        own = grant_row(me, "consultant", root)[0][0]
        r = post(c, "%s/grants/%s/revoke" % (mine, own), {}, page=mine)
        assert r.status == 422 and "Uw eigen rechten kunt u niet wijzigen" in r.text
        assert grant_row(me, "consultant", root)
        # Client roles stay hers to give: she registers her clients' users.
        planner = "/admin/users/%d" % uid_of("supervisor@klant.example")
        r = post(c, planner + "/grants", {"role": "planner", "unit": unit_id("Team A2 — Expeditie")},
                 page=planner)
        assert r.status == 303, (r.status, r.text[-1500:])
        # The agency admin holds every right of an agency admin: she may.
        audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'grant.add' AND object_id = %d" \
                  " AND detail = 'agency_admin'" % uid_of(privacy)
        before = int(sql(audited)[0][0])
        r = post(admin(), other + "/grants", {"role": "agency_admin", "unit": root}, page=other)
        assert r.status == 303
        assert int(sql(audited)[0][0]) == before + 1
    finally:
        sql("DELETE g FROM grants g JOIN users u ON u.id = g.user_id WHERE (u.email = '%s'"
            " AND g.role = 'consultant' AND g.unit_id = %d) OR (u.email = '%s' AND g.role IN"
            " ('consultant', 'agency_admin')) OR (u.email = 'supervisor@klant.example'"
            " AND g.role = 'planner')" % (me, root, privacy))


def test_the_privacy_officer_role_is_given_on_the_server_only():
    root = unit_id("Uitzendbureau Flex")
    who = "consultant@uitzendbureau.example"
    page = "/admin/users/%d" % uid_of(who)
    # Not even the agency admin holds every right of it (no BSN).
    assert 'value="privacy_officer"' not in admin().get(page).text
    r = post(admin(), page + "/grants", {"role": "privacy_officer", "unit": root}, page=page)
    assert r.status == 422 and "niet al haar rechten" in r.text
    audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'grant.add' AND object_id = %d" \
              " AND detail = 'privacy_officer (portalctl grant)'" % uid_of(who)
    before = int(sql(audited)[0][0])
    try:
        r = portalctl("grant", who, "privacy_officer")
        assert r.returncode == 0 and "now holds privacy_officer" in r.stdout, r.stderr
        assert grant_row(who, "privacy_officer", root)
        assert int(sql(audited)[0][0]) == before + 1
        r = portalctl("grant", "planner@klant.example", "privacy_officer")
        assert r.returncode != 0 and "not a member of the agency's staff" in r.stderr
        r = portalctl("grant", who, "planner")
        assert r.returncode != 0 and "not an agency role" in r.stderr
    finally:
        sql("DELETE g FROM grants g JOIN users u ON u.id = g.user_id WHERE u.email = '%s'"
            " AND g.role = 'privacy_officer'" % who)


def test_a_long_unit_path_is_never_cut_into_a_wider_grant():
    """A grant on a unit deep in the tree covers that unit, never a sibling
    whose path starts with the same characters."""
    klant = client_id("Klant NV")
    site = unit_id("Vestiging Rotterdam")
    base = unit_path(site) + "4" * 150
    units = {}
    for name, tail in (("Diep team %s" % SFX, "/"), ("Diep buurteam %s" % SFX, "9/")):
        sql("INSERT INTO org_units (parent_id, client_id, kind, name, path, created_at) SELECT %d, id, 'team',"
            " '%s', '%s', UTC_TIMESTAMP() FROM clients WHERE id = %d" % (site, name, base + tail, klant))
        units[name] = unit_id(name)
    deep, sibling = units["Diep team %s" % SFX], units["Diep buurteam %s" % SFX]
    email = "hiring.manager@klant.example"
    sql("INSERT INTO grants (user_id, role, unit_id, created_at) VALUES (%d, 'planner', %d, UTC_TIMESTAMP())"
        % (uid_of(email), deep))
    try:
        c, r = login(email)
        assert r.status == 303
        assert c.get("/planning/day?unit=%d" % deep).status == 200
        assert c.get("/planning/day?unit=%d" % sibling).status == 404
    finally:
        sql("DELETE FROM grants WHERE unit_id IN (%d, %d)" % (deep, sibling))
        sql("DELETE FROM org_units WHERE id IN (%d, %d)" % (deep, sibling))


if __name__ == "__main__":
    run(globals())
