"""Recording disqualifiers and rating units before their people."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils.translation import override

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.evaluation.inputs import rate_unit, record_disqualification
from canbo.evaluation.models import Disqualification, UnitRating
from canbo.policy.annual import UnitFacts
from canbo.tests.fixtures import Cast

ALL_ON_TIME = UnitFacts(done=1, on_time=1, beyond=0.1, late=0)
SOME_LATE = UnitFacts(done=1, on_time=0.8, beyond=0, late=0.2)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with override("en"):
        yield


def test_personnel_record_a_disqualifier_with_its_reference(cast: Cast) -> None:
    entry = record_disqualification(
        actor=cast.actor("personnel"), person=cast.org.person_a1, year=2026,
        kind="discipline", reference=" QĐ 12/QĐ-SNV ",
    )  # fmt: skip
    assert entry.reference == "QĐ 12/QĐ-SNV"
    assert AuditEntry.objects.filter(
        action="evaluation.disqualification.recorded"
    ).exists()


@pytest.mark.parametrize(
    ("persona", "error"), [("outsider", NotAllowed), ("head", NotAllowed)]
)
def test_only_the_persons_personnel_office_records_it(
    cast: Cast, persona: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        record_disqualification(
            actor=cast.actor(persona), person=cast.org.person_a1, year=2026,
            kind="discipline", reference="QĐ 1",
        )  # fmt: skip
    assert not Disqualification.objects.exists()


def test_a_disqualifier_needs_its_reference(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as error:
        record_disqualification(
            actor=cast.actor("personnel"), person=cast.org.person_a1, year=2026,
            kind="discipline", reference="",
        )  # fmt: skip
    assert "reference" in error.value.errors


def test_the_head_above_rates_a_unit_by_band_then_conditions(cast: Cast) -> None:
    head, division = cast.actor("head"), cast.org.division_a1
    rating = rate_unit(
        actor=head, unit=division, year=2026, score=Decimal(80), facts=ALL_ON_TIME
    )
    assert (rating.level, rating.needs_decision) == ("HTTNV", False)
    # 80 points but 20 % late: the good band's conditions fail; choose by hand.
    with pytest.raises(InvalidInput) as error:
        rate_unit(
            actor=head, unit=division, year=2026, score=Decimal(80), facts=SOME_LATE
        )
    assert "level" in error.value.errors
    rating = rate_unit(
        actor=head,
        unit=division,
        year=2026,
        score=Decimal(80),
        facts=SOME_LATE,
        level="HTNV",
    )
    assert (rating.level, rating.needs_decision) == ("HTNV", True)
    assert UnitRating.objects.count() == 1


def test_a_unit_is_not_rated_by_itself_or_from_outside(cast: Cast) -> None:
    with pytest.raises(
        NotAllowed
    ):  # the head rates units below department A, not A itself
        rate_unit(actor=cast.actor("head"), unit=cast.org.dept_a, year=2026,
                  score=Decimal(80), facts=ALL_ON_TIME)  # fmt: skip
    with pytest.raises(NotAllowed):
        rate_unit(actor=cast.actor("manager"), unit=cast.org.division_a1, year=2026,
                  score=Decimal(80), facts=ALL_ON_TIME)  # fmt: skip


def test_the_raised_quota_needs_the_recognising_decision(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as error:
        rate_unit(
            actor=cast.actor("head"), unit=cast.org.division_a1, year=2026,
            score=Decimal(95), facts=UnitFacts(1, 1, 0.4, 0), recognised_excellent=True,
        )  # fmt: skip
    assert "decision_ref" in error.value.errors


def test_the_pages_record_and_rate(cast: Cast) -> None:
    person = cast.org.person_a1
    client = cast.client("personnel")
    profile = client.get(f"/people/{person.pk}/").text
    assert f"/evaluation/people/{person.pk}/disqualification/" in profile
    response = client.post(
        f"/evaluation/people/{person.pk}/disqualification/",
        {"year": 2026, "kind": "degradation", "reference": "KL 5-KL/UBKT"},
    )
    assert response.status_code == 302
    assert Disqualification.objects.get().kind == "degradation"
    bad = client.post(
        f"/evaluation/people/{person.pk}/disqualification/",
        {"year": 2026, "kind": "degradation", "reference": ""},
    )
    assert bad.status_code == 422
    head = cast.client("head")
    form = {
        "year": 2026,
        "score": "80",
        "done": 100,
        "on_time": 80,
        "beyond": 0,
        "late": 20,
    }
    response = head.post(f"/evaluation/units/{cast.org.division_a1.pk}/rating/", form)
    assert response.status_code == 422  # the conditions disagree: choose the level
    response = head.post(
        f"/evaluation/units/{cast.org.division_a1.pk}/rating/",
        {**form, "level": "HTNV"},
    )
    assert response.status_code == 302
    assert UnitRating.objects.get().needs_decision


def _published_year(cast: Cast, level: str) -> None:
    from datetime import date

    from django.utils import timezone

    from canbo.evaluation.models import Period, Sheet

    unit = cast.org.division_a1
    period = Period.objects.create(
        unit=unit, unit_path=unit.path, kind="year", start=date(2026, 1, 1),
        end=date(2026, 12, 31), self_deadline=date(2026, 12, 31),
        review_deadline=date(2026, 12, 31), decision_deadline=date(2026, 12, 31),
        opened_by=cast.users["personnel"], status="published", published_at=timezone.now(),
    )  # fmt: skip
    Sheet.objects.create(
        period=period, person=cast.org.person_a1, unit=unit, unit_path=unit.path,
        pack="ND335_2026", status="decided", level=level,
    )  # fmt: skip


def test_a_party_member_is_rated_after_and_from_the_civil_service_level(
    cast: Cast,
) -> None:
    from datetime import date

    from canbo.evaluation.inputs import rate_party_member

    person = cast.org.person_a1
    head = cast.actor("head")
    with pytest.raises(InvalidInput, match="not recorded as a Party member"):
        rate_party_member(actor=head, person=person, year=2026, level="HTTNV")
    person.party_join_date = date(2010, 5, 19)
    person.save()
    with pytest.raises(InvalidInput, match="not published yet"):
        rate_party_member(actor=head, person=person, year=2026, level="HTTNV")
    _published_year(cast, "HTNV")
    with pytest.raises(InvalidInput) as error:
        rate_party_member(actor=head, person=person, year=2026, level="HTTNV")
    assert "note" in error.value.errors
    rating = rate_party_member(actor=head, person=person, year=2026, level="HTNV")
    assert (rating.civil_service_level, rating.level) == ("HTNV", "HTNV")


def test_among_fewer_than_five_units_only_one_is_excellent(cast: Cast) -> None:
    from canbo.org.tests.factories import UnitFactory

    head, dept = cast.actor("head"), cast.org.dept_a
    second = UnitFactory(code="SNV-X", name="Phòng X", parent=dept)
    excellent = UnitFacts(done=1, on_time=1, beyond=0.4, late=0)
    rate_unit(
        actor=head,
        unit=cast.org.division_a1,
        year=2026,
        score=Decimal(95),
        facts=excellent,
    )
    with pytest.raises(InvalidInput, match="quota of excellent units"):
        rate_unit(
            actor=head, unit=second, year=2026, score=Decimal(94), facts=excellent
        )
    assert UnitRating.objects.count() == 1
