#!/usr/bin/python3
"""The processing agreement (GDPR art. 28): a client user who may sign for
the whole client reads the current version in his language, signs it with
his name and job title, and downloads the signed PDF; a user with the right
on a part of the client reads it only; the agency sees which client signed
which version, by whom and when; a new version asks again. Everyone else
gets 404, as for a page that does not exist.

The test makes clients of its own (the demo's Klant NV is left unsigned for
the browser journey), with users whose password is the demo's."""
import hashlib
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_timesheets import as_user, one, text_of  # noqa: E402

SFX = "%06x" % random.randrange(16 ** 6)
ADMIN = "admin@uitzendbureau.example"
PRIVACY = "privacy@uitzendbureau.example"
CLIENT = "Testklant %s BV" % SFX
OTHER = "Nieuwe versie %s NV" % SFX
SIGNER = "signer.%s@test.example" % SFX          # client_admin on the client's root
SECOND = "second.%s@test.example" % SFX          # client_admin there too
READER = "reader.%s@test.example" % SFX          # hr_manager on a site only
PLANNER = "planner.%s@test.example" % SFX        # no agreement.sign at all
ASKED = "asked.%s@test.example" % SFX            # client_admin of OTHER, signed an old version
STATE = {}


def make_client(name, site):
    """A client with a site under the agency's root, as admin/clients.c
    makes one; returns (client id, root unit id, site unit id)."""
    sql("INSERT INTO org_units (parent_id, kind, name, path, created_at)"
        " SELECT id, 'client', '{n}', '', UTC_TIMESTAMP() FROM org_units WHERE kind = 'agency' AND parent_id IS NULL;"
        " SET @u = LAST_INSERT_ID();"
        " UPDATE org_units o JOIN org_units p ON p.id = o.parent_id SET o.path = CONCAT(p.path, o.id, '/')"
        " WHERE o.id = @u;"
        " INSERT INTO clients (unit_id, name, created_at) VALUES (@u, '{n}', UTC_TIMESTAMP());"
        " UPDATE org_units SET client_id = LAST_INSERT_ID() WHERE id = @u;"
        " INSERT INTO org_units (parent_id, client_id, kind, name, path, created_at)"
        " SELECT id, client_id, 'site', '{s}', '', UTC_TIMESTAMP() FROM org_units WHERE id = @u;"
        " UPDATE org_units o JOIN org_units p ON p.id = o.parent_id SET o.path = CONCAT(p.path, o.id, '/')"
        " WHERE o.id = LAST_INSERT_ID()".format(n=name, s=site))
    row = sql("SELECT c.id, c.unit_id, s.id FROM clients c JOIN org_units s ON s.parent_id = c.unit_id"
              " WHERE c.name = '%s'" % name)[0]
    return int(row[0]), int(row[1]), int(row[2])


def make_user(email, first, last, title, client, role, unit):
    """An active client user with the demo's password and one grant."""
    sql("INSERT INTO users (kind, client_id, email, first_name, last_name, job_title, status, created_at,"
        " last_activity_at) VALUES ('client', %d, '%s', '%s', '%s', '%s', 'active', UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP());"
        " INSERT INTO credentials (user_id, password_hash, password_changed_at)"
        " SELECT LAST_INSERT_ID(), c.password_hash, UTC_TIMESTAMP() FROM credentials c JOIN users u"
        " ON u.id = c.user_id WHERE u.email = 'hr.manager@klant.example'" % (client, email, first, last, title))
    if role:
        sql("INSERT INTO grants (user_id, role, unit_id, created_at) SELECT id, '%s', %d, UTC_TIMESTAMP()"
            " FROM users WHERE email = '%s'" % (role, unit, email))


def setup():
    if "client" in STATE:
        return
    client, root, site = make_client(CLIENT, "Vestiging Test %s" % SFX)
    other, oroot, _ = make_client(OTHER, "Vestiging Nieuw %s" % SFX)
    make_user(SIGNER, "Sara", "Ondertekenaar", "Directeur", client, "client_admin", root)
    make_user(SECOND, "Stijn", "Tweede", "Financieel directeur", client, "client_admin", root)
    make_user(READER, "Ruben", "Lezer", "HR-manager", client, "hr_manager", site)
    make_user(PLANNER, "Pien", "Planner", "Planner", client, "planner", root)
    make_user(ASKED, "Anouk", "Gevraagd", "Directeur", other, "client_admin", oroot)
    STATE.update(client=client, root=root, other=other)


