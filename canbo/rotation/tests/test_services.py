"""Leader rotations (create, evaluate, close with placement) and circumstances."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Assignment, Person
from canbo.people.tests.factories import PersonFactory
from canbo.planning.tests.factories import CandidateFactory, PoolFactory
from canbo.rotation import selectors, services
from canbo.rotation.models import Circumstance, Rotation
from canbo.rotation.tests.factories import due_assignment
from canbo.tests.fixtures import Cast

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 1)
START = date(2027, 1, 1)
GOALS = "Đặt hàng – giao nhiệm vụ: hoàn thành chuyển đổi số thủ tục hành chính."


def _planned(cast: Cast, person: Person) -> None:
    pool = PoolFactory(unit=cast.org.dept_a, post=PostFactory(rank=80))
    CandidateFactory(pool=pool, person=person)


def _rotate(cast: Cast, person: Person, **changes: object) -> Rotation:
    values: dict[str, object] = {
        "actor": cast.actor("personnel"), "person": person, "kind": "downward",
        "from_unit": cast.org.division_a1, "to_unit": cast.org.dept_a,
        "start": START, "planned_end": date(2030, 1, 1), "goals": GOALS,
        "decision_ref": "12/QĐ-UBND",
    }  # fmt: skip
    values.update(changes)
    return services.create_rotation(**values)  # type: ignore[arg-type]


def test_a_leader_in_planning_is_rotated_for_36_months(cast: Cast) -> None:
    person = cast.org.person_a1  # born 1985: more than 10 years left in 2027
    _planned(cast, person)
    rotation = _rotate(cast, person)
    assert rotation.status == Rotation.Status.IN_PROGRESS
    assert rotation.unit_path == cast.org.division_a1.path
    assert AuditEntry.objects.filter(action="rotation.rotation.created").count() == 1


@pytest.mark.parametrize(
    ("case", "field", "words"),
    [
        ("shorter", "planned_end", "36"),
        ("not_planned", "person", "planning"),
        ("retiring", "start", "10"),
    ],
)
def test_a_leader_rotation_is_refused_with_the_reason_and_nothing_written(
    cast: Cast, case: str, field: str, words: str
) -> None:
    person = cast.org.person_a1
    planned_end = date(2030, 1, 1)
    if case == "shorter":
        planned_end = date(2029, 12, 31)  # one day short of 36 months
    if case == "retiring":  # a man born 1970 retires in 2032: 5 years left
        person = PersonFactory(unit=cast.org.division_a1, birth_date=date(1970, 3, 1))
    if case != "not_planned":
        _planned(cast, person)

    with pytest.raises(InvalidInput) as refused:
        _rotate(cast, person, planned_end=planned_end)

    assert list(refused.value.errors) == [field]
    assert words in refused.value.errors[field][0]
    assert not Rotation.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="rotation.").exists()


def test_the_two_term_case_needs_only_five_years_left(cast: Cast) -> None:
    person = PersonFactory(unit=cast.org.division_a1, birth_date=date(1970, 3, 1))
    _planned(cast, person)
    rotation = _rotate(cast, person, kind="non_local", short_service_case=True)
    assert rotation.short_service_case


def test_someone_outside_the_scope_cannot_rotate(cast: Cast) -> None:
    _planned(cast, cast.org.person_a1)
    with pytest.raises(NotAllowed):
        _rotate(cast, cast.org.person_a1, actor=cast.actor("outsider"))
    assert not Rotation.objects.exists()


def test_an_evaluated_rotation_is_closed_with_the_placement_assignment(
    cast: Cast,
) -> None:
    actor = cast.actor("personnel")
    person = cast.org.person_a1
    _planned(cast, person)
    rotation = _rotate(cast, person)

    with pytest.raises(InvalidInput, match="Evaluate"):
        services.close_rotation(
            actor=actor, rotation=rotation, unit=cast.org.dept_a, on=date(2030, 1, 2)
        )
    with pytest.raises(InvalidInput) as refused:
        services.evaluate_rotation(
            actor=actor, rotation=rotation, result="great", evaluation=" ",
            on=date(2029, 12, 1),
        )  # fmt: skip
    assert set(refused.value.errors) == {"result", "evaluation"}
    rotation.refresh_from_db()
    assert rotation.status == Rotation.Status.IN_PROGRESS

    services.evaluate_rotation(
        actor=actor, rotation=rotation, result="good",
        evaluation="Hoàn thành tốt các nhiệm vụ được đặt hàng.", on=date(2029, 12, 1),
    )  # fmt: skip
    rotation.refresh_from_db()
    assert (rotation.status, rotation.result) == (Rotation.Status.EVALUATED, "good")

    post = PostFactory(name="Phó Giám đốc Sở", rank=75)
    services.close_rotation(
        actor=actor, rotation=rotation, unit=cast.org.dept_a, post=post,
        on=date(2030, 1, 2), decision_ref="88/QĐ-UBND",
    )  # fmt: skip

    rotation.refresh_from_db()
    placed = Assignment.objects.get(person=person, post=post)
    assert (placed.unit, placed.start_date, placed.end_date) == (
        cast.org.dept_a,
        date(2030, 1, 2),
        None,
    )
    assert rotation.status == Rotation.Status.CLOSED
    assert rotation.placement_assignment == placed
    assert rotation.placement_decision == "88/QĐ-UBND"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"rotation.rotation.evaluated", "rotation.rotation.closed"} <= actions
    with pytest.raises(InvalidInput, match="closed"):
        services.evaluate_rotation(
            actor=actor, rotation=rotation, result="good", evaluation="x",
            on=date(2030, 2, 1),
        )  # fmt: skip


# --- Circumstances ---------------------------------------------------------------


def test_a_study_postpones_the_change_in_the_due_list_until_it_ends(
    cast: Cast,
) -> None:
    actor = cast.actor("personnel")
    person = cast.org.person_a1
    due_assignment(person, start=date(2023, 6, 1))  # due 2026-06-01
    study = services.record_circumstance(
        actor=actor, person=person, kind="study", start=date(2026, 9, 1),
        end=date(2027, 8, 31), note="Thạc sĩ tập trung",
    )  # fmt: skip
    assert study.unit_path == person.unit_path

    def reasons() -> list[str]:
        rows = selectors.due_list(actor, selectors.DueFilter(), today=TODAY)
        [row] = selectors.due_rows(list(rows), today=TODAY)
        return row.reasons

    assert len(reasons()) == 1
    assert "12" in reasons()[0]
    assert "38.3" in reasons()[0]

    services.end_circumstance(actor=actor, circumstance=study, end=date(2026, 10, 31))
    study.refresh_from_db()
    assert study.end == date(2026, 10, 31)
    assert reasons() == []  # shorter than 12 months in the end: no postponement
    actions = list(
        AuditEntry.objects.filter(action__startswith="rotation.circumstance")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["rotation.circumstance.recorded", "rotation.circumstance.ended"]


def test_a_father_counts_for_a_young_child_only_when_raising_it_alone(
    cast: Cast,
) -> None:
    actor = cast.actor("personnel")
    person = cast.org.person_a1  # a man
    due_assignment(person, start=date(2023, 6, 1))
    services.record_circumstance(
        actor=actor, person=person, kind="child", start=date(2025, 5, 1)
    )
    rows = selectors.due_list(actor, selectors.DueFilter(), today=TODAY)
    assert selectors.due_rows(list(rows), today=TODAY)[0].checks == ()

    services.record_circumstance(
        actor=actor, person=person, kind="child", start=date(2025, 5, 1),
        sole_carer=True, note="Vợ mất năm 2025",
    )  # fmt: skip
    [row] = selectors.due_rows(list(rows), today=TODAY)
    assert [c.code for c in row.checks] == ["child"]
    assert "36" in row.reasons[0]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "holiday"}, "kind"),
        ({"kind": "study", "end": None}, "end"),
        ({"kind": "illness", "end": date(2025, 12, 31)}, "end"),
        ({"kind": "pregnancy"}, "kind"),
    ],
)
def test_a_circumstance_entered_wrongly_is_refused_naming_the_field(
    cast: Cast, values: dict[str, object], field: str
) -> None:
    entry: dict[str, object] = {
        "actor": cast.actor("personnel"), "person": cast.org.person_a1,
        "start": date(2026, 1, 1),
    }  # fmt: skip
    entry.update(values)
    with pytest.raises(InvalidInput) as refused:
        services.record_circumstance(**entry)  # type: ignore[arg-type]
    assert field in refused.value.errors
    assert not Circumstance.objects.exists()


def test_circumstances_are_entered_only_in_scope(cast: Cast) -> None:
    with pytest.raises(NotAllowed):
        services.record_circumstance(
            actor=cast.actor("outsider"), person=cast.org.person_a1, kind="illness",
            start=date(2026, 1, 1),
        )  # fmt: skip
    with pytest.raises(NotAllowed):
        services.record_circumstance(
            actor=cast.actor("head"), person=cast.org.person_a1, kind="illness",
            start=date(2026, 1, 1),
        )  # fmt: skip
    assert not Circumstance.objects.exists()
