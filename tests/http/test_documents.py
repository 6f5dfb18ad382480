#!/usr/bin/python3
"""The documents module: upload, kinds detected from the content, download
and preview, who sees what, retention, purge and the orphan sweep."""
import glob
import hashlib
import io
import os
import re
import subprocess
import sys
import time
import urllib.parse
import uuid
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

FILES = abspath(conf("Paths.Files"))


def pdf(text="Flexportal"):
    body = "BT /F1 12 Tf 72 770 Td (%s) Tj ET" % text
    return ("%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            "3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
            "4 0 obj << /Length %d >> stream\n%s\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n"
            % (len(body), body)).encode()


def unit_id(name):
    return sql("SELECT id FROM org_units WHERE name = '%s'" % name)[0][0]


def admin():
    return signed_in("admin@uitzendbureau.example")


def upload(c, title, filename, content, doc_type="contract", unit="Team A1 — Inpak", person="",
           ctype="application/pdf"):
    tok = c.get("/documents/new").csrf()
    body, ct = multipart({"csrf": tok, "type": doc_type, "title": title, "unit": unit_id(unit),
                          "person": person}, filename, content, ctype)
    return c.request("POST", "/documents/", body=body, headers={"Content-Type": ct})


def doc_id(title):
    rows = sql("SELECT id FROM documents WHERE title = '%s'" % title.replace("'", "''"))
    return rows[0][0] if rows else None


def stored_files():
    return set(os.path.basename(f) for f in glob.glob(os.path.join(FILES, "*", "*"))
               if not os.path.basename(f).startswith("."))


def test_a_pdf_is_uploaded_encrypted_and_downloaded_as_it_was():
    c = admin()
    content = pdf("contract test")
    r = upload(c, "Contract upload test", "contract.pdf", content, person="worker@flex.example")
    assert r.status == 303, (r.status, r.text[-800:])
    did = doc_id("Contract upload test")
    assert did
    fid = sql("SELECT file_id FROM documents WHERE id = %s" % did)[0][0]
    path = glob.glob(os.path.join(FILES, "*", fid))[0]
    assert b"contract test" not in open(path, "rb").read(), "the file is stored in the clear"
    r = c.get("/documents/%s/download" % did)
    assert r.status == 200 and r.body == content
    assert r.header("Content-Type") == "application/pdf"
    assert r.header("Content-Disposition") == 'attachment; filename="contract.pdf"'
    assert r.header("X-Content-Type-Options") == "nosniff" and r.header("Cache-Control") == "no-store"
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'document.download'"
               " AND object_id = %s" % did) == [["1"]]


def test_the_preview_is_inline_and_sandboxed_for_pdf_only():
    c = admin()
    did = doc_id("Contract upload test")
    r = c.get("/documents/%s/preview" % did)
    assert r.status == 200 and r.header("Content-Disposition").startswith("inline")
    assert "sandbox" in r.header("Content-Security-Policy")
    r = upload(c, "Notitie", "notes.txt", "Gewoon tekst.\n".encode(), doc_type="other",
               ctype="text/plain")
    assert r.status == 303
    assert c.get("/documents/%s/preview" % doc_id("Notitie")).status == 404


def test_html_renamed_pdf_is_refused_and_nothing_is_kept():
    c = admin()
    before = stored_files()
    r = upload(c, "Nep-pdf", "factuur.pdf", b"<html><script>alert(1)</script></html>")
    assert r.status == 422 and "past niet bij deze soort" in r.text, r.text[-600:]
    assert 'value="Nep-pdf"' in r.text, "the title typed is not kept"
    assert doc_id("Nep-pdf") is None and stored_files() == before


