from canbo.imports.tests.helpers import STAFF_HEADER, xlsx, staff_row
from datetime import date

def test_smoke(cast, run_import, post, position):
    content = xlsx(STAFF_HEADER, [
        staff_row(citizen_id="001090123456", full_name="Trần Văn Bình", sex="Nam", birth_date=date(1990,3,4),
                  unit="SNV-TCBC", category="Công chức", post="TP", start_date="01/02/2020", salary_coefficient="3,33"),
    ])
    job = run_import(cast.actor("personnel"), "staff", content)
    print(job.status, job.errors, job.summary, job.changes)
    job = run_import(cast.actor("personnel"), "staff", content)
    print(job.status, job.errors, job.summary, job.changes)
    assert 0
