"""The planning demo on a small generated province: pools that respect the rules."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from canbo.demo.generate import generate_province
from canbo.org.models import Unit
from canbo.planning import demo
from canbo.planning.models import PlanningCandidate, PlanningChange, PlanningPool
from canbo.planning.selectors import current_ranks

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db


def test_the_demo_adds_pools_of_one_to_three_candidates_from_the_level_below() -> None:
    # The generator runs the planning demo with the province's seed.
    written = generate_province(staff=600, seed=3, today=TODAY).careers["planning"]
    root = Unit.objects.get(parent__isnull=True)
    assert written > 0
    assert PlanningPool.objects.exists()
    active = PlanningCandidate.objects.filter(status="active").select_related(
        "pool__post"
    )
    per_pool = Counter(c.pool_id for c in active)
    assert max(per_pool.values()) <= 3
    ranks = current_ranks({c.person_id for c in active}, TODAY)
    assert all(ranks[c.person_id] < c.pool.post.rank for c in active)
    assert PlanningChange.objects.filter(kind="added").count() == (
        PlanningCandidate.objects.count()
    )
    # Deterministic and not repeated: a second run writes nothing new.
    assert demo.generate(root_path=root.path, today=TODAY, seed=3) == 0
