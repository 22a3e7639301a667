# The two commands a new user needs (see README): `make run` and `make test`.
# Each target does its own set-up: a virtual environment in .venv, the pinned
# requirements (re-installed only when a requirements file changes), and for the
# tests a headless Chromium (scripts/ensure_browser.sh).

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PYTEST_ARGS ?=
# The local database of `make db` (see README, "Team deployment"): when the app's URL is
# this one, `make run` starts (or sets up) that database first.
DB_PORT ?= 55432
LOCAL_DB_URL := postgresql://briefing_app@127.0.0.1:$(DB_PORT)/briefing_map
RUN_DB := $(if $(filter $(LOCAL_DB_URL),$(BRIEFING_MAP_DATABASE_URL)),db,)

.PHONY: run test test-fast lint format bench bench-scale bench-export bench-deck bench-filter bench-page bench-large bench-db soak db db-stop db-packages screenshot browser assets venv clean

# The app needs Chromium too: the "Briefing PNG" button renders in a headless browser.
run: $(VENV)/.runtime-installed assets browser $(RUN_DB)
	$(PY) scripts/serve.py --server.port $(PORT)

# A local PostgreSQL + PostGIS database in .db/ (git-ignored): packages (apt-get, as
# root), cluster, database, PostGIS, tables, the app's role, geodata/ loaded; prints the URL.
db: $(VENV)/.runtime-installed db-packages
	DB_PORT=$(DB_PORT) $(PY) scripts/local_db.py

db-stop: $(VENV)/.runtime-installed
	DB_PORT=$(DB_PORT) $(PY) scripts/local_db.py --stop

db-packages: $(VENV)/.runtime-installed
	PYTHON=$(PY) sh scripts/ensure_postgres.sh

# pytest exits 5 when it collected no test: that must fail, never pass quietly.
define pytest
	@$(PY) -m pytest $(1) $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests" >&2; exit 1; fi; \
	exit $$rc
endef

# The database tests start their own throwaway cluster: they need the packages (installed
# as root; elsewhere they skip with the reason, except in CI where that fails).
test: $(VENV)/.dev-installed assets browser lint
	PYTHON=$(PY) sh scripts/ensure_postgres.sh || [ "$$CI" != "true" ]
	$(call pytest,)

# Everything except the browser tier, for quick iterations (not what CI runs).
test-fast: $(VENV)/.dev-installed assets
	$(call pytest,-m "not browser")

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) bench/bench_startup.py

# N = 1k / 10k / 100k / 1M synthetic events, naive folium GeoJSON vs ours (several minutes).
bench-scale: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) bench/bench_scale.py

bench-export: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) bench/bench_export.py

# A 10-slide PowerPoint deck from the command line, ours vs a browser launched per slide.
bench-deck: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) bench/bench_deck.py

# Page open → map painted, warm and cold, beside a Streamlit hello-world page, in one run.
bench-page: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) bench/bench_page.py

# Filter change and playback step → map repainted in Chromium, ours vs a full map rebuild.
bench-filter: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) bench/bench_filter.py

# The whole app on a synthetic large file (default 1,000,000 events): filter -> repaint.
bench-large: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) bench/bench_large_app.py

# PostGIS (a throwaway cluster, 1,000,000 synthetic events) against the in-memory large
# mode, side by side: first paint, filter -> map repainted, peak memory of each app process.
bench-db: $(VENV)/.dev-installed assets browser db-packages
	PYTHONPATH=. $(PY) bench/bench_db.py

# 8 browser sessions filter, export, import and remove for 10 minutes (MINUTES=2 for less):
# no error in any page or console, and the server's memory over time (bench/out/soak.json).
MINUTES ?= 10
soak: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) bench/soak.py --minutes $(MINUTES)

screenshot: $(VENV)/.dev-installed assets browser
	PYTHONPATH=. $(PY) scripts/screenshot_app.py

# Leaflet, plugins and the basemap are copied from installed packages into static/
# (served by Streamlit at /app/static/): nothing is fetched from a CDN at run time.
assets: $(VENV)/.runtime-installed
	$(PY) -c "from layers.map.assets import ensure_static_assets; ensure_static_assets()"

browser: $(VENV)/.runtime-installed
	PYTHON=$(PY) sh scripts/ensure_browser.sh

venv: $(PY)

$(PY):
	PYTHON="$(PYTHON)" sh scripts/ensure_venv.sh $(VENV)

# Stamp files: pip runs again only when a requirements file is newer than its stamp.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

clean:
	rm -rf $(VENV) static/vendor static/basemap tests/browser/artifacts bench/out .pytest_cache
