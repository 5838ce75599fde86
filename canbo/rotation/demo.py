"""Demo data for periodic position changes and leader rotation (not wired into the generator).

- Marks the demo job positions of Luật PCTN 2018 art. 25 as subject to rotation
  (personnel work, budget and accounting, public assets and prices, public
  investment, inspection, and direct dealings with the public: land, licences,
  civil status, the one-stop desk), every 36 or 60 months, naming the sector text.
- The generator dates the current assignments anywhere in the last 12 years, so
  most people in those positions would be long overdue. Agencies do change
  them: for about nine in ten of the overdue ones the demo records the change
  made on the 1st of a month when a period was reached (the person came to the
  current position then, from another position of the unit), leaving the due
  list with a realistic mix: a few overdue (mostly postponed or retiring), those
  due this year, and those due within the next months.
- A few circumstances of Decree 59 art. 38 (child under 36 months, pregnancy,
  full-time study, secondment, inspection, illness), mostly for overdue people.
- One draft plan for `today`'s year per department with up to two changes.
- A handful of leader rotations in progress: candidates in planning with at
  least 10 years of service left (other leaders when no planning exists).

Deterministic from the seed; a few queries, UPDATEs per change date and bulk inserts.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection

from canbo.core.bulk import bulk_insert
from canbo.org.models import JobPosition, Post, Unit
from canbo.people.models import Assignment, Person
from canbo.planning.models import PlanningCandidate
from canbo.policy.discipline import add_months
from canbo.policy.retirement import Sex
from canbo.policy.rotation import leader_rotation_checks, retiring_soon
from canbo.rotation.models import Circumstance, PositionChange, Rotation, RotationPlan
from canbo.rotation.selectors import checks_for

PERSONNEL = "NĐ 59/2019/NĐ-CP, Phụ lục (công tác tổ chức cán bộ)"
FINANCE = "TT 27/2024/TT-BTC"
LAND = "NĐ 59/2019/NĐ-CP, Phụ lục (quản lý đất đai)"
# Job position code → (period in months, the text that sets it).
SUBJECT: dict[str, tuple[int, str]] = {
    "CV_TCBM": (36, PERSONNEL),
    "CV_CCVC": (36, PERSONNEL),
    "CV_NS": (36, FINANCE),
    "CV_GIA": (36, FINANCE),
    "CC_TCKT": (36, FINANCE),
    "KT": (36, FINANCE),
    "CV_DT": (60, "TT 18/2022/TT-BKHĐT"),
    "TTV": (60, "TT 03/2021/TT-TTCP"),
    "CV_TP": (36, "TT 05/2023/TT-BTP"),
    "CC_TP": (36, "TT 05/2023/TT-BTP"),
    "CV_TNMT": (36, LAND),
    "CC_DC": (36, LAND),
    "CV_XD": (36, "NĐ 59/2019/NĐ-CP, Phụ lục (cấp phép xây dựng)"),
    "CC_MC": (36, "NĐ 59/2019/NĐ-CP, Phụ lục (tiếp nhận, trả kết quả)"),
}
CHANGED_SHARE = 0.9  # of the overdue, changed in time by their agency
POSTPONED_SHARE = 0.7  # of the overdue left, with a circumstance recorded
OTHER_CIRCUMSTANCES = 0.012  # of the others in subject positions
PLAN_ITEMS = 2
LEADER_ROTATIONS = 6
PURPOSE = (
    "Chủ động phòng ngừa tham nhũng theo Điều 24–26 Luật Phòng, chống tham nhũng "
    "2018; tạo điều kiện cho công chức, viên chức được rèn luyện, thử thách ở các "
    "vị trí công tác khác nhau."
)
MEASURES = (
    "Rà soát người đến hạn; trao đổi với người được chuyển đổi; ban hành quyết định "
    "chuyển đổi bằng văn bản; bàn giao hồ sơ, tài liệu đang giải quyết; công khai "
    "kế hoạch trong cơ quan."
)
GOALS = (
    "Đặt hàng – giao nhiệm vụ: chỉ đạo hoàn thành kế hoạch chuyển đổi số và giải "
    "quyết thủ tục hành chính đúng hạn; giải quyết dứt điểm các vụ việc khiếu nại "
    "tồn đọng về đất đai; hoàn thành các chỉ tiêu kinh tế – xã hội được giao.",
    "Đặt hàng – giao nhiệm vụ: kiện toàn tổ chức bộ máy sau sắp xếp; nâng cao chỉ "
    "số hài lòng của người dân; tăng thu ngân sách trên địa bàn ít nhất 10 "
    "phần trăm mỗi năm.",
)
NOTES = {
    "inspection": "Đang trong thời gian thanh tra vụ việc tại đơn vị.",
    "illness": "Điều trị bệnh hiểm nghèo, có xác nhận của cơ sở y tế.",
    "study": "Học tập trung thạc sĩ theo quyết định cử đi học.",
    "secondment": "Biệt phái theo quyết định của Giám đốc Sở.",
    "pregnancy": "",
    "child": "Nuôi con nhỏ dưới 36 tháng tuổi.",
}


@dataclass(frozen=True)
class Held:
    """A current assignment in a position subject to rotation."""

    pk: int
    person_id: int
    unit_id: int
    path: str  # the person's unit path
    position_id: int
    months: int
    start: date
    birth: date
    sex: str
    decision_ref: str


def _mark_positions() -> int:
    written = 0
    for code, (months, basis) in SUBJECT.items():
        written += JobPosition.objects.filter(code=code).update(
            rotation_months=months, rotation_basis=basis
        )
    return written


def _held(root_path: str) -> list[Held]:
    rows = (
        Assignment.objects.filter(
            end_date__isnull=True, post__isnull=True, person__is_active=True,
            person__unit_path__startswith=root_path,
            job_position__rotation_months__isnull=False,
        )
        .order_by("pk")
        .values_list(
            "pk", "person_id", "unit_id", "person__unit_path", "job_position_id",
            "job_position__rotation_months", "start_date", "person__birth_date",
            "person__sex", "decision_ref",
        )
    )  # fmt: skip
    return [
        Held(pk, person, unit, path, position, months or 0, start, birth, sex, ref)
        for pk, person, unit, path, position, months, start, birth, sex, ref in rows
    ]


def _unit_positions(root_path: str) -> dict[int, list[int]]:
    """The job positions held in each unit now (to say where a changed person came from)."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = (
        Assignment.objects.filter(
            end_date__isnull=True, unit__path__startswith=root_path,
            job_position__isnull=False,
        )
        .values_list("unit_id", "job_position_id")
        .distinct()
    )  # fmt: skip
    for unit_id, position_id in rows:
        found[unit_id].add(position_id)
    return {unit: sorted(ids) for unit, ids in found.items()}