def version():
    """The current version, from the file the portal reads it from."""
    if "version" not in STATE:
        with open(abspath(conf("Paths.Privacy")), encoding="utf-8") as f:
            STATE["version"] = re.search(r"^Agreement \{\s*Version = (\S+)", f.read(), re.M).group(1)
    return STATE["version"]


def form_of(r):
    """The hidden fields of the sign form: what the page says was read."""
    m = re.search(r'<form method="post" action="/privacy/agreement" novalidate>(.*?)</form>', r.text, re.S)
    assert m, "no sign form"
    return {k: v for k, v in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', m.group(1))}


def error_of(r, name):
    m = re.search(r'<p class="field-error" id="e-%s">([^<]*)</p>' % name, r.text)
    return m.group(1) if m else None


def sign(c, **fields):
    """Posts the sign form of the page just read, with fields over it."""
    page = c.get("/privacy/agreement")
    data = form_of(page)
    data.update(fields)
    return c.post("/privacy/agreement", {k: v for k, v in data.items() if v is not None})


def signatures(client):
    return sql("SELECT id, version, lang, signer_name, signer_title, text_sha256, signer_id"
               " FROM agreement_signatures WHERE client_id = %d ORDER BY id" % client)


def set_lang(c, lang):
    r = c.post("/lang", {"csrf": c.get("/").csrf(), "lang": lang, "next": "/privacy/agreement"})
    assert r.status == 303, r.status


def pdf_text(body):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(body)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], check=True, capture_output=True,
                              text=True).stdout


def test_the_agreement_reads_in_each_language():
    setup()
    c = as_user(SIGNER)
    for lang, article, title in (("en", "Article 8. Security", "Data processing agreement"),
                                 ("fr", "Article 8. Sécurité", "Accord de sous-traitance"),
                                 ("nl", "Artikel 8. Beveiliging", "Verwerkersovereenkomst")):
        set_lang(c, lang)
        r = c.get("/privacy/agreement")
        assert r.status == 200, (lang, r.status)
        assert "<h3>%s</h3>" % article in r.text, lang
        assert title in r.text, lang
        assert form_of(r)["text_lang"] == lang
        assert "48" in text_of(r.text), lang  # the breach notice, in every language
        assert CLIENT in r.text
    # Who may sign for the whole client sees the form; he is not told he cannot.
    assert 'name="authorised"' in r.text
    assert r.header("Cache-Control") == "no-store"


def test_signing_needs_name_title_and_the_box_and_keeps_the_input():
    setup()
    c = as_user(SIGNER)
    r = sign(c, name="", title="Zaakvoerder %s" % SFX, authorised="1")
    assert r.status == 422 and error_of(r, "name"), r.status
    assert 'value="Zaakvoerder %s"' % SFX in r.text, "the title is gone"
    assert 'aria-invalid="true" aria-describedby="e-name"' in r.text
    r = sign(c, name="   ", title="Zaakvoerder", authorised="1")
    assert r.status == 422 and error_of(r, "name")
    r = sign(c, name="Sara O. %s" % SFX, title="", authorised="1")
    assert r.status == 422 and error_of(r, "title")
    assert 'value="Sara O. %s"' % SFX in r.text
    r = sign(c, name="Sara O. %s" % SFX, title="Zaakvoerder", authorised=None)
    assert r.status == 422 and error_of(r, "authorised") == "Bevestig dat u bevoegd bent om voor deze klant te tekenen."
    assert 'value="Sara O. %s"' % SFX in r.text and 'value="Zaakvoerder"' in r.text
    # A text that changed since it was read is not signed: read it again.
    r = sign(c, name="Sara O. %s" % SFX, title="Zaakvoerder", authorised="1", sha256="0" * 64)
    assert r.status == 422 and "gewijzigd terwijl u haar las" in r.text
    assert 'value="Sara O. %s"' % SFX in r.text
    assert signatures(STATE["client"]) == []


