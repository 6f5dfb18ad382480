#!/usr/bin/python3
"""Right of access and portability: a person's file — everything the portal
keeps about him, with why, on what basis, how long and for whom — as a
page, a PDF and JSON; the privacy officer's of anyone, everyone's own under
/privacy/me; the national ID number masked, nothing of another person,
every view and download audited."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_timesheets import as_user, one, text_of  # noqa: E402

PRIVACY = "privacy@uitzendbureau.example"
WORKER = "worker@flex.example"               # Jan Willems, BSN 111222333
PLANNER = "planner@klant.example"            # Eva Visser, a client user
# Others the demo has acted on Jan Willems's data, and other temp workers:
# none of them may be named in his file.
OTHERS = ("Finn Smit", "Bram Jansen", "Carla Peeters", "Anna de Vries", "Eva Visser", "Sanne Peeters",
          "Lisa Maes", "Tom Jacobs", "Youssef Amrani", "supervisor@klant.example",
          "consultant@uitzendbureau.example")
SECTIONS = ("account", "security", "national_id", "grants", "sessions", "links", "skills", "pools",
            "availability_week", "availability_days", "shifts", "timesheets", "invoice_lines", "candidacies",
            "documents", "contact_moments", "consent_requests", "audit", "own_actions", "register", "controller",
            "notes")
ISO_MOMENT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def uid(email):
    return one("SELECT id FROM users WHERE email = '%s'" % email)


def jan():
    return uid(WORKER)


def get(c, path, status=200):
    r = c.get(path)
    assert r.status == status, (path, r.status, r.text[:300])
    return r


def pdf_text(body):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=body, capture_output=True,
                          check=True).stdout.decode("utf-8")


def main_of(html):
    return html[html.index("<main"):html.index("</main>")]


def accesses(object_type, oid):
    return sql("SELECT actor_id, detail FROM audit_log WHERE action = 'privacy.access' AND object_type = '%s'"
               " AND object_id = %s ORDER BY id" % (object_type, oid))


def walk(v, path=""):
    """Every (path, key, value) of a JSON tree."""
    if isinstance(v, dict):
        for k, x in v.items():
            yield path, k, x
            yield from walk(x, path + "." + k)
    elif isinstance(v, list):
        for x in v:
            yield from walk(x, path + "[]")


def test_the_officer_reads_a_temp_workers_file_as_a_page():
    r = get(as_user(PRIVACY), "/privacy/persons/%s/dossier" % jan())
    assert "no-store" in (r.header("Cache-Control") or "")
    t = text_of(r.text)
    assert "Jan Willems" in t and "worker@flex.example" in t
    # His shifts (a contracted one of the demo, at his unit's clock), his
    # hours (approved weeks, the rejected one with its reason), his skills.
    assert "Diensten" in t and "Gecontracteerd" in t and "DEMO-0-" in t, "his shifts and their contracts"
    assert "Uren per week" in t and "Goedgekeurd" in t and "volgens de prikklok" in t, "his hours"
    assert "Productiemedewerker inpak" in t, "his skills"
    assert "*****2333" in t and "111222333" not in r.text, "the number masked, never whole"
    # The register from conf/privacy.hdf: purposes, bases, retention, recipients.
    for words in ("Uren registreren, laten goedkeuren door de klant", "AVG art. 6 lid 1",
                  "7 jaar (fiscale bewaarplicht)", "Uitzendbureau Flex BV"):
        assert words in t, words
    # Every label and section title in the language file.
    assert "Lang.Privacy" not in r.text
    # The PDF and JSON of the same file are linked from it.
    assert 'href="/privacy/persons/%s/dossier.pdf"' % jan() in r.text
    assert 'href="/privacy/persons/%s/dossier.json"' % jan() in r.text


def test_the_officer_downloads_the_pdf_holding_his_name_sections_and_purposes():
    r = get(as_user(PRIVACY), "/privacy/persons/%s/dossier.pdf" % jan())
    assert r.header("Content-Type") == "application/pdf"
    assert r.body.startswith(b"%PDF-") and r.body.rstrip().endswith(b"%%EOF"), "a whole PDF"
    assert "no-store" in (r.header("Cache-Control") or "")
    t = pdf_text(r.body)
    assert "Jan Willems" in t
    for heading in ("Account", "Burgerservicenummer of rijksregisternummer", "Diensten", "Uren per week",
                    "Factuurregels", "Sollicitaties", "Documenten", "Waarvoor, op welke grond, hoelang en voor wie"):
        assert heading in t, heading
    assert "Uitzendkrachten inplannen bij klanten" in t, "a purpose of the register"
    assert "*****2333" in t and "111222333" not in t


def test_the_officer_downloads_the_json_with_every_section():
    r = get(as_user(PRIVACY), "/privacy/persons/%s/dossier.json" % jan())
    assert r.header("Content-Type").startswith("application/json")
    d = r.json()
    assert d["format"] == "flexportal-dossier" and d["version"] == 1
    assert d["subject"] == {"type": "user", "id": int(jan()), "kind": "worker"}
    assert list(d)[:5] == ["format", "version", "generated_at", "language", "subject"]
    for s in SECTIONS:
        assert s in d, s
    assert d["account"]["first_name"] == "Jan" and d["account"]["email"] == WORKER
    assert d["national_id"] == {"recorded": True, "country": "NL", "number": "*****2333"}
    assert any(s["position"] == "Productiemedewerker inpak" for s in d["skills"])
    shift = next(s for s in d["shifts"] if s["contracts"])
    assert set(shift["contracts"][0]) == {"contract_no", "version", "hourly_wage", "premium_pct",
                                          "created_at"}
    assert re.match(r"^\d+\.\d\d$", shift["contracts"][0]["hourly_wage"]), "an amount in euros"
    week = next(t for t in d["timesheets"] if t["state"] == "approved")
    assert week["days"] and week["minutes"] == sum(e["minutes"] for e in week["days"])
    assert week["decided_by"] == "client", "the decider by his side, not by name"
    assert d["invoice_lines"] and all(ISO_DAY.match(l["invoice_date"]) for l in d["invoice_lines"])
    # His wage, not the client's price: no bill rate, no invoice amounts.
    assert not any(k in l for l in d["invoice_lines"] for k in ("rate", "amount", "vat"))
    assert {"section": "invoice_lines", "note": "prices_withheld", "count": 0} in d["notes"]
    assert d["candidacies"][0]["cv"] == "CV Jan Willems" and d["candidacies"][0]["steps"]
    assert {x["type"] for x in d["documents"]} >= {"contract", "cv"}
    assert all(set(p) == {"code", "name", "purpose", "legal_basis", "data", "retention", "recipients"}
               for p in d["register"])
    # Moments in UTC with a Z, dates as days: machine-readable.
    for path, k, v in walk(d):
        if (k == "at" or k.endswith("_at")) and v is not None:
            assert ISO_MOMENT.match(v), (path, k, v)
    # Never a secret, hash or token; never the whole number.
    assert "111222333" not in r.text and "$2b$" not in r.text
    for path, k, v in walk(d):
        assert not re.search(r"hash|secret|token|sealed|password$", k), (path, k)


def test_nothing_of_another_person_is_in_a_workers_file():
    c = as_user(PRIVACY)
    page = main_of(get(c, "/privacy/persons/%s/dossier" % jan()).text)  # not the officer's own name above it
    pdf = pdf_text(get(c, "/privacy/persons/%s/dossier.pdf" % jan()).body)
    data = get(c, "/privacy/persons/%s/dossier.json" % jan()).text
    for name in OTHERS:
        for what, text in (("page", page), ("PDF", pdf), ("JSON", data)):
            assert name not in text, "%s in his %s" % (name, what)
    # The one who approved his weeks and the officer who read his file are
    # there — as the client and the agency.
    assert "de klant" in page and "het uitzendbureau" in page


def test_his_draft_is_his_alone_the_officer_is_told_it_is_left_out():
    officer = get(as_user(PRIVACY), "/privacy/persons/%s/dossier.json" % jan()).json()
    own = get(as_user(WORKER), "/privacy/me/dossier.json").json()
    assert not any(t["state"] == "draft" for t in officer["timesheets"])
    assert {"section": "timesheets", "note": "drafts_withheld", "count": 1} in officer["notes"]
    assert any(t["state"] == "draft" for t in own["timesheets"])
    assert not any(n["note"] == "drafts_withheld" for n in own["notes"])


def test_the_worker_takes_his_own_file_in_each_format():
    c = as_user(WORKER)
    page = get(c, "/privacy/me")
    assert 'href="/privacy/me/dossier.pdf"' in page.text and 'href="/privacy/me/dossier.json"' in page.text
    r = get(c, "/privacy/me/dossier")
    assert "Jan Willems" in r.text and "*****2333" in r.text and "111222333" not in r.text
    r = get(c, "/privacy/me/dossier.pdf")
    assert r.body.startswith(b"%PDF-") and "Jan Willems" in pdf_text(r.body)
    d = get(c, "/privacy/me/dossier.json").json()
    assert d["subject"]["id"] == int(jan()) and d["account"]["email"] == WORKER
    # His own sessions, with where and what from: this one among them.
    assert any(s["browser"] == "portaltest" and s["ended_at"] is None for s in d["sessions"])


def test_the_worker_gets_404_for_anyone_elses_file():
    c = as_user(WORKER)
    other = uid("sanne.peeters@flex.example")
    candidate = one("SELECT id FROM candidates WHERE name = 'Kevin Maes'")
    for path in ("/privacy/persons/%s/dossier" % other, "/privacy/persons/%s/dossier.pdf" % other,
                 "/privacy/persons/%s/dossier.json" % other, "/privacy/persons/%s/dossier.json" % jan(),
                 "/privacy/candidates/%s/dossier.json" % candidate):
        get(c, path, 404)
    # /privacy/me takes no one's id.
    assert c.get("/privacy/me/dossier.json?id=%s" % other).status == 400


def test_a_client_user_takes_his_own_file():
    c = as_user(PLANNER)
    d = get(c, "/privacy/me/dossier.json").json()
    assert d["subject"] == {"type": "user", "id": int(uid(PLANNER)), "kind": "client"}
    assert d["account"]["last_name"] == "Visser" and d["account"]["client"] == "Klant NV"
    assert [g["role"] for g in d["grants"]] == ["planner"] and d["grants"][0]["unit"]
    assert d["sessions"] and d["register"]
    # No temp worker's parts, and nothing of the workers he plans.
    for s in ("national_id", "shifts", "timesheets", "skills", "invoice_lines"):
        assert s not in d, s
    assert "Jan Willems" not in json.dumps(d, ensure_ascii=False)
    r = get(c, "/privacy/me/dossier.pdf")
    assert r.body.startswith(b"%PDF-") and "Eva Visser" in pdf_text(r.body)
    assert "Rechten" in get(c, "/privacy/me/dossier").text
    get(c, "/privacy/persons/%s/dossier" % uid(PLANNER), 404)


def test_the_officer_reads_a_candidate_known_by_name_only():
    cid = one("SELECT id FROM candidates WHERE name = 'Kevin Maes'")
    c = as_user(PRIVACY)
    d = get(c, "/privacy/candidates/%s/dossier.json" % cid).json()
    assert d["subject"] == {"type": "candidate", "id": int(cid), "kind": "candidate"}
    assert d["candidate"]["name"] == "Kevin Maes" and d["candidate"]["email"] == "kevin.maes@example.net"
    (cand,) = d["candidacies"]
    assert cand["vacancy"] == "Orderpicker expeditie" and cand["state"] == "rejected"
    assert cand["reason_code"] == "availability" and cand["reason_text"] == "Alleen beschikbaar in het weekend."
    assert cand["cv"] == "CV Kevin Maes" and [x["title"] for x in d["documents"]] == ["CV Kevin Maes"]
    assert "account" not in d and "sessions" not in d
    page = get(c, "/privacy/candidates/%s/dossier" % cid)
    assert "Kevin Maes" in page.text and "Niet beschikbaar wanneer nodig" in page.text
    assert "Kevin Maes" in pdf_text(get(c, "/privacy/candidates/%s/dossier.pdf" % cid).body)
    # His page shows what his file holds.
    assert "dossier.pdf" in get(c, "/privacy/candidates/%s" % cid).text


def test_a_signers_file_holds_the_processing_agreements_he_signed():
    [[signer, version]] = sql("SELECT signer_id, version FROM agreement_signatures ORDER BY id LIMIT 1")
    d = get(as_user(PRIVACY), "/privacy/persons/%s/dossier.json" % signer).json()
    assert [x["version"] for x in d["signatures"]] == [version], d.get("signatures")
    assert d["signatures"][0]["signer_name"] and d["signatures"][0]["signed_at"]


def test_proposals_made_under_his_address_before_he_had_a_login_are_in_his_file():
    """Proposed as someone new, registered later with the same address:
    the same person, whose file holds both."""
    email = "voorheen-%s@flex.example" % os.urandom(3).hex()
    vac = one("SELECT id FROM vacancies ORDER BY id LIMIT 1")
    sql("INSERT INTO candidates (vacancy_id, name, contact, proposal, state, created_at, state_changed_at)"
        " VALUES (%s, 'Voorheen Nieuw', '%s', 'Eerder voorgesteld', 'rejected', UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP())" % (vac, email))
    sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
        " VALUES ('worker', '%s', 'Voorheen', 'Nieuw', 'active', UTC_TIMESTAMP())" % email)
    d = get(as_user(PRIVACY), "/privacy/persons/%s/dossier.json" % uid(email)).json()
    assert [c["proposal"] for c in d["candidacies"]] == ["Eerder voorgesteld"], d["candidacies"]


def test_every_view_and_download_is_audited_with_its_format_only():
    c = as_user(PRIVACY)
    before = len(accesses("user", jan()))
    for suffix in ("", ".pdf", ".json"):
        get(c, "/privacy/persons/%s/dossier%s" % (jan(), suffix))
    rows = accesses("user", jan())[before:]
    assert [r[1] for r in rows] == ["format=html", "format=pdf", "format=json"]
    assert {r[0] for r in rows} == {uid(PRIVACY)}
    # His own too, and he sees in his file that the agency read it.
    before = len(accesses("user", jan()))
    d = get(as_user(WORKER), "/privacy/me/dossier.json").json()
    rows = accesses("user", jan())[before:]
    assert rows == [[jan(), "format=json"]]
    assert any(a["action"] == "privacy.access" and a["by"] == "agency" for a in d["audit"])
    # A refused one is no access.
    before = len(accesses("user", uid("sanne.peeters@flex.example")))
    get(as_user(WORKER), "/privacy/persons/%s/dossier.pdf" % uid("sanne.peeters@flex.example"), 404)
    assert len(accesses("user", uid("sanne.peeters@flex.example"))) == before


def test_file_names_hold_no_name():
    c = as_user(PRIVACY)
    for suffix, ext in ((".pdf", "pdf"), (".json", "json")):
        disp = get(c, "/privacy/persons/%s/dossier%s" % (jan(), suffix)).header("Content-Disposition")
        assert re.match(r'^attachment; filename="dossier-u%s-\d{4}-\d\d-\d\d\.%s"$' % (jan(), ext), disp), disp
        assert "illems" not in disp


def test_a_list_beyond_its_cap_is_cut_and_says_so():
    """2,001 old sessions of the finance user (never purged): the newest
    2,000 are in his file, with a note that says the list was cut."""
    fin = uid("finance@klant.example")
    sql("DELETE FROM sessions WHERE user_id = %s AND user_agent = 'dossier-cap'" % fin)
    sql("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ended_at, end_reason, ip, user_agent)"
        " SELECT UNHEX(SHA2(CONCAT('dossier-cap-', seq), 256)), %s, UTC_TIMESTAMP() - INTERVAL 400 DAY"
        " + INTERVAL seq MINUTE, UTC_TIMESTAMP() - INTERVAL 400 DAY + INTERVAL seq MINUTE,"
        " UTC_TIMESTAMP() - INTERVAL 400 DAY + INTERVAL seq MINUTE, 'logout', '192.0.2.7', 'dossier-cap'"
        " FROM seq_1_to_2001" % fin)
    try:
        c = as_user(PRIVACY)
        d = get(c, "/privacy/persons/%s/dossier.json" % fin).json()
        assert len(d["sessions"]) == 2000
        assert d["sessions"][0]["started_at"] > d["sessions"][-1]["started_at"], "the newest first"
        assert {"section": "sessions", "note": "cut", "count": 2000} in d["notes"]
        page = text_of(get(c, "/privacy/persons/%s/dossier" % fin).text)
        assert "Deze lijst is ingekort" in page
    finally:
        sql("DELETE FROM sessions WHERE user_id = %s AND user_agent = 'dossier-cap'" % fin)


def lang_block(lang, name):
    """The keys of Lang.Privacy.Dossier.<name> in a language file."""
    text = open(os.path.join(ROOT, "templates", "lang", lang + ".hdf"), encoding="utf-8").read()
    start = text.index("\n    Dossier {")
    block = text[text.index("\n      %s {" % name, start):]
    block = block[:block.index("\n      }")]
    return set(re.findall(r"^\s+([a-z_0-9.]+) = ", block, re.M))


def test_every_key_of_the_file_has_a_label_in_three_languages():
    c = as_user(PRIVACY)
    files = [get(c, "/privacy/persons/%s/dossier.json" % jan()).json(),
             get(c, "/privacy/persons/%s/dossier.json" % uid(PLANNER)).json(),
             get(c, "/privacy/candidates/%s/dossier.json" % one("SELECT id FROM candidates WHERE name = 'Kevin Maes'"))
             .json()]
    sections, fields = set(), set()
    for d in files:
        for path, k, v in walk(d):
            depth = path.count("[]")
            if path == "":
                if k not in ("format", "version", "generated_at", "language", "subject", "notes"):
                    sections.add(k)
            elif path.startswith(".subject") or path.startswith(".notes") or depth > 2:
                continue  # not shown, or shown as a line of text
            elif isinstance(v, list):
                (sections if depth == 1 else fields).add(k)  # a table of its own, or a column
            elif k not in ("id", "time_zone", "code"):
                fields.add(k)
    for lang in ("nl", "en", "fr"):
        assert not sections - lang_block(lang, "Section"), (lang, sections - lang_block(lang, "Section"))
        assert not fields - lang_block(lang, "Field"), (lang, fields - lang_block(lang, "Field"))


def test_the_persons_page_shows_what_his_file_holds():
    r = get(as_user(PRIVACY), "/privacy/persons/%s" % jan())
    t = text_of(r.text)
    shifts = one("SELECT COUNT(*) FROM shifts WHERE worker_user_id = %s" % jan())
    assert re.search(r"Diensten %s\b" % shifts, t), t[:2000]
    for suffix in ("", ".pdf", ".json"):
        assert 'href="/privacy/persons/%s/dossier%s"' % (jan(), suffix) in r.text


if __name__ == "__main__":
    run(globals())
