"""Procedure catalogue (TTHC) and the dossier ledger (docs/rules/dossier-deadlines.md,
docs/rules/national-sync.md), one module per subject; every model and choice is re-exported here so
``from cchc.dossiers.models import Dossier`` and the migrations keep working.

- ``procedures``: the procedure catalogue;
- ``ledger``: dossiers, their steps, supplement requests and change events;
- ``apologies``: apology letters for late dossiers;
- ``causes``: the late causes of each dossier where an index can read them;
- ``facts``: the pre-aggregated daily counts dashboards and rankings read;
- ``sources``: import batches and the systems allowed to push dossiers;
- ``late_lists``: the monthly published late list.
"""

from .apologies import Apology, ApologyForm
from .causes import DossierCause
from .facts import DailyFact, FactCounts, OfficialDailyFact, UnitDailyFact
from .late_lists import LateList, LateListStatus
from .ledger import (
    ATTRIBUTABLE_CAUSES,
    FINISHED_LATE,
    LATE_CANDIDATES,
    ND118_FROM,
    OPEN_STATUSES,
    OPEN_UNJUDGED,
    UNJUDGED_OUTCOMES,
    Channel,
    Dossier,
    DossierEvent,
    DossierStep,
    LegalBasis,
    Outcome,
    Status,
    Supplement,
    legal_basis_for,
    names_a_cause,
)
from .procedures import LimitUnit, OnlineLevel, Procedure, ProcedureLevel
from .result_facts import ResultDailyFact, ResultMonthlyFact, ResultStretch
from .sources import ApiClient, ImportBatch, ImportStatus

__all__ = [
    "ATTRIBUTABLE_CAUSES",
    "FINISHED_LATE",
    "LATE_CANDIDATES",
    "ND118_FROM",
    "OPEN_STATUSES",
    "OPEN_UNJUDGED",
    "UNJUDGED_OUTCOMES",
    "ApiClient",
    "Apology",
    "ApologyForm",
    "Channel",
    "DailyFact",
    "Dossier",
    "DossierCause",
    "DossierEvent",
    "DossierStep",
    "FactCounts",
    "ImportBatch",
    "ImportStatus",
    "LateList",
    "LateListStatus",
    "LegalBasis",
    "LimitUnit",
    "OfficialDailyFact",
    "OnlineLevel",
    "Outcome",
    "Procedure",
    "ProcedureLevel",
    "ResultDailyFact",
    "ResultMonthlyFact",
    "ResultStretch",
    "Status",
    "Supplement",
    "UnitDailyFact",
    "legal_basis_for",
    "names_a_cause",
]
