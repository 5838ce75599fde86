import json
from canbo.api.tests.helpers import Api, call

def test_explore(cast):
    api = Api(cast, "personnel")
    for r in [
        call("GET", "/units"),
        api.get("/units"),
        api.get("/units", {"page_size": 500, "page": "x"}),
        api.get(f"/units/{cast.org.dept_b.pk}"),
        api.get(f"/units/99999999999999999999999"),
        api.get(f"/units/abc"),
        api.post("/people", {"full_name": "X", "birth_date": "3000-01-01", "sex": "Q", "citizen_id": "1", "unit": cast.org.division_a1.pk, "category": "cong_chuc", "bogus": 1}),
        api.post("/people", {"full_name": "X", "birth_date": "3000-01-01", "sex": "M", "citizen_id": "1", "unit": "SNV-TCBC", "category": "cong_chuc"}),
        api.post("/people", {"full_name": "X", "birth_date": "3000-01-01", "sex": "M", "citizen_id": "1", "unit": True, "category": "cong_chuc"}),
        api.get(f"/people/{cast.org.person_a1.pk}"),
        api.get("/people"),
    ]:
        print(r.status_code, r.headers.get("Content-Type"), r.content.decode()[:1500])
