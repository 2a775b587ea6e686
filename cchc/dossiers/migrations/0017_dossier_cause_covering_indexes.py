# The causes' rows' indexes by kind and by account carry the copied columns (migration 0016): the late
# list's capped counts by a cause or an account read the index alone on PostgreSQL (docs/benchmarks.md).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0016_dossier_cause_copied_columns'),
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='dossiercause',
            name='dossier_cause_kind_idx',
        ),
        migrations.RemoveIndex(
            model_name='dossiercause',
            name='dossier_cause_official_idx',
        ),
        migrations.AddIndex(
            model_name='dossiercause',
            index=models.Index(fields=['kind', 'dossier', 'handling_unit', 'receiving_unit', 'status', 'outcome', 'appointment_at', 'effective_appointment_at', 'named_cause'], name='dossier_cause_kind_all_idx'),
        ),
        migrations.AddIndex(
            model_name='dossiercause',
            index=models.Index(condition=models.Q(('official__isnull', False)), fields=['official', 'dossier', 'handling_unit', 'receiving_unit', 'status', 'outcome', 'appointment_at', 'effective_appointment_at', 'named_cause'], name='dossier_cause_account_all_idx'),
        ),
    ]
