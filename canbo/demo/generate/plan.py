"""Planning the unit tree of a demo province: which units, and how many staff each.

The plan is pure Python and cheap (3,700 units for 130,000 staff), so its shape can
be tested without a database. Shares of the staff are set from the Hà Nội and
commune-level figures in shared/reference/vn-systems.md §4: most staff work at
commune level (schools included), then in hospitals and upper-secondary schools,
and about one in twenty-five in the departments' own offices.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from canbo.demo.generate import names, structure
from canbo.demo.generate.structure import DepartmentDef
from canbo.org.models import path_segment

PROVINCE_NAME = "Tỉnh An Sơn (dữ liệu mẫu)"
MIN_STAFF = 100
SHARES = {
    "admin": 0.04,
    "education": 0.10,
    "health": 0.12,
    "service": 0.05,
}  # the rest: communes
COMMUNE_STAFF = 600  # staff of a typical commune or ward, its schools included
WARD_EVERY = 5  # one commune-level unit in five is a ward


@dataclass(eq=False)
class UnitPlan:
    code: str
    name: str
    kind: str
    profile: str
    head_post: str
    deputy_post: str
    deputies: int
    size: float  # wanted direct staff, leaders included
    fixed: bool = False  # leadership only: keeps its size when scaling
    head_concurrent: bool = (
        False  # the head is a deputy of the parent, holding a second post
    )
    parent: UnitPlan | None = None
    children: list[UnitPlan] = field(default_factory=list)
    pk: int = 0
    path: str = ""
    depth: int = 0
    headcount: int = 0
    quota: int = 0

    def add(self, child: UnitPlan) -> UnitPlan:
        child.parent = self
        self.children.append(child)
        return child

    @property
    def leaders(self) -> int:
        return self.deputies + (0 if self.head_concurrent else 1)

    def walk(self) -> list[UnitPlan]:
        """Return this unit and everything below it, parents before children."""
        order = [self]
        for child in self.children:
            order.extend(child.walk())
        return order


def department_count(staff: int) -> int:
    return max(1, min(len(structure.DEPARTMENTS), round(math.sqrt(staff) / 16)))


def _jitter(rng: random.Random, value: float, spread: float = 0.25) -> float:
    return value * rng.uniform(1 - spread, 1 + spread)


def _division_posts(name: str) -> tuple[str, str]:
    if name.startswith("Văn phòng"):
        return "CHANH_VP", "PHO_CHANH_VP"
    if name.startswith("Chi cục"):
        return "CHI_CUC_TRUONG", "PHO_CHI_CUC_TRUONG"
    if name.startswith("Khoa"):
        return "TRUONG_KHOA", "PHO_TRUONG_KHOA"
    return "TRUONG_PHONG", "PHO_TRUONG_PHONG"


def _divisions(
    rng: random.Random,
    parent: UnitPlan,
    titles: tuple[str, ...],
    budget: float,
    profiles: tuple[str, ...],
) -> None:
    """Split `budget` staff over divisions titled `titles`; a single profile serves them all."""
    for i, title in enumerate(titles):
        size = max(3.0, _jitter(rng, budget / len(titles)))
        head, deputy = _division_posts(title)
        parent.add(
            UnitPlan(
                f"{parent.code}-{i + 1:02d}", title, "division", profiles[i % len(profiles)],
                head, deputy, 2 if size >= 14 else 1, size,
            )
        )  # fmt: skip


def _department(
    rng: random.Random, prefix: str, d: DepartmentDef, budget: float
) -> UnitPlan:
    deputies = 3 if budget > 60 else 2 if budget > 15 else 1
    dept = UnitPlan(
        f"{prefix}-{d.code}", d.name, "department", "department", d.head_post, d.deputy_post,
        deputies, 1 + deputies, fixed=True,
    )  # fmt: skip
    rest = max(budget - dept.size, 3.0)
    # An office and at least one specialist division, then one more per 16 staff.
    count = max(2, min(len(d.divisions) + 1, round(rest / 16)))
    titles = ("Văn phòng", *d.divisions)[:count]
    profiles = ("dept_office",) + ("div:" + ",".join(d.positions),) * (len(titles) - 1)
    if d.code == "VPUBND":  # the provincial office has no "Văn phòng" of its own
        titles, profiles = titles[1:] or d.divisions[:1], profiles[1:] or profiles
    _divisions(rng, dept, titles, rest, profiles)
    return dept


def _service_unit(
    rng: random.Random,
    code: str,
    name: str,
    size: float,
    *,
    hospital: bool,
    culture: bool = False,
) -> UnitPlan:
    """A centre or hospital: leaders on top, divisions below when it is large enough."""
    posts = ("GD_BV", "PGD_BV") if name.startswith("Bệnh viện") else ("GD_TT", "PGD_TT")
    deputies = 3 if size > 300 else 2 if size > 60 else 1
    profile = "hospital" if hospital else "culture_centre" if culture else "centre"
    if size <= 40:
        return UnitPlan(code, name, "service_unit", profile, *posts, deputies, size)
    unit = UnitPlan(
        code, name, "service_unit", profile, *posts, deputies, 1 + deputies, fixed=True
    )
    rest = size - unit.size
    if hospital:
        titles, profiles = _hospital_divisions(rest)
    else:
        titles, profiles = (
            structure.CENTRE_DIVISIONS[: max(2, min(4, round(rest / 25)))],
            (profile,),
        )
    _divisions(rng, unit, titles, rest, profiles)
    return unit


def _hospital_divisions(staff: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Titles and profiles of a hospital's offices and wards, about 30 staff each."""
    count = max(2, min(len(structure.HOSPITAL_WARDS) + 2, round(staff / 30)))
    titles = (*structure.HOSPITAL_OFFICES[:2], *structure.HOSPITAL_WARDS)[:count]
    profiles = tuple(
        "hospital_office" if t.startswith("Phòng") else "hospital_ward" for t in titles
    )
    return titles, profiles


