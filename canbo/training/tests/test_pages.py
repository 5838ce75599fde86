"""The training pages as a personnel officer, a head and a member of staff see them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.tests.fixtures import Cast
from canbo.training.models import Training
from canbo.training.tests.factories import (
    StandardFactory,
    TargetFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def test_personnel_enter_a_record_with_its_certificate_from_the_profile(
    cast: Cast,
) -> None:
    person = cast.org.person_a1
    client = cast.client("personnel")
    profile = client.get(f"/people/{person.pk}/")
    assert f"/training/records/new/?person={person.pk}" in profile.text

    response = client.post(
        f"/training/records/new/?person={person.pk}",
        {
            "kind": "language",
            "level": "B2",
            "field": "Tiếng Anh",
            "end_date": "2024-05-20",
            "certificate_number": "NN-0042",
            "certificate_date": "2024-06-01",
            "certificate_file": SimpleUploadedFile(
                "chung-chi.pdf", b"%PDF-1.4", content_type="application/pdf"
            ),
        },
    )

    assert response.status_code == 302
    record = Training.objects.get(person=person)
    assert (record.level, record.certificate_name) == ("B2", "chung-chi.pdf")
    download = client.get(f"/training/records/{record.pk}/certificate/")
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4"


def test_the_form_shows_the_reason_beside_the_field_and_saves_nothing(
    cast: Cast,
) -> None:
    person = cast.org.person_a1
    response = cast.client("personnel").post(
        f"/training/records/new/?person={person.pk}",
        {
            "kind": "degree",
            "level": "master",
            "start_date": "2022-09-01",
            "end_date": "2021-06-30",
        },
    )
    assert response.status_code == 200
    assert "Ngày kết thúc đang sớm hơn ngày bắt đầu." in response.text
    assert not Training.objects.exists()


def test_home_shows_each_target_as_a_bar_with_the_people_still_needed(
    cast: Cast,
) -> None:
    leader = PostFactory(is_leadership=True)
    for education in ("master", "bachelor", "bachelor"):
        person = PersonFactory(unit=cast.org.division_a1, education=education)
        AssignmentFactory(person=person, unit=cast.org.division_a1, post=leader)
    target = TargetFactory(unit=cast.org.dept_a, threshold_percent=60)

    text = cast.client("head").get("/training/").text

    assert f'data-target="{target.pk}"' in text
    assert "1 / 3" in text
    assert 'class="hbar"' in text
    assert 'data-needed="1"' in text
    # The outsider's scope (department B) holds no target.
    assert (
        f'data-target="{target.pk}"'
        not in cast.client("outsider").get("/training/").text
    )


def test_the_gap_report_lists_gaps_in_words(cast: Cast) -> None:
    post = PostFactory(name="Trưởng phòng")
    StandardFactory(post=post, degree="bachelor", theory="intermediate")
    holder = PersonFactory(
        unit=cast.org.division_a1, education="college", political_theory="elementary"
    )
    AssignmentFactory(person=holder, unit=cast.org.division_a1, post=post)

    text = cast.client("auditor").get("/training/gaps/").text

    assert f'data-holder="{holder.pk}"' in text
    assert 'data-gap="degree_below"' in text
    (gap,) = re.findall(r'<li data-gap="degree_below">([^<]*)</li>', text)
    assert "Đại học" in gap
    assert "Cao đẳng" in gap
    assert 'data-gap="theory_below"' in text


def test_staff_see_their_own_records_and_gaps_on_their_profile(cast: Cast) -> None:
    own = cast.users["staff"].person
    assert own is not None
    post = PostFactory(name="Phó Trưởng phòng")
    StandardFactory(post=post, degree="master", theory="", state_management="")
    AssignmentFactory(person=own, unit=cast.org.division_a1, post=post)
    TrainingFactory(person=own, level="bachelor", end_date=date(2010, 6, 30))
    TrainingFactory(person=cast.org.person_a1, level="doctor")

    client = cast.client("staff")
    text = client.get(f"/people/{own.pk}/").text

    assert 'data-gap="degree_below"' in text
    assert "data-record=" in text
    assert "/training/records/new/" not in text  # staff cannot enter records
    assert client.get("/training/records/").status_code == 404
