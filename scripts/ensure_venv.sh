#!/bin/sh
# Create the project's virtual environment ($1, default .venv) with $PYTHON.
# Debian and Ubuntu ship Python without `ensurepip` (package python3-venv): when
# the first attempt fails and we are root, install it and try again.
set -eu
venv=${1:-.venv}
python=${PYTHON:-python3}
if [ -z "$python" ] || ! command -v "$python" >/dev/null 2>&1; then
    echo "ensure_venv: no python3.11 or python3 found; install Python 3.11 first" >&2
    exit 1
fi
if "$python" -m venv "$venv" 2>/dev/null; then
    exit 0
fi
rm -rf "$venv"
version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure_venv: installing python${version}-venv (Debian/Ubuntu keep venv apart)" >&2
    apt-get update -qq
    apt-get install -y -qq "python${version}-venv" || apt-get install -y -qq python3-venv
    "$python" -m venv "$venv"
else
    echo "ensure_venv: '$python -m venv' failed. On Debian/Ubuntu run:" >&2
    echo "    sudo apt-get install python${version}-venv" >&2
    exit 1
fi
