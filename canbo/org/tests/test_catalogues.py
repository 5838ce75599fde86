from __future__ import annotations

from canbo.core.models import AuditEntry
from canbo.org.models import JobPosition, Post
from canbo.tests.fixtures import Cast


def test_admin_adds_a_post_and_its_creation_is_audited(cast: Cast) -> None:
    client = cast.client("admin")
    response = client.post(
        "/units/catalogues/posts/new/",
        {"code": "PGD", "name": "Phó Giám đốc", "rank": 70, "is_leadership": "on"},
    )
    assert response.status_code == 302
    post = Post.objects.get(code="PGD")
    entry = AuditEntry.objects.get(action="org.post.created", object_id=str(post.pk))
    assert entry.changes["rank"] == [None, 70]


def test_a_taken_code_is_refused_on_the_code_field(cast: Cast) -> None:
    Post.objects.create(code="GD", name="Giám đốc", rank=80)
    response = cast.client("admin").post(
        "/units/catalogues/posts/new/", {"code": "GD", "name": "Khác", "rank": 1}
    )
    assert response.status_code == 422
    assert "code" in response.context["form"].errors
    assert Post.objects.filter(code="GD").count() == 1


def test_editing_a_job_position_shows_its_competencies_and_history(cast: Cast) -> None:
    client = cast.client("admin")
    client.post(
        "/units/catalogues/job-positions/new/",
        {
            "code": "VT01",
            "name": "Chuyên viên",
            "group": "professional",
            "competencies": "Soạn thảo văn bản | 3",
        },
    )
    job = JobPosition.objects.get(code="VT01")
    client.post(
        f"/units/catalogues/job-positions/{job.pk}/edit/",
        {
            "code": "VT01",
            "name": "Chuyên viên",
            "group": "professional",
            "competencies": "Soạn thảo văn bản | 4",
        },
    )
    page = client.get(f"/units/catalogues/job-positions/{job.pk}/")
    assert page.context["job_position"].competency_list == [("Soạn thảo văn bản", "4")]
    assert [e.action for e in page.context["history"]] == [
        "org.jobposition.updated",
        "org.jobposition.created",
    ]
