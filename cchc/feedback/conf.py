"""Every number the law leaves open, or the product chose, for petitions: one place, one default each.

Read through ``setting(name)``, i.e. ``getattr(settings, name, DEFAULT)``, so an installation changes a
limit in its environment without touching code (docs/feedback.md lists them all with their sources).

Legal limits (docs/rules/petitions.md, docs/rules/indices.md):

- ND 59/2019 (accountability, giải trình), CONFIRMED (docs/rules/petitions.md): accept or refuse within
  5 working days of receipt; explain within 15 days of the acceptance notice; one extension of at most
  15 days; suspended time (Art. 14(1)) not counted. The 15 days are "ngày" (calendar days, moved to
  the next working day when the last one is not a working day, BLDS 2015 Art. 148).
- Decision 766/QĐ-TTg indicator 5.2 (feedback and petitions, PAKN), PRACTICE — docs/rules/indices.md:
  reject within 2 working days, first request for more information within 5, processed within 15,
  published within 2.
- ND 20/2008 Art. 9(1)(d), CONFIRMED FROM TEXT — docs/rules/petitions.md: feedback outside the receiving
  body's competence is transferred within 5 working days of receipt.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # --- legal limits ---------------------------------------------------------------------------
    "CCHC_FEEDBACK_REJECT_WORKING_DAYS": 2,  # QĐ 766 ind. 5.2 (PRACTICE)
    "CCHC_FEEDBACK_INFO_REQUEST_WORKING_DAYS": 5,  # QĐ 766 ind. 5.2 (PRACTICE)
    "CCHC_FEEDBACK_PROCESS_WORKING_DAYS": 15,  # QĐ 766 ind. 5.2 (PRACTICE)
    "CCHC_FEEDBACK_PUBLISH_WORKING_DAYS": 2,  # QĐ 766 ind. 5.2 (PRACTICE)
    "CCHC_FEEDBACK_TRANSFER_WORKING_DAYS": 5,  # ND 20/2008 Art. 9(1)(d) (CONFIRMED FROM TEXT)
    "CCHC_ACCOUNTABILITY_ACCEPT_WORKING_DAYS": 5,  # ND 59/2019 (CONFIRMED)
    "CCHC_ACCOUNTABILITY_ANSWER_DAYS": 15,  # ND 59/2019 Art. 13 (CONFIRMED)
    "CCHC_ACCOUNTABILITY_EXTENSION_MAX_DAYS": 15,  # ND 59/2019 Art. 13 (CONFIRMED)
    # UNCONFIRMED: whether the 15 working days of 766 ind. 5.2 stop while the citizen supplies more
    # information. By analogy with ind. 2.1(a) (the citizen's supplement time is subtracted) they do.
    "CCHC_FEEDBACK_PAUSE_WHILE_AWAITING_INFO": True,
    # Product choices (no rule): how long a citizen may reopen an answer, when an answered item closes
    # by itself, and the limit of a reopened item (a new round, same length as the first by default).
    "CCHC_FEEDBACK_REOPEN_DAYS": 30,
    "CCHC_FEEDBACK_CLOSE_AFTER_DAYS": 30,
    # --- anti-spam (no internet service involved) --------------------------------------------------
    "CCHC_FEEDBACK_RATE_LIMITS": True,
    "CCHC_FEEDBACK_RATE_PER_IP_HOUR": 10,
    "CCHC_FEEDBACK_RATE_PER_PHONE_DAY": 5,
    "CCHC_FEEDBACK_LOOKUPS_PER_HOUR": 20,
    # X-Forwarded-For is believed only when this is on (the bench and a known proxy); otherwise the
    # address is the one ``cchc.accounts.policy.client_ip`` trusts.
    "CCHC_FEEDBACK_TRUST_X_FORWARDED_FOR": False,
    "CCHC_FEEDBACK_MIN_FILL_SECONDS": 3,
    "CCHC_FEEDBACK_DUPLICATE_WINDOW_DAYS": 30,
    "CCHC_FEEDBACK_DUPLICATE_THRESHOLD": 0.55,
    # --- attachments ---------------------------------------------------------------------------
    "CCHC_FEEDBACK_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    "CCHC_FEEDBACK_ATTACHMENT_MAX_FILES": 5,
    # --- routing and the public site -----------------------------------------------------------
    # The jurisdiction whose form the public site shows (its code); "" = the one that has categories.
    "CCHC_FEEDBACK_JURISDICTION": "",
    # Items no category routes go to this unit (the Office receives and dispatches, Công văn 7190/UBND-NV, mục
    # 1).
    "CCHC_FEEDBACK_TRIAGE_UNIT": "VP",
    # --- e-mail intake (IMAP, polled by the worker) ------------------------------------------------
    "CCHC_FEEDBACK_IMAP_HOST": "",
    "CCHC_FEEDBACK_IMAP_PORT": 993,
    "CCHC_FEEDBACK_IMAP_SSL": True,
    "CCHC_FEEDBACK_IMAP_USER": "",
    "CCHC_FEEDBACK_IMAP_PASSWORD": "",
    "CCHC_FEEDBACK_IMAP_FOLDER": "INBOX",
    "CCHC_FEEDBACK_IMAP_TIMEOUT": 30,
    "CCHC_FEEDBACK_IMAP_MAX_MESSAGES": 200,
    # Service code of the category given to e-mailed petitions (staff re-classify them).
    "CCHC_FEEDBACK_EMAIL_CATEGORY": "KHAC",
    # --- Open311 -------------------------------------------------------------------------------
    # "realtime": POST answers with the service_request_id; "batch": with a token (GeoReport v2).
    "CCHC_OPEN311_SERVICE_TYPE": "realtime",
    "CCHC_OPEN311_RATE_PER_KEY_HOUR": 600,
    # An operations-centre screen refreshing six panels every minute: 360 an hour, with room to spare.
    "CCHC_IOC_RATE_PER_KEY_HOUR": 1200,
    "CCHC_OPEN311_CONTACT": "Văn phòng HĐND và UBND — bộ phận tiếp nhận phản ánh, kiến nghị",
}


def setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])
