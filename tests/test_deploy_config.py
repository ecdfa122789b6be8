"""The container configuration, checked as CI can without Docker: the Dockerfile runs as a
non-root user with a health check on /_stcore/health and the address and port from the
environment; the compose file runs two or more read-only, unprivileged app processes in
public mode behind the proxy, whose template names every one of them."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
TEMPLATE = (ROOT / "deploy" / "nginx" / "atlas.conf.template").read_text(encoding="utf-8")


def stage(name: str) -> str:
    """The instructions of one build stage of the Dockerfile."""
    parts = re.split(r"(?m)^FROM ", DOCKERFILE)
    found = [p for p in parts if re.match(rf"\S+ AS {name}\s", p)]
    assert len(found) == 1, f"one stage named {name}"
    return found[0]


def instructions(text: str, keyword: str) -> list[str]:
    joined = re.sub(r"\\\n", " ", text)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(keyword + " ")]


def test_the_app_image_is_slim_non_root_and_checks_its_health():
    app = stage("app")
    assert re.match(r"python:3\.11-slim AS app", app)
    users = instructions(app, "USER")
    assert users and users[-1] not in ("root", "0"), "the app runs as root"
    assert app.index("USER atlas") < app.index("CMD ")
    health = instructions(app, "HEALTHCHECK")
    assert len(health) == 1 and "/_stcore/health" in health[0] and "STREAMLIT_SERVER_PORT" in health[0]
    env = " ".join(instructions(app, "ENV"))
    for setting in ("KARABAKH_ATLAS_MODE=public", "STREAMLIT_SERVER_ADDRESS=0.0.0.0", "STREAMLIT_SERVER_PORT=",
                    "STREAMLIT_BROWSER_GATHER_USAGE_STATS=false", "PYTHONDONTWRITEBYTECODE=1"):
        assert setting in env
    assert not re.search(r"(?m)^ADD\s+https?://", DOCKERFILE), "nothing fetched by ADD"
    assert "secrets.toml" in (ROOT / ".dockerignore").read_text(), "secrets never go into the image"


def env_value(text: str, name: str) -> str:
    found = re.findall(rf"(?:^|\s){name}=(\S+)", " ".join(instructions(text, "ENV")))
    assert len(found) == 1, f"ENV {name} set once"
    return found[0]


def test_the_maps_files_are_built_into_the_image_and_read_only_for_the_app():
    """The engine's data of every naming convention and language is built at image build
    time (python -m dashboard.build_cache, tests/test_build_cache.py runs it), as root before
    USER: the app serves it and writes only its fallback cache, under /tmp."""
    app = stage("app")
    prebuilt = env_value(app, "KARABAKH_ATLAS_PREBUILT")
    runs = instructions(app, "RUN")
    build = [r for r in runs if "python -m dashboard.build_cache" in r]
    assert len(build) == 1 and re.search(rf"dashboard\.build_cache {re.escape(prebuilt)}(\s|$)", build[0])
    assert "karabakh-atlas validate" in build[0].split("dashboard.build_cache")[0], "the dataset is checked first"
    assert app.index("dashboard.build_cache") < app.index("USER atlas"), "built by root: read-only for the app"
    assert not any("chown" in r and prebuilt in r for r in runs)
    assert env_value(app, "KARABAKH_ATLAS_CACHE").startswith("/tmp/")
    assert env_value(app, "HOME") == "/tmp"


def test_the_site_image_is_served_by_an_unprivileged_nginx():
    site = stage("site")
    assert "nginx-unprivileged" in site.splitlines()[0]
    assert "--from=site-build /site" in site


def app_services() -> dict[str, dict]:
    return {name: svc for name, svc in COMPOSE["services"].items()
            if (svc.get("build") or {}).get("target") == "app"}


def test_compose_runs_two_or_more_locked_down_public_app_processes():
    apps = app_services()
    assert len(apps) >= 2
    for name, svc in apps.items():
        assert svc["read_only"] is True, name
        assert svc["environment"]["KARABAKH_ATLAS_MODE"] == "public", name
        assert str(svc["user"]).split(":")[0] not in ("0", "root"), name
        assert svc["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in svc["security_opt"], name
        # the only writable place is /tmp: the map's files are in the image (see below)
        assert [t.split(":")[0] for t in svc["tmpfs"]] == ["/tmp"], name
        assert "volumes" not in svc, f"{name} writes nowhere but /tmp"
        assert "ports" not in svc, f"{name} is reached through the proxy only"


def test_the_proxy_names_every_app_process_and_keeps_sessions_sticky():
    proxy = COMPOSE["services"]["proxy"]
    upstreams = {v for k, v in proxy["environment"].items() if k.startswith("ATLAS_APP_")}
    assert upstreams == {f"{name}:{svc['environment']['STREAMLIT_SERVER_PORT']}" for name, svc in app_services().items()}
    assert set(re.findall(r"\$\{(ATLAS_APP_\d+)\}", TEMPLATE)) == {k for k in proxy["environment"] if k.startswith("ATLAS_APP_")}
    assert re.search(r"hash \$ka_route consistent;", TEMPLATE) and "Set-Cookie \"ka_route=" in TEMPLATE
    assert "proxy_set_header Upgrade $http_upgrade;" in TEMPLATE
    assert set(proxy["depends_on"]) == set(app_services())
    assert all(c["condition"] == "service_healthy" for c in proxy["depends_on"].values())


def test_the_static_site_is_a_service_of_its_own():
    site = COMPOSE["services"]["site"]
    assert site["build"]["target"] == "site" and site["read_only"] is True and site["cap_drop"] == ["ALL"]


def test_the_site_is_cached_as_its_names_allow():
    """The engine's files are named by their content (geo/export_site.py): a year, immutable;
    the page and its data change with each export: revalidated on every visit."""
    from geo import engine, export_site

    conf = (ROOT / "deploy" / "nginx" / "site.conf").read_text(encoding="utf-8")
    caching = dict(re.findall(r'location (= /\S+|/\S+/) \{ add_header Cache-Control "([^"]+)"', conf))
    assert caching["= /index.html"] == caching["= /data.json"] == "no-cache"
    assert "immutable" in caching["/engine/"] and int(re.search(r"max-age=(\d+)", caching["/engine/"])[1]) >= 31536000
    assert int(re.search(r"max-age=(\d+)", caching["/leaflet/"])[1]) <= 7 * 86400  # names without a hash
    # what makes the year safe (tests/test_site_outputs.py checks the names written)
    name = engine.static_names()[0]
    assert export_site.hashed_name(name, engine.static_text(name)) != name
