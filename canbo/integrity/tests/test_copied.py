"""The copied-text detector on hand-made sheets."""

from __future__ import annotations

import pytest

from canbo.integrity.detectors import copied
from canbo.integrity.models import Detector, Finding, Run
from canbo.integrity.tests.factories import (
    YEAR,
    RunFactory,
    TemplateTextFactory,
    month,
    sheet,
)
from canbo.integrity.tests.texts import (
    COPIED,
    HONEST,
    HONEST_2,
    ORIGINAL,
    SHORT,
    TEMPLATE,
)
from canbo.org.tests.factories import UnitFactory
from canbo.people.tests.factories import PersonFactory
from canbo.policy.similarity import similarity
from canbo.tests.fixtures import Org

pytestmark = pytest.mark.django_db


def _run(org: Org, **values: object) -> Run:
    return RunFactory(unit=org.dept_a, status=Run.Status.RUNNING, **values)


def _detect(run: Run) -> list[Finding]:
    seen: list[int] = []
    found = copied.detect(run, seen.append)
    assert all(0 <= p <= 99 for p in seen)
    return found


def test_a_colleague_copy_is_caught_and_honest_texts_are_not(org: Org) -> None:
    unit = org.division_a1
    an = org.person_a1
    bich = PersonFactory(full_name="Trần Thị Bích", unit=unit)
    honest = PersonFactory(full_name="Lê Văn Cường", unit=unit)
    october = month(org.dept_a, 10)
    first = sheet(an, october, ORIGINAL)
    second = sheet(bich, october, COPIED)
    sheet(honest, october, HONEST)
    run = _run(org)
    findings = _detect(run)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.detector == Detector.COPIED
    assert finding.statistic == 1  # the same text once names and accents are set aside
    assert float(finding.threshold) == 0.6
    assert {finding.person_id, finding.other_id} == {an.pk, bich.pk}
    assert finding.period_id == october.pk
    assert finding.unit_id == unit.pk
    assert finding.comparison == "self-reviews of Phòng Tổ chức, biên chế in 10/2026"
    assert "100% alike in 10/2026" in finding.summary
    evidence = finding.evidence
    assert evidence["kind"] == "colleagues"
    assert set(evidence["sheets"]) == {first.pk, second.pk}
    assert set(evidence["texts"]) == {ORIGINAL, COPIED}
    assert evidence["passages"]
    assert run.stats["copied"]["texts"] == 3


def test_texts_of_different_units_or_periods_are_not_colleagues(org: Org) -> None:
    other_unit = UnitFactory(parent=org.dept_a, name="Phòng Công chức")
    bich = PersonFactory(full_name="Trần Thị Bích", unit=other_unit)
    sheet(org.person_a1, month(org.dept_a, 10), ORIGINAL)
    sheet(bich, month(org.dept_a, 10), COPIED)
    sheet(PersonFactory(unit=org.division_a1), month(org.dept_a, 11), COPIED)
    assert _detect(_run(org)) == []


def test_the_same_text_month_after_month_is_caught(org: Org) -> None:
    an = org.person_a1
    months = {number: month(org.dept_a, number) for number in (3, 4, 5)}
    for period in months.values():
        sheet(an, period, ORIGINAL)
    sheet(an, month(org.dept_a, 6), HONEST)
    findings = _detect(_run(org))
    assert len(findings) == 2  # April repeats March, May repeats April
    assert {f.period_id for f in findings} == {months[4].pk, months[5].pk}
    for finding in findings:
        assert finding.person_id == an.pk
        assert finding.other_id is None
        assert finding.evidence["kind"] == "repeated"
        assert finding.comparison == f"self-reviews of Nguyễn Văn An in {YEAR}"
        assert "repeated in" in finding.summary


def test_a_registered_template_copy_is_reported_separately(org: Org) -> None:
    TemplateTextFactory(unit=org.dept_a, title="Mẫu của Sở", text=TEMPLATE)
    october = month(org.dept_a, 10)
    people = [PersonFactory(unit=org.division_a1) for _ in range(3)]
    for person in people:
        sheet(person, october, TEMPLATE + " Tôi không có ý kiến thêm.")
    findings = _detect(_run(org))
    assert {f.detector for f in findings} == {Detector.TEMPLATE}
    assert {f.person_id for f in findings} == {p.pk for p in people}
    finding = findings[0]
    assert finding.comparison == "the template “Mẫu của Sở” registered for Sở Nội vụ"
    assert finding.evidence["texts"][1] == TEMPLATE
    assert "copied the template “Mẫu của Sở”" in finding.summary


