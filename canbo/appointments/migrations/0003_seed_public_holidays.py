"""The days off of 2026 and 2027 (Labour Code art. 112 and the Government's notices).

Each row is a weekday the State's offices close: a holiday falling on a weekend is
made up on the next working day. An administrator corrects or adds years on the
public holidays page; the reappointment notice (90 working days) reads them.
"""

from datetime import date

from django.db import migrations

HOLIDAYS = [
    (date(2026, 1, 1), "Tết Dương lịch"),
    (date(2026, 2, 16), "Tết Nguyên đán (29 tháng Chạp)"),
    (date(2026, 2, 17), "Tết Nguyên đán (mùng 1)"),
    (date(2026, 2, 18), "Tết Nguyên đán (mùng 2)"),
    (date(2026, 2, 19), "Tết Nguyên đán (mùng 3)"),
    (date(2026, 2, 20), "Tết Nguyên đán (mùng 4)"),
    (date(2026, 4, 27), "Giỗ Tổ Hùng Vương (10/3 âm lịch, nghỉ bù)"),
    (date(2026, 4, 30), "Ngày Chiến thắng"),
    (date(2026, 5, 1), "Ngày Quốc tế Lao động"),
    (date(2026, 9, 1), "Quốc khánh (ngày liền kề)"),
    (date(2026, 9, 2), "Quốc khánh"),
    (date(2027, 1, 1), "Tết Dương lịch"),
    (date(2027, 2, 5), "Tết Nguyên đán (ngày cuối năm)"),
    (date(2027, 2, 8), "Tết Nguyên đán (mùng 3)"),
    (date(2027, 2, 9), "Tết Nguyên đán (mùng 4)"),
    (date(2027, 2, 10), "Tết Nguyên đán (nghỉ bù mùng 1)"),
    (date(2027, 2, 11), "Tết Nguyên đán (nghỉ bù mùng 2)"),
    (date(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (date(2027, 4, 30), "Ngày Chiến thắng"),
    (date(2027, 5, 3), "Ngày Quốc tế Lao động (nghỉ bù 1/5)"),
    (date(2027, 9, 2), "Quốc khánh"),
    (date(2027, 9, 3), "Quốc khánh (ngày liền kề)"),
]


def seed(apps, schema_editor):
    PublicHoliday = apps.get_model("appointments", "PublicHoliday")
    for day, name in HOLIDAYS:
        PublicHoliday.objects.get_or_create(date=day, defaults={"name": name})


def unseed(apps, schema_editor):
    PublicHoliday = apps.get_model("appointments", "PublicHoliday")
    PublicHoliday.objects.filter(date__in=[day for day, _name in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("appointments", "0002_holidays_ballots_selection")]

    operations = [migrations.RunPython(seed, unseed)]
