# Karabakh Atlas for the public: `docker build -t karabakh-atlas .` then see deploy/compose.yaml.
# Stage "app": the dashboard (read-only, public mode), non-root, fine with a read-only root
# filesystem (give it a tmpfs at /tmp, as deploy/compose.yaml does). The map's files (Leaflet,
# the engine, the engine data of every naming convention and language) are built into the
# image (/app/prebuilt) and served from there; the app writes them to /tmp only when the
# dataset it finds differs from the one built in (dashboard/served.py).
# Stage "site": the static site (`karabakh-atlas export site`) served by an unprivileged nginx.
FROM python:3.11-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/tmp \
    KARABAKH_ATLAS_MODE=public \
    KARABAKH_ATLAS_PREBUILT=/app/prebuilt \
    KARABAKH_ATLAS_CACHE=/tmp/karabakh-atlas \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

WORKDIR /app
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin atlas

COPY pyproject.toml README.md LICENSE ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY geo geo
COPY dashboard dashboard
COPY data data
# editable: the dashboard and the command line use the code and data in /app; the dataset
# is checked at build time, so a broken dataset fails the build, not the first visitor; the
# map's files are built for it, owned by root and read-only for the app
RUN pip install --no-compile -e . \
    && karabakh-atlas validate --no-quotes \
    && python -m dashboard.build_cache /app/prebuilt

USER atlas
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('STREAMLIT_SERVER_PORT', '8501') + '/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "dashboard/app.py"]


FROM app AS site-build
USER root
RUN karabakh-atlas export site -o /site


FROM nginxinc/nginx-unprivileged:1.27-alpine AS site
COPY deploy/nginx/site.conf /etc/nginx/conf.d/default.conf
COPY --from=site-build /site /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
