"""Reading one cell: the raw value openpyxl gives → the value a service expects."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from canbo.imports.columns import Column, Kind
from canbo.policy.text import fold

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
MAX_COEFFICIENT = Decimal("99.99")
CENT = Decimal("0.01")
MAX_INT = 2**31 - 1  # the largest whole number every database column here holds


class CellError(ValueError):
    """The cell holds a value of the wrong kind; the message says why."""


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _as_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        return raw.strftime("%d/%m/%Y")
    return " ".join(str(raw).split())


def _whole_number(raw: Any) -> int | None:
    """Return the integer a numeric cell holds, or None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return None


def parse_text(raw: Any, column: Column) -> str:
    text = _as_text(raw)
    if column.max_length is not None and len(text) > column.max_length:
        raise CellError(
            _("The text is too long: at most %(limit)s characters.")
            % {"limit": column.max_length}
        )
    return text


def parse_citizen_id(raw: Any) -> str:
    """Spreadsheets drop the leading zeros of a number: put them back."""
    number = _whole_number(raw)
    if number is not None and 0 <= number < 10**12:
        return f"{number:012d}"
    return re.sub(r"[\s.]", "", _as_text(raw))


def parse_phone(raw: Any, column: Column) -> str:
    number = _whole_number(raw)
    if number is not None and len(str(number)) == 9:
        return f"0{number}"
    return parse_text(raw, column)


def parse_email(raw: Any, column: Column) -> str:
    text = parse_text(raw, column)
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(
            _("“%(value)s” is not an email address.") % {"value": text}
        ) from None
    return text


def parse_date(raw: Any) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
            except ValueError:
                continue
    raise CellError(
        _("“%(value)s” is not a date; write it as dd/mm/yyyy.")
        % {"value": _as_text(raw)}
    )


def parse_int(raw: Any) -> int:
    number = _whole_number(raw)
    if number is None and isinstance(raw, str) and re.fullmatch(r"\s*-?\d+\s*", raw):
        number = int(raw)
    if number is None:
        raise CellError(
            _("“%(value)s” is not a whole number.") % {"value": _as_text(raw)}
        )
    if abs(number) > MAX_INT:
        raise CellError(_("“%(value)s” is too large.") % {"value": _as_text(raw)})
    return number


def parse_decimal(raw: Any) -> Decimal:
    """Accept 3.33 or 3,33 (the Vietnamese decimal comma), up to 99.99."""
    text = str(raw).strip().replace(",", ".") if not isinstance(raw, bool) else "x"
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": _as_text(raw)})
    if not 0 <= value <= MAX_COEFFICIENT:
        raise CellError(
            _("The number must be between 0 and %(max)s.") % {"max": MAX_COEFFICIENT}
        )
    return value.quantize(CENT)


def parse_choice(raw: Any, column: Column, aliases: dict[str, str]) -> str:
    value = aliases.get(fold(_as_text(raw)))
    if value is None:
        allowed = ", ".join(column.terms())
        raise CellError(
            _("Unknown value “%(value)s”; allowed: %(allowed)s.")
            % {"value": _as_text(raw), "allowed": allowed}
        )
    return value


def parse_cell(raw: Any, column: Column, aliases: dict[str, str]) -> Any:
    """Return the value of a non-blank cell for `column`, or raise CellError."""
    match column.kind:
        case Kind.CITIZEN_ID:
            return parse_citizen_id(raw)
        case Kind.PHONE:
            return parse_phone(raw, column)
        case Kind.EMAIL:
            return parse_email(raw, column)
        case Kind.DATE:
            return parse_date(raw)
        case Kind.INT:
            return parse_int(raw)
        case Kind.DECIMAL:
            return parse_decimal(raw)
        case Kind.CHOICE:
            return parse_choice(raw, column, aliases)
        case _:
            return parse_text(raw, column)
