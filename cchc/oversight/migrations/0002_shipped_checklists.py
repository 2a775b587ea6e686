"""The checklists shipped with CCHC, version 1 (cchc.oversight.checklists). A later version of a
checklist is added by a new migration calling ``install`` again; rows already there are kept."""

from django.db import migrations


def install(apps, schema_editor):
    from cchc.oversight.checklists import install as install_shipped

    install_shipped(apps.get_model("oversight", "ChecklistTemplate"), apps.get_model("oversight", "ChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
