# The digest of the file row the columnar import last wrote a dossier from (``columnar_same``): a
# re-imported unchanged file is recognised by comparing digests, without reading the stored dossiers.
# Existing dossiers have none, so their first re-import is compared the full way.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0010_late_list_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="import_hash",
            field=models.BigIntegerField(blank=True, editable=False, null=True, verbose_name="dấu của dòng nhập"),
        ),
    ]
