#!/usr/bin/python3
"""Forms done once: the same form sent again — the same CSRF field (the
session's token and the nonce of the page it came from) and the same
fields and files — after a lost answer or a double click, is answered with
the first one's redirect and changes nothing; also when both arrive at
once. The same form filled in alike from a page shown again is a new form;
one refused is refused again."""
import io
import os
import sys
import threading
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import multipart, run, signed_in, sql  # noqa: E402

RUN = uuid.uuid4().hex[:6]
def admin():
    return signed_in("admin@uitzendbureau.example")


def pdf(text):
    return ("%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n%% %s\n"
            % text).encode()


def body_of(tok, title, content):
    # A team of its own: the browser tests read team A1's list.
    unit = sql("SELECT id FROM org_units WHERE name = 'Team B2 — Magazijn'")[0][0]
    return multipart({"csrf": tok, "type": "other", "title": title, "unit": unit, "person": ""}, "a.pdf", content)


def post(c, tok, title, content):
    body, ct = body_of(tok, title, content)
    return c.request("POST", "/documents/", body=body, headers={"Content-Type": ct})


def count(title):
    return int(sql("SELECT COUNT(*) FROM documents WHERE title = '%s'" % title)[0][0])


def test_a_form_sent_again_is_answered_as_the_first_time_and_done_once():
    c = admin()
    tok = c.get("/documents/new").csrf()
    assert "." in tok, tok  # the session's token and the page's nonce
    title = "Once %s" % RUN
    first = post(c, tok, title, pdf("one"))
    assert first.status == 303, first.status
    again = post(c, tok, title, pdf("one"))
    assert again.status == 303 and again.header("Location") == first.header("Location")
    assert count(title) == 1


def test_the_same_form_sent_twice_at_once_is_done_once():
    c = admin()
    tok = c.get("/documents/new").csrf()
    title = "At once %s" % RUN
    results = []

    def send():
        results.append(post(c, tok, title, pdf("at once")))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status for r in results] == [303] * 4, [r.status for r in results]
    assert len({r.header("Location") for r in results}) == 1
    assert count(title) == 1


def test_another_file_or_a_page_shown_again_is_another_form():
    c = admin()
    tok = c.get("/documents/new").csrf()
    title = "Twice %s" % RUN
    assert post(c, tok, title, pdf("first")).status == 303
    assert post(c, tok, title, pdf("second")).status == 303
    assert count(title) == 2
    assert post(c, c.get("/documents/new").csrf(), title, pdf("first")).status == 303
    assert count(title) == 3


def test_a_refused_form_is_refused_again_and_then_done():
    c = admin()
    tok = c.get("/documents/new").csrf()
    assert post(c, tok, "", pdf("no title")).status == 422
    assert post(c, tok, "", pdf("no title")).status == 422
    title = "Then %s" % RUN
    assert post(c, tok, title, pdf("then")).status == 303
    assert count(title) == 1


def test_the_csrf_field_is_the_token_with_or_without_a_nonce_of_plain_characters():
    c = admin()
    tok = c.get("/documents/new").csrf()
    token, nonce = tok.split(".")
    assert post(c, token + ".<x>", "Bad %s" % RUN, pdf("bad")).status == 403
    assert post(c, token + "." + "A" * 33, "Bad %s" % RUN, pdf("bad")).status == 403
    assert post(c, "x" + tok, "Bad %s" % RUN, pdf("bad")).status == 403
    assert count("Bad %s" % RUN) == 0
    assert post(c, token, "Plain %s" % RUN, pdf("plain")).status == 303
    assert count("Plain %s" % RUN) == 1


run(globals())
