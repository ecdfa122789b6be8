"""Who may write: public mode refuses every write, whoever asks and however the request is
made (the review page is not offered, and the write function refuses); editor mode writes
only for a signed-in reviewer on the allow-list; local mode is `make run` on one machine."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from geo import access, locking, reviewlog
from geo.access import ANONYMOUS, Actor, Policy, WriteRefused
from geo.ingest import review
from test_dashboard_review import APP, PAGE, ingested, run  # noqa: F401 (ingested is a fixture)

REVIEWER = "ana@example.org"


@pytest.mark.parametrize("address, env, mode", [
    ("localhost", None, "local"), ("127.0.0.1", None, "local"), ("::1", None, "local"), ("[::1]", None, "local"),
    ("0.0.0.0", None, "public"), ("", None, "public"), (None, None, "public"), ("192.168.1.5", None, "public"),
    ("atlas.example.org", None, "public"), ("localhost", "public", "public"), ("0.0.0.0", "editor", "editor"),
    ("0.0.0.0", " Local ", "local")])
def test_the_mode_is_public_unless_bound_to_loopback_or_set(address, env, mode):
    environ = {} if env is None else {access.MODE_ENV_VAR: env}
    assert access.mode_for(address, environ) == mode


def test_an_unknown_mode_is_a_setting_error():
    with pytest.raises(access.UsageError, match="one of public, editor, local"):
        access.mode_for("localhost", {access.MODE_ENV_VAR: "admin"})


def test_who_may_write_in_each_mode():
    me = access.local_actor()
    ana, eve = access.signed_in("Ana@Example.org "), access.signed_in("eve@example.org")
    public, editor, local = Policy("public"), Policy("editor", access.reviewers_from([REVIEWER])), Policy("local")
    for who in (ANONYMOUS, me, ana, eve, Actor("email:ana@example.org")):
        assert public.refusal(who)
    assert editor.refusal(ana) is None
    assert "not on the list" in editor.refusal(eve)
    assert "sign in" in editor.refusal(ANONYMOUS) and "sign in" in editor.refusal(me)
    assert editor.refusal(Actor("email:ana@example.org", verified=False))  # an unverified claim is not enough
    assert local.refusal(me) is None and local.refusal(ANONYMOUS)
    assert access.signed_in("no address") == ANONYMOUS and access.signed_in(None) == ANONYMOUS


def test_the_write_function_refuses_in_public_mode_whoever_asks(ingested):
    before = ingested.read_bytes()
    eid = review.load(ingested).proposals()[0]["id"]
    for who in (ANONYMOUS, access.local_actor(), access.signed_in(REVIEWER)):
        with pytest.raises(WriteRefused, match="public mode"):
            review.commit(ingested, who, Policy("public", frozenset({REVIEWER})), accept=[eid])
    data = ingested.parent.parent
    assert ingested.read_bytes() == before
    assert not reviewlog.log_path(data).exists() and not (data / locking.LOCK_NAME).exists()
    with pytest.raises(WriteRefused, match="not on the list"):
        review.commit(ingested, access.signed_in("eve@example.org"), Policy("editor", frozenset({REVIEWER})),
                      accept=[eid])
    assert ingested.read_bytes() == before
    done = review.commit(ingested, access.signed_in(REVIEWER), Policy("editor", frozenset({REVIEWER})), accept=[eid])
    assert done.changed and review.load(ingested).by_id(eid)["status"] == "accepted"
    signed = reviewlog.read(data).entries[-1]["actor"]  # the published log never holds the address
    assert signed.startswith("reviewer-") and len(signed) == len("reviewer-") + 8
    assert REVIEWER not in reviewlog.log_path(data).read_text(encoding="utf-8")


def test_reviewers_sign_with_a_name_or_a_stable_pseudonym():
    table = {"Ana@Example.org": "Ana K.", "eve@example.org": "", "x": "y", "aram@example.org": "a@b.c"}
    assert access.reviewers_from(table) == frozenset({"ana@example.org", "eve@example.org", "aram@example.org"})
    assert access.names_from(table) == {"ana@example.org": "Ana K."}  # blank or address-like names are no names
    assert access.names_from(["ana@example.org"]) == {}
    pol = Policy("editor", access.reviewers_from(table), access.names_from(table))
    assert pol.signature(access.signed_in("ANA@example.org")) == "Ana K."
    eve = pol.signature(access.signed_in("eve@example.org"))
    assert eve == pol.signature(access.signed_in("Eve@Example.org")) != pol.signature(access.signed_in("aram@example.org"))
    assert "eve" not in eve and eve.startswith("reviewer-")
    assert pol.signature(access.local_actor()).startswith("local:")


def test_public_mode_offers_no_review_page(ingested, monkeypatch):
    monkeypatch.setenv(access.MODE_ENV_VAR, "local")
    app = run(AppTest.from_file(APP, default_timeout=60))
    app.switch_page("pages/review.py")  # offered on one's own machine
    monkeypatch.setenv(access.MODE_ENV_VAR, "public")
    app = run(AppTest.from_file(APP, default_timeout=60))
    with pytest.raises(ValueError, match="not a registered page|Could not find|registered"):
        app.switch_page("pages/review.py")


def test_an_anonymous_request_cannot_change_a_file_in_public_mode(ingested, monkeypatch):
    """The page was shown (an editor's session), the server is now public: submitting the
    form the browser still holds changes nothing, and the page shows no form."""
    before = ingested.read_bytes()
    monkeypatch.setenv(access.MODE_ENV_VAR, "local")
    at = run(AppTest.from_file(PAGE, default_timeout=60))
    eid = at.text_area[0].key.split("quote-", 1)[1]
    monkeypatch.setenv(access.MODE_ENV_VAR, "public")
    at.text_input(key=f"date-{eid}").set_value("2022-09-13~")
    at.button(key=f"accept-{eid}").click()
    run(at)
    assert ingested.read_bytes() == before
    assert not at.text_area and not at.button  # no form, no sign-in: nothing to do here
    assert any("read-only" in w.value for w in at.warning)
    assert not reviewlog.log_path(ingested.parent.parent).exists()


def test_editor_mode_asks_to_sign_in_and_lets_only_reviewers_write(ingested, monkeypatch):
    monkeypatch.setenv(access.MODE_ENV_VAR, "editor")
    before = ingested.read_bytes()
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["karabakh_atlas"] = {"reviewers": [REVIEWER]}
    at.user = {"is_logged_in": False}
    run(at)
    assert [b.label for b in at.button] == ["Sign in"] and not at.text_area

    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["karabakh_atlas"] = {"reviewers": [REVIEWER]}
    at.user = {"is_logged_in": True, "email": "eve@example.org"}
    run(at)
    assert not at.text_area and any("not on the list" in w.value for w in at.warning)

    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["karabakh_atlas"] = {"reviewers": {REVIEWER: "Ana K."}}  # address = the name the log shows
    at.user = {"is_logged_in": True, "email": REVIEWER}
    run(at)
    eid = at.text_area[0].key.split("quote-", 1)[1]
    at.button(key=f"accept-{eid}").click()
    run(at)
    assert ingested.read_bytes() != before
    assert review.load(ingested).by_id(eid)["status"] == "accepted"
    last = reviewlog.read(ingested.parent.parent).entries[-1]
    assert (last["actor"], last["excerpt"], last["action"]) == ("Ana K.", eid, "accepted")
    assert json.loads(ingested.read_text())  # still a whole JSON file


def test_two_reviewers_on_the_page_never_lose_a_decision(ingested, monkeypatch):
    """Both pages show the same version; the second save is refused ("reload") rather than
    overwriting the first, and succeeds once its page shows the new version."""
    monkeypatch.setenv(access.MODE_ENV_VAR, "local")
    first, second = (run(AppTest.from_file(PAGE, default_timeout=60)) for _ in range(2))
    one, two = (ta.key.split("quote-", 1)[1] for ta in first.text_area[:2])
    second.button(key=f"accept-{one}").click()
    run(second)
    first.button(key=f"reject-{two}").click()
    run(first)
    assert any("changed by someone else: reload" in e.value.replace("\\", "") for e in first.error)
    saved = review.load(ingested)
    assert saved.by_id(one)["status"] == "accepted" and saved.by_id(two)["status"] == "proposed"
    first.button(key=f"reject-{two}").click()  # the page now shows the file as it is
    run(first)
    saved = review.load(ingested)
    assert saved.by_id(one)["status"] == "accepted" and saved.by_id(two)["status"] == "rejected"
    assert [e["action"] for e in reviewlog.read(ingested.parent.parent).entries] == ["accepted", "rejected"]


def test_twenty_save_clicks_without_a_change_write_nothing_and_keep_the_version(ingested, monkeypatch):
    """Each click rewrote the file, and every reader's atlas was reloaded (date moves 0.3 s -> 1.7 s)."""
    import os

    from geo.io import default_data_dir, default_sources_dir
    from geo.version import dataset_version

    monkeypatch.setenv(access.MODE_ENV_VAR, "local")
    data = default_data_dir()
    version, info = dataset_version(data, default_sources_dir(data)), os.stat(ingested)
    before = ingested.read_bytes()
    page = run(AppTest.from_file(PAGE, default_timeout=60))
    eid = page.text_area[0].key.split("quote-", 1)[1]
    for _ in range(20):
        page.button(key=f"save-{eid}").click()
        run(page)
    after = os.stat(ingested)
    assert ingested.read_bytes() == before and (after.st_ino, after.st_mtime_ns) == (info.st_ino, info.st_mtime_ns)
    assert dataset_version(data, default_sources_dir(data)) == version  # no reader's atlas is reloaded
    assert not reviewlog.read(data).entries
    page.text_input(key=f"basis-{eid}").set_value("Read from the sentence.")  # a change is saved
    page.button(key=f"save-{eid}").click()
    run(page)
    assert review.load(ingested).by_id(eid)["date_basis"] == "Read from the sentence."
    assert dataset_version(data, default_sources_dir(data)) != version
