"""The dashboard: figures from hand-made sheets, tasks and people; drill-down;
scope; the stored snapshot and its freshness line."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from canbo.insight import selectors, services
from canbo.insight.figures import compute
from canbo.insight.models import Snapshot
from canbo.insight.services import refresh_snapshot
from canbo.insight.tests.factories import period, sheet, task
from canbo.org.tests.factories import UnitFactory
from canbo.people.models import Person
from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast
from canbo.work.models import Task

YEAR = 2025
TODAY = date(2025, 11, 20)


@pytest.fixture
def data(cast: Cast) -> Cast:
    """Division A1 (An, Châu and three more) and a second division A2 in dept A."""
    org, user = cast.org, cast.users["personnel"]
    a2 = UnitFactory(code="SNV-CCVC", name="Phòng Công chức", parent=org.dept_a)
    people: list[Person] = [
        org.person_a1,
        *[PersonFactory(unit=org.division_a1) for _ in range(4)],
    ]
    people[1].sex, people[1].ethnicity, people[1].birth_date = (
        "F",
        "Tày",
        date(1998, 1, 1),
    )
    people[1].save()
    other: Person = PersonFactory(
        full_name="Đỗ Văn Bình", unit=a2, birth_date=date(1968, 3, 1)
    )
    annual = period(org.dept_a, "year", date(YEAR, 1, 1), user=user)
    for person, level, score in zip(
        people,
        ["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTNV"],
        ["95", "92", "80", "75", "60"],
        strict=True,
    ):
        sheet(annual, person, level=level, score=score, assigned="10", completed="9")
    sheet(annual, other, level="KHTNV", score="40", assigned="10", completed="2")
    earlier = period(org.dept_a, "year", date(YEAR - 1, 1, 1), user=user)
    sheet(earlier, people[0], level="HTTNV", score="85")
    march = period(org.dept_a, "month", date(YEAR, 3, 1), user=user)
    sheet(march, people[0], level="HTXSNV", score="80", assigned="4", completed="4")
    sheet(march, people[1], level="HTNV", score="70", assigned="6", completed="3")
    task(people[0], date(YEAR, 3, 10), user=user)
    task(people[0], date(YEAR, 3, 20), user=user, late=True)
    task(people[1], date(YEAR, 4, 5), user=user, status=Task.Status.ASSIGNED)  # overdue
    task(
        other, date(YEAR, 12, 20), user=user, status=Task.Status.ASSIGNED
    )  # not yet due
    task(other, date(YEAR, 5, 1), user=user, status=Task.Status.CANCELLED)
    return cast


def test_figures_from_hand_made_sheets_tasks_and_people(data: Cast) -> None:
    figures = compute(data.org.dept_a, YEAR, today=TODAY)
    assert figures["levels"] == {
        "HTXSNV": 2,
        "HTTNV": 2,
        "HTNV": 1,
        "KHTNV": 1,
        "undecided": 0,
    }
    assert [h["year"] for h in figures["history"]] == [YEAR - 1, YEAR]
    assert figures["history"][0]["HTTNV"] == 1
    assert figures["months"] == [
        {
            "month": 3, "sheets": 2, "score": 75.0, "kpi": 70, "excellent": 1,
            "levels": {
                "HTXSNV": 1, "HTTNV": 0, "HTNV": 1, "KHTNV": 0, "undecided": 0
            },
        }
    ]  # fmt: skip
    assert figures["tasks"] == {"total": 4, "accepted": 2, "late": 1, "overdue": 1}
    structure = figures["structure"]
    # An and four more in A1, Châu (the staff persona's record) and Bình in A2.
    assert structure["total"] == 7
    assert (structure["women"], structure["ethnic"], structure["young"]) == (1, 1, 1)
    assert sum(structure["pyramid"]["M"]) + sum(structure["pyramid"]["F"]) == 7
    assert structure["pyramid"]["F"][0] == 1  # born 1998: 27, under 30
    assert structure["pyramid"]["M"][-2] == 1  # born 1968: 57, in 55–59


def test_children_add_up_their_subtree(data: Cast) -> None:
    children = compute(data.org.dept_a, YEAR, today=TODAY)["children"]
    by_name = {c["name"]: c for c in children}
    a1 = by_name["Phòng Tổ chức, biên chế"]
    assert a1["staff"] == 6
    assert a1["levels"]["HTXSNV"] == 2
    assert a1["score"] == 80.4
    assert a1["tasks"] == {"total": 3, "accepted": 2, "late": 1, "overdue": 1}
    assert by_name["Phòng Công chức"]["levels"]["KHTNV"] == 1


def test_the_page_shows_the_figures_and_drills_down(data: Cast) -> None:
    page = data.client("head").get(f"/insight/?unit={data.org.dept_a.pk}&year={YEAR}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'role="img"' in html
    assert 'aria-describedby="levels-table"' in html
    assert f'href="/insight/?unit={data.org.division_a1.pk}&amp;year={YEAR}"' in html
    assert 'data-quota="over"' in html  # 2 excellent over 2 good: cap 0
    assert "Figures computed now" in html
    # The tables beside the charts hold the same numbers.
    assert page.context["current"].counts == [2, 2, 1, 1, 0]
    assert [r.label for r in page.context["history"]] == [str(YEAR - 1), str(YEAR)]
    # The levels of each month's sheets, as a chart and a table.
    assert 'aria-describedby="month-levels-table"' in html
    assert [(r.label, r.counts) for r in page.context["month_levels"]] == [
        ("3", [1, 0, 1, 0, 0])
    ]
    assert '<tr data-month="3">' in html


def test_a_unit_lists_its_own_people_linked_to_their_profile(data: Cast) -> None:
    org = data.org
    page = data.client("manager").get(
        f"/insight/?unit={org.division_a1.pk}&year={YEAR}"
    )
    people = page.context["own_people"]
    assert len(people) == 5
    assert {s.person.unit_id for s, _kpi in people} == {org.division_a1.pk}
    assert {completion for _s, completion in people} == {90}
    html = page.content.decode()
    assert f'<a href="/people/{org.person_a1.pk}/">Nguyễn Văn An</a>' in html
    dept = data.client("head").get(f"/insight/?unit={org.dept_a.pk}&year={YEAR}")
    assert dept.context["own_people"] == []  # nobody is attached to dept A itself


def test_the_default_is_the_highest_unit_in_scope(data: Cast) -> None:
    page = data.client("admin").get("/insight/")
    assert page.context["unit"] == data.org.province
    page = data.client("manager").get("/insight/")
    assert page.context["unit"] == data.org.division_a1


def test_a_manager_sees_only_their_division(data: Cast) -> None:
    manager = data.client("manager")
    assert manager.get(f"/insight/?unit={data.org.dept_a.pk}").status_code == 404
    page = manager.get(f"/insight/?unit={data.org.division_a1.pk}&year={YEAR}")
    assert page.status_code == 200
    assert page.context["board"].snapshot is False


def test_an_outsider_gets_404_for_dept_a(data: Cast) -> None:
    outsider = data.client("outsider")
    assert outsider.get(f"/insight/?unit={data.org.dept_a.pk}").status_code == 404
    assert outsider.get(f"/insight/?unit={data.org.division_a1.pk}").status_code == 404
    assert data.client("staff").get("/insight/").status_code == 404


def test_progress_lists_who_has_not_self_assessed_reviewed_or_decided(
    data: Cast,
) -> None:
    org, user = data.org, data.users["personnel"]
    october = period(org.dept_a, "month", date(YEAR, 10, 1), user=user, status="open")
    sheet(october, org.person_a1, status="draft")
    late_reviewer = PersonFactory(full_name="Hoàng Thị Duyên", unit=org.division_a1)
    sheet(october, late_reviewer, status="submitted")
    page = data.client("manager").get(
        f"/insight/?unit={org.division_a1.pk}&year={YEAR}"
    )
    progress = page.context["progress"]
    assert progress.period == october
    assert progress.counts["draft"] == 1
    assert progress.counts["submitted"] == 1
    assert [s.person for s in progress.waiting["draft"]] == [org.person_a1]
    html = page.content.decode()
    assert f'href="/people/{late_reviewer.pk}/"' in html


def test_the_snapshot_is_shown_with_its_time(data: Cast) -> None:
    org = data.org
    stored = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)
    page = data.client("head").get(f"/insight/?unit={org.dept_a.pk}&year={YEAR}")
    assert page.context["board"].snapshot is True
    when = timezone.localtime(stored.computed_at).strftime("%H:%M %d/%m/%Y")
    assert f"Figures as of {when}." in page.content.decode()
    # A manager of A1 alone is not given the whole subtree's snapshot.
    refresh_snapshot(org.division_a1.pk, YEAR, today=TODAY)
    assert (
        selectors.dashboard(
            data.actor("manager"), org.division_a1, YEAR, today=TODAY
        ).snapshot
        is False
    )


def test_refresh_button_and_request(
    data: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    org = data.org
    url = f"/insight/?unit={org.dept_a.pk}&year={YEAR}"
    assert "Refresh the figures" not in data.client("head").get(url).content.decode()
    personnel = data.client("personnel")
    assert "Refresh the figures" in personnel.get(url).content.decode()
    with pytest.raises(Snapshot.DoesNotExist):
        Snapshot.objects.get(unit=org.dept_a, year=YEAR)
    with django_capture_on_commit_callbacks(execute=True):
        response = personnel.post(
            f"/insight/units/{org.dept_a.pk}/refresh/", {"year": YEAR}
        )
    assert response.status_code == 302
    assert Snapshot.objects.filter(unit=org.dept_a, year=YEAR).exists()
    refused = data.client("head").post(
        f"/insight/units/{org.dept_a.pk}/refresh/", {"year": YEAR}
    )
    assert refused.status_code == 404
    assert Snapshot.objects.count() == 1


def test_publishing_a_period_refreshes_the_stored_figures(
    data: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    org, user = data.org, data.users["personnel"]
    stored = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)
    july = period(org.division_a1, "month", date(YEAR, 7, 1), user=user, status="open")
    sheet(july, org.person_a1, score="88", assigned="1", completed="1")
    july.status = "published"
    with django_capture_on_commit_callbacks(execute=True):
        july.save()
    fresh = Snapshot.objects.get(pk=stored.pk)
    assert [m["month"] for m in fresh.figures["months"]] == [3, 7]


def test_a_large_subtree_is_computed_in_the_background_on_first_view(
    data: Cast, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    org = data.org
    monkeypatch.setattr(selectors, "SNAPSHOT_FROM", 7)  # dept A has 7 in service
    assert selectors.is_large(org.dept_a)
    assert not selectors.is_large(org.division_a1)  # 6
    head = data.client("head")
    url = f"/insight/?unit={org.dept_a.pk}&year={YEAR}"
    with django_capture_on_commit_callbacks() as queued:
        page = head.get(url)
    assert len(queued) == 1  # the worker's task, not run yet
    html = page.content.decode()
    assert "are being computed" in html
    assert 'hx-get="' in html
    assert 'id="computing"' in html
    assert "Reload the page in a moment" in html  # without JavaScript
    # Polled again meanwhile: the same message, nothing queued twice.
    with django_capture_on_commit_callbacks() as again:
        poll = head.get(url, headers={"HX-Request": "true", "HX-Target": "computing"})
    assert again == []
    assert "are being computed" in poll.content.decode()
    assert "<html" not in poll.content.decode()
    queued[0]()  # the worker computes the figures
    assert Snapshot.objects.get(unit=org.dept_a, year=YEAR).computed_at is not None
    poll = head.get(url, headers={"HX-Request": "true", "HX-Target": "computing"})
    assert poll["HX-Refresh"] == "true"  # htmx reloads the dashboard
    page = head.get(url)
    assert page.context["board"].snapshot is True
    assert "Figures as of" in page.content.decode()
    page = head.get(f"/insight/?unit={org.division_a1.pk}&year={YEAR}")
    assert page.context["board"].snapshot is False  # small: live


def test_a_refresh_lost_by_the_worker_is_queued_again(
    data: Cast, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    org = data.org
    monkeypatch.setattr(selectors, "SNAPSHOT_FROM", 7)
    url = f"/insight/?unit={org.dept_a.pk}&year={YEAR}"
    with django_capture_on_commit_callbacks() as queued:
        data.client("head").get(url)
    assert len(queued) == 1  # ... and the worker dies before running it
    Snapshot.objects.filter(unit=org.dept_a).update(
        requested_at=timezone.now() - services.REQUEUE_AFTER - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True) as again:
        page = data.client("head").get(url)
    assert len(again) == 1
    assert "are being computed" in page.content.decode()
    assert Snapshot.objects.get(unit=org.dept_a, year=YEAR).requested_at is None


def test_large_units_are_precomputed_and_kept_fresh_by_the_periodic_job(
    data: Cast, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    org = data.org
    monkeypatch.setattr(selectors, "SNAPSHOT_FROM", 6)
    root = org.dept_a.parent or org.dept_a
    large = selectors.large_units(root)
    assert org.dept_a in large
    assert org.division_a1 in large
    assert all(len(u.path) <= len(root.path) + 18 for u in large)
    assert services.precompute(root, [YEAR], today=TODAY) == len(large)
    page = data.client("head").get(f"/insight/?unit={org.dept_a.pk}&year={YEAR}")
    assert page.context["board"].snapshot is True  # no wait on first view
    # A day later the periodic job queues the stale ones, once.
    moment = datetime(YEAR + 1, 1, 10, 2, 0, tzinfo=UTC)
    Snapshot.objects.update(computed_at=moment - timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.refresh_due_snapshots(moment)
    # The stale ones of YEAR, and the large units' first figures of YEAR + 1.
    assert first == 2 * len(large)
    assert set(Snapshot.objects.values_list("year", flat=True)) == {YEAR, YEAR + 1}
    assert not Snapshot.objects.filter(computed_at__lt=moment)
    assert services.refresh_due_snapshots(moment) == 0


def test_stale_figures_are_refreshed_in_the_background(
    data: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    org = data.org
    stored = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)
    old = timezone.now() - timedelta(days=2)
    Snapshot.objects.filter(pk=stored.pk).update(computed_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        page = data.client("head").get(f"/insight/?unit={org.dept_a.pk}&year={YEAR}")
    assert page.context["board"].as_of == old  # shown as stored, said how old
    assert (Snapshot.objects.get(pk=stored.pk).computed_at or old) > old


def test_a_computation_that_read_earlier_does_not_overwrite_newer_figures(
    data: Cast,
) -> None:
    """Two workers: B read after a period was published and stored first; A,
    which began reading before, ends later and leaves B's figures."""
    org = data.org
    newer = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)
    later = timezone.now() + timedelta(minutes=1)  # B began reading after A
    Snapshot.objects.filter(pk=newer.pk).update(computed_at=later)
    marked = {**newer.figures, "marker": "B"}
    Snapshot.objects.filter(pk=newer.pk).update(figures=marked)

    kept = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)  # A ends

    stored = Snapshot.objects.get(pk=newer.pk)
    assert (stored.figures.get("marker"), stored.computed_at) == ("B", later)
    assert kept.pk == stored.pk


