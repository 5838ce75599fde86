"""Demo training data for a generated province: records that match the CVs, short
courses, standards for the demo posts and the province's two targets.

Set-based: one read of the people, bulk inserts of the records; deterministic
from `seed`.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from canbo.core.bulk import bulk_insert
from canbo.org.models import Post, Unit
from canbo.people.models import Person
from canbo.training.models import Kind, Standard, Target, Training

# Years of study before the degree, and age at graduation.
STUDY_YEARS = {"vocational": 2, "college": 3, "bachelor": 4, "master": 2, "doctor": 4}
GRADUATION_AGE = {
    "vocational": 20,
    "college": 21,
    "bachelor": 22,
    "master": 28,
    "doctor": 34,
}
INSTITUTIONS = {
    "degree": (
        "Trường Đại học Luật Hà Nội",
        "Học viện Hành chính Quốc gia",
        "Trường Đại học Kinh tế Quốc dân",
        "Đại học Quốc gia Hà Nội",
        "Trường Đại học Sư phạm Hà Nội",
        "Trường Đại học Y Hà Nội",
        "Đại học Huế",
        "Trường Cao đẳng Nội vụ Hà Nội",
    ),
    "theory": (
        "Học viện Chính trị quốc gia Hồ Chí Minh",
        "Trường Chính trị tỉnh",
        "Học viện Chính trị khu vực I",
    ),
    "state_management": ("Học viện Hành chính Quốc gia", "Trường Chính trị tỉnh"),
    "language": ("Trường Đại học Ngoại ngữ, ĐHQG Hà Nội", "Đại học Huế"),
    "it": ("Trung tâm Tin học tỉnh", "Trường Cao đẳng Kỹ thuật tỉnh"),
    "course": ("Trường Chính trị tỉnh", "Sở Nội vụ", "Học viện Hành chính Quốc gia"),
}
COURSES = (
    ("Bồi dưỡng kiến thức quản lý nhà nước", 40),
    ("Kỹ năng lãnh đạo, quản lý cấp phòng", 80),
    ("Chuyển đổi số trong cơ quan nhà nước", 16),
    ("Cải cách hành chính và kiểm soát thủ tục hành chính", 24),
    ("Nghiệp vụ công tác tổ chức cán bộ", 40),
    ("Bồi dưỡng kiến thức quốc phòng và an ninh", 24),
    ("Kỹ năng soạn thảo văn bản hành chính", 16),
)
# Required minimums of the demo posts: (education, theory, state management, hours).
STANDARDS = {
    "GD_SO": ("bachelor", "advanced", "principal", 40),
    "PGD_SO": ("bachelor", "advanced", "principal", 40),
    "TRUONG_BAN": ("bachelor", "advanced", "principal", 40),
    "PHO_TRUONG_BAN": ("bachelor", "advanced", "principal", 40),
    "CT_UBND_XA": ("bachelor", "intermediate", "specialist", 40),
    "PCT_UBND_XA": ("bachelor", "intermediate", "specialist", 40),
    "CHI_CUC_TRUONG": ("bachelor", "intermediate", "principal", 40),
    "PHO_CHI_CUC_TRUONG": ("bachelor", "intermediate", "principal", 40),
    "TRUONG_PHONG": ("bachelor", "intermediate", "principal", 40),
    "PHO_TRUONG_PHONG": ("bachelor", "intermediate", "specialist", 40),
    "CHANH_VP": ("bachelor", "intermediate", "principal", 40),
    "PHO_CHANH_VP": ("bachelor", "intermediate", "specialist", 40),
}
COMMUNE_KEY_POSTS = ("CT_UBND_XA", "PCT_UBND_XA")
COLUMNS = (
    "person",
    "unit",
    "unit_path",
    "kind",
    "level",
    "field",
    "institution",
    "start_date",
    "end_date",
    "full_time",
    "hours",
    "certificate_number",
    "certificate_date",
    "certificate_file",
    "certificate_name",
    "note",
    "version",
    "created_by",
    "created_at",
    "updated_at",
)


class _Rows:
    def __init__(self, rng: random.Random, today: date, now: datetime) -> None:
        self.rng, self.today, self.now = rng, today, now
        self.rows: list[tuple[Any, ...]] = []
        self.serial = 0

    def add(
        self,
        person: tuple[Any, ...],
        kind: str,
        level: str,
        end: date,
        *,
        start: date | None = None,
        field: str = "",
        hours: int | None = None,
        full_time: bool = False,
    ) -> None:
        end = min(end, self.today)
        if start is not None and start > end:
            start = end
        self.serial += 1
        pk, unit_id, path = person[0], person[1], person[2]
        certificate_date = end + timedelta(days=self.rng.randint(7, 60))
        certificate_date = min(certificate_date, self.today)
        self.rows.append(
            (
                pk, unit_id, path, kind, level, field,
                self.rng.choice(INSTITUTIONS[kind]), start, end, full_time, hours,
                f"{end.year}/{self.serial:07d}", certificate_date, "", "", "", 1,
                None, self.now, self.now,
            )
        )  # fmt: skip


def _on(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, 28))


def _person_rows(out: _Rows, person: tuple[Any, ...]) -> None:
    _pk, _unit, _path, education, major, theory, state, birth = person
    rng, today = out.rng, out.today
    if education in STUDY_YEARS:
        end = _on(birth.year + GRADUATION_AGE[education] + rng.randint(0, 4), 6, 30)
        start = _on(end.year - STUDY_YEARS[education], 9, 5)
        out.add(
            person, Kind.DEGREE, education, end, start=start, field=major,
            full_time=education in ("bachelor", "college", "vocational"),
        )  # fmt: skip
    working_from = birth.year + 25
    if theory:
        year = rng.randint(working_from, max(working_from, today.year - 1))
        out.add(person, Kind.THEORY, theory, _on(year, rng.randint(1, 12), 20))
    if state:
        year = rng.randint(working_from, max(working_from, today.year - 1))
        out.add(person, Kind.STATE, state, _on(year, rng.randint(1, 12), 15))
    if rng.random() < 0.5:
        level = rng.choice(("A2", "B1", "B1", "B2"))
        year = rng.randint(birth.year + 22, max(birth.year + 22, today.year - 1))
        out.add(person, Kind.LANGUAGE, level, _on(year, rng.randint(1, 12), 10))
    if rng.random() < 0.5:
        level = "basic" if rng.random() < 0.85 else "advanced"
        year = rng.randint(birth.year + 22, max(birth.year + 22, today.year - 1))
        out.add(person, Kind.IT, level, _on(year, rng.randint(1, 12), 10))
    if rng.random() < 0.6:  # short courses in the last two years
        for _n in range(rng.choice((1, 1, 2))):
            subject, hours = rng.choice(COURSES)
            end = today - timedelta(days=rng.randint(0, 729))
            start = end - timedelta(days=max(1, hours // 8) - 1)
            out.add(
                person, Kind.COURSE, "", end, start=start, field=subject, hours=hours
            )


def _standards() -> int:
    posts = Post.objects.filter(code__in=STANDARDS).values_list("pk", "code")
    have = set(
        Standard.objects.filter(unit__isnull=True, post__isnull=False).values_list(
            "post_id", flat=True
        )
    )
    new = [
        Standard(
            post_id=pk,
            degree=STANDARDS[code][0],
            theory=STANDARDS[code][1],
            state_management=STANDARDS[code][2],
            course_hours=STANDARDS[code][3],
            basis="Quy định tiêu chuẩn chức danh (mặc định của bản demo)",
        )
        for pk, code in posts
        if pk not in have
    ]
    Standard.objects.bulk_create(new)
    return len(new)


def _targets(root: Unit, today: date) -> int:
    Target.objects.create(
        unit=root,
        unit_path=root.path,
        name="Cán bộ lãnh đạo, quản lý có trình độ thạc sĩ trở lên",
        population=Target.Population.LEADERS,
        kind=Kind.DEGREE,
        level="master",
        threshold_percent=30,
        year=today.year + 4,
        basis="Nghị quyết Đại hội Đảng bộ tỉnh (mặc định của bản demo)",
    )
    commune = Target.objects.create(
        unit=root,
        unit_path=root.path,
        name="Cán bộ chủ chốt cấp xã có trình độ đại học",
        population=Target.Population.POSTS,
        kind=Kind.DEGREE,
        level="bachelor",
        threshold_percent=100,
        year=today.year + 4,
        basis="Nghị quyết Đại hội Đảng bộ tỉnh (mặc định của bản demo)",
    )
    commune.posts.set(Post.objects.filter(code__in=COMMUNE_KEY_POSTS))
    return 2 + commune.posts.count()


def generate(*, root_path: str, today: date, seed: int) -> int:
    """Add training records, standards and targets; return the rows written."""
    rng = random.Random(f"training:{seed}")  # noqa: S311 - demo data, not cryptography
    now = datetime(today.year, today.month, today.day, 8, tzinfo=UTC)
    people = Person.objects.filter(unit_path__pathprefix=root_path).order_by("pk")
    out = _Rows(rng, today, now)
    for person in people.values_list(
        "pk", "unit_id", "unit_path", "education", "major",
        "political_theory", "state_management", "birth_date",
    ).iterator(chunk_size=5000):  # fmt: skip
        _person_rows(out, person)
    bulk_insert(Training, COLUMNS, out.rows)
    written = len(out.rows) + _standards()
    root = Unit.objects.filter(path=root_path).first()
    if root is not None:
        written += _targets(root, today)
    return written
