"""A province's own pack: defined within the decree, chosen for its units, then frozen."""

from __future__ import annotations

from typing import Any

import pytest

from canbo.evaluation.models import Sheet, StoredPack
from canbo.evaluation.packs import criteria_text
from canbo.evaluation.tests import matrix
from canbo.policy.packs import ND335_2026
from canbo.tests.fixtures import Cast


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def _form(cast: Cast, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "base": "ND335_2026", "code": "SNV_2026", "title": "Sở Nội vụ 2026",
        "unit": cast.org.dept_a.pk, "valid_from": "2026-01-01",
        "criteria": criteria_text(ND335_2026.criteria),
        "leader_components": ["unit_result", "organise", "unite"], "cadence": "quarter",
        "quota_percent": 15, "raised_quota_percent": 25, "deduction": "0.25",
        "head_capped_by_unit": "on", "min_months_worked": 6,
    }  # fmt: skip
    data.update(changes)
    return data


def test_an_admin_defines_a_pack_and_it_rates_the_units_below(cast: Cast) -> None:
    response = cast.client("admin").post("/evaluation/packs/new/", _form(cast))
    assert response.status_code == 302
    assert StoredPack.objects.get().cadence == "quarter"
    matrix.period(cast)  # division A1, under department A
    assert set(Sheet.objects.values_list("pack", flat=True)) == {"SNV_2026"}
    page = cast.client("staff").get("/evaluation/packs/SNV_2026/").text
    assert 'data-setting="quota_percent"' in page


def test_criteria_that_do_not_add_up_to_30_are_refused_on_their_field(
    cast: Cast,
) -> None:
    criteria = criteria_text(ND335_2026.criteria).replace("| 4\n", "| 5\n", 1)
    response = cast.client("admin").post(
        "/evaluation/packs/new/", _form(cast, criteria=criteria)
    )
    assert response.status_code == 422
    assert "must add up to 30 points" in response.text
    bad_line = cast.client("admin").post(
        "/evaluation/packs/new/", _form(cast, criteria="a1 | a | Phẩm chất")
    )
    assert "Line 1: write code | group | name | points." in bad_line.text
    assert not StoredPack.objects.exists()


def test_a_quota_above_the_decree_is_refused(cast: Cast) -> None:
    response = cast.client("admin").post(
        "/evaluation/packs/new/", _form(cast, quota_percent=30)
    )
    assert response.status_code == 422
    assert "at most 20 %" in response.text


def test_a_pack_in_use_no_longer_changes(cast: Cast) -> None:
    code = matrix.stored_pack(cast)  # for the whole province
    matrix.period(cast)
    assert set(Sheet.objects.values_list("pack", flat=True)) == {code}
    response = cast.client("admin").post(
        f"/evaluation/packs/{code}/edit/",
        _form(cast, code=code, unit=cast.org.province.pk),
    )
    assert response.status_code == 422
    assert "define a new pack instead" in response.text


def test_the_built_in_pack_marks_what_the_texts_leave_open(cast: Cast) -> None:
    page = cast.client("staff").get("/evaluation/packs/ND335_2026/").text
    assert 'data-open="head_capped_by_unit"' in page
    assert 'data-open="deduction"' in page
    public_employees = cast.client("staff").get("/evaluation/packs/ND233_2026/").text
    assert 'data-open="head_capped_by_unit"' not in public_employees
