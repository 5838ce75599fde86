"""Request and response bodies for staff records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import Field, field_validator

from canbo.api.schemas.common import MAX_ID, CodeRef, InSchema, PageFilter, Ref, UnitRef
from canbo.people.models import Person
from canbo.people.selectors import AGE_BANDS

AGE_BAND_HELP = "One of: " + ", ".join(AGE_BANDS) + "."


class PersonFilter(PageFilter):
    unit: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only people managed by this unit (id)."
    )
    subtree: bool = Field(True, description="With `unit`: include the units below it.")
    category: Person.Category | None = None
    sex: Person.Sex | None = None
    post: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Only people currently holding this post (id).",
    )
    age_band: str = Field("", max_length=16, description=AGE_BAND_HELP)
    q: str = Field(
        "",
        max_length=100,
        description="Name with or without diacritics, or citizen ID digits.",
    )
    active: bool = Field(
        True, description="true: people in service; false: people no longer in service."
    )


def _checked_email(value: str | None) -> str | None:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as error:
            raise ValueError(" ".join(str(m) for m in error.messages)) from error
    return value


class PersonIn(InSchema):
    full_name: str = Field(max_length=100)
    sex: Person.Sex
    birth_date: date
    citizen_id: str = Field(
        max_length=32, description="The 12-digit citizen ID (CCCD)."
    )
    unit: Ref = Field(description="The managing unit's id or code.")
    category: Person.Category
    ethnicity: str = Field("Kinh", max_length=50)
    religion: str = Field("", max_length=50)
    birthplace: str = Field("", max_length=200)
    hometown: str = Field("", max_length=200)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    civil_service_rank: str = Field("", max_length=100)
    salary_step: int | None = Field(None, ge=0, le=100)
    salary_coefficient: Decimal | None = Field(
        None, ge=0, max_digits=4, decimal_places=2
    )
    education: Person.Education = Person.Education.NONE
    major: str = Field("", max_length=150)
    political_theory: Person.PoliticalTheory = Person.PoliticalTheory.NONE
    state_management: Person.StateManagement = Person.StateManagement.NONE
    party_join_date: date | None = None
    recruited_on: date | None = None

    _email = field_validator("email")(_checked_email)


class PersonPatch(InSchema):
    full_name: str | None = Field(None, max_length=100)
    sex: Person.Sex | None = None
    birth_date: date | None = None
    citizen_id: str | None = Field(None, max_length=32)
    unit: Ref | None = Field(None, description="The managing unit's id or code.")
    category: Person.Category | None = None
    ethnicity: str | None = Field(None, max_length=50)
    religion: str | None = Field(None, max_length=50)
    birthplace: str | None = Field(None, max_length=200)
    hometown: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=20)
    email: str | None = Field(None, max_length=254)
    civil_service_rank: str | None = Field(None, max_length=100)
    salary_step: int | None = Field(None, ge=0, le=100)
    salary_coefficient: Decimal | None = Field(
        None, ge=0, max_digits=4, decimal_places=2
    )
    education: Person.Education | None = None
    major: str | None = Field(None, max_length=150)
    political_theory: Person.PoliticalTheory | None = None
    state_management: Person.StateManagement | None = None
    party_join_date: date | None = None
    recruited_on: date | None = None
    is_active: bool | None = None

    _email = field_validator("email")(_checked_email)


# Fields of PersonPatch that may be set to null.
PERSON_NULLABLE = frozenset(
    {"salary_step", "salary_coefficient", "party_join_date", "recruited_on"}
)


class CurrentAssignmentOut(Schema):
    id: int
    unit: UnitRef
    post: CodeRef | None
    job_position: CodeRef | None
    start_date: date
    is_primary: bool


class PersonOut(Schema):
    id: int
    full_name: str
    sex: str
    birth_date: date
    citizen_id: str
    category: str
    unit: UnitRef
    is_active: bool
    current_assignments: list[CurrentAssignmentOut] = Field(
        description="Open assignments (no end date)."
    )


class PersonPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PersonOut]


class AssignmentHistoryOut(Schema):
    id: int
    unit: UnitRef
    post: CodeRef | None
    job_position: CodeRef | None
    start_date: date
    end_date: date | None
    is_primary: bool
    decision_ref: str


class RelativeOut(Schema):
    id: int
    relation: str
    full_name: str
    birth_year: int | None
    occupation: str
    workplace: str
    citizen_id: str


class PersonCVOut(Schema):
    id: int
    full_name: str
    sex: str
    birth_date: date
    citizen_id: str
    unit: UnitRef
    category: str
    is_active: bool
    ethnicity: str
    religion: str
    birthplace: str
    hometown: str
    phone: str
    email: str
    civil_service_rank: str
    salary_step: int | None
    salary_coefficient: Decimal | None
    education: str
    major: str
    political_theory: str
    state_management: str
    party_join_date: date | None
    recruited_on: date | None


class PersonDetailOut(PersonCVOut):
    retirement_date: date = Field(
        description="Last day of the month the retirement age is reached."
    )
    months_to_retirement: int = Field(
        description="Calendar months from this month; negative once past."
    )
    assignments: list[AssignmentHistoryOut]
    relatives: list[RelativeOut]
