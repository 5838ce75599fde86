"""`canbo generate` evaluations: a published year of consistent sheets, and the
planted cases where the summary says they are."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import statistics
from collections import defaultdict
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from canbo.accounts.models import User
from canbo.demo.generate import Summary, generate_province
from canbo.demo.generate.evaluations import (
    Rates,
    Truth,
    generate_evaluations,
    month_starts,
)
from canbo.demo.generate.review_texts import Facts, compose, edit_copy
from canbo.demo.generate.tasks import SYSTEM_USERNAME
from canbo.demo.setup import DEMO_PASSWORD, ensure_demo
from canbo.evaluation.models import Period, Sheet, UnitRating
from canbo.evaluation.scores import general_of, task_of
from canbo.integrity.detectors import favouritism
from canbo.integrity.models import Run, TemplateText
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.levels import Level, classify, quota_allows
from canbo.policy.scoring import OutcomeSums, points_of
from canbo.policy.text import fold

TODAY = date(2026, 11, 1)
VIETNAMESE = re.compile(
    r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]"
)
pytestmark = pytest.mark.django_db


@pytest.fixture
def summary() -> Summary:
    return generate_province(staff=300, seed=3, today=TODAY, evaluations=True)


def _truth(summary: Summary) -> Truth:
    assert summary.evaluations is not None
    return summary.evaluations.truth


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.sub(r"[^\w\s]", " ", fold(text)).split()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of word triples after folding case, diacritics and punctuation."""
    x, y = _shingles(a), _shingles(b)
    return len(x & y) / len(x | y) if x | y else 1.0


def _planted_sheets(truth: Truth) -> set[int]:
    return (
        {copy for _source, copy in truth.copied_pairs}
        | {again for _before, again in truth.repeated_pairs}
        | {pk for pks in truth.template_sheets.values() for pk in pks}
    )


def test_a_published_period_for_each_of_the_last_twelve_months_and_the_last_years(
    summary: Summary,
) -> None:
    months = list(
        Period.objects.filter(kind="month")
        .order_by("start")
        .values_list("start", flat=True)
    )
    years = list(
        Period.objects.filter(kind="year").order_by("start").values_list("start", "end")
    )

    assert months == month_starts(TODAY)
    assert months[0] == date(2025, 11, 1)
    assert months[-1] == date(2026, 10, 1)
    # the last complete year and the two before it (Rates.past_years)
    assert years == [(date(y, 1, 1), date(y, 12, 31)) for y in (2023, 2024, 2025)]
    assert set(Period.objects.values_list("status", flat=True)) == {"published"}
    for period in Period.objects.all():
        assert period.sheets_total == period.sheets_done == period.sheets.count() > 0
    assert not Sheet.objects.exclude(status=Sheet.Status.DECIDED).exists()


def test_every_rated_person_has_one_sheet_a_month(summary: Summary) -> None:
    rated = Person.objects.filter(is_active=True).exclude(category="hop_dong")
    last = Period.objects.filter(kind="month").order_by("-start").first()
    assert last is not None

    assert last.sheets.count() == rated.count()
    assert summary.evaluations is not None
    assert (
        summary.evaluations.sheets == Sheet.objects.filter(period__kind="month").count()
    )


