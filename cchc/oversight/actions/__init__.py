"""Every change in oversight: validated, checked against ``queries`` (so a script gets the views'
answers) and audited (``cchc.core.events.record``). One module per subject: ``inspections`` (plans and
visits), ``followups`` (findings and recommendations), ``cases`` (responsibility, private),
``conclusions`` (outside audits); ``common`` holds the permission check and the upload guard."""

from cchc.oversight.actions import cases, common, conclusions, followups, inspections

__all__ = ["cases", "common", "conclusions", "followups", "inspections"]
