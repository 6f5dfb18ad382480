#!/usr/bin/python3
"""Optional personal fields and temp workers' photos: a mobile number, a
date of birth and an address stored and shown while Fields.* has them on,
corrected by the person on /account and by the agency on the user's page,
each refusal with a message that keeps the input; a photo shown to who sees
the worker in planning (404 to everyone else), in the week view at once
after it changes. With a field or the photos switched off — the binaries
run as plain CGI with another configuration, the same database — nothing
is shown, accepted or stored, and `portalctl purge-photos` empties the
store (and refuses while photos are on)."""
import glob
import io
import os
import re
import shutil
import subprocess
import struct
import sys
import tempfile
import time
import urllib.parse
import uuid
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_timesheets import as_user, one, text_of  # noqa: E402

ADMIN = "admin@uitzendbureau.example"
FILES = abspath(conf("Paths.Files"))


def uid_of(email):
    return one("SELECT id FROM users WHERE email = '%s'" % email)


def col(uid, column):
    return one("SELECT COALESCE(%s, 'NULL') FROM users WHERE id = %s" % (column, uid))


def error_of(r, name):
    m = re.search(r'<p class="field-error" id="e-%s">([^<]*)</p>' % name, r.text)
    return m.group(1) if m else None


def value_of(r, name):
    m = re.search(r'<input id="f-%s" name="%s"[^>]* value="([^"]*)"' % (name, name), r.text)
    return m.group(1) if m else None


def audits(action, uid):
    return [row[0] for row in sql("SELECT detail FROM audit_log WHERE action = '%s' AND object_type = 'user'"
                                  " AND object_id = %s ORDER BY id" % (action, uid))]