def test_the_figures_are_as_of_when_their_reading_began(data: Cast) -> None:
    """A recomputation asked for while the worker read stays due."""
    org = data.org
    before = timezone.now()
    stored = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)
    assert stored.computed_at is not None
    assert stored.computed_at >= before
    asked = timezone.now() + timedelta(seconds=30)
    Snapshot.objects.filter(pk=stored.pk).update(requested_at=asked)
    again = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)
    assert again.requested_at == asked
    Snapshot.objects.filter(pk=stored.pk).update(requested_at=before)
    assert refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY).requested_at is None


def test_stored_figures_of_another_shape_are_not_shown(data: Cast) -> None:
    org = data.org
    stored = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)
    Snapshot.objects.filter(pk=stored.pk).update(figures={"levels": {}})
    page = data.client("head").get(f"/insight/?unit={org.dept_a.pk}&year={YEAR}")
    assert page.status_code == 200
    assert page.context["board"].snapshot is False


def test_coming_due_counts_are_stored_with_the_figures(data: Cast) -> None:
    org = data.org
    stored = refresh_snapshot(org.dept_a.pk, YEAR, today=TODAY)
    counted = selectors.count_due(data.actor("personnel"), org.dept_a, today=TODAY)
    assert stored.figures["due"] == {
        "retirements": counted.retirements,
        "terms_ending": counted.terms_ending,
        "rotations": counted.rotations,
        "raises": counted.raises,
    }
    # Read back from the snapshot by whoever sees careers in the whole subtree.
    marked = {**stored.figures, "due": dict.fromkeys(stored.figures["due"], 41)}
    Snapshot.objects.filter(pk=stored.pk).update(figures=marked)
    url = f"/insight/?unit={org.dept_a.pk}&year={YEAR}"
    html = data.client("head").get(url).content.decode()
    assert '<tr data-due="raises">' in html
    assert html.count('<td class="num">41</td>') == 4
    # A manager does not see careers: no counts, stored or not.
    assert 'data-due="' not in data.client("manager").get(url).content.decode()
