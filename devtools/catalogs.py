"""Check that the committed .mo message catalogues match their .po sources.

Each locale/<lang>/LC_MESSAGES/django.po (and djangojs.po) is compiled with msgfmt
exactly as `manage.py compilemessages` does. A missing or stale .mo is compiled
into place and reported, so the check fails until the fresh file is committed.
Django's own command cannot tell this: it skips a .po whose .mo is newer on disk,
and in a fresh clone the file times are arbitrary.

    python -m devtools.catalogs      # exit 1 when a catalogue was stale
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = ("django.po", "djangojs.po")


def sources(root: Path = ROOT) -> list[Path]:
    found = [
        po
        for po in sorted((root / "locale").glob("*/LC_MESSAGES/*.po"))
        if po.name in DOMAINS
    ]
    return found


def _catalog(mo: Path) -> dict[object, object]:
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    catalog: dict[object, object] = translations._catalog  # type: ignore[attr-defined]
    return catalog


def refresh(po: Path, msgfmt: str) -> bool:
    """Compile po into place; return True when the .mo on disk was missing or stale."""
    mo = po.with_suffix(".mo")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / mo.name
        command = [msgfmt, "--check-format", "-o", str(fresh), str(po)]
        subprocess.run(command, check=True)  # noqa: S603
        if mo.exists() and _catalog(mo) == _catalog(fresh):
            return False
        shutil.copyfile(fresh, mo)
        return True


def main() -> int:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        sys.stderr.write("msgfmt not found: apt-get install gettext\n")
        return 2
    catalogues = sources()
    try:
        stale = [po for po in catalogues if refresh(po, msgfmt)]
    except subprocess.CalledProcessError as error:
        sys.stderr.write(f"msgfmt rejected {error.cmd[-1]} (its message is above)\n")
        return 1
    for po in stale:
        name = po.with_suffix(".mo").relative_to(ROOT)
        sys.stdout.write(f"{name} was missing or stale: compiled it now, commit it\n")
    if not stale:
        sys.stdout.write(f"{len(catalogues)} message catalogue(s) up to date\n")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
