"""The personal-data check over every page: on the whole demo, the public site and each demo login's pages
(cchc/testing/crawl.py, the walk of the developer-language check) never show a citizen's name — a
dossier's applicant, a petition's sender — to someone who may not see that record's personal data; and
where such a person is shown the citizen, it is in the one mask (``cchc.lib.personal_data.mask_name``,
"Nguyễn V*** A**"): the public dossier look-up, the petition tracking page, the dossier list, the
dossier page and the return slip of the roles that read dossiers without handling them.

Whom each login may see in full comes from the apps' own rules (``may_see_personal_data`` for dossiers,
``may_see_contact`` for petitions). A citizen's name, or given names, that an official, a unit or an area
of the demo also bears is left out of the search: the official's name is rightly on the page. Survey
respondents are not searched: their name is kept only when they chose to leave it for the unit."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable

import pytest
from django.urls import Resolver404, resolve, reverse

from cchc.accounts.demo import DEMO_LOGINS
from cchc.accounts.models import User
from cchc.core.models import AuditEvent
from cchc.directives.models import Directive
from cchc.dossiers.models import Dossier, DossierEvent, DossierStep
from cchc.dossiers.queries import may_read_dossiers, may_search_personal_data, may_see_personal_data
from cchc.feedback.models import Petition
from cchc.feedback.queries import may_see_contact
from cchc.lib.personal_data import mask_name, name_words
from cchc.org.models import Jurisdiction, Official, Unit
from cchc.testing.crawl import crawl
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db
# One page of each shape (one dossier page, one petition page, ...): the language check walks two.
PER_SHAPE = 1
_WORD = re.compile(r"\w+")


@pytest.fixture
def demo(demo_db, settings):
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True
    # Dozens of look-ups from one test client: the limits against guessing are tested elsewhere.
    settings.CCHC_FEEDBACK_RATE_LIMITS = False
    settings.CCHC_LOOKUP_RATE_PER_HOUR = 10**6


def needles(name: str) -> set[str]:
    """What of a name must not be shown: the name, and its given names when there are two or more of
    them ("Thị Thu Trang" of "Lý Thị Thu Trang")."""
    words = name_words(name)
    out = {" ".join(words)} if len(words) >= 2 else set()
    if len(words) >= 3:
        out.add(" ".join(words[1:]))
    return out


def word_runs(text: str, lengths: Iterable[int]) -> set[str]:
    """Every run of ``lengths`` consecutive words of ``text`` joined by one space: a name is found
    whatever spaces, line breaks or tags separate its words, and never inside a longer word."""
    words = _WORD.findall(text)
    return {" ".join(words[i : i + n]) for n in set(lengths) for i in range(len(words) - n + 1)}


def named_on(strings: set[str], pages: dict[str, str]) -> list[str]:
    """«name» on «url», for every page that shows one of ``strings`` (markup decoded)."""
    lengths = {len(s.split()) for s in strings}
    return [
        f"«{name}» on {url}"
        for url, page in pages.items()
        for name in sorted(word_runs(html_lib.unescape(page), lengths) & strings)
    ]


@pytest.fixture
def citizens(demo):
    """(dossiers, petitions, the word runs of every name the pages rightly show), read once."""
    dossiers = list(
        Dossier.objects.exclude(applicant_name="").only(
            "code", "applicant_name", "applicant_phone", "handling_unit_id", "receiving_unit_id"
        )
    )
    petitions = list(Petition.objects.select_related("submitted_by_unit", "unit"))
    # Officials (as the organisation, the imported records and the audit trail name them), units, areas.
    others = "\n".join(
        [
            *Official.objects.values_list("full_name", flat=True),
            *(u.get_full_name() for u in User.objects.all()),
            *Unit.objects.values_list("name", flat=True),
            *Unit.objects.values_list("short_name", flat=True),
            *Jurisdiction.objects.values_list("name", flat=True),
            *DossierStep.objects.values_list("official_name", flat=True).distinct(),
            *DossierEvent.objects.values_list("actor_name", flat=True).distinct(),
            *AuditEvent.objects.values_list("actor_name", flat=True).distinct(),
            *Directive.objects.values_list("signer_name", flat=True).distinct(),
        ]
    )
    return dossiers, petitions, word_runs(others, range(2, 8))


def forbidden(names: Iterable[str], others: set[str], allowed: set[str]) -> set[str]:
    """The needles of ``names`` neither allowed to this reader nor borne by an official, unit or area."""
    return {n for name in names for n in needles(name) if n not in allowed and n not in others}


def test_the_public_pages_never_name_a_citizen_and_the_look_ups_show_the_mask(client, citizens):
    dossiers, petitions, others = citizens
    names = [d.applicant_name for d in dossiers] + [p.citizen_name for p in petitions]
    secret = forbidden(names, others, allowed=set())
    assert len(secret) > 500, len(secret)

    pages = crawl(client, "/cong-khai/", per_shape=PER_SHAPE) | crawl(client, "/", per_shape=PER_SHAPE)
    assert len(pages) > 20, len(pages)

    masked_seen = 0
    for d in [d for d in dossiers if d.applicant_phone][::40]:
        response = client.post(reverse("portal:dossier_lookup"), {"code": d.code, "phone": d.applicant_phone})
        assert response.status_code == 200, d.code
        page = html_lib.unescape(response.content.decode())
        assert d.code in page
        assert mask_name(d.applicant_name) in page, (d.code, mask_name(d.applicant_name))
        pages[f"tra cứu hồ sơ {d.code}"] = page
        masked_seen += 1
    for p in [p for p in petitions if p.citizen_phone][::15]:
        response = client.post(reverse("feedback_public:track"), {"code": p.code, "contact": p.citizen_phone})
        assert response.status_code == 302, p.code
        page = html_lib.unescape(client.get(response["Location"]).content.decode())
        assert mask_name(p.citizen_name) in page, (p.code, mask_name(p.citizen_name))
        pages[f"theo dõi phản ánh {p.code}"] = page
        masked_seen += 1
    assert masked_seen >= 20, masked_seen

    leaks = named_on(secret, pages)
    assert not leaks, "\n".join(sorted(leaks)[:40])


def _masking_pages(user: User, pages: dict[str, str], dossiers: dict[str, Dossier]) -> list[str]:
    """For a person who reads dossiers without their personal data: every dossier list page shows masked
    applicants, every dossier page and return slip the mask of its own applicant. Returns what is wrong."""
    wrong = []
    masks = {mask_name(d.applicant_name) for d in dossiers.values()}
    shown = {"list": 0, "detail": 0}
    for url, raw in pages.items():
        try:
            match = resolve(url.split("?")[0])
        except Resolver404:
            continue
        page = html_lib.unescape(raw)
        if match.view_name == "dossiers:list" and "data-masked" in page:
            shown["list"] += 1
            if not any(m in page for m in masks):
                wrong.append(f"{url}: no masked applicant")
        elif match.view_name in ("dossiers:detail", "surveys:return_slip"):
            d = dossiers.get(match.kwargs["code"])
            if d is not None:
                shown["detail"] += 1
                if mask_name(d.applicant_name) not in page:
                    wrong.append(f"{url}: not «{mask_name(d.applicant_name)}»")
    if not shown["list"] or not shown["detail"]:
        wrong.append(f"{user.username}: the crawl reached no dossier list or page ({shown})")
    return wrong


def test_no_login_sees_a_citizen_it_may_not_see_and_the_dossier_readers_see_the_mask(client, citizens):
    dossiers, petitions, others = citizens
    by_code = {d.code: d for d in dossiers}
    names = [d.applicant_name for d in dossiers] + [p.citizen_name for p in petitions]
    problems: list[str] = []
    maskers = 0
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        allowed = {n for d in dossiers if may_see_personal_data(user, d) for n in needles(d.applicant_name)}
        allowed |= {n for p in petitions if may_see_contact(user, p) for n in needles(p.citizen_name)}
        secret = forbidden(names, others, allowed)
        assert len(secret) > 300, (login.username, len(secret))

        client.logout()
        login_verified(client, user)
        pages = crawl(client, "/", per_shape=PER_SHAPE)
        assert len(pages) > 10, (login.username, len(pages))
        problems += [f"{login.username}: {leak}" for leak in named_on(secret, pages)]
        if may_read_dossiers(user) and not may_search_personal_data(user):
            maskers += 1
            problems += _masking_pages(user, pages, by_code)
    # The leader, the secretariat, the office and the auditor read dossiers without personal data.
    assert maskers >= 4, maskers
    assert not problems, "\n".join(sorted(problems)[:60])