def png(side=8, rgb=(40, 120, 140)):
    raw = b"".join(b"\0" + bytes(rgb) * side for _ in range(side))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def png_chunks(data):
    """A PNG's chunks as (type, data), each CRC checked; None when it is no
    whole PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    out, pos = [], 8
    while pos + 12 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if len(body) != n or struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0] != zlib.crc32(kind + body):
            return None
        out.append((kind, body))
        pos += 12 + n
        if kind == b"IEND":
            return out if pos == len(data) else None
    return None


def png_shows(data):
    """Is data a whole PNG whose pixels inflate to what IHDR says (8-bit
    RGB, as png() writes them)?"""
    chunks = png_chunks(data)
    if not chunks or chunks[0][0] != b"IHDR":
        return False
    w, h = struct.unpack(">II", chunks[0][1][:8])
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    return len(pixels) == h * (1 + 3 * w)


def seg(marker, payload):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


def exif_gps(where=b"Kruisstraat 12, Rotterdam"):
    """An EXIF APP1 (big-endian) whose IFD0 points to a GPS IFD: latitude
    reference N and a GPSAreaInformation naming where the photo was taken."""
    gps_at = 8 + 2 + 12 + 4
    area_at = gps_at + 2 + 2 * 12 + 4
    tiff = (b"MM\0*" + struct.pack(">I", 8) + struct.pack(">H", 1) + struct.pack(">HHII", 0x8825, 4, 1, gps_at)
            + struct.pack(">I", 0) + struct.pack(">H", 2) + struct.pack(">HHI", 0x0001, 2, 2) + b"N\0\0\0"
            + struct.pack(">HHII", 0x001C, 7, len(where) + 8, area_at) + struct.pack(">I", 0)
            + b"ASCII\0\0\0" + where)
    return seg(0xE1, b"Exif\0\0" + tiff)


def jpeg(w=8, h=8, meta=b""):
    """An 8 x 8 grey baseline JPEG (one block, all zero; decoders show it
    grey), its frame header claiming w x h, meta after its JFIF APP0."""
    app0 = seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0")
    dqt = seg(0xDB, b"\x00" + bytes([1] * 64))
    sof = seg(0xC0, b"\x08" + struct.pack(">HH", h, w) + b"\x01\x01\x11\x00")
    dht = seg(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00") + seg(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")
    sos = seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    return b"\xff\xd8" + app0 + meta + dqt + sof + dht + sos + b"\x3f" + b"\xff\xd9"


def decodes(data, suffix):
    """Does a decoder read it as a picture? gdk-pixbuf's, where it is
    installed; elsewhere the exact bytes the test expects must do."""
    tool = shutil.which("gdk-pixbuf-csource")
    if not tool:
        return True
    with tempfile.NamedTemporaryFile(suffix=suffix) as f:
        f.write(data)
        f.flush()
        return subprocess.run([tool, "--raw", f.name], capture_output=True).returncode == 0


def upload_photo(c, uid, content, filename="foto.png", ctype="image/png"):
    tok = c.get("/admin/users/%s" % uid).csrf()
    body, ct = multipart({"csrf": tok}, filename, content, ctype)
    return c.request("POST", "/admin/users/%s/photo" % uid, body=body, headers={"Content-Type": ct})


def remove_photo(c, uid):
    tok = c.get("/admin/users/%s" % uid).csrf()
    return c.post("/admin/users/%s/photo/delete" % uid, {"csrf": tok})


def photo_files():
    return sorted(os.path.basename(f) for f in glob.glob(os.path.join(FILES, "*", "*"))
                  if not os.path.basename(f).startswith("."))


def week_of(c, team):
    unit = one("SELECT id FROM org_units WHERE name LIKE '%s%%'" % team)
    r = c.get("/planning/?unit=%s" % unit)
    assert r.status == 200, r.status
    return r


def avatar_of(r, uid):
    return ('<img class="avatar" src="/admin/users/%s/photo"' % uid) in r.text


# --- on: stored and shown ------------------------------------------------------


def test_a_temp_worker_is_registered_with_his_birth_date_and_address_stored_and_shown():
    email = "nieuw.%s@flex.example" % uuid.uuid4().hex[:8]
    c = as_user(ADMIN)
    form = c.get("/admin/users/new")
    assert 'name="birth_date"' in form.text and 'name="postcode"' in form.text and 'name="mobile"' in form.text
    r = c.post("/admin/users", {"csrf": form.csrf(), "kind": "worker", "first_name": "Noor", "last_name": "Bos",
                                "email": email, "mobile": "+31 6 55512345", "birth_date": "1997-04-02",
                                "street": "Witte de Withstraat 3", "postcode": "3012bn", "city": "Rotterdam",
                                "country": "NL"})
    assert r.status == 303, (r.status, r.text[-600:])
    uid = uid_of(email)
    assert col(uid, "birth_date") == "1997-04-02" and col(uid, "mobile") == "+31 6 55512345"
    # The postal code as the Netherlands writes it.
    assert col(uid, "address_postcode") == "3012 BN" and col(uid, "address_country") == "NL"
    page = text_of(c.get("/admin/users/%s" % uid).text)
    for shown in ("1997-04-02", "Witte de Withstraat 3", "3012 BN Rotterdam", "Nederland", "+31 6 55512345"):
        assert shown in page, shown


def test_a_workers_field_given_for_a_client_user_is_refused_on_the_form():
    email = "klant.%s@klant.example" % uuid.uuid4().hex[:8]
    c = as_user(ADMIN)
    client = one("SELECT id FROM clients WHERE name = 'Klant NV'")
    r = c.post("/admin/users", {"csrf": c.get("/admin/users/new").csrf(), "kind": "client", "client": client,
                                "first_name": "Piet", "last_name": "Kok", "email": email, "birth_date": "1980-01-01"})
    assert r.status == 422 and "uitzendkrachten" in (error_of(r, "birth_date") or ""), r.status
    assert value_of(r, "birth_date") == "1980-01-01", "the input is gone"
    assert not sql("SELECT id FROM users WHERE email = '%s'" % email)


def test_a_client_user_corrects_his_own_profile_and_sees_whom_to_ask_for_his_address():
    hr = uid_of("hr.manager@klant.example")
    c = as_user("hr.manager@klant.example")
    r = c.get("/account")
    assert r.status == 200 and "Mijn gegevens" in r.text
    # A client user's data: no date of birth, no home address.
    assert 'name="birth_date"' not in r.text and 'name="street"' not in r.text
    assert 'name="email"' not in r.text and "support@" in r.text, "the page says whom to ask for the address"
    before = len(audits("profile.update", hr))
    # A bad number comes back with a message, the input kept, nothing stored.
    r = c.post("/account/profile", {"csrf": r.csrf(), "first_name": "Daan", "last_name": "Bakker",
                                    "job_title": "HR-manager", "mobile": "06-abc"})
    assert r.status == 422 and "telefoonnummer" in (error_of(r, "mobile") or ""), r.status
    assert value_of(r, "mobile") == "06-abc" and col(hr, "mobile") == "NULL"
    r = c.post("/account/profile", {"csrf": r.csrf(), "first_name": "Daan", "last_name": "Bakker",
                                    "job_title": "HR-manager Rotterdam", "mobile": "+31 10 4123456"})
    assert r.status == 303 and r.header("Location") == "/account?done=profile", r.status
    assert col(hr, "mobile") == "+31 10 4123456" and col(hr, "job_title") == "HR-manager Rotterdam"
    page = c.get("/account?done=profile")
    assert "+31 10 4123456" in page.text and "HR-manager Rotterdam" in page.text
    # Audited with the names of the fields, never their values.
    details = audits("profile.update", hr)
    assert len(details) == before + 1 and details[-1] == "job_title, mobile", details
    # A field of a temp worker is refused outright: the form never offers it.
    r = c.post("/account/profile", {"csrf": page.csrf(), "first_name": "Daan", "last_name": "Bakker",
                                    "birth_date": "1980-01-01"})
    assert r.status == 400 and col(hr, "birth_date") == "NULL"
    c.post("/account/profile", {"csrf": page.csrf(), "first_name": "Daan", "last_name": "Bakker",
                                "job_title": "HR-manager"})


def test_a_temp_worker_corrects_his_birth_date_and_address_with_refusals_that_keep_the_input():
    w = uid_of("worker@flex.example")
    c = as_user("worker@flex.example")
    r = c.get("/account")
    assert "1994-03-12" in r.text and "Kruisstraat 12" in r.text, "the demo's data is not shown"
    fields = {"csrf": r.csrf(), "first_name": "Jan", "last_name": "Willems", "job_title": "Productiemedewerker",
              "mobile": "+31 6 21436587", "birth_date": "1994-03-12", "street": "Kruisstraat 12",
              "postcode": "3012 CT", "city": "Rotterdam", "country": "NL"}
    for name, bad, word in (("birth_date", "2090-01-01", "verleden"), ("birth_date", "1910-01-01", "tussen 13"),
                            ("birth_date", "2020-01-01", "tussen 13"),
                            ("birth_date", "12-03-1994", "geldige datum"), ("postcode", "301 CT", "postcode"),
                            ("mobile", "12", "telefoonnummer"), ("city", "", "helemaal")):
        r = c.post("/account/profile", dict(fields, **{name: bad}))
        assert r.status == 422 and word in (error_of(r, name) or ""), (name, bad, r.status, error_of(r, name))
        assert 'aria-invalid="true" aria-describedby="e-%s"' % name in r.text
        if bad:
            assert value_of(r, name) == bad, (name, "the input is gone")
        assert col(w, "birth_date") == "1994-03-12" and col(w, "address_postcode") == "3012 CT"
    r = c.post("/account/profile", dict(fields, street="Nieuwe Binnenweg 200", postcode="3021gk"))
    assert r.status == 303, r.status
    assert col(w, "address_street") == "Nieuwe Binnenweg 200" and col(w, "address_postcode") == "3021 GK"
    assert audits("profile.update", w)[-1] == "street, postcode"
    assert "Nieuwe Binnenweg 200" not in "".join(x[0] for x in sql("SELECT detail FROM audit_log"))
    c.post("/account/profile", dict(fields, csrf=c.get("/account").csrf()))
    assert col(w, "address_street") == "Kruisstraat 12"


def test_a_temp_worker_sees_his_names_read_only_and_a_change_of_them_is_refused():
    w = uid_of("worker@flex.example")
    c = as_user("worker@flex.example")
    r = c.get("/account")
    # His names are on his contracts and payslips: shown, not his to change.
    for name, value in (("first_name", "Jan"), ("last_name", "Willems")):
        m = re.search(r'<input id="f-%s" name="%s"[^>]*>' % (name, name), r.text)
        assert m and ' readonly' in m.group(0) and 'value="%s"' % value in m.group(0), (name, m and m.group(0))
        assert 'aria-describedby="name-ask' in m.group(0)
    assert "Vraag het uitzendbureau om uw naam te corrigeren" in r.text
    fields = {"csrf": r.csrf(), "first_name": "Jan", "last_name": "Willems", "job_title": "Productiemedewerker",
              "mobile": "+31 6 21436587", "birth_date": "1994-03-12", "street": "Kruisstraat 12",
              "postcode": "3012 CT", "city": "Rotterdam", "country": "NL"}
    before = len(audits("profile.update", w))
    # Another name in the post (the field is read-only; a crafted request
    # is still one): refused on the field, nothing written.
    for name, other in (("first_name", "Johannes"), ("last_name", "Willemsen")):
        r = c.post("/account/profile", dict(fields, job_title="Heftruckchauffeur", **{name: other}))
        assert r.status == 422 and "uitzendbureau" in (error_of(r, name) or ""), (name, r.status)
        assert value_of(r, name) == dict(first_name="Jan", last_name="Willems")[name], "not the stored name"
        assert sql("SELECT first_name, last_name, job_title FROM users WHERE id = %s" % w) == \
            [["Jan", "Willems", "Productiemedewerker"]]
    assert len(audits("profile.update", w)) == before
    # The rest he corrects as before.
    r = c.post("/account/profile", dict(fields, job_title="Heftruckchauffeur"))
    assert r.status == 303 and col(w, "job_title") == "Heftruckchauffeur", r.status
    assert audits("profile.update", w)[-1] == "job_title"
    c.post("/account/profile", dict(fields, csrf=c.get("/account").csrf()))
    assert col(w, "job_title") == "Productiemedewerker"
    # A client user corrects his own names.
    hr = uid_of("hr.manager@klant.example")
    h = as_user("hr.manager@klant.example")
    page = h.get("/account")
    m = re.search(r'<input id="f-first_name"[^>]*>', page.text)
    assert m and "readonly" not in m.group(0), m and m.group(0)
    first, last = sql("SELECT first_name, last_name FROM users WHERE id = %s" % hr)[0]
    r = h.post("/account/profile", {"csrf": page.csrf(), "first_name": first + "-Jan", "last_name": last,
                                    "job_title": col(hr, "job_title")})
    assert r.status == 303 and col(hr, "first_name") == first + "-Jan", r.status
    h.post("/account/profile", {"csrf": page.csrf(), "first_name": first, "last_name": last,
                                "job_title": col(hr, "job_title")})
    assert col(hr, "first_name") == first


def test_the_agency_corrects_a_users_details_with_refusals_that_keep_the_input():
    tom = uid_of("tom.jacobs@flex.example")
    sql("UPDATE users SET email = 'tom.jacobs@flex.example', birth_date = NULL WHERE id = %s" % tom)
    c = as_user(ADMIN)
    page = c.get("/admin/users/%s" % tom)
    assert "/admin/users/%s/edit" % tom in page.text
    form = c.get("/admin/users/%s/edit" % tom)
    assert form.status == 200 and value_of(form, "email") == "tom.jacobs@flex.example"
    fields = {"csrf": form.csrf(), "first_name": "Tom", "last_name": "Jacobs", "job_title": "",
              "email": "tom.jacobs@flex.example", "mobile": "", "birth_date": "2001-09-15",
              "street": "", "postcode": "", "city": "", "country": "NL"}
    for name, bad, word in (("birth_date", "2090-01-01", "verleden"), ("mobile", "+31 6 1234567890123456", "telefoonnummer"),
                            ("email", "sanne.peeters@flex.example", "al in gebruik"), ("email", "tom@", "geldig")):
        r = c.post("/admin/users/%s/edit" % tom, dict(fields, **{name: bad}))
        assert r.status == 422 and word in (error_of(r, name) or ""), (name, r.status, error_of(r, name))
        assert value_of(r, name) == bad, (name, "the input is gone")
        assert col(tom, "birth_date") == "NULL" and col(tom, "email") == "tom.jacobs@flex.example"
    before = len(audits("user.update", tom))
    r = c.post("/admin/users/%s/edit" % tom, dict(fields, email="t.jacobs@flex.example"))
    assert r.status == 303 and r.header("Location") == "/admin/users/%s?done=details" % tom, r.status
    assert col(tom, "birth_date") == "2001-09-15" and col(tom, "email") == "t.jacobs@flex.example"
    assert audits("user.update", tom)[before:] == ["email, birth_date"]
    shown = text_of(c.get("/admin/users/%s" % tom).text)
    assert "2001-09-15" in shown and "t.jacobs@flex.example" in shown
    sql("UPDATE users SET email = 'tom.jacobs@flex.example' WHERE id = %s" % tom)
    # A client user's details are kept by who registers them there: the
    # consultant (Klant NV), not the other client's planner.
    sup = uid_of("supervisor@klant.example")
    assert as_user("consultant@uitzendbureau.example").get("/admin/users/%s/edit" % sup).status == 200
    assert as_user("planner@andereklant.example").get("/admin/users/%s/edit" % sup).status == 404
    assert as_user("privacy@uitzendbureau.example").get("/admin/users/%s/edit" % tom).status == 404


# --- photos -------------------------------------------------------------------


def test_a_photo_is_a_png_or_jpeg_by_its_content_and_small():
    jan = uid_of("worker@flex.example")
    c = as_user(ADMIN)
    before = photo_files()
    # A PDF called .png, text called .jpg, and a PNG of more than 2 MiB.
    for content, name, word in ((b"%PDF-1.4\n%%EOF\n", "foto.png", "PNG"), (b"hallo", "foto.jpg", "PNG"),
                                (png() + b"\0" * (2 * 1024 * 1024), "groot.png", "te groot")):
        r = upload_photo(c, jan, content, name)
        assert r.status == 422 and word in (error_of(r, "file") or ""), (name, r.status, error_of(r, "file"))
        assert col(jan, "photo_file_id") == "NULL"
    assert photo_files() == before, "a refused file stayed in the store"


def test_a_photo_is_kept_without_its_gps_position_and_text_and_still_shows():
    jan = uid_of("worker@flex.example")
    c = as_user(ADMIN)
    planner = as_user("planner@klant.example")
    # A JPEG from a phone: EXIF with where it was taken, and a comment.
    picture = jpeg()
    sent = jpeg(meta=exif_gps() + seg(0xFE, b"Thuis bij Jan Willems"))
    assert decodes(picture, ".jpg") and decodes(sent, ".jpg"), "the test's own JPEG does not decode"
    r = upload_photo(c, jan, sent, "foto.jpg", "image/jpeg")
    assert r.status == 303, (r.status, error_of(r, "file"))
    got = planner.get("/admin/users/%s/photo" % jan)
    assert got.status == 200 and got.header("Content-Type") == "image/jpeg", got.status
    for gone in (b"Exif", b"Kruisstraat", b"Willems", b"\x88\x25"):
        assert gone not in got.body, gone
    # The same picture, segment for segment, and still one.
    assert got.body == picture and decodes(got.body, ".jpg")
    # A PNG with a text chunk and the time it was made.
    plain = png(rgb=(90, 60, 30))
    text = (struct.pack(">I", 27) + b"tEXt" + b"Comment\0Jan op de Kruisstraat"[:27]
            + struct.pack(">I", zlib.crc32(b"tEXt" + b"Comment\0Jan op de Kruisstraat"[:27])))
    stamp = struct.pack(">I", 7) + b"tIME" + b"\x07\xea\x03\x01\x0c\0\0"
    stamp += struct.pack(">I", zlib.crc32(stamp[4:]))
    sent = plain[:33] + text + stamp + plain[33:]
    assert png_shows(sent) and [k for k, _ in png_chunks(sent)] == [b"IHDR", b"tEXt", b"tIME", b"IDAT", b"IEND"]
    assert upload_photo(c, jan, sent).status == 303
    got = planner.get("/admin/users/%s/photo" % jan)
    assert got.status == 200 and got.header("Content-Type") == "image/png", got.status
    assert b"tEXt" not in got.body and b"Kruisstraat" not in got.body and b"tIME" not in got.body
    assert got.body == plain and png_shows(got.body) and decodes(got.body, ".png")
    assert remove_photo(c, jan).status == 303


def test_a_photo_of_too_many_pixels_or_without_its_header_is_refused():
    jan = uid_of("worker@flex.example")
    c = as_user(ADMIN)
    if col(jan, "photo_file_id") != "NULL":
        assert remove_photo(c, jan).status == 303
    before = photo_files()
    huge = png()
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    huge = huge[:8] + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + huge[33:]
    wide = jpeg(w=4097, h=10)
    # 16 megapixels at most, though each side is allowed.
    many = jpeg(w=4096, h=3907)
    for content, name, word in ((huge, "groot.png", "4096"), (wide, "breed.jpg", "4096"), (many, "veel.jpg", "16")):
        r = upload_photo(c, jan, content, name)
        assert r.status == 422 and word in (error_of(r, "file") or ""), (name, r.status, error_of(r, "file"))
        assert "beeldpunten" in error_of(r, "file")
    assert upload_photo(c, jan, jpeg(w=4096, h=3906)).status == 303, "16 megapixels refused"
    assert remove_photo(c, jan).status == 303
    # Cut short, or a JPEG without its frame header: no photo.
    sent = jpeg()
    no_frame = sent.replace(sent[sent.index(b"\xff\xc0"):sent.index(b"\xff\xc4")], b"")
    for content, name in ((sent[:-2], "kort.jpg"), (png()[:-12], "kort.png"), (no_frame, "geen.jpg")):
        r = upload_photo(c, jan, content, name)
        assert r.status == 422 and "PNG" in (error_of(r, "file") or ""), (name, r.status, error_of(r, "file"))
    assert col(jan, "photo_file_id") == "NULL" and photo_files() == before, "a refused photo stayed in the store"


def test_only_who_sees_the_worker_sees_his_photo():
    sanne = uid_of("sanne.peeters@flex.example")
    if col(sanne, "photo_file_id") == "NULL":
        assert upload_photo(as_user(ADMIN), sanne, png()).status == 303
    r = as_user("supervisor@klant.example").get("/admin/users/%s/photo" % sanne)
    assert r.status == 200 and r.body.startswith(b"\x89PNG"), r.status
    assert r.header("Content-Type") == "image/png" and r.header("Cache-Control") == "private, no-store"
    assert "default-src 'none'" in r.header("Content-Security-Policy") and r.header("X-Content-Type-Options") == "nosniff"
    # Sanne works at team A1 of Klant NV: the other client's planner, and
    # who plans nothing, get 404, as for a worker without a photo.
    for who in ("planner@andereklant.example", "finance@klant.example", "hiring.manager@klant.example",
                "worker@flex.example"):
        assert as_user(who).get("/admin/users/%s/photo" % sanne).status == 404, who
    assert as_user("consultant@uitzendbureau.example").get("/admin/users/%s/photo" % sanne).status == 200
    assert Client().get("/admin/users/%s/photo" % sanne).status == 303
    # Nobody else uploads one: 404, as for a user he cannot see (the
    # token is a good one, from a page he does see).
    planner = as_user("planner@klant.example")
    body, ct = multipart({"csrf": planner.get("/account").csrf()}, "foto.png", png(), "image/png")
    r = planner.request("POST", "/admin/users/%s/photo" % sanne, body=body, headers={"Content-Type": ct})
    assert r.status == 404, r.status


def test_the_week_view_shows_a_new_photo_at_once_and_drops_a_removed_one_at_once():
    jan = uid_of("worker@flex.example")
    planner = as_user("planner@klant.example")
    if col(jan, "photo_file_id") != "NULL":
        assert remove_photo(as_user(ADMIN), jan).status == 303
    # Twice: the second comes from the kept page of one process or both.
    assert not avatar_of(week_of(planner, "Team A1"), jan) and not avatar_of(week_of(planner, "Team A1"), jan)
    r = upload_photo(as_user(ADMIN), jan, png(rgb=(200, 40, 40)))
    assert r.status == 303 and r.header("Location") == "/admin/users/%s?done=photo" % jan, r.status
    assert "photo.add" in [x[0] for x in sql("SELECT action FROM audit_log WHERE object_id = %s" % jan)]
    for _ in range(4):
        assert avatar_of(week_of(planner, "Team A1"), jan), "the new photo is not in the week view"
    assert planner.get("/admin/users/%s/photo" % jan).body == png(rgb=(200, 40, 40))
    # The worker sees his own on his account.
    assert "/admin/users/%s/photo" % jan in as_user("worker@flex.example").get("/account").text
    old = col(jan, "photo_file_id")
    assert remove_photo(as_user(ADMIN), jan).status == 303
    assert col(jan, "photo_file_id") == "NULL" and old not in photo_files(), "the file stayed in the store"
    for _ in range(4):
        assert not avatar_of(week_of(planner, "Team A1"), jan), "the removed photo is still in the week view"
    assert planner.get("/admin/users/%s/photo" % jan).status == 404


def backdate(path):
    """Older than Files.SweepGraceMinutes: the sweep judges it."""
    then = time.time() - 60 * int(conf("Files.SweepGraceMinutes")) - 3600
    os.utime(path, (then, then))


def test_the_sweep_takes_no_photo_for_an_orphan():
    sanne = uid_of("sanne.peeters@flex.example")
    if col(sanne, "photo_file_id") == "NULL":
        assert upload_photo(as_user(ADMIN), sanne, png()).status == 303
    photos = [row[0] for row in sql("SELECT photo_file_id FROM users WHERE photo_file_id IS NOT NULL")]
    assert photos
    # Every photo old enough to be judged, and a true orphan beside them.
    for p in photos:
        backdate(glob.glob(os.path.join(FILES, "*", p))[0])
    orphan = os.path.join(FILES, "ef", "ef" + "2" * 30)
    os.makedirs(os.path.dirname(orphan), exist_ok=True)
    open(orphan, "wb").write(b"FPF1 stray")
    backdate(orphan)
    try:
        r = portalctl("files-sweep", "--delete")
        assert r.returncode == 0, r.stderr
        assert "orphan file ef" + "2" * 30 in r.stdout and not os.path.exists(orphan), r.stdout
        for p in photos:
            assert p not in r.stdout, (p, r.stdout)
        assert all(p in photo_files() for p in photos), "the sweep removed a photo"
        got = as_user(ADMIN).get("/admin/users/%s/photo" % sanne)
        assert got.status == 200 and got.body.startswith(b"\x89PNG"), got.status
    finally:
        if os.path.exists(orphan):
            os.unlink(orphan)


# --- off: not shown, not accepted, not stored -------------------------------------


def off_conf(**switches):
    """A configuration that includes the stack's and switches off what is
    given; the CGI processes read it, the stack's keep theirs."""
    path = os.path.join(VAR, "person-fields-%s.hdf" % "-".join(sorted(switches)))
    with open(path, "w") as f:
        f.write('#include "%s"\n' % abspath(os.environ["PORTAL_CONF"]))
        for key, value in switches.items():
            f.write("%s = %s\n" % (key.replace("_", "."), value))
    return path


