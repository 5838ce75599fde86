"""The columns of the import files: titles, value kinds and accepted values.

The column titles and the drop-down values are the file format, written in
Vietnamese on purpose and never translated: a file filled in by one agency must
read the same in every other, whatever language its user interface shows.
Explanations of the columns (the "Hướng dẫn" sheet) are translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.text import fold


class Kind(StrEnum):
    TEXT = "text"
    CODE = "code"
    CITIZEN_ID = "citizen_id"
    PHONE = "phone"
    EMAIL = "email"
    DATE = "date"
    INT = "int"
    DECIMAL = "decimal"
    CHOICE = "choice"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: Kind
    help: Promise
    required: bool = False
    # (stored value, the Vietnamese term offered in the drop-down)
    choices: tuple[tuple[str, str], ...] = ()
    model_choices: type[models.TextChoices] | None = None
    max_length: int | None = None
    width: int = 18

    def terms(self) -> list[str]:
        """Return the values offered in the template's drop-down."""
        return [term for _value, term in self.choices]

    def aliases(self) -> dict[str, str]:
        """Return {folded accepted text: stored value} for a choice column.

        Accepted: the stored code, the Vietnamese term and the model's label in
        Vietnamese and English, compared without case or diacritics.
        """
        accepted: dict[str, str] = {}
        for value, term in self.choices:
            accepted[fold(value)] = value
            accepted[fold(term)] = value
        if self.model_choices is not None:
            for language in ("vi", "en"):
                with translation.override(language):
                    for value, label in self.model_choices.choices:
                        if value:
                            accepted.setdefault(fold(str(label)), value)
        return accepted


SEX = (("M", "Nam"), ("F", "Nữ"))
CATEGORY = (
    ("can_bo", "Cán bộ"),
    ("cong_chuc", "Công chức"),
    ("vien_chuc", "Viên chức"),
    ("hop_dong", "Hợp đồng"),
)
UNIT_KIND = (
    ("province", "Tỉnh/thành phố"),
    ("ministry", "Bộ"),
    ("department", "Sở/ban/ngành"),
    ("commune", "Xã"),
    ("ward", "Phường"),
    ("special_zone", "Đặc khu"),
    ("division", "Phòng"),
    ("service_unit", "Đơn vị sự nghiệp"),
    ("other", "Khác"),
)
EDUCATION = (
    ("secondary", "Trung học phổ thông"),
    ("vocational", "Trung cấp"),
    ("college", "Cao đẳng"),
    ("bachelor", "Đại học"),
    ("master", "Thạc sĩ"),
    ("doctor", "Tiến sĩ"),
)
POLITICAL_THEORY = (
    ("elementary", "Sơ cấp"),
    ("intermediate", "Trung cấp"),
    ("advanced", "Cao cấp"),
    ("bachelor", "Cử nhân"),
)
STATE_MANAGEMENT = (
    ("specialist", "Chuyên viên"),
    ("principal", "Chuyên viên chính"),
    ("senior", "Chuyên viên cao cấp"),
)

_KEY_HELP = _(
    "Required. The key of the row: a unit already in the system with this code is updated, otherwise a new unit is created."
)

UNIT_COLUMNS = (
    Column("code", "Mã đơn vị", Kind.CODE, _KEY_HELP, required=True, max_length=32, width=16),
    Column("name", "Tên đơn vị", Kind.TEXT, _("Required. The full name of the unit."), required=True, max_length=255, width=40),
    Column(
        "kind", "Loại đơn vị", Kind.CHOICE, _("Required. Choose from the list."),
        required=True, choices=UNIT_KIND, model_choices=Unit.Kind, width=20,
    ),
    Column(
        "parent", "Mã đơn vị cấp trên", Kind.CODE,
        _("The code of the unit directly above: a unit already in your scope or a unit on another row of this file. Leave it empty to keep the current parent unit."),
        max_length=32, width=20,
    ),
    Column("staffing_quota", "Biên chế", Kind.INT, _("The staffing quota: a whole number, 0 or more."), width=12),
)  # fmt: skip

_OPTIONAL = _("Optional. An empty cell keeps the value already recorded.")
_DATE_HELP = _("Optional. A date written dd/mm/yyyy (for example 15/06/1985).")

