#!/bin/sh
# Make sure a headless Chromium is available for the browser tests, the exporter
# and the benchmark, in this order of preference:
#   1. BRIEFING_MAP_CHROMIUM (a path), or Chromium's headless shell already installed;
#   2. as root on Debian/Ubuntu: Debian's `chromium-headless-shell` package (apt-get):
#      unlike the full browser it makes no request of its own (no update or account
#      services), which the exporter relies on (layers/export/browser.py);
#   3. a full system Chromium already installed (works; it tries its vendor's servers
#      at start, which the exporter's proxy setting refuses);
#   4. otherwise Playwright's own build (`python -m playwright install chromium`).
# It ends by launching the browser through layers.export.browser, the same code the tests use,
# so "ensured" means "Playwright can start it", not merely "a file exists".
set -eu
python=${PYTHON:-.venv/bin/python}

have_headless_shell() {
    if [ -n "${BRIEFING_MAP_CHROMIUM:-}" ]; then
        [ -x "$BRIEFING_MAP_CHROMIUM" ] && return 0
        echo "ensure_browser: BRIEFING_MAP_CHROMIUM=$BRIEFING_MAP_CHROMIUM is not an executable" >&2
        exit 1
    fi
    path=$(command -v chromium-headless-shell 2>/dev/null) || return 1
    "$path" --version >/dev/null 2>&1
}

have_system_chromium() {
    for name in chromium chromium-browser google-chrome google-chrome-stable; do
        path=$(command -v "$name" 2>/dev/null) || continue
        # Ubuntu's chromium-browser may be a snap wrapper that cannot run here.
        "$path" --version >/dev/null 2>&1 && return 0
    done
    return 1
}

can_launch() {
    "$python" - <<'PY'
import sys

from layers.export.browser import BrowserNotFound, chromium

try:
    with chromium() as browser:
        print(f"ensure_browser: Chromium {browser.version} launches headless")
except BrowserNotFound as exc:
    print(f"ensure_browser: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}

if ! have_headless_shell; then
    installed=no
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "ensure_browser: installing Debian's chromium-headless-shell with apt-get" >&2
        if apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium-headless-shell fonts-liberation; then
            installed=yes
        else
            echo "ensure_browser: apt-get could not install chromium-headless-shell" >&2
        fi
    fi
    if [ "$installed" = no ] && have_system_chromium; then
        installed=yes
        echo "ensure_browser: using the full Chromium; install chromium-headless-shell for an exporter that makes no request of its own" >&2
    fi
    if [ "$installed" = no ] && ! can_launch 2>/dev/null; then
        echo "ensure_browser: downloading Playwright's Chromium" >&2
        "$python" -m playwright install chromium
    fi
fi
# Briefing PNGs print source titles in Japanese, Chinese and Korean: without a CJK font
# Chromium draws empty boxes. Best effort: a missing font degrades the picture, not the run.
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "ensure_browser: installing fonts-noto-cjk for CJK text in briefings" >&2
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-noto-cjk; } \
            || echo "ensure_browser: could not install fonts-noto-cjk (CJK titles will show as boxes)" >&2
    else
        echo "ensure_browser: no CJK font found (install fonts-noto-cjk for CJK titles in PNGs)" >&2
    fi
fi
can_launch
