from cchc.dossiers.status_labels import STATUS_NAMES_MARKED
from cchc.lib.outcomes import STATUS_NAMES


def test_status_names_are_marked_for_translation():
    assert tuple(STATUS_NAMES[code] for code in sorted(STATUS_NAMES)) == STATUS_NAMES_MARKED
