"""Directive reader: proposes the metadata and the tasks of a Vietnamese administrative document.

Pure Python (no Django). Entry points: ``read_text(text)``, ``read_file(path)``; both return a
``Proposal`` whose ``as_dict()`` is the JSON the ``cchc read-directive`` command prints. Nothing
here creates a task: a person reviews and confirms the proposal.
"""

from .loaders import ReaderError, load_text
from .periods import Deadline, Recurrence, find_deadline, find_recurrence
from .reader import Proposal, read_file, read_text
from .units import KnownUnit, UnitListError, UnitMatch, match_unit, match_units, parse_unit_csv, split_units

__all__ = [
    "Deadline",
    "KnownUnit",
    "Proposal",
    "ReaderError",
    "Recurrence",
    "UnitListError",
    "UnitMatch",
    "find_deadline",
    "find_recurrence",
    "load_text",
    "match_unit",
    "match_units",
    "parse_unit_csv",
    "read_file",
    "read_text",
    "split_units",
]
