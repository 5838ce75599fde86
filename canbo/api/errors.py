"""One mapping from errors to responses, for every endpoint.

Missing or out-of-scope → 404; not allowed → 403; bad input (from the service or
from the request's shape) → 422 with reasons by field; no credentials → 401.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from canbo.core.errors import InvalidInput

NON_FIELD = "__all__"
# Names of the operation parameters that hold a whole body or query schema.
CONTAINER_PARAMS = frozenset({"payload", "filters"})

# Reasons for the pydantic error types a client is likely to meet.
_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda ctx: _("This field is required."),
    "extra_forbidden": lambda ctx: _("Unknown field."),
    "string_too_long": lambda ctx: (
        _("Use at most %(n)s characters.") % {"n": ctx.get("max_length")}
    ),
    "string_too_short": lambda ctx: _("This field cannot be empty."),
    "enum": lambda ctx: (
        _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    ),
    "greater_than_equal": lambda ctx: (
        _("Enter a value of at least %(n)s.") % {"n": ctx.get("ge")}
    ),
    "less_than_equal": lambda ctx: (
        _("Enter a value of at most %(n)s.") % {"n": ctx.get("le")}
    ),
    "bool_parsing": lambda ctx: _("Enter true or false."),
    "int_parsing": lambda ctx: _("Enter a whole number."),
    "int_type": lambda ctx: _("Enter a whole number."),
    "date_from_datetime_parsing": lambda ctx: _("Enter a valid date as YYYY-MM-DD."),
    "date_parsing": lambda ctx: _("Enter a valid date as YYYY-MM-DD."),
    "date_type": lambda ctx: _("Enter a valid date as YYYY-MM-DD."),
    "value_error": lambda ctx: str(ctx.get("error", "")),
    "decimal_parsing": lambda ctx: _("Enter a number."),
    "string_type": lambda ctx: _("Enter a text value."),
}


# Path steps pydantic adds for the members of a union such as "id or code".
_UNION_MEMBERS = frozenset({"int", "str", "constrained-str"})


def _field_name(loc: tuple[Any, ...]) -> str:
    # loc is (source, [param name,] field, [nested…]), e.g. ("body", "payload", "birth_date").
    parts = [str(part) for part in loc[1:]]
    if parts and parts[0] in CONTAINER_PARAMS:
        parts = parts[1:]
    parts = [part for part in parts if part not in _UNION_MEMBERS]
    return ".".join(parts) or NON_FIELD


def _reason(error: dict[str, Any]) -> str:
    if any(str(part) in _UNION_MEMBERS for part in error.get("loc", ())):
        return _("Enter an id (a number) or a code (text).")
    message = _MESSAGES.get(error.get("type", ""))
    if message is not None:
        return message(error.get("ctx") or {})
    return str(error.get("msg", _("This value is not valid.")))


def validation_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Turn ninja's list of pydantic errors into {field: [reasons]}."""
    result: dict[str, list[str]] = {}
    for error in errors:
        reasons = result.setdefault(_field_name(tuple(error.get("loc", ()))), [])
        reason = _reason(error)
        if reason not in reasons:
            reasons.append(reason)
    return result


def _respond(
    api: NinjaAPI, request: HttpRequest, body: dict[str, Any], status: int
) -> HttpResponse:
    return api.create_response(request, body, status=status)


def _not_found(request: HttpRequest, exc: Any, *, api: NinjaAPI) -> HttpResponse:
    return _respond(api, request, {"detail": _("Not found.")}, 404)


def _forbidden(request: HttpRequest, exc: Any, *, api: NinjaAPI) -> HttpResponse:
    return _respond(api, request, {"detail": _("You are not allowed to do this.")}, 403)


def _unauthenticated(request: HttpRequest, exc: Any, *, api: NinjaAPI) -> HttpResponse:
    message = (
        exc.message if exc.message != "Unauthorized" else _("Authentication required.")
    )
    response = _respond(api, request, {"detail": message}, 401)
    response["WWW-Authenticate"] = 'Bearer realm="canbo"'
    return response


def _http_error(request: HttpRequest, exc: Any, *, api: NinjaAPI) -> HttpResponse:
    if exc.status_code == 400:  # ninja's only 400: a body that does not parse
        return _respond(
            api, request, {"detail": _("The request body is not valid JSON.")}, 400
        )
    if exc.status_code == 403 and exc.message == "Forbidden":
        return _forbidden(request, exc, api=api)
    return _respond(api, request, {"detail": str(exc)}, exc.status_code)


def _invalid(
    request: HttpRequest, errors: dict[str, list[str]], *, api: NinjaAPI
) -> HttpResponse:
    errors = {
        (field or NON_FIELD): list(map(str, reasons))
        for field, reasons in errors.items()
    }
    return _respond(
        api, request, {"detail": _("The input is not valid."), "errors": errors}, 422
    )


def _invalid_input(request: HttpRequest, exc: Any, *, api: NinjaAPI) -> HttpResponse:
    return _invalid(request, exc.errors, api=api)


def _invalid_shape(request: HttpRequest, exc: Any, *, api: NinjaAPI) -> HttpResponse:
    return _invalid(request, validation_errors(exc.errors), api=api)


def install(api: NinjaAPI) -> None:
    """Register the handlers on `api`, replacing ninja's defaults.

    Each handler receives the exception of the class it is registered for.
    """
    handlers: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
        (Http404, _not_found),
        (PermissionDenied, _forbidden),
        (AuthenticationError, _unauthenticated),
        (HttpError, _http_error),
        (InvalidInput, _invalid_input),
        (ValidationError, _invalid_shape),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, partial(handler, api=api))
