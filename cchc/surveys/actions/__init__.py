"""Every change the staff make to surveys: validated, audited (``cchc.core.events.record``), and checked
against the scope in ``queries`` as well as in the views, so a script gets the views' answers.

Answers from citizens are read by ``collection`` (no login) and stored by ``responses``; paper forms are
keyed twice through ``paper``.

One module per subject: ``questionnaires``, ``campaigns`` (with the kiosks), ``follow_up`` (review,
published figures, improvement tasks), ``responses``, ``paper``; the first three are reachable as
``actions.<name>``; ``common`` holds the permission checks.
"""

from cchc.surveys.actions.campaigns import (
    close_campaign,
    create_campaign,
    create_kiosk,
    deactivate_kiosk,
    default_target,
    open_campaign,
    publish_campaign,
    set_units,
    update_campaign,
)
from cchc.surveys.actions.follow_up import (
    create_improvement_task,
    default_directive,
    delete_figure,
    improvement_text,
    review,
    save_figure,
)
from cchc.surveys.actions.questionnaires import (
    copy_version,
    edit_version,
    freeze,
    import_file,
    import_shipped,
)

__all__ = [
    "close_campaign",
    "copy_version",
    "create_campaign",
    "create_improvement_task",
    "create_kiosk",
    "deactivate_kiosk",
    "default_directive",
    "default_target",
    "delete_figure",
    "edit_version",
    "freeze",
    "import_file",
    "import_shipped",
    "improvement_text",
    "open_campaign",
    "publish_campaign",
    "review",
    "save_figure",
    "set_units",
    "update_campaign",
]
