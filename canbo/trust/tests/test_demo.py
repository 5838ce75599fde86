from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from canbo.core.actor import Actor
from canbo.demo.generate import generate_province
from canbo.org.models import Unit
from canbo.people.conflicts import conflict_cases
from canbo.trust import demo
from canbo.trust.models import TrustVote

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db


def test_the_demo_adds_votes_and_a_few_conflicts() -> None:
    generate_province(staff=400, seed=3, today=TODAY)
    root = Unit.objects.get(parent__isnull=True)
    written = demo.generate(root_path=root.path, today=TODAY, seed=3)
    assert written > 0
    votes = TrustVote.objects.all()
    assert votes.count() > 10
    assert all(3 * v.returned >= 2 * v.summoned for v in votes)
    assert all(v.high + v.trust + v.low <= v.returned for v in votes)
    assert votes.filter(outcome="none").count() > 0.9 * votes.count()
    from canbo.accounts.models import User
    from canbo.core.actor import Grant
    from canbo.policy.access import Role

    admin = Actor(
        user=User(username="x"),
        grants=(Grant(Role.AUDITOR, root.pk, root.path, True),),
    )
    cases = list(conflict_cases(admin, today=timezone.localdate()))
    assert 1 <= len(cases) <= 3
