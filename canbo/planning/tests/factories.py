"""Factories and facts for the planning tests: pools, candidates, and the
records of other apps that the checks read (annual levels, discipline, trust
votes, appointment proposals)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory

from canbo.accounts.models import User
from canbo.appointments.models import Appointment
from canbo.discipline.models import Discipline
from canbo.evaluation.models import Period, Sheet
from canbo.org.models import Post, Unit
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory
from canbo.planning.models import PlanningCandidate, PlanningPool
from canbo.trust.models import TrustVote


class PoolFactory(factory.django.DjangoModelFactory[PlanningPool]):
    class Meta:
        model = PlanningPool

    post = factory.SubFactory(PostFactory, rank=30)
    term_start = 2026
    term_end = 2031

    @classmethod
    def _create(
        cls, model_class: type[PlanningPool], *args: Any, **kwargs: Any
    ) -> PlanningPool:
        kwargs["unit_path"] = kwargs["unit"].path
        if "created_by" not in kwargs:
            kwargs["created_by"] = User.objects.order_by("pk").first()
        return super()._create(model_class, *args, **kwargs)


class CandidateFactory(factory.django.DjangoModelFactory[PlanningCandidate]):
    class Meta:
        model = PlanningCandidate

    added_on = date(2025, 3, 1)


def holds_post(person: Person, rank: int, code: str | None = None) -> Post:
    """Give `person` a current post of `rank`."""
    post = PostFactory(code=code or f"R{rank}", name=f"Chức vụ hạng {rank}", rank=rank)
    AssignmentFactory(person=person, unit=person.unit, post=post)
    return post


def annual_level(
    person: Person, year: int, level: str, score: str = "80", *, user: User
) -> Sheet:
    """A published annual sheet of `year` with `level` and `score`."""
    unit: Unit = person.unit
    period, _created = Period.objects.get_or_create(
        unit=unit, kind=Period.Kind.YEAR, start=date(year, 1, 1),
        defaults={
            "unit_path": unit.path, "end": date(year, 12, 31),
            "status": Period.Status.PUBLISHED, "self_deadline": date(year, 12, 1),
            "review_deadline": date(year, 12, 5), "decision_deadline": date(year, 12, 10),
            "opened_by": user,
        },
    )  # fmt: skip
    return Sheet.objects.create(
        period=period, person=person, unit=unit, unit_path=unit.path,
        pack="ND335_2026", status=Sheet.Status.DECIDED, level=level,
        score=Decimal(score),
    )  # fmt: skip


def disciplined(
    person: Person, effective_from: date, *, user: User, form: str = "reprimand"
) -> Discipline:
    return Discipline.objects.create(
        person=person, unit=person.unit, unit_path=person.unit_path,
        stage=Discipline.Stage.DECIDED, form=form, violation="Vi phạm quy chế",
        violation_date=effective_from.replace(day=1), review_started=effective_from,
        decision_ref="12/QĐ-KL", decision_date=effective_from,
        effective_from=effective_from, created_by=user,
    )  # fmt: skip


def trust_vote(person: Person, low: int, *, user: User, held_on: date) -> TrustVote:
    outcome = "dismiss" if 3 * low >= 2 * 30 else "review" if 2 * low > 30 else "none"
    return TrustVote.objects.create(
        person=person, unit=person.unit, unit_path=person.unit_path,
        held_on=held_on, body="Ban Chấp hành", summoned=30, returned=30,
        high=30 - low, trust=0, low=low, outcome=outcome, created_by=user,
    )  # fmt: skip


def proposal(person: Person, post: Post, *, user: User) -> Appointment:
    return Appointment.objects.create(
        person=person, post=post, unit=person.unit, unit_path=person.unit_path,
        kind=Appointment.Kind.HIGHER, status=Appointment.Status.PROPOSED,
        process_started=date(2026, 10, 1), created_by=user,
    )  # fmt: skip