def _schools(
    rng: random.Random, dept: UnitPlan, budget: float, places: list[str]
) -> None:
    count = max(1, round(budget / 75))
    titles = [
        *structure.PROVINCIAL_SCHOOLS,
        *(f"Trường Trung học phổ thông {p}" for p in places),
    ][:count]
    for i, title in enumerate(titles):
        size = max(12.0, _jitter(rng, budget / count))
        head, deputy = (
            ("GD_TT", "PGD_TT")
            if title.startswith("Trung tâm")
            else ("HIEU_TRUONG", "PHO_HIEU_TRUONG")
        )
        dept.add(
            UnitPlan(f"{dept.code}-T{i + 1:03d}", title, "service_unit", "school_thpt", head, deputy,
                     3 if size > 80 else 2, size)
        )  # fmt: skip


def _hospitals(
    rng: random.Random, dept: UnitPlan, budget: float, places: list[str]
) -> None:
    chosen: list[tuple[str, float]] = []
    regional = (
        (template.format(place=place), float(nominal))
        for place in places
        for template, nominal in structure.REGIONAL_HEALTH
    )
    for name, nominal in (*structure.HOSPITALS, *regional):
        if chosen and sum(size for _, size in chosen) >= budget * 0.95:
            break
        chosen.append((name, float(nominal)))
    scale = budget / sum(size for _, size in chosen)
    for i, (name, nominal) in enumerate(chosen):
        dept.add(
            _service_unit(
                rng, f"{dept.code}-BV{i + 1:02d}", name, nominal * scale, hospital=True
            )
        )


def _centres(
    rng: random.Random, depts: list[tuple[DepartmentDef, UnitPlan]], budget: float
) -> None:
    nominal = sum(size for d, _ in depts for _, size in d.centres)
    if nominal == 0:
        return
    scale = budget / nominal
    for d, dept in depts:
        for i, (name, size) in enumerate(d.centres):
            if size * scale >= 6:
                code = f"{dept.code}-TT{i + 1:02d}"
                dept.add(
                    _service_unit(
                        rng,
                        code,
                        name,
                        size * scale,
                        hospital=False,
                        culture=d.code == "SVHTTDL",
                    )
                )


def _commune(
    rng: random.Random,
    prefix: str,
    number: int,
    place: str,
    size: float,
    pool: list[str],
) -> UnitPlan:
    ward = number % WARD_EVERY == 0
    kind, title = ("ward", "Phường") if ward else ("commune", "Xã")
    commune = UnitPlan(
        f"{prefix}-{'P' if ward else 'X'}{number:03d}", f"{title} {place}", kind, "commune",
        "CT_UBND_XA", "PCT_UBND_XA", 2, 3, fixed=True,
    )  # fmt: skip
    office = _commune_offices(commune, size, ward=ward)
    health = 0.0
    if size >= 300:  # small communes share a health station with their neighbours
        health = min(15.0, max(5.0, size * 0.016))
        commune.add(
            UnitPlan(f"{commune.code}-YT", f"Trạm Y tế {commune.name[0].lower()}{commune.name[1:]}",
                     "service_unit", "health_station", "TRAM_TRUONG", "PHO_TRAM_TRUONG", 1, health)
        )  # fmt: skip
    _commune_schools(rng, commune, place, max(10.0, size - 3 - office - health), pool)
    return commune


