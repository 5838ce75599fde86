"""Folding Vietnamese text for search and sorting."""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Return `text` lower-cased, without diacritics and with single spaces.

    "Nguyễn Văn  An" and "nguyen van an" fold to the same string, so a search
    typed without diacritics finds the name written with them.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


def name_sort_key(full_name: str) -> str:
    """Return the key that orders Vietnamese names as official lists do.

    Lists order by given name (the last word), then by the rest of the name.
    """
    words = fold(full_name).split()
    if not words:
        return ""
    return " ".join([words[-1], *words[:-1]])
