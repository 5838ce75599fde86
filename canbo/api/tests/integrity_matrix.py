"""The integrity endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from canbo.tests.fixtures import PERSONAS, Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

_serial = itertools.count(1)
EVERYONE = frozenset(PERSONAS)
VIEWERS = frozenset({"personnel", "head", "auditor"})  # of division A1's findings
ANALYSTS = frozenset({"personnel", "auditor"})
TEMPLATE = (
    "Bản thân luôn chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách "
    "pháp luật của Nhà nước và quy định của cơ quan, hoàn thành tốt nhiệm vụ."
)


def _run_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "unit": cast.org.division_a1.code,
            "year": 2026,
            "detectors": ["copied"],
            "thresholds": {"copied_similarity": 0.6},
        }

    return body


def _review_body() -> dict[str, Any]:
    return {"status": "dismissed", "note": f"Đã kiểm tra {next(_serial)}."}


def _template_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "unit": cast.org.division_a1.pk,
            "title": f"Mẫu {next(_serial)}",
            "text": TEMPLATE,
        }

    return body


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, Endpoint
    from canbo.integrity.tests.factories import (
        FindingFactory,
        RunFactory,
        TemplateTextFactory,
    )

    org = cast.org
    run = RunFactory(unit=org.division_a1)
    finding = FindingFactory(run=run, unit=org.division_a1, person=org.person_a1)
    runs = f"{API}/integrity/runs"
    findings = f"{API}/integrity/findings"
    templates = f"{API}/integrity/templates"
    return [
        Endpoint("GET", runs, runs, EVERYONE),
        Endpoint("POST", runs, runs, ANALYSTS, _run_body(cast)),
        Endpoint("GET", f"{runs}/{{run_id}}", f"{runs}/{run.pk}", VIEWERS),
        Endpoint("GET", findings, findings, EVERYONE),
        Endpoint(
            "GET", f"{findings}/{{finding_id}}", f"{findings}/{finding.pk}", VIEWERS
        ),
        Endpoint(
            "POST",
            f"{findings}/{{finding_id}}/review",
            f"{findings}/{finding.pk}/review",
            ANALYSTS,
            _review_body,
        ),
        Endpoint("GET", templates, templates, EVERYONE),
        Endpoint("POST", templates, templates, ANALYSTS, _template_body(cast)),
        Endpoint(
            "DELETE",
            f"{templates}/{{template_id}}",
            f"{templates}/0",
            ANALYSTS,
            fresh=lambda: f"{templates}/{TemplateTextFactory(unit=org.division_a1).pk}",
        ),
    ]
