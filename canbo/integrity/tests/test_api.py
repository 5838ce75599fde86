"""The integrity endpoints of /api/v1."""

from __future__ import annotations

from typing import Any

from canbo.api.tests.helpers import call, token_for
from canbo.core.models import AuditEntry
from canbo.integrity.models import Detector, Finding, Run
from canbo.integrity.tests.factories import YEAR, FindingFactory, month, sheet
from canbo.integrity.tests.texts import COPIED, ORIGINAL, TEMPLATE
from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast


def test_a_run_started_on_the_api_finds_the_copy(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    october = month(cast.org.dept_a, 10)
    sheet(cast.org.person_a1, october, ORIGINAL)
    sheet(PersonFactory(full_name="Trần Thị Bích", unit=cast.org.division_a1),
          october, COPIED)  # fmt: skip
    token = token_for(cast, "auditor")
    body = {"unit": "SNV", "year": YEAR, "detectors": ["copied"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = call("POST", "/integrity/runs", body, token=token)
    assert response.status_code == 201
    run = Run.objects.get(pk=response.json()["id"])
    assert run.status == Run.Status.DONE
    shown = call("GET", f"/integrity/runs/{run.pk}", token=token).json()
    assert shown["findings_count"] == 1
    assert shown["thresholds"]["copied_similarity"] == 0.6
    listed = call("GET", f"/integrity/findings?run={run.pk}", token=token).json()
    assert listed["count"] == 1
    finding = call("GET", f"/integrity/findings/{listed['results'][0]['id']}",
                   token=token).json()  # fmt: skip
    assert finding["detector"] == "copied"
    assert finding["comparison"].startswith("self-reviews of Phòng Tổ chức")
    assert set(finding["evidence"]["texts"]) == {ORIGINAL, COPIED}
    assert finding["evidence"]["passages"]


def test_bad_runs_are_refused_naming_the_field(cast: Cast) -> None:
    token = token_for(cast, "personnel")
    body = {"unit": "SNV", "year": YEAR, "detectors": ["copied"],
            "thresholds": {"copied_similarity": 2}}  # fmt: skip
    response = call("POST", "/integrity/runs", body, token=token)
    assert response.status_code == 422
    assert "copied_similarity" in response.json()["errors"]
    outside = call("POST", "/integrity/runs", body | {"unit": "STC"}, token=token)
    assert outside.status_code == 422
    assert "unit" in outside.json()["errors"]
    assert not Run.objects.exists()


def test_reviews_on_the_api_are_audited_and_heads_may_not_review(cast: Cast) -> None:
    finding = FindingFactory(unit=cast.org.division_a1, person=cast.org.person_a1)
    url = f"/integrity/findings/{finding.pk}/review"
    head = call("POST", url, {"status": "confirmed", "note": "x"},
                token=token_for(cast, "head"))  # fmt: skip
    assert head.status_code == 403
    token = token_for(cast, "personnel")
    missing = call("POST", url, {"status": "confirmed"}, token=token)
    assert missing.status_code == 422
    done = call(
        "POST", url, {"status": "confirmed", "note": "Đã xác minh."}, token=token
    )
    assert done.status_code == 200
    assert done.json()["status"] == "confirmed"
    assert AuditEntry.objects.filter(action="integrity.finding.reviewed").count() == 1


def test_findings_are_scoped_and_favouritism_is_hidden_from_heads(cast: Cast) -> None:
    FindingFactory(unit=cast.org.division_a1)
    FindingFactory(unit=cast.org.division_a1, detector=Detector.FAVOURITISM)
    FindingFactory(unit=cast.org.division_b1)

    def count(persona: str) -> int:
        answer = call("GET", "/integrity/findings", token=token_for(cast, persona))
        return int(answer.json()["count"])

    assert count("auditor") == 2
    assert count("head") == 1
    assert count("outsider") == 1
    assert count("manager") == 0
    assert Finding.objects.count() == 3


def test_templates_are_registered_on_the_api(cast: Cast) -> None:
    token = token_for(cast, "personnel")
    body = {"unit": "SNV", "title": "Mẫu của Sở", "text": TEMPLATE}
    created = call("POST", "/integrity/templates", body, token=token)
    assert created.status_code == 201
    listed = call("GET", "/integrity/templates", token=token).json()
    assert [t["title"] for t in listed["results"]] == ["Mẫu của Sở"]
    theirs = call("GET", "/integrity/templates", token=token_for(cast, "outsider"))
    assert theirs.json()["count"] == 0


def test_templates_are_deleted_on_the_api_in_scope_only(cast: Cast) -> None:
    token = token_for(cast, "personnel")
    body = {"unit": "SNV", "title": "Mẫu của Sở", "text": TEMPLATE}
    made = call("POST", "/integrity/templates", body, token=token).json()
    one = f"/integrity/templates/{made['id']}"
    assert call("DELETE", one, token=token_for(cast, "outsider")).status_code == 404
    assert call("DELETE", one, token=token_for(cast, "head")).status_code == 404
    assert call("GET", "/integrity/templates", token=token).json()["count"] == 1
    deleted = call("DELETE", one, token=token)
    assert deleted.status_code == 204
    assert call("GET", "/integrity/templates", token=token).json()["count"] == 0
    entry = AuditEntry.objects.get(action="integrity.template.deleted")
    assert entry.data == {"title": "Mẫu của Sở"}
    assert call("DELETE", one, token=token).status_code == 404
