"""The discipline API: bad input named by field, scope, corrections, closing a
review, raises due."""

from __future__ import annotations

from datetime import date

from canbo.api.tests.helpers import Api, call, token_for
from canbo.core.models import AuditEntry
from canbo.discipline.models import Discipline
from canbo.discipline.tests.factories import DisciplineFactory
from canbo.people.models import Person
from canbo.tests.fixtures import Cast

API = "/api/v1/discipline"


def test_a_decision_before_the_violation_is_422_on_its_field(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    response = call(
        "POST", f"{API}/records/{record.pk}/decision",
        {"version": 1, "form": "reprimand", "decision_ref": "1",
         "decision_date": "2025-01-01"},
        token=token_for(cast, "personnel"),
    )  # fmt: skip
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["decision_date"]
    assert Discipline.objects.get().stage == "review"


def test_an_unknown_form_is_422(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    response = call(
        "POST", f"{API}/records/{record.pk}/decision",
        {"version": 1, "form": "demotion", "decision_ref": "1",
         "decision_date": "2026-06-01"},
        token=token_for(cast, "personnel"),
    )  # fmt: skip
    assert response.status_code == 422
    assert "form" in response.json()["errors"]


def test_decide_then_read_the_period(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    token = token_for(cast, "personnel")
    response = call(
        "POST", f"{API}/records/{record.pk}/decision",
        {"version": 1, "form": "warning", "decision_ref": "9/QĐ",
         "decision_date": "2026-06-01"},
        token=token,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["effective_until"] == "2027-05-31"
    listed = call("GET", f"{API}/records?stage=decided", token=token).json()
    assert [r["id"] for r in listed["results"]] == [record.pk]
    outsider = call("GET", f"{API}/records", token=token_for(cast, "outsider")).json()
    assert outsider["count"] == 0


def test_raises_due_with_their_delays(cast: Cast) -> None:
    person = cast.org.person_a1
    Person.objects.filter(pk=person.pk).update(salary_step_since=date(2023, 10, 2))
    DisciplineFactory(person=person, decided_on=date(2024, 3, 1), form="removal")
    response = call(
        "GET", f"{API}/raises?year=2027&quarter=4&unit={cast.org.dept_a.code}",
        token=token_for(cast, "head"),
    )  # fmt: skip
    body = response.json()
    assert response.status_code == 200
    assert [(r["person"], r["due"], r["delay_months"]) for r in body["results"]] == [
        (person.pk, "2027-10-02", 12)
    ]
    assert "+12 months" in body["results"][0]["delays"][0]["reason"]


def test_correcting_a_decision_recomputes_the_period(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1, decided_on=date(2026, 5, 4),
                               form="warning")  # fmt: skip
    api = Api(cast, "personnel")
    url = f"{API}/records/{record.pk}"
    changed = api.patch(url, {"version": 1, "decision_date": "2026-05-06",
                              "effective_from": None})  # fmt: skip
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["effective_until"], changed.json()["version"]) == (
        "2027-05-05", 2,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="discipline.record.corrected")
    assert entry.changes["decision_date"] == ["2026-05-04", "2026-05-06"]
    stale = api.patch(url, {"version": 1, "decision_ref": "16/QĐ"})
    assert stale.status_code == 422
    assert list(stale.json()["errors"]) == ["version"]
    assert Discipline.objects.get().decision_ref == "12/QĐ-SNV"


def test_a_review_has_no_decision_to_correct(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    api = Api(cast, "personnel")
    url = f"{API}/records/{record.pk}"
    refused = api.patch(url, {"version": 1, "form": "warning", "note": "x"})
    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["form"]
    assert not AuditEntry.objects.filter(action="discipline.record.corrected").exists()
    fixed = api.patch(url, {"version": 1, "violation": " Đi muộn nhiều lần "})
    assert fixed.json()["violation"] == "Đi muộn nhiều lần"


def test_closing_a_review_without_discipline_needs_a_reason(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    api = Api(cast, "personnel")
    url = f"{API}/records/{record.pk}/close"
    empty = api.post(url, {"version": 1, "note": "  "})
    assert empty.status_code == 422
    assert list(empty.json()["errors"]) == ["note"]
    assert Discipline.objects.get().stage == "review"
    closed = api.post(url, {"version": 1, "note": "Không đủ căn cứ kết luận"})
    assert closed.status_code == 200, closed.json()
    assert closed.json()["stage"] == "dropped"
    assert AuditEntry.objects.filter(action="discipline.record.dropped").exists()
