"""Seed the catalogue groups of Khánh Hòa (A–D). They are data: edit or add freely."""

from django.db import migrations

GROUPS = (
    ("A", "Lãnh đạo, quản lý, chỉ đạo, điều hành", "Leadership and management."),
    ("B", "Công việc chuyên môn dùng chung", "Shared professional work."),
    ("C", "Công việc chuyên môn đặc thù của đơn vị", "Work specific to the unit."),
    ("D", "Công việc khác", "Other work."),
)


def seed(apps, schema_editor):
    ProductGroup = apps.get_model("work", "ProductGroup")
    for code, name, description in GROUPS:
        ProductGroup.objects.get_or_create(
            code=code, defaults={"name": name, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("work", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
