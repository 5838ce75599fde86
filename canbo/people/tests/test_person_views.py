from __future__ import annotations

from canbo.core.models import AuditEntry
from canbo.people.models import Person
from canbo.tests.fixtures import Cast


def test_search_without_diacritics_finds_the_name(cast: Cast) -> None:
    response = cast.client("personnel").get("/people/", {"q": "nguyen van an"})
    assert response.status_code == 200
    assert "Nguyễn Văn An" in response.text


def test_search_by_citizen_id_digits(cast: Cast) -> None:
    person = cast.org.person_a1
    response = cast.client("personnel").get("/people/", {"q": person.citizen_id[:9]})
    assert person.full_name in response.text


def test_list_excludes_people_outside_scope(cast: Cast) -> None:
    response = cast.client("personnel").get("/people/")
    assert "Nguyễn Văn An" in response.text
    assert "Lê Thị Bích" not in response.text


def test_profile_shows_retirement_date(cast: Cast) -> None:
    person = cast.org.person_a1  # man born 15/06/1985 retires at 62 in June 2047
    response = cast.client("head").get(f"/people/{person.pk}/")
    assert response.status_code == 200
    assert "30/06/2047" in response.text


def test_outsider_gets_404_not_403(cast: Cast) -> None:
    response = cast.client("outsider").get(f"/people/{cast.org.person_a1.pk}/")
    assert response.status_code == 404


def test_editing_a_field_is_saved_and_shown_in_history(cast: Cast) -> None:
    person = cast.org.person_a1
    client = cast.client("personnel")
    form = client.get(f"/people/{person.pk}/edit/").context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(phone="0912345678", birth_date="1985-06-15", is_active="on")
    response = client.post(f"/people/{person.pk}/edit/", data)
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).phone == "0912345678"
    entry = AuditEntry.objects.get(
        action="people.person.updated", object_id=str(person.pk)
    )
    assert entry.changes == {"phone": ["", "0912345678"]}
    page = client.get(f"/people/{person.pk}/")
    assert "0912345678" in page.text


def test_malformed_citizen_id_is_refused_with_a_field_message(cast: Cast) -> None:
    client = cast.client("personnel")
    data = {
        "full_name": "Hoàng Thị Mai",
        "sex": "F",
        "birth_date": "1990-03-02",
        "citizen_id": "12345",
        "unit_code": cast.org.division_a1.code,
        "category": "cong_chuc",
        "ethnicity": "Kinh",
        "is_active": "on",
    }
    response = client.post("/people/new/", data)
    assert response.status_code == 422
    assert response.context["form"].errors["citizen_id"]
    assert not Person.objects.filter(full_name="Hoàng Thị Mai").exists()


def test_history_shows_choice_labels_not_codes(cast: Cast) -> None:
    client = cast.client("personnel")
    person = cast.org.person_a1
    client.post(
        f"/people/{person.pk}/relatives/new/",
        {"relation": "spouse", "full_name": "Trần Thị Bình"},
    )
    page = client.get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    history = page.text[page.text.index('id="history"') :]
    assert "Vợ/chồng" in history
    assert "spouse" not in history
