"""Entering records, standards and targets: checks, scope, audit, the CV kept up to date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.org.tests.factories import JobPositionFactory, PostFactory
from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.tests.fixtures import Cast
from canbo.training import selectors, services
from canbo.training.models import Standard, Target, Training
from canbo.training.tests.factories import StandardFactory, TrainingFactory

TODAY = date(2026, 11, 1)
MASTER: dict[str, Any] = {
    "kind": "degree",
    "level": "master",
    "field": "Quản lý công",
    "institution": "Học viện Hành chính Quốc gia",
    "start_date": date(2019, 9, 1),
    "end_date": date(2021, 6, 30),
    "certificate_date": date(2021, 7, 15),
}


def test_personnel_records_a_master_and_the_cv_is_raised(cast: Cast) -> None:
    person = cast.org.person_a1
    Person.objects.filter(pk=person.pk).update(education="bachelor")
    person.refresh_from_db()

    record = services.record_training(
        actor=cast.actor("personnel"), person=person, **MASTER
    )

    person.refresh_from_db()
    assert (record.unit_id, record.unit_path) == (person.unit_id, person.unit.path)
    assert person.education == "master"
    assert person.major == "Quản lý công"
    actions = list(
        AuditEntry.objects.filter(person_id=person.pk).values_list("action", flat=True)
    )
    assert "training.record.created" in actions
    assert "people.person.updated" in actions


def test_a_lower_degree_leaves_the_cv_alone(cast: Cast) -> None:
    person = cast.org.person_a1
    Person.objects.filter(pk=person.pk).update(education="doctor")
    person.refresh_from_db()

    services.record_training(actor=cast.actor("personnel"), person=person, **MASTER)

    person.refresh_from_db()
    assert person.education == "doctor"
    assert not AuditEntry.objects.filter(action="people.person.updated").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_date": date(2019, 8, 31)}, "end_date"),
        ({"certificate_date": date(2019, 8, 1)}, "certificate_date"),
        ({"level": "B2"}, "level"),
        ({"level": ""}, "level"),
        ({"kind": "course", "level": "", "hours": None}, "hours"),
        ({"end_date": None}, "end_date"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    cast: Cast, change: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.record_training(
            actor=cast.actor("personnel"),
            person=cast.org.person_a1,
            **{**MASTER, **change},
        )
    assert field in caught.value.errors
    assert all(caught.value.errors[field])
    assert not Training.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_message_explains_the_reason(cast: Cast) -> None:
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        services.record_training(
            actor=cast.actor("personnel"),
            person=cast.org.person_a1,
            **{**MASTER, "end_date": date(2019, 1, 1)},
        )
    assert caught.value.errors["end_date"] == ["The end date is before the start date."]


@pytest.mark.parametrize("persona", ["head", "auditor", "admin", "outsider", "staff"])
def test_only_personnel_in_scope_enter_records(cast: Cast, persona: str) -> None:
    with pytest.raises(NotAllowed):
        services.record_training(
            actor=cast.actor(persona), person=cast.org.person_a1, **MASTER
        )
    assert not Training.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=10)
def test_a_certificate_file_over_the_limit_is_refused(cast: Cast) -> None:
    upload = SimpleUploadedFile("bang.pdf", b"x" * 11, content_type="application/pdf")
    with pytest.raises(InvalidInput) as caught:
        services.record_training(
            actor=cast.actor("personnel"),
            person=cast.org.person_a1,
            certificate_file=upload,
            **MASTER,
        )
    assert "certificate_file" in caught.value.errors
    assert not Training.objects.exists()


def test_a_short_course_counts_hours(cast: Cast) -> None:
    services.record_training(
        actor=cast.actor("personnel"),
        person=cast.org.person_a1,
        kind="course",
        hours=40,
        field="Kỹ năng lãnh đạo, quản lý",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 6),
    )
    held = selectors.qualifications_for([cast.org.person_a1.pk], today=TODAY)
    assert held[cast.org.person_a1.pk].course_hours == 40


def test_update_checks_the_version_and_audits_the_change(cast: Cast) -> None:
    record = TrainingFactory(person=cast.org.person_a1)
    actor = cast.actor("personnel")
    updated = services.update_training(
        actor=actor, record=record, version=1, institution="Đại học Quốc gia"
    )
    assert updated.version == 2
    entry = AuditEntry.objects.get(action="training.record.updated")
    assert entry.changes["institution"][1] == "Đại học Quốc gia"
    with pytest.raises(InvalidInput):
        services.update_training(actor=actor, record=record, version=1, field="Kinh tế")


def test_personnel_set_a_unit_standard_and_admins_the_province_one(cast: Cast) -> None:
    post = PostFactory(name="Trưởng phòng")
    unit_standard = services.save_standard(
        actor=cast.actor("personnel"),
        post=post,
        unit=cast.org.dept_a,
        degree="master",
    )
    assert unit_standard.unit_path == cast.org.dept_a.path
    with pytest.raises(NotAllowed):
        services.save_standard(
            actor=cast.actor("personnel"), post=post, unit=None, degree="bachelor"
        )
    services.save_standard(
        actor=cast.actor("admin"), post=post, unit=None, degree="bachelor"
    )
    assert AuditEntry.objects.filter(action="training.standard.created").count() == 2


def test_a_standard_needs_exactly_one_post_or_position_and_no_twin(cast: Cast) -> None:
    post, job = PostFactory(), JobPositionFactory()
    admin = cast.actor("admin")
    with pytest.raises(InvalidInput) as caught:
        services.save_standard(actor=admin, post=post, job_position=job, unit=None)
    assert "post" in caught.value.errors
    services.save_standard(actor=admin, post=post, unit=None, degree="bachelor")
    with pytest.raises(InvalidInput) as caught:
        services.save_standard(actor=admin, post=post, unit=None, degree="master")
    assert "post" in caught.value.errors
    with pytest.raises(InvalidInput) as caught:
        services.save_standard(actor=admin, job_position=job, unit=None, it="master")
    assert "it" in caught.value.errors
    assert Standard.objects.count() == 1


def test_the_gap_report_compares_each_holder_with_the_deepest_standard(
    cast: Cast,
) -> None:
    post = PostFactory(name="Trưởng phòng", is_leadership=True)
    StandardFactory(post=post, degree="bachelor", theory="", state_management="")
    StandardFactory(
        post=post,
        unit=cast.org.dept_a,
        unit_path=cast.org.dept_a.path,
        degree="master",
        theory="",
        state_management="",
    )
    holder = PersonFactory(unit=cast.org.division_a1, education="bachelor")
    AssignmentFactory(
        person=holder, unit=cast.org.division_a1, post=post, start_date=TODAY
    )
    other = PersonFactory(unit=cast.org.division_b1, education="bachelor")
    AssignmentFactory(person=other, unit=cast.org.division_b1, post=post)

    holders = selectors.holders_with_standards(cast.actor("personnel"))
    rows = selectors.gap_rows(list(holders.select_related("unit")), today=TODAY)

    assert [r.assignment.person_id for r in rows] == [holder.pk]
    assert [(g.code, g.held) for g in rows[0].gaps] == [("degree_below", "Đại học")]
    # In department B the province-wide standard (university) holds, and is met.
    admin_rows = selectors.gap_rows(
        list(selectors.holders_with_standards(cast.actor("admin"))), today=TODAY
    )
    by_person = {r.assignment.person_id: r.gaps for r in admin_rows}
    assert by_person[other.pk] == ()


def test_target_progress_counts_leaders_of_the_subtree(cast: Cast) -> None:
    leader_post = PostFactory(is_leadership=True)
    for education in ("master", "bachelor", "bachelor", "doctor"):
        person = PersonFactory(unit=cast.org.division_a1, education=education)
        AssignmentFactory(person=person, unit=cast.org.division_a1, post=leader_post)
    # A leader who got the degree through a training record only.
    recorded = PersonFactory(unit=cast.org.division_a1, education="bachelor")
    AssignmentFactory(person=recorded, unit=cast.org.division_a1, post=leader_post)
    TrainingFactory(person=recorded, level="master")
    # Outside the target's unit, and a non-leader inside: not counted.
    PersonFactory(unit=cast.org.division_b1, education="master")
    PersonFactory(unit=cast.org.division_a1, education="master")

    target = services.save_target(
        actor=cast.actor("personnel"),
        unit=cast.org.dept_a,
        name="Lãnh đạo có trình độ thạc sĩ trở lên",
        population="leaders",
        kind="degree",
        level="master",
        threshold_percent=80,
    )
    (row,) = selectors.target_rows([target])
    assert (row.progress.population, row.progress.achieved) == (5, 3)
    assert (row.progress.share, row.progress.met, row.progress.needed) == (
        60.0,
        False,
        1,
    )


def test_a_posts_target_needs_posts_and_names_the_field(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.save_target(
            actor=cast.actor("personnel"),
            unit=cast.org.dept_a,
            name="Cán bộ chủ chốt cấp xã có trình độ đại học",
            population="posts",
            kind="degree",
            level="bachelor",
            threshold_percent=100,
        )
    assert "posts" in caught.value.errors
    with pytest.raises(InvalidInput) as caught:
        services.save_target(
            actor=cast.actor("personnel"),
            unit=cast.org.dept_a,
            name="X",
            population="all",
            kind="degree",
            level="B2",
            threshold_percent=0,
        )
    assert set(caught.value.errors) == {"level", "threshold_percent"}
    assert not Target.objects.exists()
    with pytest.raises(NotAllowed):
        services.save_target(
            actor=cast.actor("outsider"),
            unit=cast.org.dept_a,
            name="X",
            population="all",
            kind="degree",
            level="bachelor",
            threshold_percent=50,
        )
