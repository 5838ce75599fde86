"""Opening a review, deciding it, closing it, correcting it: checks, audit, effects."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.discipline import services
from canbo.discipline.models import Discipline
from canbo.discipline.tests.factories import DisciplineFactory
from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import AssignmentFactory
from canbo.tests.fixtures import Cast

D = date


def _open(cast: Cast, **values: Any) -> Discipline:
    fields: dict[str, Any] = {
        "violation": "Để mất hồ sơ", "violation_date": D(2026, 3, 2),
        "review_started": D(2026, 4, 1),
    }  # fmt: skip
    return services.open_review(
        actor=cast.actor("personnel"), person=cast.org.person_a1, **{**fields, **values}
    )


def _decide(cast: Cast, record: Discipline, **values: Any) -> Discipline:
    fields: dict[str, Any] = {
        "form": "reprimand", "decision_ref": "15/QĐ-SNV", "decision_date": D(2026, 5, 4),
    }  # fmt: skip
    return services.decide(
        actor=cast.actor("personnel"), record=record, version=record.version,
        **{**fields, **values},
    )  # fmt: skip


def test_open_then_decide_computes_the_period_and_audits(cast: Cast) -> None:
    record = _decide(cast, _open(cast))
    record.refresh_from_db()
    assert (record.stage, record.effective_from, record.effective_until) == (
        "decided", D(2026, 5, 4), D(2026, 11, 3),
    )  # fmt: skip
    assert record.version == 2
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["discipline.record.opened", "discipline.record.decided"]
    entry = AuditEntry.objects.get(action="discipline.record.decided")
    assert entry.person_id == cast.org.person_a1.pk
    assert entry.changes["form"] == ["", "reprimand"]


def test_a_warning_lasts_twelve_months_from_its_effect(cast: Cast) -> None:
    record = _decide(cast, _open(cast), form="warning", effective_from=D(2026, 6, 1))
    assert record.effective_until == D(2027, 5, 31)


def test_a_decision_dated_before_the_violation_is_refused_and_nothing_changes(
    cast: Cast,
) -> None:
    record = _open(cast)
    with pytest.raises(InvalidInput) as refused:
        _decide(cast, record, decision_date=D(2026, 3, 1))
    assert "before the violation" in refused.value.errors["decision_date"][0]
    record.refresh_from_db()
    assert (record.stage, record.version, record.form) == ("review", 1, "")
    assert not AuditEntry.objects.filter(action="discipline.record.decided").exists()


def test_an_effect_before_the_decision_is_refused(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as refused:
        _decide(cast, _open(cast), effective_from=D(2026, 5, 3))
    assert list(refused.value.errors) == ["effective_from"]


def test_a_review_opened_before_the_violation_is_refused(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as refused:
        _open(cast, review_started=D(2026, 3, 1), violation="  ")
    assert set(refused.value.errors) == {"violation", "review_started"}
    assert not Discipline.objects.exists()
    assert not AuditEntry.objects.exists()


def test_removal_from_post_needs_a_leadership_post_on_the_decision_date(
    cast: Cast,
) -> None:
    record = _open(cast)
    with pytest.raises(InvalidInput) as refused:
        _decide(cast, record, form="removal")
    assert "leadership" in refused.value.errors["form"][0]
    AssignmentFactory(
        person=cast.org.person_a1, post=PostFactory(is_leadership=True),
        start_date=D(2020, 1, 1),
    )  # fmt: skip
    assert _decide(cast, record, form="removal").effective_until == D(2027, 5, 3)


def test_a_decision_needs_its_form_and_number(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as refused:
        _decide(cast, _open(cast), form="", decision_ref=" ")
    assert set(refused.value.errors) == {"decision_ref", "form"}


def test_close_without_discipline_needs_a_reason(cast: Cast) -> None:
    record = _open(cast)
    actor = cast.actor("personnel")
    with pytest.raises(InvalidInput):
        services.close_without_discipline(
            actor=actor, record=record, version=1, note=""
        )
    closed = services.close_without_discipline(
        actor=actor, record=record, version=1, note="Không có căn cứ"
    )
    assert closed.stage == "dropped"
    assert AuditEntry.objects.filter(action="discipline.record.dropped").exists()


def test_correcting_a_stale_version_is_refused(cast: Cast) -> None:
    record = _decide(cast, _open(cast))
    actor = cast.actor("personnel")
    changed = services.correct(
        actor=actor, record=record, version=2,
        values={"decision_date": D(2026, 5, 6), "effective_from": None},
    )  # fmt: skip
    assert (changed.version, changed.effective_until) == (3, D(2026, 11, 5))
    with pytest.raises(InvalidInput) as refused:
        services.correct(
            actor=actor, record=record, version=2, values={"decision_ref": "16/QĐ"}
        )
    assert list(refused.value.errors) == ["version"]
    entry = AuditEntry.objects.get(action="discipline.record.corrected")
    assert entry.changes["decision_date"] == ["2026-05-04", "2026-05-06"]


@pytest.mark.parametrize("persona", ["head", "auditor", "outsider", "manager", "staff"])
def test_only_personnel_in_scope_may_write(cast: Cast, persona: str) -> None:
    with pytest.raises(NotAllowed):
        services.open_review(
            actor=cast.actor(persona), person=cast.org.person_a1, violation="x",
            violation_date=D(2026, 3, 2), review_started=D(2026, 4, 1),
        )  # fmt: skip
    record = DisciplineFactory(person=cast.org.person_a1)
    with pytest.raises(NotAllowed):
        _decide_as(cast, persona, record)


def _decide_as(cast: Cast, persona: str, record: Discipline) -> None:
    services.decide(
        actor=cast.actor(persona), record=record, version=1, form="reprimand",
        decision_ref="1", decision_date=D(2026, 5, 4),
    )  # fmt: skip
