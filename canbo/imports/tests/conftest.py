from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from canbo.imports.tests.helpers import Runner, make_runner
from canbo.org.models import JobPosition, Post
from canbo.org.tests.factories import JobPositionFactory, PostFactory


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Run in English, so reasons read as their msgids whatever catalogue is built."""
    with translation.override("en"):
        yield


@pytest.fixture
def run_import(django_capture_on_commit_callbacks: Any) -> Runner:
    """run(actor, kind, content, dry_run=False) → the job, finished by the task."""
    return make_runner(django_capture_on_commit_callbacks)


@pytest.fixture
def post(db: None) -> Post:
    return PostFactory(code="TP", name="Trưởng phòng", rank=40)


@pytest.fixture
def position(db: None) -> JobPosition:
    return JobPositionFactory(code="VTVL-CV", name="Chuyên viên tổ chức cán bộ")
