#!/bin/sh
# Make sure PostgreSQL and PostGIS are installed for `make db` and the database tests.
# Nothing to do when initdb and the PostGIS extension files are there; else, as root on
# Debian/Ubuntu, install them with apt-get (`postgresql` and `postgresql-postgis`, the
# distribution's current versions: PostgreSQL 15 and PostGIS 3 on Debian 12). As any
# other user it says what to install and exits 1 (the tests then skip, or fail in CI).
set -eu
python=${PYTHON:-.venv/bin/python}

missing() {
    "$python" -c "import sys; sys.path.insert(0, 'scripts'); import pgcluster; r = pgcluster.missing_reason(); print(r or ''); sys.exit(1 if r else 0)"
}

if reason=$(missing); then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure_postgres: $reason; installing postgresql and postgresql-postgis" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        postgresql postgresql-postgis >/dev/null
    if reason=$(missing); then
        exit 0
    fi
fi
echo "ensure_postgres: $reason" >&2
exit 1
