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
        assert any(t.startswith("/tmp") for t in svc["tmpfs"]) and any("dashboard/static" in t for t in svc["tmpfs"])
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