def test_points_score_and_level_agree_with_the_rules_outside_the_planted_cases(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    raised = set(truth.favoured_sheets)
    sheets = Sheet.objects.filter(period__kind="month").exclude(
        unit_id__in=truth.lenient_units
    )
    checked = 0
    for sheet in sheets.exclude(pk__in=raised).iterator():
        assert sheet.general_points == general_of(sheet)
        assert sheet.task_points == task_of(sheet)
        assert sheet.general_points is not None
        assert sheet.task_points is not None
        assert sheet.score == sheet.general_points + sheet.task_points
        assert sheet.level == classify(float(sheet.score)).value
        assert sheet.proposed_level == sheet.level
        assert Decimal(0) <= sheet.quality <= sheet.completed <= sheet.assigned
        checked += 1
    assert checked > 2000
    levels = Sheet.objects.filter(period__kind="month").values_list("level", flat=True)
    shares = {level: list(levels).count(level.value) / len(levels) for level in Level}
    assert shares[Level.HTTNV] > 0.5  # most are "good", as in real provinces
    assert 0.05 < shares[Level.HTXSNV] < 0.35


def test_sheets_are_reviewed_by_the_units_head_and_decided_by_the_agencys(
    summary: Summary,
) -> None:
    heads = dict(
        User.objects.filter(person__isnull=False).values_list("pk", "person_id")
    )
    system = User.objects.get(username=SYSTEM_USERNAME)
    sheets = Sheet.objects.filter(period__kind="month").select_related("person")
    # Only the province's own head has nobody above to review them.
    assert sheets.filter(reviewed_by=system).count() <= 12
    for sheet in sheets.exclude(reviewed_by=system)[:500]:
        assert sheet.reviewed_by_id in heads
        assert sheet.decided_by_id in heads
        reviewer = Person.objects.get(pk=heads[sheet.reviewed_by_id])
        assert reviewer.pk != sheet.person_id
        assert sheet.unit_path.startswith(reviewer.unit_path)
        assert reviewer.assignments.filter(end_date__isnull=True, post__isnull=False)
    # The generated evaluators' logins cannot be used to log in.
    assert not User.objects.filter(
        username__startswith="demo-", is_active=True
    ).exists()


def test_self_reviews_are_vietnamese_and_honest_ones_differ(summary: Summary) -> None:
    truth = _truth(summary)
    texts = dict(
        Sheet.objects.filter(period__kind="month").values_list("pk", "self_review")
    )
    honest = [text for pk, text in texts.items() if pk not in _planted_sheets(truth)]

    assert all(text.strip() for text in texts.values())
    assert all(VIETNAMESE.search(text) for text in honest)
    assert len(set(honest)) / len(honest) > 0.99


def test_copied_pairs_are_colleagues_of_one_month_with_nearly_the_same_text(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    assert len(truth.copied_pairs) > 40
    rows = {
        pk: (period, unit, person, text)
        for pk, period, unit, person, text in Sheet.objects.filter(
            period__kind="month"
        ).values_list("pk", "period_id", "unit_id", "person_id", "self_review")
    }
    copies = []
    for source, copy in truth.copied_pairs:
        assert rows[source][:2] == rows[copy][:2]  # same period, same unit
        assert rows[source][2] != rows[copy][2]
        copies.append(similarity(rows[source][3], rows[copy][3]))
    honest = []
    planted = _planted_sheets(truth)
    groups: dict[tuple[int, int], list[str]] = defaultdict(list)
    for pk, (period, unit, _person, text) in rows.items():
        if pk not in planted:
            groups[(period, unit)].append(text)
    for texts in groups.values():
        honest += [similarity(a, b) for a, b in itertools.combinations(texts[:12], 2)]

    assert min(copies) > 0.6
    assert statistics.quantiles(honest, n=100)[98] < 0.4
    for before, again in truth.repeated_pairs:
        assert rows[before][2] == rows[again][2]
        assert rows[before][0] != rows[again][0]
        assert rows[before][3] == rows[again][3]


def test_a_departments_template_text_is_copied_by_some_of_its_staff(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    template = TemplateText.objects.get()
    copies = Sheet.objects.filter(pk__in=truth.template_sheets[template.pk])

    assert copies.count() > 10
    for sheet in copies:
        assert sheet.unit_path.startswith(template.unit_path)
        assert template.text in sheet.self_review


def test_lenient_units_rate_above_what_their_task_figures_support(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    assert truth.lenient_units

    def lift(sheets: list[Sheet]) -> float:
        return statistics.mean(
            Level(s.level).rank - classify(float(s.score or 0)).rank for s in sheets
        )

    month = Sheet.objects.filter(period__kind="month")
    lenient = list(month.filter(unit_id__in=truth.lenient_units))
    assert lift(lenient) > 0.6
    others = list(
        month.exclude(unit_id__in=truth.lenient_units).exclude(
            pk__in=truth.favoured_sheets
        )
    )
    assert lift(others) == 0


def test_uniform_evaluators_give_nearly_everyone_the_same_score(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    assert truth.uniform_evaluators
    month = Sheet.objects.filter(period__kind="month")
    for evaluator in truth.uniform_evaluators:
        scores = list(
            month.filter(reviewed_by_id=evaluator).values_list("score", flat=True)
        )
        most = max(scores.count(score) for score in set(scores))
        assert most / len(scores) > 0.75
    others = month.exclude(reviewed_by_id__in=truth.uniform_evaluators)
    scores = list(others.values_list("score", flat=True))
    assert max(scores.count(score) for score in set(scores)) / len(scores) < 0.05


def test_favouring_heads_raise_people_from_their_hometown_to_excellent(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    assert truth.favouring_heads
    assert truth.favoured_sheets
    towns = {
        user.pk: user.person.hometown
        for user in User.objects.filter(pk__in=truth.favouring_heads).select_related(
            "person"
        )
        if user.person
    }
    for sheet in Sheet.objects.filter(pk__in=truth.favoured_sheets).select_related(
        "person"
    ):
        assert sheet.decided_by_id in truth.favouring_heads
        assert sheet.person.hometown == towns[sheet.decided_by_id]
        assert sheet.level == Level.HTXSNV
        assert classify(float(sheet.score or 0)) == Level.HTTNV


def test_year_sheets_keep_the_quota_and_units_have_their_rating(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    year = Sheet.objects.filter(period__kind="year")
    planted = year.filter(
        unit_id__in=truth.lenient_units + truth.inflating_units
    ) | year.filter(pk__in=truth.favoured_sheets)
    by_unit: dict[tuple[int, int], list[str]] = defaultdict(list)
    for unit, start, level in year.exclude(pk__in=planted).values_list(
        "unit_id", "period__start", "level"
    ):
        by_unit[unit, start.year].append(level)

    assert year.count() > 400
    assert set(year.values_list("months_worked", flat=True)) == {12}
    for (unit, number), levels in by_unit.items():
        good, excellent = levels.count("HTTNV"), levels.count("HTXSNV")
        favoured = year.filter(
            unit_id=unit, period__start__year=number, pk__in=truth.favoured_sheets
        ).count()
        assert quota_allows(excellent, good + favoured)
    rated = set(year.values_list("unit_id", "period__start__year"))
    assert set(UnitRating.objects.values_list("unit_id", "year")) == rated
    # the year's task figures and the points they give
    for sheet in year.order_by("pk")[:200]:
        assert Decimal(0) <= sheet.quality <= sheet.completed <= sheet.assigned
        assert sheet.task_points == Decimal(str(points_of(OutcomeSums(
            sheet.assigned, sheet.completed, sheet.quality, sheet.progress
        ))))  # fmt: skip


def test_gap_evaluators_cut_several_points_and_the_others_a_little(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    assert truth.gap_evaluators
    assert not set(truth.gap_evaluators) & set(truth.uniform_evaluators)
    month = Sheet.objects.filter(period__kind="month")
    gaps: dict[int, list[Decimal]] = defaultdict(list)
    for reviewer, own, reviewed in month.values_list(
        "reviewed_by_id", "self_points", "general_points"
    ):
        total = sum((Decimal(v) for v in own.values()), Decimal(0))
        assert reviewed is not None
        gaps[reviewer].append(total - reviewed)
    for evaluator in truth.gap_evaluators:
        assert 4.5 <= statistics.mean(gaps[evaluator]) <= 8.5
    ordinary = [
        statistics.mean(values)
        for evaluator, values in gaps.items()
        if evaluator not in truth.gap_evaluators + truth.uniform_evaluators
        and len(values) >= 30
    ]
    # each evaluator lowers some sheets by half a point, at their own rate
    assert max(ordinary) < 0.25
    assert statistics.pstdev(ordinary) > 0.01


def test_inflating_units_raise_their_annual_levels_each_year(
    summary: Summary,
) -> None:
    truth = _truth(summary)
    assert truth.inflating_units
    assert not set(truth.inflating_units) & set(truth.lenient_units)
    year = Sheet.objects.filter(period__kind="year")
    for unit in truth.inflating_units:
        lifts = []
        for start in (2023, 2024, 2025):
            sheets = list(year.filter(unit_id=unit, period__start__year=start))
            assert len(sheets) >= 20
            lifts.append(
                statistics.mean(
                    Level(s.level).rank - classify(float(s.score or 0)).rank
                    for s in sheets
                )
            )
        assert lifts[0] < lifts[1] < lifts[2]
        assert lifts[2] - lifts[0] > 0.4


def _rows() -> list[tuple[object, ...]]:
    return list(
        Sheet.objects.order_by("pk").values_list(
            "person_id", "period__start", "score", "level", "self_review"
        )
    )


def test_the_same_seed_generates_the_same_evaluations() -> None:
    with transaction.atomic():
        first_summary = generate_province(
            staff=100, seed=8, today=TODAY, evaluations=True
        )
        first = _rows()
        transaction.set_rollback(True)

    again = generate_province(staff=100, seed=8, today=TODAY, evaluations=True)

    assert _rows() == first
    assert len(first) > 1000
    assert _truth(again).copied_pairs == _truth(first_summary).copied_pairs


def test_the_texts_tell_honest_writers_apart_and_copies_stay_close() -> None:
    import random

    rng = random.Random(1)
    facts = Facts("Nguyễn Văn An", "chuyên viên", "10/2026", 9, 8, 1, 0,
                  ("Báo cáo định kỳ", "Góp ý dự thảo văn bản"), "HTTNV")  # fmt: skip
    texts = [compose(rng, facts) for _ in range(50)]
    copy = edit_copy(rng, texts[0], source_name="Nguyễn Văn An", name="Lê Thị Bình")

    assert len(set(texts)) == 50
    assert "Nguyễn Văn An" not in copy
    assert similarity(texts[0], copy) > 0.6


def test_generate_then_demo_setup_turns_the_evaluators_into_demo_logins() -> None:
    call_command("generate", "--staff", "300", "--seed", "1", stdout=StringIO())
    call_command("demo_setup", "--quiet-logins", stdout=StringIO())

    head = User.objects.get(username="head")
    assert head.is_active
    assert Client().login(username="head", password=DEMO_PASSWORD)
    assert Sheet.objects.filter(decided_by=head).exists()
    assert not User.objects.filter(username=f"demo-{head.person_id}").exists()


def test_the_demo_pages_show_the_generated_evaluations() -> None:
    ensure_demo(today=TODAY, progress=lambda _m: None, staff=300, evaluations=True)
    client = Client()
    assert client.login(username="personnel", password=DEMO_PASSWORD)
    month = Period.objects.filter(kind="month").order_by("-start").first()
    year = Period.objects.filter(kind="year").order_by("-start").first()
    assert month is not None
    assert year is not None
    sheet = month.sheets.filter(is_leader=False).order_by("pk").first()
    leader = month.sheets.filter(is_leader=True).order_by("pk").first()
    assert sheet is not None
    assert leader is not None

    for url in (
        reverse("evaluation:home"),
        reverse("evaluation:period", args=[month.pk]),
        reverse("evaluation:period", args=[year.pk]),
        reverse("evaluation:sheet", args=[sheet.pk]),
        reverse("evaluation:sheet", args=[leader.pk]),
        reverse("evaluation:sheet", args=[year.sheets.order_by("pk").first().pk]),  # type: ignore[union-attr]
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("evaluation:sheet", args=[sheet.pk])).content.decode()
    assert sheet.self_review[:40] in page
    # The demo head decides the department's sheets with the demo login.
    head = User.objects.get(username="head")
    assert Sheet.objects.filter(decided_by=head).exists()


def test_the_command_writes_the_planted_truth_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "truth.json"
    call_command(
        "generate", "--staff", "100", "--task-months", "0", "--truth", str(target),
        stdout=StringIO(),
    )  # fmt: skip

    truth = json.loads(target.read_text())
    assert set(truth) == {f.name for f in dataclasses.fields(Truth)}
    assert truth["copied_pairs"]
    pairs = [tuple(pair) for pair in truth["copied_pairs"]]
    assert Sheet.objects.filter(pk__in=[b for _a, b in pairs]).count() == len(pairs)


def test_with_every_rate_at_zero_nothing_is_planted() -> None:
    nothing = Rates(
        copied=0, repeated=0, template_departments=0, lenient_units=0,
        uniform_evaluators=0, favouring_heads=0, favouring_per_staff=0,
        gap_evaluators=0, inflating_units=0,
    )  # fmt: skip
    summary = generate_province(
        staff=100, seed=4, today=TODAY, evaluations=True, evaluation_rates=nothing
    )

    assert _truth(summary) == Truth()
    assert not TemplateText.objects.exists()
    for score, level in Sheet.objects.filter(period__kind="month").values_list(
        "score", "level"
    ):
        assert level == classify(float(score or 0)).value


def test_a_province_of_many_communes_gets_its_favouring_heads_all_the_same() -> None:
    """Hometowns spread over many communes (as in a province of 130,000) leave
    no head with eight people from their own by chance: the generator settles
    eight to twenty of the people a head decides on in the head's hometown,
    stored on those people, so the favouring heads asked for are planted."""
    made = generate_province(staff=1500, seed=5, today=TODAY, task_months=0)
    root = Unit.objects.get(pk=made.root_id)
    for pk in Person.objects.values_list("pk", flat=True):  # a commune each
        Person.objects.filter(pk=pk).update(hometown=f"Xã Số {pk}, An Sơn")
    rates = dataclasses.replace(Rates(), favouring_heads=4)
    with transaction.atomic():
        truth = generate_evaluations(
            seed=5, today=TODAY, root_path=root.path, rates=rates
        ).truth
    assert len(truth.favouring_heads) == 4
    assert truth.favoured_sheets
    for user in User.objects.filter(pk__in=truth.favouring_heads).select_related(
        "person"
    ):
        assert user.person is not None
        decided = Sheet.objects.filter(decided_by=user, period__kind="month")
        townsfolk = Person.objects.filter(
            pk__in=decided.values("person_id"), hometown=user.person.hometown
        ).exclude(pk=user.person.pk)
        assert 8 <= townsfolk.count() <= 20
    run = Run.objects.create(
        detectors=[], unit=root, unit_path=root.path, year=TODAY.year,
        thresholds={}, status=Run.Status.RUNNING,
    )  # fmt: skip
    found = {
        f.person_id
        for f in favouritism.detect(run, lambda _percent: None)
        if f.evidence["decision"] == "excellent" and f.evidence["trait"] == "hometown"
    }
    heads = User.objects.filter(pk__in=truth.favouring_heads)
    assert found == set(heads.values_list("person_id", flat=True))
