#!/usr/bin/python3
"""A user's login address, changed on his page by the agency: never one's
own there, and only by who holds every role the user holds where he holds
it (as for handing the roles out: an agency role only with all its rights,
client roles are the consultant's to give) — whoever sets the address can
reset the password. A change ends the user's sessions, drops his unused
invitation and reset links, and mails the old address whom to ask."""
import os
import random
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_timesheets import as_user, one  # noqa: E402

SFX = "%06x" % random.randrange(16 ** 6)
ADMIN = "admin@uitzendbureau.example"
CONSULTANT = "consultant@uitzendbureau.example"
PRIVACY = "privacy@uitzendbureau.example"


def uid_of(email):
    return one("SELECT id FROM users WHERE email = '%s'" % email)


def error_of(r, name):
    m = re.search(r'<p class="field-error" id="e-%s">([^<]*)</p>' % name, r.text)
    return m.group(1) if m else None


def value_of(r, name):
    m = re.search(r'<input id="f-%s" name="%s"[^>]* value="([^"]*)"' % (name, name), r.text)
    return m.group(1) if m else None


def form_fields(r):
    """The edit form as the page gives it: every input and select."""
    fields = dict(re.findall(r'<input id="f-(\w+)" name="\w+"[^>]* value="([^"]*)"', r.text))
    for name, body in re.findall(r'<select id="f-(\w+)" name="\w+"[^>]*>(.*?)</select>', r.text, re.S):
        m = re.search(r'<option value="([^"]*)" selected', body)
        fields[name] = m.group(1) if m else ""
    fields["csrf"] = r.csrf()
    return fields


def change_email(c, uid, email, **extra):
    form = c.get("/admin/users/%s/edit" % uid)
    assert form.status == 200, form.status
    fields = form_fields(form)
    fields.update(extra, email=email)
    return c.post("/admin/users/%s/edit" % uid, fields)


def test_the_consultant_cannot_change_the_agency_admins_login_address():
    admin, privacy = uid_of(ADMIN), uid_of(PRIVACY)
    other = "overgenomen.%s@uitzendbureau.example" % SFX
    # The demo's consultant works for Klant NV; one for every client holds
    # his role on the agency's root, and sees the agency's staff there.
    sql("INSERT INTO grants (user_id, role, unit_id, created_at) SELECT u.id, 'consultant', o.id, UTC_TIMESTAMP()"
        " FROM users u, org_units o WHERE u.email = '%s' AND o.parent_id IS NULL" % CONSULTANT)
    try:
        r = change_email(as_user(CONSULTANT), admin, other)
        assert r.status == 422 and "rechten die u zelf niet hebt" in (error_of(r, "email") or ""), \
            (r.status, error_of(r, "email"))
        assert value_of(r, "email") == other, "the input is gone"
        assert 'aria-invalid="true" aria-describedby="e-email"' in r.text
        assert one("SELECT email FROM users WHERE id = %s" % admin) == ADMIN
        # Nor does the agency admin change the privacy officer's: he holds
        # none of the privacy officer's own rights.
        r = change_email(as_user(ADMIN), privacy, other)
        assert r.status == 422 and "rechten die u zelf niet hebt" in (error_of(r, "email") or ""), r.status
        assert one("SELECT email FROM users WHERE id = %s" % privacy) == PRIVACY
        assert not sql("SELECT id FROM users WHERE email = '%s'" % other)
    finally:
        sql("DELETE g FROM grants g JOIN users u ON u.id = g.user_id JOIN org_units o ON o.id = g.unit_id"
            " WHERE u.email = '%s' AND o.parent_id IS NULL" % CONSULTANT)
        sql("UPDATE users SET email = '%s' WHERE id = %s" % (ADMIN, admin))
        sql("UPDATE users SET email = '%s' WHERE id = %s" % (PRIVACY, privacy))


