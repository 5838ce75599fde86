"""The UI speaks Vietnamese by default, English on request, and the catalogue is complete."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from canbo.core.django_strings import DJANGO_GAPS
from canbo.tests.fixtures import Cast

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / "django.po"
LOGIN = "/accounts/login/"


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    fuzzy: bool = False


def _parse_block(block: str) -> Entry | None:
    fields: dict[str, str] = {}
    key = ""
    fuzzy = False
    for line in block.splitlines():
        if line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in line
        elif line.startswith('"'):
            fields[key] += json.loads(line)
        elif line and not line.startswith("#"):
            key, _, rest = line.partition(" ")
            fields[key] = json.loads(rest)
    if "msgid" not in fields:
        return None
    return Entry(
        msgctxt=fields.get("msgctxt"),
        msgid=fields["msgid"],
        msgid_plural=fields.get("msgid_plural"),
        msgstrs=[v for k, v in fields.items() if k.startswith("msgstr")],
        fuzzy=fuzzy,
    )


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file, header first; obsolete (#~) entries are skipped."""
    blocks = (_parse_block(block) for block in re.split(r"\n\s*\n", text))
    return [entry for entry in blocks if entry is not None]


def _catalogue() -> tuple[Entry, list[Entry]]:
    header, *entries = parse_po(CATALOGUE.read_text(encoding="utf-8"))
    assert header.msgid == ""
    return header, entries


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[-#0 +]*[\d.]*[sdif]|%[sd]", text))


def test_the_login_page_is_vietnamese_when_the_browser_asks_for_no_language(
    db: None,
) -> None:
    page = Client().get(LOGIN).content.decode()

    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Log in" not in page


def test_the_language_form_switches_the_login_page_to_english(db: None) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})

    page = client.get(LOGIN).content.decode()

    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Đăng nhập" not in page


def test_a_staff_profile_is_vietnamese_for_a_logged_in_user(cast: Cast) -> None:
    url = reverse("people:detail", args=[cast.org.person_a1.pk])

    page = cast.client("personnel").get(url).content.decode()

    for vietnamese in (
        "Sơ yếu lý lịch",
        "Quá trình công tác",
        "Ngày sinh",
        "Đăng xuất",
    ):
        assert vietnamese in page
    for english in ("Curriculum vitae", "Work history", "Date of birth", "Log out"):
        assert english not in page


def test_djangos_own_form_errors_are_vietnamese(db: None) -> None:
    client = Client()

    empty = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    wrong = client.post(LOGIN, {"username": "nobody", "password": "x"}).content.decode()

    assert "Trường này là bắt buộc." in empty
    assert "This field is required." not in empty
    assert "tên đăng nhập và mật khẩu" in wrong
    assert "Please enter a correct" not in wrong


def test_django_strings_missing_from_djangos_vietnamese_catalogue_are_translated(
    cast: Cast,
) -> None:
    url = reverse("people:assignment_create", args=[cast.org.person_a1.pk])

    page = cast.client("personnel").get(url).content.decode()

    assert "Select an option" not in page
    with translation.override("vi"):
        assert all(gettext(msgid) != msgid for msgid in DJANGO_GAPS)


def test_the_vietnamese_catalogue_header_declares_vietnamese_with_one_plural_form() -> (
    None
):
    header, _ = _catalogue()

    assert not header.fuzzy
    assert "Language: vi\n" in header.msgstrs[0]
    assert "charset=UTF-8" in header.msgstrs[0]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header.msgstrs[0]


def test_every_vietnamese_entry_is_translated_checked_and_keeps_its_placeholders() -> (
    None
):
    _, entries = _catalogue()

    untranslated = [e.msgid for e in entries if not all(e.msgstrs)]
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    bad_plural = [e.msgid for e in entries if e.msgid_plural and len(e.msgstrs) != 1]
    broken = [
        e.msgid
        for e in entries
        if any(_placeholders(s) != _placeholders(e.msgid) for s in e.msgstrs)
    ]
    assert len(entries) > 500
    assert (untranslated, fuzzy, bad_plural, broken) == ([], [], [], [])


def test_the_compiled_vietnamese_catalogue_matches_the_po_file() -> None:
    _, entries = _catalogue()

    with translation.override("vi"):
        stale = [e.msgid for e in entries if _translate(e) != e.msgstrs[0]]

    assert stale == [], "run compilemessages: django.mo is older than django.po"


def _translate(entry: Entry) -> str:
    if entry.msgid_plural is not None:
        return ngettext(entry.msgid, entry.msgid_plural, 1)
    if entry.msgctxt is not None:
        return pgettext(entry.msgctxt, entry.msgid)
    return gettext(entry.msgid)


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(
    client: Client,
) -> None:
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.text
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    assert "Log in" in client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="vi").text
