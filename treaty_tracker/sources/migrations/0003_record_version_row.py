import uuid

from django.db import migrations


def create_version(apps, schema_editor):
    apps.get_model("sources", "RecordVersion").objects.get_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex}
    )


class Migration(migrations.Migration):
    """The single RecordVersion row, so every process can cache the register at once."""

    dependencies = [("sources", "0002_initial")]

    operations = [migrations.RunPython(create_version, migrations.RunPython.noop)]
