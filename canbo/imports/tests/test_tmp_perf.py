import time
from datetime import date
from canbo.imports.tests.helpers import STAFF_HEADER, xlsx, staff_row
from canbo.people.tests.factories import citizen_id_for

def test_perf(cast, run_import, post, position):
    rows = []
    for i in range(3000):
        b = date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        rows.append(staff_row(citizen_id=citizen_id_for(b, "M", 500000 + i), full_name=f"Nguyễn Văn {i}", sex="Nam",
            birth_date=b, unit="SNV-TCBC", category="Công chức", post="TP", job_position="VTVL-CV", start_date="01/02/2020", salary_coefficient="3,33", education="Đại học"))
    content = xlsx(STAFF_HEADER, rows)
    for dry in (True, False, False):
        t = time.perf_counter()
        job = run_import(cast.actor("personnel"), "staff", content, dry_run=dry)
        print("\nRESULT", dry, job.status, job.summary, round(time.perf_counter() - t, 2))
