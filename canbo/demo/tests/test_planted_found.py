"""The generator's planted rating cases are what the integrity detectors find,
on a small province: the evaluators cutting self-assessed points (self/manager
gap), the units inflating their annual levels, and the heads favouring their
hometown in excellent ratings; nothing else is flagged."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.accounts.models import User
from canbo.demo.generate import generate_province
from canbo.demo.generate.evaluations import Truth
from canbo.integrity.detectors import favouritism, inflation, self_gap
from canbo.integrity.models import Run
from canbo.org.models import Unit

pytestmark = pytest.mark.django_db


def quiet(_percent: int) -> None:
    """A progress callback that ignores the progress."""


@pytest.fixture
def province() -> tuple[Truth, Run]:
    summary = generate_province(
        staff=1500, seed=1, today=date(2026, 1, 1), task_months=0, evaluations=True
    )
    assert summary.evaluations is not None
    root = Unit.objects.get(pk=summary.root_id)
    run = Run.objects.create(
        detectors=[], unit=root, unit_path=root.path, year=2025, thresholds={},
        status=Run.Status.RUNNING,
    )  # fmt: skip
    return summary.evaluations.truth, run


def test_the_detectors_find_what_was_planted(province: tuple[Truth, Run]) -> None:
    truth, run = province

    gaps = {f.evidence["evaluator_user"] for f in self_gap.detect(run, quiet)}
    units = {f.unit_id for f in inflation.detect(run, quiet)}
    heads = {
        f.person_id
        for f in favouritism.detect(run, quiet)
        if f.evidence["decision"] == "excellent"
    }

    assert truth.gap_evaluators
    assert gaps == set(truth.gap_evaluators)
    assert truth.inflating_units
    assert units == set(truth.inflating_units)
    planted_heads = set(
        User.objects.filter(pk__in=truth.favouring_heads).values_list(
            "person_id", flat=True
        )
    )
    assert len(planted_heads) >= 3
    assert heads == planted_heads
