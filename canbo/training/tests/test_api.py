"""The training API beyond entering records: correct, delete, certificates,
standards and targets, with the same checks and audit as the pages."""

from __future__ import annotations

from django.core.files.base import ContentFile

from canbo.api.tests.helpers import Api
from canbo.core.models import AuditEntry
from canbo.org.tests.factories import JobPositionFactory, PostFactory
from canbo.tests.fixtures import Cast
from canbo.training.models import Standard, Target, Training
from canbo.training.tests.factories import (
    StandardFactory,
    TargetFactory,
    TrainingFactory,
)

API = "/api/v1/training"


def _actions() -> list[str]:
    found = AuditEntry.objects.filter(action__startswith="training.")
    return list(found.values_list("action", flat=True))


def test_correct_a_record_changes_only_the_fields_sent(cast: Cast) -> None:
    record = TrainingFactory(person=cast.org.person_a1)
    response = Api(cast, "personnel").patch(
        f"{API}/records/{record.pk}", {"institution": "Học viện Tư pháp", "version": 1}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    record.refresh_from_db()
    assert (record.institution, record.level) == ("Học viện Tư pháp", "bachelor")
    assert "training.record.updated" in _actions()


def test_a_level_of_another_kind_is_422_on_level_and_nothing_changes(
    cast: Cast,
) -> None:
    record = TrainingFactory(person=cast.org.person_a1)
    response = Api(cast, "personnel").patch(
        f"{API}/records/{record.pk}", {"kind": "language", "level": "master"}
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["level"]
    record.refresh_from_db()
    assert (record.kind, record.version) == ("degree", 1)
    assert _actions() == []


def test_a_stale_version_is_409(cast: Cast) -> None:
    record = TrainingFactory(person=cast.org.person_a1)
    api = Api(cast, "personnel")
    assert api.patch(f"{API}/records/{record.pk}", {"note": "a"}).status_code == 200
    stale = api.patch(f"{API}/records/{record.pk}", {"note": "b", "version": 1})
    assert stale.status_code == 409
    record.refresh_from_db()
    assert record.note == "a"


def test_delete_a_record_entered_by_mistake(cast: Cast) -> None:
    record = TrainingFactory(person=cast.org.person_a1)
    assert Api(cast, "head").delete(f"{API}/records/{record.pk}").status_code == 403
    response = Api(cast, "personnel").delete(f"{API}/records/{record.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert not Training.objects.filter(pk=record.pk).exists()
    assert _actions() == ["training.record.deleted"]


def test_download_the_certificate_as_the_page_does(cast: Cast) -> None:
    record = TrainingFactory(person=cast.org.person_a1, certificate_name="bang.pdf")
    record.certificate_file.save("bang.pdf", ContentFile(b"%PDF-1.4"), save=True)
    response = Api(cast, "auditor").get(f"{API}/records/{record.pk}/certificate")
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4"
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bang.pdf"' in response["Content-Disposition"]
    without = TrainingFactory(person=cast.org.person_a1)
    missing = Api(cast, "auditor").get(f"{API}/records/{without.pk}/certificate")
    assert missing.status_code == 404


def test_set_then_correct_a_units_standard(cast: Cast) -> None:
    post = PostFactory(code="CV", name="Chuyên viên")
    api = Api(cast, "personnel")
    created = api.post(
        f"{API}/standards",
        {"post": "CV", "unit": cast.org.dept_a.code, "degree": "bachelor",
         "state_management": "specialist", "course_hours": 40},
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["post"]["id"] == post.pk
    standard = created.json()["id"]
    changed = api.patch(f"{API}/standards/{standard}", {"degree": "master"})
    assert changed.status_code == 200, changed.json()
    assert Standard.objects.get(pk=standard).degree == "master"
    assert _actions() == ["training.standard.updated", "training.standard.created"]


def test_a_standard_for_both_a_post_and_a_job_position_is_422(cast: Cast) -> None:
    PostFactory(code="CV")
    JobPositionFactory(code="VT-01")
    response = Api(cast, "personnel").post(
        f"{API}/standards",
        {"post": "CV", "job_position": "VT-01", "unit": cast.org.dept_a.pk},
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["post"]
    assert not Standard.objects.exists()


def test_a_province_wide_standard_is_for_admins(cast: Cast) -> None:
    PostFactory(code="CV")
    body = {"post": "CV", "degree": "bachelor"}
    assert Api(cast, "personnel").post(f"{API}/standards", body).status_code == 403
    assert Api(cast, "admin").post(f"{API}/standards", body).status_code == 201
    assert Standard.objects.get().unit is None


def test_a_level_that_does_not_exist_is_422_on_its_field(cast: Cast) -> None:
    standard = StandardFactory(unit=cast.org.dept_a, unit_path=cast.org.dept_a.path)
    response = Api(cast, "personnel").patch(
        f"{API}/standards/{standard.pk}", {"language": "Z9"}
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["language"]
    assert Standard.objects.get(pk=standard.pk).language == ""


def test_set_then_correct_a_target_for_the_holders_of_posts(cast: Cast) -> None:
    PostFactory(code="TP", name="Trưởng phòng")
    PostFactory(code="PP", name="Phó Trưởng phòng")
    api = Api(cast, "personnel")
    created = api.post(
        f"{API}/targets",
        {"name": "Trưởng phòng có thạc sĩ", "unit": cast.org.dept_a.pk,
         "population": "posts", "posts": ["TP"], "kind": "degree",
         "level": "master", "threshold_percent": 50, "year": 2030},
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    assert [p["code"] for p in created.json()["posts"]] == ["TP"]
    assert (created.json()["counted"], created.json()["basis"]) == (0, "")
    target = created.json()["id"]
    changed = api.patch(
        f"{API}/targets/{target}", {"posts": ["TP", "PP"], "threshold_percent": 70}
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["threshold_percent"] == 70
    assert Target.objects.get(pk=target).posts.count() == 2
    assert _actions() == ["training.target.updated", "training.target.created"]


def test_a_target_of_posts_without_posts_is_422_on_posts(cast: Cast) -> None:
    response = Api(cast, "personnel").post(
        f"{API}/targets",
        {"name": "Thạc sĩ", "unit": cast.org.dept_a.pk, "population": "posts",
         "kind": "degree", "level": "master", "threshold_percent": 50},
    )  # fmt: skip
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["posts"]
    assert not Target.objects.exists()


def test_heads_see_targets_but_may_not_change_them(cast: Cast) -> None:
    target = TargetFactory(unit=cast.org.dept_a)
    response = Api(cast, "head").patch(f"{API}/targets/{target.pk}", {"name": "Khác"})
    assert response.status_code == 403
    assert Target.objects.get(pk=target.pk).name != "Khác"