def _changed_on(held: Held, today: date) -> date:
    """The 1st of the month of the last period reached a month or more ago."""
    limit = today - timedelta(days=30)
    k = 1
    while add_months(held.start, (k + 1) * held.months) <= limit:
        k += 1
    return add_months(held.start, k * held.months).replace(day=1)


def _past_changes(
    held: list[Held], today: date, rng: random.Random, root_path: str
) -> tuple[list[Held], list[Held], int]:
    """Record the changes agencies made in time; return (current, left overdue, rows written)."""
    this_year = date(today.year, 1, 1)
    positions = _unit_positions(root_path)
    fallback = JobPosition.objects.filter(code="HCTH").values_list("pk", flat=True)
    spare = next(iter(fallback), None)
    history: list[tuple[Any, ...]] = []
    moved: dict[date, list[int]] = defaultdict(list)
    current: list[Held] = []
    overdue: list[Held] = []
    for one in held:
        due = add_months(one.start, one.months)
        if due >= this_year:
            current.append(one)
            continue
        sex: Sex = "F" if one.sex == "F" else "M"
        if retiring_soon(one.birth, sex, today) or rng.random() >= CHANGED_SHARE:
            overdue.append(one)
            continue
        others = [p for p in positions.get(one.unit_id, []) if p != one.position_id]
        came_from = rng.choice(others) if others else spare
        if came_from is None:
            overdue.append(one)
            continue
        on = _changed_on(one, today)
        history.append((
            one.person_id, one.unit_id, None, came_from, one.start,
            on - timedelta(days=1), True, one.decision_ref,
        ))  # fmt: skip
        moved[on].append(one.pk)
        current.append(
            Held(one.pk, one.person_id, one.unit_id, one.path, one.position_id,
                 one.months, on, one.birth, one.sex, one.decision_ref)
        )  # fmt: skip
    columns = ("person", "unit", "post", "job_position", "start_date", "end_date",
               "is_primary", "decision_ref")  # fmt: skip
    bulk_insert(Assignment, columns, history)
    for on, ids in sorted(moved.items()):
        Assignment.objects.filter(pk__in=ids).update(start_date=on)
    return current, overdue, 2 * len(history)