def test_a_signature_is_recorded_once_with_what_was_read():
    setup()
    c = as_user(SIGNER)
    assert 'id="agreement-due"' in c.get("/").text, "no notice before signing"
    r = sign(c, name="Sara O. %s" % SFX, title="Zaakvoerder", authorised="1")
    assert r.status == 303 and r.header("Location") == "/privacy/agreement?done=signed", (r.status, r.text[-500:])
    rows = signatures(STATE["client"])
    assert len(rows) == 1, rows
    sid, ver, lang, name, title, sha, signer = rows[0]
    assert (ver, lang, name, title) == (version(), "nl", "Sara O. %s" % SFX, "Zaakvoerder")
    assert signer == one("SELECT id FROM users WHERE email = '%s'" % SIGNER)
    text = sql("SELECT HEX(text) FROM agreement_signatures WHERE id = %s" % sid)[0][0]
    assert hashlib.sha256(bytes.fromhex(text)).hexdigest() == sha, "the hash is not the text's"
    STATE["signature"] = sid
    STATE["sha"] = sha
    audit = sql("SELECT actor_id, object_id, unit_id, detail FROM audit_log WHERE action = 'agreement.sign'"
                " AND object_type = 'agreement_signature' AND object_id = %s" % sid)
    assert len(audit) == 1 and audit[0][0] == signer and audit[0][2] == str(STATE["root"]), audit
    assert "version=%s" % ver in audit[0][3] and SFX not in audit[0][3], audit
    r = c.get("/privacy/agreement?done=signed")
    assert "is ondertekend" in r.text and 'name="authorised"' not in r.text
    assert 'id="agreement-due"' not in c.get("/").text, "still asked after signing"
    # A double click: nothing twice, and the page says who signed when.
    r = c.post("/privacy/agreement", {"csrf": c.get("/").csrf(), "name": "Sara O. %s" % SFX,
                                      "title": "Zaakvoerder", "authorised": "1", "version": ver, "sha256": sha,
                                      "text_lang": "nl"})
    assert r.status == 303 and r.header("Location") == "/privacy/agreement?done=already", r.status
    r = c.get(r.header("Location"))
    assert "al ondertekend door Sara O. %s op" % SFX in text_of(r.text), text_of(r.text)[:600]
    # A colleague who may sign too, with the form he had open: the same.
    s = as_user(SECOND)
    assert 'id="agreement-due"' not in s.get("/").text
    r = s.post("/privacy/agreement", {"csrf": s.get("/").csrf(), "name": "Stijn Tweede", "title": "CFO",
                                      "authorised": "1", "version": ver, "sha256": sha, "text_lang": "nl"})
    assert r.status == 303 and r.header("Location") == "/privacy/agreement?done=already"
    assert len(signatures(STATE["client"])) == 1
    assert one("SELECT COUNT(*) FROM audit_log WHERE action = 'agreement.sign' AND object_type ="
               " 'agreement_signature' AND object_id = %s" % sid) == "1"


def test_the_signed_pdf_holds_the_text_and_the_signature():
    setup()
    sid = STATE["signature"]
    c = as_user(SIGNER)
    before = int(one("SELECT COUNT(*) FROM audit_log WHERE action = 'agreement.download' AND object_id = %s" % sid))
    r = c.get("/privacy/agreement/%s/pdf" % sid)
    assert r.status == 200 and r.header("Content-Type") == "application/pdf", r.status
    assert r.header("Content-Disposition") == 'attachment; filename="verwerkersovereenkomst-%s.pdf"' % version()
    assert r.header("Cache-Control") == "no-store"
    assert r.body[:5] == b"%PDF-"
    text = pdf_text(r.body)
    flat = re.sub(r"\s+", " ", text)
    for want in ("Verwerkersovereenkomst Flexportal", "Versie %s" % version(), CLIENT, "Uitzendbureau Flex BV",
                 "Artikel 1. Begrippen", "Artikel 16. Toepasselijk recht en geschillen",
                 "binnen 48 uur", "Ondertekening", "Sara O. %s" % SFX, "Zaakvoerder", "Europe/Brussels"):
        assert want in flat, want
    assert STATE["sha"] in text.replace(" ", ""), "the hash is not on the copy"
    after = int(one("SELECT COUNT(*) FROM audit_log WHERE action = 'agreement.download' AND object_id = %s" % sid))
    assert after == before + 1, "the download is not audited"
    # Who holds the right on a part of the client reads and downloads,
    # and is told who signs; he cannot sign.
    rd = as_user(READER)
    r = rd.get("/privacy/agreement")
    assert r.status == 200 and 'name="authorised"' not in r.text
    assert "Ondertekenen kan alleen wie dat recht heeft voor de hele organisatie van %s" % CLIENT in text_of(r.text)
    assert "Sara O. %s" % SFX in r.text
    assert rd.get("/privacy/agreement/%s/pdf" % sid).status == 200
    r = rd.post("/privacy/agreement", {"csrf": rd.get("/").csrf(), "name": "Ruben Lezer", "title": "HR",
                                       "authorised": "1", "version": version(), "sha256": STATE["sha"],
                                       "text_lang": "nl"})
    assert r.status == 404, r.status
    assert 'id="agreement-due"' not in rd.get("/").text


