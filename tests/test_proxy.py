"""Two dashboard processes behind nginx (deploy/nginx/atlas.conf.template, as the compose
file runs it) on loopback: requests spread over both, a browser's session sticks to one
(its websocket and its downloads reach the process that holds it), and two sessions held
by different processes each get the map and a download through the proxy.

Needs Debian's nginx (`.ci/run` installs nginx-light); like the browser tests, a missing
nginx is a failure when CI is set and a loud skip otherwise."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from browser import chromium, not_available  # noqa: F401  (chromium is a fixture)
from conftest import ROOT
from test_dashboard_browser import AppPage, app_page, free_port, streamlit_app

pytestmark = pytest.mark.browser

TEMPLATE = ROOT / "deploy" / "nginx" / "atlas.conf.template"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
PLACEHOLDER = re.compile(r"\$\{(ATLAS_[A-Z0-9_]+)\}")


def render(template: str, values: dict[str, str]) -> str:
    """Fill in ${ATLAS_...} as the nginx image's envsubst does (nginx's own $vars stay)."""
    missing = set(PLACEHOLDER.findall(template)) - set(values)
    assert not missing, f"no value for {missing}"
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


@contextmanager
def nginx(tmp: Path, upstreams: list[str], port: int, template: Path | None = None):
    """nginx on ``port`` in front of ``upstreams`` with the deployment's template (or
    ``template``: the benchmark runs another checkout's); yields its access log."""
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
    (tmp / "atlas.conf").write_text(render((template or TEMPLATE).read_text(), {
        "ATLAS_APP_1": upstreams[0], "ATLAS_APP_2": upstreams[1], "ATLAS_LISTEN": f"127.0.0.1:{port}"}))
    (tmp / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 512; }}
http {{
    log_format ka '$cookie_ka_route $ka_route $upstream_addr $status $request_uri';
    access_log {tmp}/access.log ka;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    include {tmp}/atlas.conf;
}}
""")
    check = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, (tmp / "error.log").read_text()
                time.sleep(0.2)
        yield tmp / "access.log"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def log_lines(log: Path) -> list[list[str]]:
    time.sleep(0.2)  # nginx writes the line once the response is done
    return [line.split(" ", 4) for line in log.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    if NGINX is None:
        not_available("nginx is not installed (Debian: apt-get install nginx-light)")
    env = {"KARABAKH_ATLAS_MODE": "public"}
    with ExitStack() as stack:
        first = stack.enter_context(streamlit_app(env))
        second = stack.enter_context(streamlit_app(env))
        ups = [first.replace("http://localhost", "127.0.0.1"), second.replace("http://localhost", "127.0.0.1")]
        port = free_port()
        log = stack.enter_context(nginx(tmp_path_factory.mktemp("nginx"), ups, port))
        yield f"http://127.0.0.1:{port}", log, ups


def get(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": f"ka_route={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


def routes(log: Path) -> dict[str, set[str]]:
    """Which processes served each route key."""
    served = defaultdict(set)
    for fields in log_lines(log):
        if len(fields) >= 3 and fields[2] != "-":
            served[fields[1]].add(fields[2])
    return served


def test_requests_spread_over_both_processes_and_a_session_sticks_to_one(proxied):
    base, log, ups = proxied
    status, headers, body = get(base + "/")
    assert status == 200 and b"<html" in body.lower()
    cookie = re.search(r"ka_route=([0-9a-f]+)", headers.get("Set-Cookie", ""))
    assert cookie, headers
    for _ in range(24):  # fresh visitors: spread over both processes
        assert get(base + "/_stcore/health")[2].strip() == b"ok"
    assert set().union(*routes(log).values()) == set(ups)
    for _ in range(12):  # one visitor: always the same process
        get(base + "/_stcore/health", cookie.group(1))
    assert len(routes(log)[cookie.group(1)]) == 1


def test_the_websocket_goes_through_the_proxy(proxied):
    """A websocket handshake to Streamlit's stream, through nginx, is switched (101)."""
    base, log, ups = proxied
    host, port = base.split("//")[1].split(":")
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection((host, int(port)), timeout=20) as conn:
        conn.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                      f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                      "Cookie: ka_route=abc\r\n\r\n").encode())
        answer = conn.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 101"), answer
    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
    assert accept in answer
    assert any(f[4].startswith("/_stcore/stream") and f[3] == "101" for f in log_lines(log) if len(f) == 5)


def test_two_sessions_on_two_processes_each_get_the_map_and_a_download(proxied, chromium):  # noqa: F811
    base, log, ups = proxied
    by_process: dict[str, str] = {}
    for key, served in routes(log).items():
        if len(served) == 1 and key != "-":
            by_process.setdefault(next(iter(served)), key)
    assert set(by_process) == set(ups)
    for process, key in by_process.items():
        with app_page(chromium, base) as tab:
            tab.page.context.add_cookies([{"name": "ka_route", "value": key, "url": base}])
            tab.open("?date=2021-06-01&layers=corridors,peacekeeping")
            tab.wait_idle()
            button = tab.page.get_by_role("button", name="GeoJSON of this map")
            button.scroll_into_view_if_needed()
            with tab.page.expect_download(timeout=30000) as info:
                button.click()
            document = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
            assert document["type"] == "FeatureCollection" and document["features"]
        assert routes(log)[key] == {process}, "a session's requests reached another process"
    served = [f for f in log_lines(log) if len(f) == 5 and f[0] in by_process.values()]
    assert any(f[4].startswith("/_stcore/stream") for f in served)  # the sessions' websockets
    assert not [f for f in served if f[3].startswith("5")], "the proxy answered with an error"