def _circumstance(
    one: Held, today: date, rng: random.Random, stamp: Any
) -> tuple[Any, ...]:
    age = today.year - one.birth.year
    end: date | None
    if one.sex == "F" and age < 40 and rng.random() < 0.75:
        if rng.random() < 0.8:
            kind, start, end = (
                "child",
                today - timedelta(days=rng.randint(30, 1000)),
                None,
            )
        else:
            kind = "pregnancy"
            start = today - timedelta(days=rng.randint(20, 200))
            end = today + timedelta(days=rng.randint(60, 250))
    else:
        kind = rng.choices(
            ("study", "secondment", "inspection", "illness"), (45, 30, 15, 10)
        )[0]
        start = today - timedelta(days=rng.randint(10, 300))
        if kind == "study":
            end = add_months(start, rng.choice((12, 18, 24))) - timedelta(days=1)
        elif kind == "secondment":
            end = add_months(start, 24) - timedelta(days=1)
        elif kind == "illness":
            end = today + timedelta(days=rng.randint(30, 200))
        else:
            end = None
    return (one.person_id, kind, start, end, False, NOTES[kind], one.path, stamp)


def _circumstances(
    current: list[Held],
    overdue: list[Held],
    today: date,
    rng: random.Random,
    stamp: Any,
) -> int:
    rows = [
        _circumstance(one, today, rng, stamp)
        for one in overdue
        if rng.random() < POSTPONED_SHARE
    ]
    rows += [
        _circumstance(one, today, rng, stamp)
        for one in current
        if rng.random() < OTHER_CIRCUMSTANCES
    ]
    columns = ("person", "kind", "start", "end", "sole_carer", "note", "unit_path",
               "created_at")  # fmt: skip
    bulk_insert(Circumstance, columns, rows)
    return len(rows)


def _target(
    one: Held,
    department_path: str,
    positions: dict[int, list[int]],
    paths: dict[int, str],
    rng: random.Random,
) -> tuple[int, int] | None:
    """(unit, job position) to change to: the same expertise in another division of
    the department (Decree 59 art. 37), otherwise another position of the same unit."""
    elsewhere = sorted(
        unit
        for unit, held in positions.items()
        if one.position_id in held
        and unit != one.unit_id
        and paths.get(unit, "").startswith(department_path)
    )
    if elsewhere:
        return rng.choice(elsewhere), one.position_id
    others = [p for p in positions.get(one.unit_id, []) if p != one.position_id]
    return (one.unit_id, rng.choice(others)) if others else None


def _plans(
    root_path: str,
    held: list[Held],
    today: date,
    rng: random.Random,
    stamp: Any,
) -> int:
    """One draft plan per department for today's year, with up to two changes each."""
    departments = list(
        Unit.objects.filter(kind=Unit.Kind.DEPARTMENT, path__startswith=root_path)
        .order_by("path")
        .values_list("pk", "path")
    )
    if not departments:
        return 0
    year_end = date(today.year, 12, 31)
    planned = date(today.year, 12, 1) if today < date(today.year, 12, 1) else year_end
    due = [h for h in held if add_months(h.start, h.months) <= year_end]
    positions = _unit_positions(root_path)
    paths = dict(
        Unit.objects.filter(path__startswith=root_path).values_list("pk", "path")
    )
    by_department: dict[int, list[Held]] = defaultdict(list)
    for one in due:
        for pk, path in departments:
            if one.path.startswith(path) and one.start < planned:
                by_department[pk].append(one)
                break
    people = {
        p.pk: p
        for p in Person.objects.filter(
            pk__in=[h.person_id for rows in by_department.values() for h in rows]
        )
    }
    checks = checks_for(list(people.values()), dict.fromkeys(people, planned))
    plan_rows = [
        (
            pk,
            path,
            today.year,
            RotationPlan.Status.DRAFT,
            None,
            PURPOSE,
            MEASURES,
            stamp,
        )
        for pk, path in departments
    ]
    columns = ("unit", "unit_path", "year", "status", "published_on", "purpose",
               "measures", "created_at")  # fmt: skip
    bulk_insert(RotationPlan, columns, plan_rows)
    plan_of = dict(
        RotationPlan.objects.filter(
            year=today.year, unit_id__in=[pk for pk, _path in departments]
        ).values_list("unit_id", "pk")
    )
    items: list[tuple[Any, ...]] = []
    for pk, path in departments:
        candidates = [
            h
            for h in by_department.get(pk, [])
            if not any(c.severity == "refuse" for c in checks[h.person_id])
        ]
        for one in rng.sample(candidates, min(PLAN_ITEMS, len(candidates))):
            found = _target(one, path, positions, paths, rng)
            if found is None:
                continue
            flags = [c.code for c in checks[one.person_id]]
            items.append((
                plan_of[pk], one.person_id, one.pk, found[0], found[1], planned,
                PositionChange.Status.PLANNED, json.dumps(flags), "", None, None,
            ))  # fmt: skip
    item_columns = ("plan", "person", "assignment", "target_unit",
                    "target_job_position", "planned_date", "status", "flags",
                    "decision_ref", "done_on", "new_assignment")  # fmt: skip
    bulk_insert(PositionChange, item_columns, items)
    return len(plan_rows) + len(items)