ALL_OFF = {"Fields_Mobile": 0, "Fields_BirthDate": 0, "Fields_Address": 0, "Privacy_Photos": 0}


class Cgi:
    """A binary run as plain CGI (STYLE.md, "Tests") with another
    configuration and the session of a client logged in over HTTPS."""

    def __init__(self, conf_path, client):
        self.conf, self.client = conf_path, client

    def request(self, binary, method, path, query="", body=b"", ctype="application/x-www-form-urlencoded"):
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body).encode()
        env = {"PORTAL_CONF": self.conf, "PATH": "/usr/bin:/bin", "REQUEST_METHOD": method, "PATH_INFO": path,
               "QUERY_STRING": query, "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": ctype,
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "HTTP_ORIGIN": BASE,
               "HTTP_COOKIE": "; ".join("%s=%s" % kv for kv in self.client.cookies.items())}
        out = subprocess.run([os.path.join(ROOT, "build", "cgi-bin", binary + ".fcgi")], input=body, env=env,
                             cwd=ROOT, capture_output=True, timeout=60).stdout
        head, _, payload = out.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        return status, headers, payload.decode("utf-8", "replace")


def csrf_of(text):
    return re.search(r'name="csrf" value="([^"]*)"', text).group(1)


def test_switched_off_fields_are_neither_shown_nor_accepted_nor_stored():
    cgi = Cgi(off_conf(**ALL_OFF), as_user(ADMIN))
    jan = uid_of("worker@flex.example")
    assert col(jan, "birth_date") == "1994-03-12" and col(jan, "mobile") != "NULL"
    # Stored while on: not shown while off, on the page nor on the form.
    status, _, page = cgi.request("admin", "GET", "/admin/users/%s" % jan)
    assert status == 200 and "Willems" in page
    for stored in ("1994-03-12", "Kruisstraat", "3012 CT", "+31 6 21436587", "/photo"):
        assert stored not in page, stored
    status, _, form = cgi.request("admin", "GET", "/admin/users/%s/edit" % jan)
    assert status == 200 and 'name="first_name"' in form
    for name in ("mobile", "birth_date", "street", "postcode", "city", "country"):
        assert 'name="%s"' % name not in form, name
    tok = csrf_of(form)
    base = {"csrf": tok, "first_name": "Jan", "last_name": "Willems", "email": "worker@flex.example",
            "job_title": "Productiemedewerker"}
    # Not accepted: a clear 400, and nothing written.
    for name, value in (("birth_date", "1990-01-01"), ("mobile", "+31 6 99999999"), ("street", "Elders 1"),
                        ("postcode", "1000"), ("country", "BE")):
        status, _, _ = cgi.request("admin", "POST", "/admin/users/%s/edit" % jan, body=dict(base, **{name: value}))
        assert status == 400, (name, status)
    assert col(jan, "birth_date") == "1994-03-12" and col(jan, "address_country") == "NL"
    # Registering: refused with the field, stored without it — and then
    # the columns stay empty.
    status, _, newform = cgi.request("admin", "GET", "/admin/users/new")
    assert status == 200 and 'name="birth_date"' not in newform and 'name="mobile"' not in newform
    email = "uit.%s@flex.example" % uuid.uuid4().hex[:8]
    new = {"csrf": tok, "kind": "worker", "first_name": "Uit", "last_name": "Gezet", "email": email}
    status, _, _ = cgi.request("admin", "POST", "/admin/users", body=dict(new, birth_date="1990-01-01"))
    assert status == 400 and not sql("SELECT id FROM users WHERE email = '%s'" % email)
    status, _, _ = cgi.request("admin", "POST", "/admin/users", body=new)
    assert status == 303, status
    assert sql("SELECT mobile, birth_date, address_street, address_country FROM users WHERE email = '%s'"
               % email) == [["NULL", "NULL", "NULL", "NULL"]]
    # A correction with the fields that are left writes only those.
    status, _, _ = cgi.request("admin", "POST", "/admin/users/%s/edit" % jan, body=dict(base, job_title="Inpakker"))
    assert status == 303 and col(jan, "job_title") == "Inpakker" and col(jan, "mobile") == "+31 6 21436587"
    sql("UPDATE users SET job_title = 'Productiemedewerker' WHERE id = %s" % jan)


