# Stored late causes gain the ids the outcome engine now stores with them (``judging.late_causes``): the
# blamed step's ``seq``, its ``unit_id`` and the official's account id (``official_id``). The readers
# match blame by these ids (``cchc/dossiers/blame.py``) instead of re-matching names, so the causes stored
# before are given them here: each cause goes to the first step of its dossier that the old name rule
# matched (the step's name, its account's name or code, spaces and case folded), preferring a step of
# the unit the cause names; a cause without an official goes to the first step of the unit it names.
# Only causes without the ids are touched, and a dossier touched loses its import digest
# (``columnar_same``) so that the next import of its file judges it again rather than trusting the digest.

from django.db import migrations

CHUNK = 2000


def fold(value):
    return " ".join(str(value or "").split()).casefold()


def attribute(cause, steps):
    name = fold(cause.get("official"))
    label = cause.get("unit")
    if name:
        found = [
            s
            for s in steps
            if not s["external"]
            and name in {fold(s["official_name"]), fold(s["official__full_name"]), fold(s["official__code"])}
        ]
    else:
        found = [s for s in steps if label and label in (s["unit__code"], s["unit_name"])]
    preferred = [s for s in found if label and label in (s["unit__code"], s["unit_name"])] or found
    step = preferred[0] if preferred else None
    return {
        **cause,
        "step": step["seq"] if step else None,
        "unit_id": step["unit_id"] if step else None,
        "official_id": step["official_id"] if step and name else None,
    }


def causes_by_id(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierStep = apps.get_model("dossiers", "DossierStep")
    # Ids first, then chunks read and written one after the other (no cursor left open over the writes).
    ids = list(Dossier.objects.filter(late_causes__icontains="kind").order_by("pk").values_list("pk", flat=True))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        batch = [
            (pk, causes)
            for pk, causes in Dossier.objects.filter(pk__in=chunk).values_list("pk", "late_causes")
            if isinstance(causes, list) and any(isinstance(c, dict) and "official_id" not in c for c in causes)
        ]
        if not batch:
            continue
        steps = {}
        for s in (
            DossierStep.objects.filter(dossier_id__in=[pk for pk, _ in batch])
            .order_by("dossier_id", "seq")
            .values(
                "dossier_id",
                "seq",
                "unit_id",
                "unit_name",
                "unit__code",
                "official_id",
                "official_name",
                "official__full_name",
                "official__code",
                "external",
            )
        ):
            steps.setdefault(s["dossier_id"], []).append(s)
        changed = [
            Dossier(
                pk=pk,
                late_causes=[
                    attribute(c, steps.get(pk, [])) if isinstance(c, dict) and "official_id" not in c else c
                    for c in causes
                ],
                import_hash=None,
            )
            for pk, causes in batch
        ]
        Dossier.objects.bulk_update(changed, ["late_causes", "import_hash"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0011_dossier_import_hash"),
    ]

    operations = [migrations.RunPython(causes_by_id, migrations.RunPython.noop)]