def _commune_offices(commune: UnitPlan, size: float, *, ward: bool) -> float:
    """Add the commune's office and divisions; return how many staff they hold."""
    divisions = structure.COMMUNE_DIVISIONS[: max(1, min(4, round(size / 170)))]
    office = min(60.0, max(4.0 * len(divisions), size * 0.055))
    weights = (12, 11, 9, 8)[: len(divisions)]
    for i, (commune_name, ward_name, profile) in enumerate(divisions):
        head, deputy = _division_posts(ward_name)
        unit = UnitPlan(
            f"{commune.code}-{i + 1:02d}", ward_name if ward else commune_name, "division", profile,
            head, deputy, 1, office * weights[i] / sum(weights),
        )  # fmt: skip
        if (
            profile == "commune_psc"
        ):  # led by a vice-chair of the commune, as a second post
            unit.head_post, unit.deputy_post, unit.head_concurrent = (
                "GD_TTPVHCC_XA",
                "PGD_TT",
                True,
            )
        commune.add(unit)
    return office


def _commune_schools(
    rng: random.Random, commune: UnitPlan, place: str, budget: float, pool: list[str]
) -> None:
    for prefix, profile, share, nominal in structure.COMMUNE_SCHOOLS:
        part = budget * share
        count = max(1, round(part / nominal))
        places = [place, *rng.sample(pool, count - 1)]
        for i, school_place in enumerate(places):
            size = max(6.0, _jitter(rng, part / count, 0.2))
            commune.add(
                UnitPlan(f"{commune.code}-{profile[7:].upper()}{i + 1}", f"{prefix} {school_place}", "service_unit",
                         profile, "HIEU_TRUONG", "PHO_HIEU_TRUONG", 2 if size >= 40 else 1, size)
            )  # fmt: skip


def plan_province(
    rng: random.Random, staff: int, *, prefix: str = "AS", name: str = PROVINCE_NAME
) -> UnitPlan:
    """Return the root of a province of about `staff` people; sizes add up to `staff` exactly."""
    if staff < MIN_STAFF:
        raise ValueError(f"staff must be at least {MIN_STAFF}")
    root = UnitPlan(
        prefix,
        name,
        "province",
        "province",
        "CT_UBND_TINH",
        "PCT_UBND_TINH",
        3,
        4,
        fixed=True,
    )
    pool = names.place_names(rng, 1200)
    depts = [(d, root.add(_department(rng, prefix, d, staff * SHARES["admin"] / department_count(staff))))
             for d in structure.DEPARTMENTS[: department_count(staff)]]  # fmt: skip
    used = root.size + staff * SHARES["admin"]
    for d, dept in depts:
        if d.sector == "education":
            _schools(rng, dept, staff * SHARES["education"], pool[200:])
            used += staff * SHARES["education"]
        elif d.sector == "health":
            _hospitals(rng, dept, staff * SHARES["health"], pool[100:])
            used += staff * SHARES["health"]
    _centres(rng, depts, staff * SHARES["service"])
    used += staff * SHARES["service"]
    communes_budget = max(staff - used, 150.0)
    count = max(1, round(communes_budget / COMMUNE_STAFF))
    for number in range(1, count + 1):
        size = _jitter(rng, communes_budget / count, 0.25 if count > 1 else 0.0)
        root.add(_commune(rng, prefix, number, pool[number - 1], size, pool[count:]))
    fit_headcounts(root.walk(), staff)
    return root


def fit_headcounts(units: list[UnitPlan], staff: int) -> None:
    """Turn the wanted sizes into whole headcounts that add up to `staff` exactly.

    Leadership-only units keep their size; every other unit keeps room for its
    leaders and at least one professional.
    """
    fixed = sum(round(u.size) for u in units if u.fixed)
    scalable = [u for u in units if not u.fixed]
    factor = (staff - fixed) / sum(u.size for u in scalable)
    for unit in units:
        unit.headcount = (
            round(unit.size)
            if unit.fixed
            else max(unit.leaders + 1, math.floor(unit.size * factor))
        )
    gap = staff - sum(u.headcount for u in units)
    by_size = sorted(scalable, key=lambda u: (-u.headcount, u.code))
    i = 0
    while gap != 0:
        unit = by_size[i % len(by_size)]
        step = 1 if gap > 0 else -1
        if step > 0 or unit.headcount > unit.leaders + 1:
            unit.headcount += step
            gap -= step
        i += 1


def number_units(root: UnitPlan, first_pk: int, rng: random.Random) -> list[UnitPlan]:
    """Give every unit its id, path, depth and staffing quota (near its headcount)."""
    units = root.walk()
    for offset, unit in enumerate(units):
        unit.pk = first_pk + offset
        parent = unit.parent
        unit.depth = parent.depth + 1 if parent else 0
        unit.path = (parent.path if parent else "") + path_segment(unit.pk)
        unit.quota = max(unit.leaders, round(unit.headcount * rng.uniform(0.9, 1.1)))
    return units
