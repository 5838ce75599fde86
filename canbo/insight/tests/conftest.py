"""These tests read the English texts; the Vietnamese ones are checked by
canbo/tests/test_i18n.py and the browser tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings: pytest.FixtureRequest) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"  # type: ignore[attr-defined]
    with translation.override("en"):
        yield
