# Sourced by bin/serve and bin/test: find Python 3.12+, create .venv, install the
# pinned requirements when they changed. Nothing here needs to be installed by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
REQS="${CANBO_REQUIREMENTS:-$ROOT/requirements.txt}"

find_python() {
    # Django 6.1 needs Python 3.12 or newer; prefer the newest one on the machine.
    local candidates=(python3.14 python3.13 python3.12 python3)
    local dir
    for dir in "$HOME"/.pyenv/versions/3.1[2-9]*/bin /usr/local/bin /usr/bin; do
        [ -d "$dir" ] && candidates+=("$dir/python3")
    done
    local py
    for py in "${candidates[@]}"; do
        if command -v "$py" >/dev/null 2>&1 &&
            "$py" -c 'import sys, venv, sqlite3; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$py"
            return 0
        fi
    done
    return 1
}

if [ ! -x "$VENV/bin/python" ]; then
    if ! PYTHON="$(find_python)"; then
        echo "canbo needs Python 3.12 or newer (Django 6.1 does not run on older versions)." >&2
        echo "Install one, e.g. 'apt-get install python3.12 python3.12-venv' or pyenv, and retry." >&2
        exit 1
    fi
    echo "Creating virtual environment in .venv with $PYTHON"
    "$PYTHON" -m venv "$VENV"
fi

STAMP="$VENV/.installed-$(cat "$ROOT/requirements.txt" "$REQS" "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
    echo "Installing pinned requirements ($(basename "$REQS"))"
    # The machine's pip configuration may name local indexes that do not exist;
    # pip warns about each, which only hides real errors.
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS" \
        2> >(grep -v '^WARNING: Location' >&2)
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$ROOT" \
        2> >(grep -v '^WARNING: Location' >&2)
    rm -f "$VENV"/.installed-*
    touch "$STAMP"
fi

export PATH="$VENV/bin:$PATH"
cd "$ROOT"
