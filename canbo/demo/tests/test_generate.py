"""`canbo generate`: a realistic, deterministic province that respects the rules."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from canbo.core.models import AuditEntry
from canbo.demo.generate import GenerationError, generate_province
from canbo.org.models import Unit, path_segment
from canbo.people.models import Assignment, Person
from canbo.policy.citizen_id import citizen_id_problems
from canbo.policy.retirement import age_on, retirement_date
from canbo.policy.text import fold

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def province() -> Unit:
    generate_province(staff=300, seed=3, today=TODAY)
    return Unit.objects.get(parent__isnull=True)


def _people() -> list[tuple[str, str, str]]:
    return list(
        Person.objects.order_by("pk").values_list(
            "full_name", "citizen_id", "unit__code"
        )
    )


def test_the_same_seed_generates_the_same_people() -> None:
    with transaction.atomic():
        generate_province(staff=300, seed=11, today=TODAY)
        first = _people()
        transaction.set_rollback(True)

    generate_province(staff=300, seed=11, today=TODAY)

    assert _people() == first
    assert len(first) == 300


def test_another_seed_generates_other_people() -> None:
    with transaction.atomic():
        generate_province(staff=300, seed=11, today=TODAY)
        first = _people()
        transaction.set_rollback(True)

    generate_province(staff=300, seed=12, today=TODAY)

    assert {name for name, _, _ in _people()} != {name for name, _, _ in first}


def test_citizen_ids_are_unique_and_match_sex_and_birth_year(province: Unit) -> None:
    people = list(Person.objects.all())

    assert len({p.citizen_id for p in people}) == len(people) == 300
    for person in people:
        assert (
            citizen_id_problems(
                person.citizen_id, birth_date=person.birth_date, sex=person.sex
            )
            == ()
        )


def test_nobody_is_past_retirement_or_started_work_before_18(province: Unit) -> None:
    for person in Person.objects.all():
        assert retirement_date(person.birth_date, person.sex) >= TODAY  # type: ignore[arg-type]
        assert age_on(person.birth_date, TODAY) >= 20
        assert person.recruited_on is not None
        assert age_on(person.birth_date, person.recruited_on) >= 18
    for assignment in Assignment.objects.select_related("person"):
        assert age_on(assignment.person.birth_date, assignment.start_date) >= 18


def test_unit_paths_follow_the_tree_and_people_carry_their_units_path(
    province: Unit,
) -> None:
    units = {unit.pk: unit for unit in Unit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        assert unit.path == (parent.path if parent else "") + path_segment(unit.pk)
        assert unit.depth == (parent.depth + 1 if parent else 0)
    for person in Person.objects.select_related("unit"):
        assert person.unit_path == person.unit.path
        assert person.search_name == fold(person.full_name)


def test_there_is_about_one_unit_per_30_to_40_staff(province: Unit) -> None:
    assert 20 <= Person.objects.count() / Unit.objects.count() <= 45


def test_everyone_has_one_open_primary_assignment_in_their_unit(province: Unit) -> None:
    open_primary = Assignment.objects.filter(end_date__isnull=True, is_primary=True)

    assert Counter(open_primary.values_list("person_id", flat=True)) == dict.fromkeys(
        Person.objects.values_list("pk", flat=True), 1
    )
    for person_unit, assignment_unit in open_primary.values_list(
        "person__unit_id", "unit_id"
    ):
        assert person_unit == assignment_unit


def test_every_unit_has_exactly_one_head_above_its_deputies(province: Unit) -> None:
    ranks: dict[int, list[int]] = defaultdict(list)
    for unit_id, rank in Assignment.objects.filter(
        end_date__isnull=True, post__isnull=False
    ).values_list("unit_id", "post__rank"):
        ranks[unit_id].append(rank)

    for unit in Unit.objects.all():
        held = sorted(ranks[unit.pk], reverse=True)
        assert held, f"{unit.code} has no head"
        assert held.count(held[0]) == 1, f"{unit.code} has two heads"


def test_commune_staff_are_mostly_under_45(province: Unit) -> None:
    ages = [
        age_on(born, TODAY)
        for born in Person.objects.values_list("birth_date", flat=True)
    ]

    assert 0.45 <= sum(age < 45 for age in ages) / len(ages) <= 0.75
    assert sum(age > 55 for age in ages) / len(ages) <= 0.2


def test_generation_writes_one_audit_entry_with_the_seed(province: Unit) -> None:
    entry = AuditEntry.objects.get(action="demo.province.generated")

    assert entry.data["seed"] == 3
    assert entry.data["staff"] == 300
    assert entry.object_id == str(province.pk)


def test_generation_refuses_a_database_that_already_has_units(province: Unit) -> None:
    units = Unit.objects.count()

    with pytest.raises(GenerationError):
        generate_province(staff=300, seed=3, today=TODAY)
    with pytest.raises(CommandError):
        call_command("generate", "--staff", "300")
    assert Unit.objects.count() == units
    assert Person.objects.count() == 300


def test_append_adds_a_second_province_beside_the_first(province: Unit) -> None:
    generate_province(staff=300, seed=3, today=TODAY, append=True)

    roots = list(
        Unit.objects.filter(parent__isnull=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    assert roots == ["AS", "AS2"]
    assert Person.objects.count() == 600


def test_the_command_rejects_a_malformed_reference_date() -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("generate", "--staff", "300", "--today", "1/11/2026")