def test_the_agency_sees_who_signed_which_version_and_when():
    setup()
    for email in (ADMIN, PRIVACY):
        a = as_user(email)
        r = a.get("/privacy/agreements?q=%s" % SFX)
        assert r.status == 200, (email, r.status)
        t = text_of(r.text)
        assert re.search(r"%s Ondertekend PDF Sara O\. %s Zaakvoerder \d{4}-\d\d-\d\d \d\d:\d\d"
                         % (re.escape(CLIENT), SFX), t), t[:1500]
        assert re.search(r"%s Niet ondertekend" % re.escape(OTHER), t), t[:1500]
        # The demo: Andere Klant BV signed this version; Klant NV an earlier one only.
        t = text_of(a.get("/privacy/agreements?q=Klant").text)
        assert re.search(r"Andere Klant BV Ondertekend PDF Lotte Claes Zaakvoerder", t), t[:1500]
        # (Karin Hermans signs it in the browser journey, after this test.)
        assert re.search(r"Klant NV (Niet ondertekend|Ondertekend PDF Karin Hermans .{0,60}?) 2025-1, \d{4}-", t), t[:1500]
        t = text_of(a.get("/privacy/agreements?state=unsigned&q=%s" % SFX).text)
        assert OTHER in t and CLIENT not in t
        t = text_of(a.get("/privacy/agreements?state=signed&q=%s" % SFX).text)
        assert CLIENT in t and OTHER not in t
        assert "Andere Klant BV" in text_of(a.get("/privacy/agreements?state=signed&q=Andere").text)
        r = a.get("/privacy/agreements/%d" % STATE["client"])
        assert r.status == 200 and "Sara O. %s" % SFX in r.text and STATE["sha"] in r.text
        assert a.get("/privacy/agreement/%s/pdf" % STATE["signature"]).status == 200
        assert "/privacy/agreements" in a.get("/").text, "no way there from the dashboard"


def test_a_new_version_asks_again():
    setup()
    # OTHER signed an earlier version, its text and all, before this one.
    sql("INSERT INTO agreement_signatures (client_id, version, lang, title, text, text_sha256, signer_id,"
        " signer_name, signer_title, signed_at) SELECT %d, '2020-1', 'nl', 'Verwerkersovereenkomst',"
        " 'Oude tekst.', SHA2('Oude tekst.', 256), id, 'Anouk Gevraagd', 'Directeur',"
        " UTC_TIMESTAMP() - INTERVAL 2 YEAR FROM users WHERE email = '%s'" % (STATE["other"], ASKED))
    c = as_user(ASKED)
    r = c.get("/")
    assert 'id="agreement-due"' in r.text, "the new version does not ask"
    assert "Versie %s van de verwerkersovereenkomst" % version() in text_of(r.text)
    r = c.get("/privacy/agreement")
    assert 'name="authorised"' in r.text and "Niet ondertekend" in r.text
    assert "2020-1" in r.text  # what it signed before stays listed, with its copy
    old = one("SELECT id FROM agreement_signatures WHERE client_id = %d AND version = '2020-1'" % STATE["other"])
    assert "Oude tekst." in pdf_text(c.get("/privacy/agreement/%s/pdf" % old).body)
    # She signs it, with a name and title as long as they may be, in
    # characters of four bytes; then it asks no more.
    name, title = "\U0001F58A" * 99 + "N", "\U0001F4BC" * 99 + "T"
    r = sign(c, name=name, title=title, authorised="1")
    assert r.status == 303, r.status
    assert sql("SELECT signer_name, signer_title FROM agreement_signatures WHERE client_id = %d AND version = '%s'"
               % (STATE["other"], version())) == [[name, title]]
    assert 'id="agreement-due"' not in c.get("/").text
    # Nobody without the right is asked, nor shown the way.
    for email in (PLANNER, "planner@klant.example", "worker@flex.example", "consultant@uitzendbureau.example"):
        t = as_user(email).get("/").text
        assert 'id="agreement-due"' not in t and "/privacy/agreement" not in t, email