STAFF_COLUMNS = (
    Column(
        "citizen_id", "Số CCCD", Kind.CITIZEN_ID,
        _("Required. The 12-digit citizen ID, the key of the row: a staff record with this number is updated, otherwise a new one is created."),
        required=True, width=16,
    ),
    Column("full_name", "Họ và tên", Kind.TEXT, _("Required. Full name with diacritics."), required=True, max_length=100, width=28),
    Column("sex", "Giới tính", Kind.CHOICE, _("Required. Choose from the list."), required=True, choices=SEX, model_choices=Person.Sex, width=10),
    Column("birth_date", "Ngày sinh", Kind.DATE, _("Required. A date written dd/mm/yyyy."), required=True, width=13),
    Column(
        "unit", "Mã đơn vị", Kind.CODE,
        _("Required. The code of the managing unit; it must be in your scope (see the “Danh mục” sheet)."),
        required=True, max_length=32, width=14,
    ),
    Column(
        "category", "Loại cán bộ", Kind.CHOICE, _("Required. Choose from the list."),
        required=True, choices=CATEGORY, model_choices=Person.Category, width=14,
    ),
    Column("civil_service_rank", "Ngạch", Kind.TEXT, _OPTIONAL, max_length=100, width=18),
    Column("salary_step", "Bậc lương", Kind.INT, _("Optional. A whole number from 1 to 20."), width=10),
    Column("salary_coefficient", "Hệ số lương", Kind.DECIMAL, _("Optional. A number with at most two decimals, for example 3,33."), width=11),
    Column("ethnicity", "Dân tộc", Kind.TEXT, _("Optional. Kinh when empty on a new record."), max_length=50, width=10),
    Column("religion", "Tôn giáo", Kind.TEXT, _OPTIONAL, max_length=50, width=12),
    Column("birthplace", "Nơi sinh", Kind.TEXT, _OPTIONAL, max_length=200, width=20),
    Column("hometown", "Quê quán", Kind.TEXT, _OPTIONAL, max_length=200, width=20),
    Column("phone", "Điện thoại", Kind.PHONE, _OPTIONAL, max_length=20, width=13),
    Column("email", "Email", Kind.EMAIL, _OPTIONAL, max_length=254, width=24),
    Column("education", "Trình độ chuyên môn", Kind.CHOICE, _("Optional. Choose from the list."), choices=EDUCATION, model_choices=Person.Education, width=20),
    Column("major", "Chuyên ngành", Kind.TEXT, _OPTIONAL, max_length=150, width=20),
    Column(
        "political_theory", "Lý luận chính trị", Kind.CHOICE, _("Optional. Choose from the list."),
        choices=POLITICAL_THEORY, model_choices=Person.PoliticalTheory, width=16,
    ),
    Column(
        "state_management", "Quản lý nhà nước", Kind.CHOICE, _("Optional. Choose from the list."),
        choices=STATE_MANAGEMENT, model_choices=Person.StateManagement, width=20,
    ),
    Column("party_join_date", "Ngày vào Đảng", Kind.DATE, _DATE_HELP, width=13),
    Column("recruited_on", "Ngày tuyển dụng", Kind.DATE, _DATE_HELP, width=13),
    Column(
        "post", "Mã chức vụ", Kind.CODE,
        _("Optional current assignment: the code of a post (see the “Danh mục” sheet). Give it with “Ngày bắt đầu”."),
        max_length=32, width=12,
    ),
    Column(
        "job_position", "Mã vị trí việc làm", Kind.CODE,
        _("Optional current assignment: the code of a job position (see the “Danh mục” sheet). Give it with “Ngày bắt đầu”."),
        max_length=32, width=16,
    ),
    Column(
        "start_date", "Ngày bắt đầu", Kind.DATE,
        _("The start date of the assignment in the unit above, written dd/mm/yyyy; the person must be at least 18 on that day."),
        width=13,
    ),
)  # fmt: skip

PERSON_KEYS = frozenset(c.key for c in STAFF_COLUMNS) - {
    "post",
    "job_position",
    "start_date",
}


def columns_for(kind: str) -> tuple[Column, ...]:
    return UNIT_COLUMNS if kind == "units" else STAFF_COLUMNS


def title_of(columns: tuple[Column, ...], key: str) -> str:
    """Return the title of the column holding `key`, or "" for a whole-row problem."""
    return next((c.title for c in columns if c.key == key), "")
