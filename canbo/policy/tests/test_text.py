from __future__ import annotations

import unicodedata

import pytest

from canbo.policy.text import fold, name_sort_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("ĐẶNG THỊ  HỒNG", "dang thi hong"),
        ("  Trần   Đức Ưng ", "tran duc ung"),
        ("nguyen van an", "nguyen van an"),
        (unicodedata.normalize("NFD", "Nguyễn Văn An"), "nguyen van an"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("name", "key"),
    [("Nguyễn Văn An", "an nguyen van"), ("Lê Bình", "binh le"), ("", "")],
)
def test_name_sort_key_puts_given_name_first(name: str, key: str) -> None:
    assert name_sort_key(name) == key