def test_a_zip_bomb_docx_is_refused():
    c = admin()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/bomb.xml", b"0" * (60 * 1024 * 1024))
    before = stored_files()
    r = upload(c, "Bom", "cv.docx", buf.getvalue(), doc_type="cv",
               ctype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    # Refused as a zip that unpacks too far, or not taken for a document at all.
    assert r.status == 422 and any(m in r.text for m in (
        "sterk gecomprimeerd", "uitgepakt te groot", "niet herkend")), r.text[-600:]
    assert stored_files() == before


def test_a_strange_file_name_is_stored_safely_and_shown_escaped():
    c = admin()
    name = "../../etc/\u202epasswd<b>.pdf"
    r = upload(c, "Vreemde naam", name, pdf())
    assert r.status == 303
    did = doc_id("Vreemde naam")
    fid = sql("SELECT file_id FROM documents WHERE id = %s" % did)[0][0]
    assert re.fullmatch(r"[0-9a-f]{32}", fid)
    page = c.get("/documents/?q=Vreemde").text
    assert "<b>" not in page and "&lt;b&gt;" in page
    disp = c.get("/documents/%s/download" % did).header("Content-Disposition")
    inner = disp.split('filename="', 1)[1][:-1]
    assert "/" not in inner and "\u202e" not in inner and '"' not in inner, disp


def test_a_flipped_byte_is_refused_on_download():
    c = admin()
    r = upload(c, "Te wijzigen", "x.pdf", pdf("integrity"))
    did = doc_id("Te wijzigen")
    fid = sql("SELECT file_id FROM documents WHERE id = %s" % did)[0][0]
    path = glob.glob(os.path.join(FILES, "*", fid))[0]
    data = bytearray(open(path, "rb").read())
    data[len(data) // 2] ^= 1
    open(path, "wb").write(bytes(data))
    r = c.get("/documents/%s/download" % did)
    assert r.status == 500, r.status
    assert wait_until(lambda: "integrity" in log_text("documents"), 5)


def who_sees(email, titles):
    """Each title's download status, and whether the list shows it (found
    by its title, whatever else the tests stored before)."""
    c, r = login(email)
    assert r.status == 303, (email, r.status)
    out, listed = {}, {}
    for t in titles:
        did = doc_id(t)
        out[t] = c.get("/documents/%s/download" % did).status
        listed[t] = "/documents/%s/" % did in c.get("/documents/?q=" + urllib.parse.quote(t)).text
    return out, listed


def test_each_role_sees_exactly_its_documents():
    titles = ["Contract week 47 — Jan Willems", "Contract week 47 — Team A2", "Factuur 2026-1147",
              "CV Jan Willems", "Werkinstructie Gent"]
    expect = {
        "supervisor@klant.example": [200, 404, 404, 404, 404],
        "planner@klant.example": [200, 200, 404, 404, 404],
        "finance@klant.example": [200, 200, 200, 404, 404],
        "planner@andereklant.example": [404, 404, 404, 404, 200],
        "worker@flex.example": [200, 404, 404, 200, 404],
        "consultant@uitzendbureau.example": [200, 200, 200, 200, 404],
    }
    wrong = []
    for email, statuses in expect.items():
        got, listing = who_sees(email, titles)
        for t, s in zip(titles, statuses):
            if got[t] != s:
                wrong.append("%s %s: %d, expected %d" % (email, t, got[t], s))
            if listing[t] != (s == 200):
                wrong.append("%s %s: %s in the list" % (email, t, "shown" if listing[t] else "not"))
    assert not wrong, "\n".join(wrong)


def test_the_list_filters_by_person_and_by_unit():
    c = admin()
    page = c.get("/documents/?person=worker%40flex.example").text
    assert "CV Jan Willems" in page and "Werkinstructie Gent" not in page
    page = c.get("/documents/?unit=%s" % unit_id("Team A2 — Expeditie")).text
    assert "Contract week 47 — Team A2" in page and "CV Jan Willems" not in page
    # A department covers its teams; by type, so that the contracts other
    # suites make do not push the CV off the first page.
    dept = unit_id("Afdeling A — Productie")
    page = c.get("/documents/?unit=%s&type=contract&q=week+47" % dept).text
    assert "Contract week 47 — Team A2" in page and "Contract week 47 — Jan Willems" in page
    page = c.get("/documents/?unit=%s&type=cv" % dept).text
    assert "CV Jan Willems" in page, "a unit's filter covers its teams"
    page = c.get("/documents/?unit=%s" % dept).text
    assert "Factuur 2026-1147" not in page


def test_the_supervisor_cannot_upload_and_a_worker_cannot_purge():
    c, _ = login("supervisor@klant.example")
    assert c.get("/documents/new").status == 404
    c, _ = login("worker@flex.example")
    r = c.post("/documents/purge", {"csrf": c.get("/documents/").csrf(), "id": doc_id("Factuur 2026-1147")})
    assert r.status == 404


def test_expired_documents_are_listed_and_purged_with_their_file():
    c = admin()
    page = c.get("/documents/?within=1").text
    assert "Factuur 2018-0042" in page and "Factuur 2026-1147" not in page
    did = doc_id("Factuur 2018-0042")
    fid = sql("SELECT file_id FROM documents WHERE id = %s" % did)[0][0]
    r = c.post("/documents/purge", {"csrf": c.get("/documents/").csrf(), "id": did})
    assert r.status == 303
    assert doc_id("Factuur 2018-0042") is None and fid not in stored_files()
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'document.purge' AND object_id = %s"
               % did) == [["1"]]


def test_a_retention_is_extended_by_a_year_with_a_reason():
    c = admin()
    did = doc_id("Contract week 12 — Jan Willems")
    before = sql("SELECT expires_at FROM documents WHERE id = %s" % did)[0][0]
    r = c.post("/documents/%s/extend" % did, {"csrf": c.get("/documents/").csrf(),
                                              "reason": "Toestemming van de werknemer"})
    assert r.status == 303
    after = sql("SELECT expires_at, extended_reason FROM documents WHERE id = %s" % did)[0]
    assert int(after[0][:4]) == int(before[:4]) + 1 and after[1] == "Toestemming van de werknemer"


def test_an_extension_without_a_reason_is_refused_on_the_form():
    c = admin()
    did = doc_id("Contract week 47 — Team A2")
    page = c.get("/documents/%s/extend" % did)
    assert page.status == 200 and "Contract week 47" in page.text
    r = c.post("/documents/%s/extend" % did, {"csrf": page.csrf(), "reason": ""})
    assert r.status == 422 and "Vul dit veld in." in r.text


def test_a_changed_retention_period_moves_the_expiry_of_its_documents():
    c = admin()
    page = c.get("/documents/retention")
    assert page.status == 200 and "Overig: 2 jaar" in page.text
    rid = sql("SELECT id FROM retention_types WHERE name = 'Overig: 2 jaar'")[0][0]
    r = c.post("/documents/retention/%s" % rid, {"csrf": page.csrf(), "name": "Overig: 3 jaar",
                                                 "days": "1095", "starts": "upload"})
    assert r.status == 303, r.status
    rows = sql("SELECT DATEDIFF(expires_at, clock_start) FROM documents WHERE title = 'Werkinstructie Gent'")
    assert rows == [["1095"]], rows
    r = c.post("/documents/retention", {"csrf": page.csrf(), "name": "Overig: 3 jaar",
                                        "days": "10", "starts": "upload"})
    assert r.status == 422 and 'value="Overig: 3 jaar"' in r.text
    r = c.post("/documents/retention", {"csrf": page.csrf(), "name": "Kort", "days": "0",
                                        "starts": "upload"})
    assert r.status == 422
    c2, _ = login("planner@klant.example")
    assert c2.get("/documents/retention").status == 404


def test_a_cv_is_kept_four_weeks_after_the_persons_last_activity():
    did = doc_id("CV Jan Willems")
    sql("UPDATE documents SET clock_start = UTC_DATE() - INTERVAL 60 DAY,"
        " expires_at = UTC_DATE() - INTERVAL 32 DAY WHERE id = %s" % did)
    sql("UPDATE users SET last_activity_at = UTC_TIMESTAMP() WHERE email = 'worker@flex.example'")
    subprocess.run([os.path.join(ROOT, "build/sbin/portal-worker"), "--once"], cwd=ROOT, check=True,
                   capture_output=True, timeout=60)
    assert sql("SELECT DATEDIFF(expires_at, UTC_DATE()) FROM documents WHERE id = %s" % did) == [["28"]]


def test_the_sweep_finds_an_orphan_and_a_missing_file():
    orphan_dir = os.path.join(FILES, "ab")
    os.makedirs(orphan_dir, exist_ok=True)
    orphan = os.path.join(orphan_dir, "ab" + "0" * 30)
    open(orphan, "wb").write(b"FPF1 stray")
    # Left an hour ago: no upload is still on its way with it.
    an_hour_ago = time.time() - 3600
    os.utime(orphan, (an_hour_ago, an_hour_ago))
    did = doc_id("Werkinstructie Gent")
    fid = sql("SELECT file_id FROM documents WHERE id = %s" % did)[0][0]
    path = glob.glob(os.path.join(FILES, "*", fid))[0]
    os.rename(path, path + ".away")
    try:
        r = portalctl("files-sweep")
        assert r.returncode == 0, r.stderr
        assert "orphan file ab" + "0" * 30 in r.stdout and "its file %s is missing" % fid in r.stdout, r.stdout
        assert os.path.exists(orphan), "a dry run removed a file"
        page = admin().get("/documents/sweep")
        assert page.status == 200 and "ab" + "0" * 30 in page.text and fid in page.text
        assert os.path.exists(orphan), "looking removed a file"
        r = admin().post("/documents/sweep", {"csrf": page.csrf()})
        assert r.status == 200 and "zijn verwijderd" in r.text
        assert not os.path.exists(orphan)
    finally:
        os.rename(path + ".away", path)


def test_the_sweep_leaves_a_file_just_stored_whose_document_is_not_committed_yet():
    grace = int(conf("Files.SweepGraceMinutes"))
    young = os.path.join(FILES, "cd", "cd" + "1" * 30)
    os.makedirs(os.path.dirname(young), exist_ok=True)
    open(young, "wb").write(b"FPF1 being stored")
    try:
        r = portalctl("files-sweep", "--delete")
        assert r.returncode == 0, r.stderr
        assert os.path.exists(young), "the sweep removed a file being stored"
        assert "cd" + "1" * 30 not in r.stdout and "left for the next sweep" in r.stdout, r.stdout
        page = admin().get("/documents/sweep")
        r = admin().post("/documents/sweep", {"csrf": page.csrf()})
        assert r.status == 200 and os.path.exists(young)
        # Once older than the grace, it is an orphan like any other.
        then = time.time() - 60 * grace - 60
        os.utime(young, (then, then))
        r = portalctl("files-sweep", "--delete")
        assert "orphan file cd" + "1" * 30 in r.stdout and not os.path.exists(young), r.stdout
    finally:
        if os.path.exists(young):
            os.unlink(young)


def rss_kib(name):
    pids = [pid_of(p) for p in (name + "-1", name + "-2")]
    return sum(int(re.search(r"VmRSS:\s+(\d+)", open("/proc/%d/status" % p).read()).group(1))
               for p in pids)


def test_a_19_mib_upload_and_download_stay_within_bounded_memory():
    c = admin()
    content = pdf("big") + os.urandom(19 * 1024 * 1024)
    before = rss_kib("documents")
    r = upload(c, "Groot bestand", "groot.pdf", content, doc_type="other")
    assert r.status == 303, r.status
    r = c.get("/documents/%s/download" % doc_id("Groot bestand"))
    assert hashlib.sha256(r.body).digest() == hashlib.sha256(content).digest()
    grown = rss_kib("documents") - before
    assert grown < 8 * 1024, "the two documents processes grew by %d KiB" % grown


def test_forms_with_boundaries_of_every_length_are_read_whole_one_after_another():
    # The same processes read form after form; each boundary is of another
    # length than the one before (a browser's 38 characters, then 32, 24 …),
    # and each form's token must be found: a missing one is a 403.
    c = admin()
    tok = c.get("/documents/new").csrf()
    refused = []
    for i in range(800):
        n = (38, 32, 24, 39, 70, 16)[i % 6]
        b = ("-" * 8 + uuid.uuid4().hex * 3)[:n]
        body = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n--%s--\r\n"
                % (b, tok, b)).encode()
        r = c.request("POST", "/documents/", body=body,
                      headers={"Content-Type": "multipart/form-data; boundary=" + b})
        if r.status != 422:
            refused.append((i, n, r.status))
    assert not refused, refused[:10]


if __name__ == "__main__":
    run(globals())