def test_a_client_name_of_two_hundred_four_byte_characters_is_shown_whole():
    # The longest name clients.name holds, every character four bytes in
    # UTF-8 but the last six: cut anywhere, the end would be missing.
    name = "\U0001F3ED" * 194 + SFX
    client, root, _ = make_client(name, "Vestiging Lang %s" % SFX)
    email = "long.%s@test.example" % SFX
    make_user(email, "Lena", "Lang", "Directeur", client, "client_admin", root)
    c = as_user(email)
    assert name in text_of(c.get("/").text), "the dashboard's notice cuts the name"
    assert name in text_of(c.get("/privacy/agreement").text), "the agreement's page cuts the name"
    assert sign(c, name="Lena Lang", title="Directeur", authorised="1").status == 303
    sid = one("SELECT id FROM agreement_signatures WHERE client_id = %d" % client)
    r = c.get("/privacy/agreement/%s/pdf" % sid)
    assert r.status == 200 and r.body[:5] == b"%PDF-", r.status
    assert SFX in pdf_text(r.body), "the signed copy cuts the client's name"


def test_others_get_404_on_the_pages_and_the_pdf():
    setup()
    sid = STATE["signature"]
    klant = one("SELECT s.id FROM agreement_signatures s JOIN clients c ON c.id = s.client_id"
                " WHERE c.name = 'Klant NV' ORDER BY s.id LIMIT 1")
    andere = one("SELECT s.id FROM agreement_signatures s JOIN clients c ON c.id = s.client_id"
                 " WHERE c.name = 'Andere Klant BV' ORDER BY s.id LIMIT 1")
    # A user of another client, with the right at his own.
    o = as_user(ASKED)
    assert o.get("/privacy/agreement/%s/pdf" % sid).status == 404
    assert o.get("/privacy/agreement/%s/pdf" % klant).status == 404
    assert o.get("/privacy/agreements").status == 404
    assert o.get("/privacy/agreements/%d" % STATE["client"]).status == 404
    # A planner without the right, at this client and at the demo's.
    for email in (PLANNER, "planner@klant.example", "worker@flex.example"):
        u = as_user(email)
        assert u.get("/privacy/agreement").status == 404, email
        assert u.get("/privacy/agreement/%s/pdf" % sid).status == 404, email
        assert u.get("/privacy/agreement/%s/pdf" % klant).status == 404, email
        assert u.get("/privacy/agreements").status == 404, email
        r = u.post("/privacy/agreement", {"csrf": u.get("/").csrf(), "name": "X", "title": "Y", "authorised": "1",
                                          "version": version(), "sha256": STATE["sha"], "text_lang": "nl"})
        assert r.status == 404, email
    # Agency staff without agreement.view.
    cons = as_user("consultant@uitzendbureau.example")
    assert cons.get("/privacy/agreements").status == 404
    assert cons.get("/privacy/agreement/%s/pdf" % sid).status == 404
    # The demo's HR manager (his site of Klant NV) reads his client's, not another's.
    hr = as_user("hr.manager@klant.example")
    assert hr.get("/privacy/agreement/%s/pdf" % klant).status == 200
    assert hr.get("/privacy/agreement/%s/pdf" % andere).status == 404
    assert hr.get("/privacy/agreement/%s/pdf" % sid).status == 404
    assert as_user(ADMIN).get("/privacy/agreement/999999999/pdf").status == 404
    assert as_user(ADMIN).get("/privacy/agreements/999999999").status == 404
    assert Client().get("/privacy/agreement/%s/pdf" % sid).status == 303


if __name__ == "__main__":
    run(globals())