def test_a_template_of_another_branch_does_not_apply(org: Org) -> None:
    TemplateTextFactory(unit=org.dept_b, text=TEMPLATE)
    october = month(org.dept_a, 10)
    sheet(PersonFactory(unit=org.division_a1), october, TEMPLATE)
    sheet(PersonFactory(unit=org.division_a1), october, TEMPLATE)
    findings = _detect(_run(org))
    assert [f.detector for f in findings] == [Detector.COPIED]


def test_short_texts_are_skipped_and_the_threshold_is_a_setting(org: Org) -> None:
    october = month(org.dept_a, 10)
    sheet(org.person_a1, october, SHORT)
    sheet(PersonFactory(unit=org.division_a1), october, SHORT)
    sheet(PersonFactory(unit=org.division_a1), october, HONEST)
    sheet(PersonFactory(unit=org.division_a1), october, HONEST_2)
    run = _run(org)
    assert _detect(run) == []
    assert run.stats["copied"]["too_short"] == 2
    everything = _run(org, thresholds={"copied_min_words": 1})
    assert len(_detect(everything)) == 1


@pytest.mark.parametrize(("delta", "flagged"), [(0.0, True), (0.0001, False)])
def test_a_pair_exactly_at_the_threshold_is_flagged(
    org: Org, delta: float, flagged: bool
) -> None:
    edited = HONEST.replace("chậm cập nhật văn bản mới", "chưa chủ động đề xuất")
    value = similarity(HONEST, edited)
    assert 0.5 < value < 1
    october = month(org.dept_a, 10)
    sheet(org.person_a1, october, HONEST)
    sheet(PersonFactory(unit=org.division_a1), october, edited)
    run = _run(org, thresholds={"copied_similarity": value + delta})
    assert len(_detect(run)) == int(flagged)


def test_only_the_scope_and_year_of_the_run_are_read(org: Org) -> None:
    bich = PersonFactory(full_name="Trần Thị Bích", unit=org.division_b1)
    outside = PersonFactory(unit=org.division_b1)
    sheet(bich, month(org.dept_b, 10), ORIGINAL)
    sheet(outside, month(org.dept_b, 10), COPIED)
    sheet(org.person_a1, month(org.dept_a, 10, YEAR - 1), ORIGINAL)
    sheet(PersonFactory(unit=org.division_a1), month(org.dept_a, 10, YEAR - 1), COPIED)
    assert _detect(_run(org)) == []


def test_many_copies_of_one_text_give_one_finding_per_copy(org: Org) -> None:
    october = month(org.dept_a, 10)
    for _ in range(6):
        sheet(PersonFactory(unit=org.division_a1), october, ORIGINAL)
    assert len(_detect(_run(org))) == 5


def test_large_groups_go_through_lsh_with_the_same_result(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    october = month(org.dept_a, 10)
    sheet(org.person_a1, october, ORIGINAL)
    sheet(
        PersonFactory(full_name="Trần Thị Bích", unit=org.division_a1), october, COPIED
    )
    sheet(PersonFactory(unit=org.division_a1), october, HONEST)
    sheet(PersonFactory(unit=org.division_a1), october, HONEST_2)
    exact = _detect(_run(org))
    monkeypatch.setattr(copied, "LSH_FROM", 1)
    hashed = _detect(_run(org))
    assert [(f.person_id, f.other_id, f.statistic) for f in hashed] == [
        (f.person_id, f.other_id, f.statistic) for f in exact
    ]
    assert len(hashed) == 1


def test_long_titles_still_fit_the_columns(org: Org) -> None:
    unit = UnitFactory(parent=org.dept_a, name="Phòng " * 40)
    TemplateTextFactory(unit=unit, title="Mẫu " * 50, text=TEMPLATE)
    sheet(PersonFactory(unit=unit), month(org.dept_a, 10), TEMPLATE)
    (finding,) = _detect(_run(org))
    assert len(finding.comparison) == 255
    assert finding.comparison.endswith("…")
    finding.save()
