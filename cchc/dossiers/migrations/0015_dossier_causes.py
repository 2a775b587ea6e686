# The late causes of each dossier where an index can read them (``DossierCause``): the late list's
# filters by cause and by official read these rows instead of matching the causes' JSON text or reading
# the steps of every dossier an official handled. The rows of the dossiers already stored are computed
# here from their causes, set-based (``cause_marks.rebuild``: one INSERT … SELECT over the JSON, the
# distinct names without an account folded in Python), the same function ``cchc rebuild-facts`` runs.

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from cchc.dossiers import cause_marks

    # Without the dossier's copied columns: migration 0016 adds and fills them.
    cause_marks.rebuild(copy=False)
    if schema_editor.connection.vendor == "postgresql":
        # True row estimates for the late list's filters from the first request on.
        with schema_editor.connection.cursor() as cur:
            cur.execute("ANALYZE dossiers_dossiercause")


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0014_import_batch_started_at'),
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='DossierCause',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=32, verbose_name='loại nguyên nhân')),
                ('name_key', models.TextField(blank=True, default='', verbose_name='tên cán bộ (đã chuẩn hóa)')),
                ('dossier', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='cause_marks', to='dossiers.dossier')),
                ('official', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.official')),
            ],
            options={
                'verbose_name': 'nguyên nhân trễ hạn của hồ sơ',
                'verbose_name_plural': 'nguyên nhân trễ hạn của hồ sơ',
                'indexes': [models.Index(fields=['dossier'], name='dossier_cause_dossier_idx'), models.Index(fields=['kind', 'dossier'], name='dossier_cause_kind_idx'), models.Index(condition=models.Q(('official__isnull', False)), fields=['official', 'dossier'], name='dossier_cause_official_idx'), models.Index(condition=models.Q(('name_key', ''), _negated=True), fields=['name_key', 'dossier'], name='dossier_cause_name_idx')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