def test_nobody_changes_his_own_login_address_on_his_page():
    admin = uid_of(ADMIN)
    other = "zelf.%s@uitzendbureau.example" % SFX
    try:
        r = change_email(as_user(ADMIN), admin, other)
        assert r.status == 422 and "andere beheerder" in (error_of(r, "email") or ""), \
            (r.status, error_of(r, "email"))
        assert value_of(r, "email") == other
        assert one("SELECT email FROM users WHERE id = %s" % admin) == ADMIN
    finally:
        sql("UPDATE users SET email = '%s' WHERE id = %s" % (ADMIN, admin))
    # The rest of his details he corrects there as before.
    form = as_user(ADMIN).get("/admin/users/%s/edit" % admin)
    r = as_user(ADMIN).post("/admin/users/%s/edit" % admin, form_fields(form))
    assert r.status == 303, r.status


def test_a_changed_login_address_ends_the_sessions_drops_the_links_and_mails_the_old_address():
    old = "oud.%s@klant.example" % SFX
    new = "nieuw.%s@klant.example" % SFX
    sql("INSERT INTO users (kind, client_id, email, first_name, last_name, job_title, status, created_at,"
        " last_activity_at) SELECT 'client', id, '%s', 'Olga', 'Oudadres', 'Planner', 'active', UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP() FROM clients WHERE name = 'Klant NV';"
        " INSERT INTO credentials (user_id, password_hash, password_changed_at)"
        " SELECT LAST_INSERT_ID(), c.password_hash, UTC_TIMESTAMP() FROM credentials c JOIN users u"
        " ON u.id = c.user_id WHERE u.email = 'hr.manager@klant.example'" % old)
    uid = uid_of(old)
    sql("INSERT INTO grants (user_id, role, unit_id, created_at) SELECT %s, 'planner', unit_id, UTC_TIMESTAMP()"
        " FROM clients WHERE name = 'Klant NV'" % uid)
    # Logged in twice, and links sent to the old address waiting unused.
    sessions = [login(old)[0] for _ in range(2)]
    assert all(s.get("/account").status == 200 for s in sessions)
    for kind in ("invite", "reset"):
        sql("INSERT INTO tokens (kind, user_id, token_hash, created_at, expires_at) VALUES ('%s', %s,"
            " UNHEX(SHA2(RAND(), 256)), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 DAY)" % (kind, uid))
    used = one("SELECT COUNT(*) FROM tokens WHERE user_id = %s AND used_at IS NOT NULL" % uid)
    before = len(mails())
    # Client roles are the consultant's to give: he changes the address.
    r = change_email(as_user(CONSULTANT), uid, new)
    assert r.status == 303, (r.status, error_of(r, "email"))
    assert one("SELECT email FROM users WHERE id = %s" % uid) == new
    assert one("SELECT detail FROM audit_log WHERE action = 'user.update' AND object_id = %s"
               " ORDER BY id DESC LIMIT 1" % uid) == "email"
    # His sessions are over, the links gone (what was used stays as it was).
    assert one("SELECT COUNT(*) FROM sessions WHERE user_id = %s AND ended_at IS NULL" % uid) == "0"
    for s in sessions:
        assert s.get("/account").status == 303
    assert one("SELECT COUNT(*) FROM tokens WHERE user_id = %s AND used_at IS NULL" % uid) == "0"
    assert one("SELECT COUNT(*) FROM tokens WHERE user_id = %s AND used_at IS NOT NULL" % uid) == used
    # The old address is told by whom, and whom to ask; the new one is not.

    def told():
        return [m for m in mails()[before:] if any(a.addr_spec == old for a in m["To"].addresses)]
    got = wait_until(told, 20)
    assert got and len(got) == 1, got
    body = got[0].get_body().get_content()
    assert got[0]["Subject"] == "Uw inlogadres is gewijzigd", got[0]["Subject"]
    by = one("SELECT CONCAT(first_name, ' ', last_name) FROM users WHERE email = '%s'" % CONSULTANT)
    assert "Beste Olga" in body and "De wijziging is gedaan door %s." % by in body, body
    assert conf("Portal.SupportEmail") in body and new not in body, body
    time.sleep(1)
    assert not [m for m in mails()[before:] if any(a.addr_spec == new for a in m["To"].addresses)]
    # He logs in with the new address.
    c, r = login(new)
    assert r.status == 303 and c.get("/account").status == 200, r.status


if __name__ == "__main__":
    run(globals())
