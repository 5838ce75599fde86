"""The named cast every test can use.

A province with two departments (Sở Nội vụ "A", Sở Tài chính "B"). Everyone works
in department A except the outsider, who holds the personnel role in B:

    province ─┬─ dept_a ─── division_a1
              └─ dept_b ─── division_b1

| persona   | role      | on                      |
|-----------|-----------|-------------------------|
| admin     | admin     | province and below      |
| personnel | personnel | dept_a and below        |
| head      | head      | dept_a and below        |
| manager   | manager   | division_a1             |
| staff     | staff     | division_a1 (own record)|
| auditor   | auditor   | dept_a and below        |
| outsider  | personnel | dept_b and below        |
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from canbo.accounts.models import User
from canbo.accounts.tests.factories import PASSWORD, RoleGrantFactory, UserFactory
from canbo.core.actor import Actor, actor_for
from canbo.org.models import Unit
from canbo.org.tests.factories import UnitFactory
from canbo.people.models import Person
from canbo.people.tests.factories import PersonFactory

PERSONAS = ("admin", "personnel", "head", "manager", "staff", "auditor", "outsider")


@dataclass
class Org:
    province: Unit
    dept_a: Unit
    division_a1: Unit
    dept_b: Unit
    division_b1: Unit
    person_a1: Person  # a colleague in division A1
    person_b1: Person  # someone in department B's division


@pytest.fixture
def org(db: None) -> Org:
    province = UnitFactory(
        code="P01", name="Tỉnh Thử Nghiệm", kind=Unit.Kind.PROVINCE, staffing_quota=0
    )
    dept_a = UnitFactory(
        code="SNV", name="Sở Nội vụ", kind=Unit.Kind.DEPARTMENT, parent=province
    )
    division_a1 = UnitFactory(
        code="SNV-TCBC", name="Phòng Tổ chức, biên chế", parent=dept_a
    )
    dept_b = UnitFactory(
        code="STC", name="Sở Tài chính", kind=Unit.Kind.DEPARTMENT, parent=province
    )
    division_b1 = UnitFactory(code="STC-NS", name="Phòng Ngân sách", parent=dept_b)
    return Org(
        province=province,
        dept_a=dept_a,
        division_a1=division_a1,
        dept_b=dept_b,
        division_b1=division_b1,
        person_a1=PersonFactory(full_name="Nguyễn Văn An", unit=division_a1),
        person_b1=PersonFactory(full_name="Lê Thị Bích", sex="F", unit=division_b1),
    )


@dataclass
class Cast:
    org: Org
    users: dict[str, User]

    def actor(self, name: str) -> Actor:
        return actor_for(self.users[name])

    def client(self, name: str) -> Client:
        client = Client()
        assert client.login(username=self.users[name].username, password=PASSWORD)
        return client


@pytest.fixture
def cast(org: Org) -> Cast:
    def user(
        name: str,
        role: str,
        unit: Unit,
        *,
        subtree: bool = True,
        person: Person | None = None,
    ) -> User:
        account = UserFactory(username=name, person=person)
        RoleGrantFactory(user=account, role=role, unit=unit, include_subtree=subtree)
        return account

    staff_person = PersonFactory(full_name="Phạm Minh Châu", unit=org.division_a1)
    users = {
        "admin": user("admin", "admin", org.province),
        "personnel": user("personnel", "personnel", org.dept_a),
        "head": user("head", "head", org.dept_a),
        "manager": user("manager", "manager", org.division_a1, subtree=False),
        "staff": user(
            "staff", "staff", org.division_a1, subtree=False, person=staff_person
        ),
        "auditor": user("auditor", "auditor", org.dept_a),
        "outsider": user("outsider", "personnel", org.dept_b),
    }
    return Cast(org=org, users=users)
