#!/usr/bin/python3
"""Multipart bodies (lib/multipart.c): forms as browsers and tools send
them arrive whole, whatever the boundary's length from one request to the
next; a body the parser should not guess at — a part's header twice, a
field named like a file's handle, no boundary, a body cut short — is a 400
and nothing of it is kept."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

RUN = uuid.uuid4().hex[:6]
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
def admin():
    return signed_in("admin@uitzendbureau.example")


def unit():
    # Not team A1: the browser tests read its list of documents.
    return sql("SELECT id FROM org_units WHERE name = 'Team B2 — Magazijn'")[0][0]


def fields(title):
    return {"csrf": admin().get("/documents/new").csrf(), "type": "contract", "title": title, "unit": unit(),
            "person": ""}


def part(boundary, name, value, extra=""):
    return ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n%s\r\n%s\r\n"
            % (boundary, name, extra, value)).encode()


def body(boundary, f, file_headers=None, content=PDF, close=True):
    out = b"".join(part(boundary, k, v) for k, v in f.items())
    out += ("--%s\r\n" % boundary).encode()
    out += (file_headers or "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
            "Content-Type: application/pdf\r\n").encode()
    out += b"\r\n" + content + b"\r\n"
    if close:
        out += ("--%s--\r\n" % boundary).encode()
    return out


def post(data, ctype):
    return admin().request("POST", "/documents/", body=data, headers={"Content-Type": ctype})


def kept(title):
    return int(sql("SELECT COUNT(*) FROM documents WHERE title = '%s'" % title)[0][0])


def test_forms_arrive_whole_whatever_the_boundary_from_one_request_to_the_next():
    # Chrome's 38 characters, curl's 40, Python's 32, RFC 2046's most
    # (70) and least (1), in turns on the same processes.
    for i, n in enumerate([38, 40, 32, 70, 1, 38, 16, 40, 32, 70]):
        b = ("-" * 6 + uuid.uuid4().hex * 3)[:n] if n > 1 else "x"
        title = "mp-%s-%d" % (RUN, i)
        r = post(body(b, fields(title)), "multipart/form-data; boundary=" + b)
        assert r.status == 303, (n, r.status, r.body[:200])
        assert kept(title) == 1, (n, title)


def test_a_quoted_boundary_and_a_preamble_are_read():
    b = "quoted:boundary=with?chars"
    title = "mp-%s-q" % RUN
    data = b"This is the preamble.\r\n" + body(b, fields(title)) + b"epilogue"
    r = post(data, 'multipart/form-data; boundary="%s"' % b)
    assert r.status == 303, (r.status, r.body[:200])
    assert kept(title) == 1


def test_a_file_holding_the_boundary_without_its_line_end_comes_back_as_it_was():
    b = "b" + uuid.uuid4().hex
    title = "mp-%s-c" % RUN
    content = PDF + b"\r\n--" + b[:-1].encode() + b"\n--" + b.encode() + b"x\r\n--"
    r = post(body(b, fields(title), content=content), "multipart/form-data; boundary=" + b)
    assert r.status == 303, (r.status, r.body[:200])
    doc = sql("SELECT id FROM documents WHERE title = '%s'" % title)[0][0]
    got = admin().get("/documents/%s/download" % doc)
    assert got.status == 200 and got.body == content, got.status


def test_a_part_header_given_twice_is_refused_and_nothing_kept():
    b = "b" + uuid.uuid4().hex
    for headers in ("Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                    "Content-Disposition: form-data; name=\"file\"; filename=\"b.pdf\"\r\n",
                    "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"; name=\"x\"\r\n",
                    "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                    "Content-Type: application/pdf\r\nContent-Type: text/html\r\n"):
        title = "mp-%s-twice" % RUN
        r = post(body(b, fields(title), headers), "multipart/form-data; boundary=" + b)
        assert r.status == 400, (headers, r.status)
        assert kept(title) == 0


def test_a_field_named_like_a_file_handle_is_refused():
    b = "b" + uuid.uuid4().hex
    title = "mp-%s-handle" % RUN
    f = fields(title)
    f["file.FileHandle"] = "1"
    r = post(body(b, f), "multipart/form-data; boundary=" + b)
    assert r.status == 400, r.status
    assert kept(title) == 0


def test_no_boundary_another_multipart_type_or_a_body_cut_short_is_refused():
    b = "b" + uuid.uuid4().hex
    title = "mp-%s-short" % RUN
    cases = [(body(b, fields(title)), "multipart/form-data", 400),
             (body(b, fields(title)), "multipart/form-data; boundary=", 400),
             (body(b, fields(title)), "multipart/form-data; boundary=" + "x" * 71, 400),
             (body(b, fields(title)), "multipart/mixed; boundary=" + b, 415),
             (body(b, fields(title)), "multipart/form-datax; boundary=" + b, 415),
             (body(b, fields(title), close=False), "multipart/form-data; boundary=" + b, 400),
             (body(b, fields(title))[:-300], "multipart/form-data; boundary=" + b, 400)]
    for data, ctype, want in cases:
        r = post(data, ctype)
        assert r.status == want, (ctype, want, r.status)
    assert kept(title) == 0


def test_an_urlencoded_field_below_another_is_refused():
    # The kit reads "file.FileHandle=1" as the handle of an upload that
    # never came.
    title = "mp-%s-dot" % RUN
    for extra in ({"file": "a.pdf", "file.FileHandle": "1"}, {"title.x.y": "1"}):
        f = fields(title)
        f.update(extra)
        r = admin().post("/documents/", f)
        assert r.status == 400, (extra, r.status)
    assert kept(title) == 0


def test_an_urlencoded_form_with_a_charset_arrives():
    # What a script's fetch() with URLSearchParams sends.
    c, r = login("admin@uitzendbureau.example")
    assert r.status == 303
    r = c.request("POST", "/logout", body=("csrf=%s" % c.get("/").csrf()).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert r.status == 303, r.status
    assert c.get("/").status in (302, 303), "still signed in"


if __name__ == "__main__":
    run(globals())