LEADER_POSTS = ("GD_SO", "PGD_SO", "TRUONG_PHONG", "PHO_TRUONG_PHONG", "CHANH_VP",
                "PHO_CHANH_VP", "CT_UBND_XA", "PCT_UBND_XA")  # fmt: skip


def _leaders(root_path: str) -> list[tuple[Any, ...]]:
    """Current holders of state management posts to rotate, as (person, unit, unit
    path, post, birth date, sex): the candidates in planning (QĐ 65-QĐ/TW), or
    when no planning exists yet, any of them."""
    leaders = Assignment.objects.filter(
        end_date__isnull=True, post__code__in=LEADER_POSTS, person__is_active=True,
        unit__path__startswith=root_path,
    ).order_by("person_id", "-post__rank", "pk")  # fmt: skip
    fields = ("person_id", "unit_id", "unit__path", "post_id", "person__birth_date",
              "person__sex")  # fmt: skip
    planned = PlanningCandidate.objects.filter(
        status=PlanningCandidate.Status.ACTIVE, person__unit_path__startswith=root_path
    ).values("person_id")
    in_planning = list(leaders.filter(person_id__in=planned).values_list(*fields))
    return in_planning or list(leaders.values_list(*fields))


def _rotations(root_path: str, today: date, rng: random.Random, stamp: Any) -> int:
    communes = list(
        Unit.objects.filter(
            kind__in=(Unit.Kind.COMMUNE, Unit.Kind.WARD), path__startswith=root_path
        )
        .order_by("path")
        .values_list("pk", "path")
    )
    vice_chair = Post.objects.filter(code="PCT_UBND_XA").values_list("pk", flat=True)
    seen: set[int] = set()
    chosen: list[tuple[Any, ...]] = []
    for person_id, unit_id, path, post_id, birth, sex in _leaders(root_path):
        if person_id in seen:
            continue
        seen.add(person_id)
        start = add_months(today.replace(day=1), -rng.randint(2, 22))
        checks = leader_rotation_checks(
            birth_date=birth, sex="F" if sex == "F" else "M", start=start,
            planned_end=add_months(start, 36), in_planning=True,
        )  # fmt: skip
        if not checks:  # at least 10 years of service left at the start
            chosen.append((person_id, unit_id, path, post_id, start))
    rows: list[tuple[Any, ...]] = []
    for person_id, unit_id, path, post_id, start in rng.sample(
        chosen, min(LEADER_ROTATIONS, len(chosen))
    ):
        home = next((c for c in communes if path.startswith(c[1])), None)
        targets = [c[0] for c in communes if c != home]
        if not targets:
            continue
        if home is not None:  # between communes, in the same post
            kind, to_post = Rotation.Kind.LATERAL, post_id
        else:  # from the province's departments down to a commune
            kind, to_post = Rotation.Kind.DOWNWARD, next(iter(vice_chair), None)
        rows.append((
            person_id, path, kind, False, unit_id, post_id, rng.choice(targets),
            to_post, start, add_months(start, 36), rng.choice(GOALS),
            f"{rng.randint(100, 999)}/QĐ-UBND", Rotation.Status.IN_PROGRESS, "", "",
            "", stamp,
        ))  # fmt: skip
    columns = ("person", "unit_path", "kind", "short_service_case", "from_unit",
               "from_post", "to_unit", "to_post", "start", "planned_end", "goals",
               "decision_ref", "status", "result", "evaluation", "placement_decision",
               "created_at")  # fmt: skip
    bulk_insert(Rotation, columns, rows)
    return len(rows)


def generate(*, root_path: str, today: date, seed: int) -> int:
    """Add the rotation demo data under `root_path`; return the rows written."""
    rng = random.Random(f"rotation-{seed}")  # noqa: S311 - demo data, not secrets
    moment = datetime(today.year, today.month, today.day, 8, tzinfo=UTC)
    stamp = connection.ops.adapt_datetimefield_value(moment)
    written = _mark_positions()
    current, overdue, changed = _past_changes(_held(root_path), today, rng, root_path)
    written += changed
    written += _circumstances(current, overdue, today, rng, stamp)
    written += _plans(root_path, current + overdue, today, rng, stamp)
    written += _rotations(root_path, today, rng, stamp)
    return written
