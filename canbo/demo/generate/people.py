"""Staff of one planned unit: their records, assignments and a few declared relatives.

Everything is drawn from the seeded `random.Random` in a fixed order, so one seed
gives the same people. Records are built in memory for `bulk_create`; ids are
given here so assignments can point at people before they are written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from canbo.demo.generate import career, catalogue, names
from canbo.demo.generate.plan import UnitPlan
from canbo.demo.generate.profiles import CONTRACT, Profile, profile_for
from canbo.demo.generate.relatives import relatives_of
from canbo.people.models import Assignment, Person, Relative
from canbo.policy.citizen_id import sex_century_digit
from canbo.policy.text import fold, name_sort_key

HOME_CODE = "017"  # birth-registration code used for the demo province
HOME_NAME = "tỉnh An Sơn"
OTHER_PROVINCES = {
    "001": "Hà Nội", "025": "Phú Thọ", "038": "Thanh Hóa", "040": "Nghệ An", "034": "Thái Bình",
    "036": "Nam Định", "030": "Hải Dương", "019": "Thái Nguyên", "031": "Hải Phòng", "024": "Bắc Giang",
    "079": "Thành phố Hồ Chí Minh", "035": "Hà Nam", "037": "Ninh Bình", "026": "Vĩnh Phúc", "042": "Hà Tĩnh",
}  # fmt: skip
RELIGIONS = (("", 85), ("Phật giáo", 8), ("Công giáo", 6), ("Tin lành", 1))
EMAIL_DOMAIN = "anson.example"


@dataclass
class Batch:
    """Rows waiting to be written."""

    people: list[Person] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    relatives: list[Relative] = field(default_factory=list)


@dataclass
class Generator:
    rng: random.Random
    today: date
    posts: dict[str, int]  # post code -> id
    positions: dict[str, int]  # job position code -> id
    next_pk: int
    used_ids: set[str] = field(default_factory=set)
    places: list[str] = field(default_factory=list)
    # unit pk -> [head, deputies…], for the concurrent posts of the unit's children
    leaders: dict[int, list[Person]] = field(default_factory=dict)
    serial: int = 0

    def staff_unit(self, unit: UnitPlan, batch: Batch) -> None:
        """Add the people of `unit` to `batch`: head, deputies, then professionals."""
        profile = profile_for(unit.profile)
        roles = ["head"] * (not unit.head_concurrent) + ["deputy"] * unit.deputies
        roles += ["staff"] * (unit.headcount - len(roles))
        leaders: list[Person] = []
        for role in roles:
            person = self._person(unit, profile, role, batch)
            if role != "staff":
                leaders.append(person)
        self.leaders[unit.pk] = leaders
        if unit.head_concurrent and unit.parent is not None:
            self._concurrent_head(unit, batch)

    def _concurrent_head(self, unit: UnitPlan, batch: Batch) -> None:
        """The commune's first vice-chair also heads its public service centre."""
        parent_leaders = self.leaders.get(unit.parent.pk if unit.parent else 0, [])
        if len(parent_leaders) < 2:
            return
        deputy = parent_leaders[1]
        start = max(self.today - timedelta(days=400), deputy.recruited_on or self.today)
        batch.assignments.append(
            Assignment(
                person_id=deputy.pk, unit_id=unit.pk, post_id=self.posts[unit.head_post],
                job_position_id=self.positions["LD_XA"], start_date=start,
                is_primary=False, decision_ref=self._decision(),
            )
        )  # fmt: skip

    def _decision(self) -> str:
        year = self.today.year - self.rng.randint(0, 5)
        return f"{self.rng.randint(1, 3999)}/QĐ-UBND/{year}"

    def _sex(self, profile: Profile, role: str) -> str:
        female = profile.female - {"head": 0.2, "deputy": 0.1}.get(role, 0.0)
        return "F" if self.rng.random() < max(0.1, female) else "M"

    def _citizen_id(self, code: str, born: date, sex: str) -> str:
        prefix = f"{code}{sex_century_digit(born.year, sex)}{born.year % 100:02d}"
        while True:
            number = f"{prefix}{self.rng.randrange(1_000_000):06d}"
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _origin(self) -> tuple[str, str, str]:
        """Return (province code, birthplace, hometown)."""
        if self.rng.random() < 0.8:
            code = HOME_CODE
            place = f"Xã {self.rng.choice(self.places)}, {HOME_NAME}"
        else:
            code = self.rng.choice(sorted(OTHER_PROVINCES))
            place = OTHER_PROVINCES[code]
        hometown = (
            place
            if self.rng.random() < 0.7
            else f"Xã {self.rng.choice(self.places)}, {HOME_NAME}"
        )
        return code, place, hometown

    def _person(
        self, unit: UnitPlan, profile: Profile, role: str, batch: Batch
    ) -> Person:
        rng = self.rng
        contract = role == "staff" and rng.random() < profile.contract_share
        if contract:
            category, position = CONTRACT, rng.choice(profile.contract_positions)
        elif role == "staff":
            category = profile.category
            position = rng.choices(
                [c for c, _ in profile.positions], [w for _, w in profile.positions]
            )[0]
        else:
            category, position = (
                profile.lead_category or profile.category,
                profile.lead_position,
            )
        sex = self._sex(profile, role)
        person = self._record(unit, profile, role, position, sex, category)
        batch.people.append(person)
        self._assignments(unit, role, position, person, batch)
        if rng.random() < 0.15:
            self._relatives(person, batch)
        return person

    def _record(
        self,
        unit: UnitPlan,
        profile: Profile,
        role: str,
        position: str,
        sex: str,
        category: str,
    ) -> Person:
        rng, today = self.rng, self.today
        support = category == CONTRACT
        ethnic = names.ethnicity(rng)
        full_name = names.full_name(rng, sex, ethnic)
        born = career.birth_date(rng, "contract" if support else role, sex, today)
        recruited = career.recruited_on(rng, born, today, support=support)
        qualifications = self._qualifications(
            unit, profile, role, position, category, recruited
        )
        code, birthplace, hometown = self._origin()
        self.serial += 1
        pk, self.next_pk = self.next_pk, self.next_pk + 1
        return Person(
            pk=pk, full_name=full_name, search_name=fold(full_name), sort_name=name_sort_key(full_name),
            sex=sex, birth_date=born, citizen_id=self._citizen_id(code, born, sex), ethnicity=ethnic,
            religion=names.weighted(rng, RELIGIONS), birthplace=birthplace, hometown=hometown,
            phone=f"0{rng.choice('3789')}{rng.randrange(10**8):08d}", email=self._email(full_name),
            category=category, party_join_date=career.party_join_date(rng, role, category, born, today),
            recruited_on=recruited, unit_id=unit.pk, unit_path=unit.path, is_active=True, **qualifications,
        )  # fmt: skip

    def _qualifications(
        self,
        unit: UnitPlan,
        profile: Profile,
        role: str,
        position: str,
        category: str,
        recruited: date,
    ) -> dict[str, Any]:
        """Rank and salary, education and training; a leader's follow their own profession."""
        post = {"head": unit.head_post, "deputy": unit.deputy_post}.get(role, "")
        post_rank = catalogue.POST_RANK.get(post, 0)
        trade = position if role == "staff" else profile.positions[0][0]
        served = career.age(recruited, self.today)
        rank = career.rank(
            self.rng, catalogue.POSITION_BY_CODE[trade].ladder, role, post_rank, served
        )
        edu_key = career.education_key(
            trade, role, profile.sector, category == CONTRACT
        )
        education, major = career.education(self.rng, edu_key, trade)
        theory, management = career.training(self.rng, role, post_rank, category)
        return {
            "civil_service_rank": rank.name,
            "salary_step": rank.step,
            "salary_coefficient": rank.coefficient,
            "education": education,
            "major": major,
            "political_theory": theory,
            "state_management": management,
        }

    def _email(self, full_name: str) -> str:
        if self.rng.random() < 0.5:
            return ""
        words = fold(full_name).split()
        return f"{words[-1]}.{''.join(w[0] for w in words[:-1])}{self.serial}@{EMAIL_DOMAIN}"

    def _assignments(
        self, unit: UnitPlan, role: str, position: str, person: Person, batch: Batch
    ) -> None:
        """The open primary assignment, and for some the previous one it followed."""
        rng, today = self.rng, self.today
        recruited = person.recruited_on or today
        lookback = 5 * 365 if role != "staff" else 12 * 365
        start = max(recruited, today - timedelta(days=rng.randint(30, lookback)))
        post = {"head": unit.head_post, "deputy": unit.deputy_post}.get(role)
        batch.assignments.append(
            self._assignment(person, unit, post, position, start, None)
        )
        if (start - recruited).days > 365 and rng.random() < 0.35:
            earlier = {"head": unit.deputy_post}.get(role)
            earlier_position = (
                position if earlier else profile_for(unit.profile).positions[0][0]
            )
            batch.assignments.append(
                self._assignment(
                    person,
                    unit,
                    earlier,
                    earlier_position,
                    recruited,
                    start - timedelta(days=1),
                )
            )

    def _assignment(
        self,
        person: Person,
        unit: UnitPlan,
        post: str | None,
        position: str,
        start: date,
        end: date | None,
    ) -> Assignment:
        return Assignment(
            person_id=person.pk, unit_id=unit.pk, post_id=self.posts[post] if post else None,
            job_position_id=self.positions[position], start_date=start, end_date=end,
            is_primary=True, decision_ref=self._decision(),
        )  # fmt: skip

    def _relatives(self, person: Person, batch: Batch) -> None:
        batch.relatives.extend(
            relatives_of(self.rng, person, self.today, self._citizen_id)
        )