def test_switched_off_fields_are_not_on_the_own_account_nor_the_candidate_form():
    worker = as_user("worker@flex.example")
    cgi = Cgi(off_conf(**ALL_OFF), worker)
    jan = uid_of("worker@flex.example")
    status, _, page = cgi.request("login", "GET", "/account")
    assert status == 200 and "Mijn gegevens" in page
    assert "1994-03-12" not in page and "Kruisstraat" not in page and 'name="mobile"' not in page
    body = {"csrf": csrf_of(page), "first_name": "Jan", "last_name": "Willems", "job_title": "Productiemedewerker"}
    status, _, _ = cgi.request("login", "POST", "/account/profile", body=dict(body, mobile="+31 6 1"))
    assert status == 400
    status, _, _ = cgi.request("login", "POST", "/account/profile", body=body)
    assert status == 303 and col(jan, "mobile") == "+31 6 21436587" and col(jan, "birth_date") == "1994-03-12"
    # A candidate known by name only: no phone number while Fields.Mobile is off.
    consultant = Cgi(off_conf(Fields_Mobile=0), as_user("consultant@uitzendbureau.example"))
    vac = one("SELECT id FROM vacancies WHERE title = 'Inpakker dagdienst'")
    status, _, form = consultant.request("vacancies", "GET", "/vacancies/%s/candidates/new" % vac)
    assert status == 200 and 'name="name"' in form and 'name="phone"' not in form
    name = "Telefoon %s" % uuid.uuid4().hex[:6]
    payload, ct = multipart({"csrf": csrf_of(form), "name": name, "email": "t@x.example", "phone": "+31 6 12345678",
                             "proposal": "Ervaren"}, "cv.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    status, _, _ = consultant.request("vacancies", "POST", "/vacancies/%s/candidates" % vac, body=payload, ctype=ct)
    assert status == 400 and not sql("SELECT id FROM candidates WHERE name = '%s'" % name)


def test_switched_off_photos_are_hidden_at_once_and_uploads_refused():
    sanne = uid_of("sanne.peeters@flex.example")
    if col(sanne, "photo_file_id") == "NULL":
        assert upload_photo(as_user(ADMIN), sanne, png()).status == 303
    planner = as_user("planner@klant.example")
    assert avatar_of(week_of(planner, "Team A1"), sanne), "on: the photo shows"
    off = off_conf(Privacy_Photos=0)
    unit = one("SELECT id FROM org_units WHERE name LIKE 'Team A1%'")
    status, _, week = Cgi(off, planner).request("planning", "GET", "/planning/", "unit=%s" % unit)
    assert status == 200 and "Sanne Peeters" in week and 'class="avatar"' not in week
    status, _, _ = Cgi(off, planner).request("admin", "GET", "/admin/users/%s/photo" % sanne)
    assert status == 404
    admin = Cgi(off, as_user(ADMIN))
    status, _, page = admin.request("admin", "GET", "/admin/users/%s" % sanne)
    assert status == 200 and "/photo" not in page
    payload, ct = multipart({"csrf": csrf_of(page)}, "foto.png", png(), "image/png")
    status, _, _ = admin.request("admin", "POST", "/admin/users/%s/photo" % sanne, body=payload, ctype=ct)
    assert status == 404
    status, _, _ = admin.request("admin", "POST", "/admin/users/%s/photo/delete" % sanne, body={"csrf": csrf_of(page)})
    assert status == 404 and col(sanne, "photo_file_id") != "NULL"


def test_purge_photos_refuses_while_they_are_on_and_empties_the_store_once_off():
    sanne = uid_of("sanne.peeters@flex.example")
    if col(sanne, "photo_file_id") == "NULL":
        assert upload_photo(as_user(ADMIN), sanne, png()).status == 303
    photos = [row[0] for row in sql("SELECT photo_file_id FROM users WHERE photo_file_id IS NOT NULL")]
    assert photos and all(p in photo_files() for p in photos)
    r = portalctl("purge-photos")
    assert r.returncode == 1 and "Privacy.Photos" in r.stderr and r.stdout == "", (r.returncode, r.stderr)
    assert all(p in photo_files() for p in photos), "a refused purge removed a file"
    files = len(photo_files())
    off = off_conf(Privacy_Photos=0)
    r = subprocess.run([CTL, "purge-photos"], cwd=ROOT, env=dict(os.environ, PORTAL_CONF=off),
                       capture_output=True, text=True)
    assert r.returncode == 0 and "%d photo" % len(photos) in r.stdout, (r.stdout, r.stderr)
    assert len(photo_files()) == files - len(photos) and not any(p in photo_files() for p in photos)
    assert one("SELECT COUNT(*) FROM users WHERE photo_file_id IS NOT NULL OR photo_key IS NOT NULL") == "0"
    assert audits("photo.purge", sanne)[-1] == "Privacy.Photos is off"
    # Again: nothing left to do.
    r = subprocess.run([CTL, "purge-photos"], cwd=ROOT, env=dict(os.environ, PORTAL_CONF=off),
                       capture_output=True, text=True)
    assert r.returncode == 0 and "0 photos" in r.stdout and len(photo_files()) == files - len(photos), r.stdout
    # The demo's photo again, for what runs after.
    assert upload_photo(as_user(ADMIN), sanne, png()).status == 303


if __name__ == "__main__":
    run(globals())
