"""The backtest's second stage learns its weights from the fit slice only: whatever the held-out dossiers
turned out to be, the weights and the fit slice's risks are the same, and the held-out risks follow from
their own facts."""

import random

from cchc.earlywarning.backtest import FEATURES, second_stage
from cchc.lib.earlywarning.measure import Prediction


def _predictions(prefix: str, n: int, seed: int, flip: bool = False) -> list[Prediction]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        facts = tuple(rng.random() for _ in FEATURES)
        late = (facts[1] > 0.6) != flip  # the outcome follows the second fact
        out.append(Prediction(f"{prefix}{i}", rng.random(), 3, late, features=facts))
    return out


def test_the_held_out_outcomes_never_change_the_weights() -> None:
    fit = _predictions("fit", 200, 1)
    held = _predictions("held", 100, 2)
    flipped = _predictions("held", 100, 2, flip=True)
    a, fit_a, held_a = second_stage(fit, held, lead=2)
    b, fit_b, held_b = second_stage(fit, flipped, lead=2)
    assert a["weights"] == b["weights"] and len(a["weights"]) == len(FEATURES) + 1
    assert [p.risk for p in fit_a] == [p.risk for p in fit_b]
    assert [p.risk for p in held_a] == [p.risk for p in held_b]


def test_the_fact_that_decides_lateness_gets_the_weight_and_ranks_the_held_out_slice() -> None:
    weights, _, held = second_stage(_predictions("fit", 300, 3), _predictions("held", 100, 4), lead=2)
    w = weights["weights"]
    assert w[2] == max(w[1:])  # the second fact, after the intercept
    late = [p.risk for p in held if p.late]
    on_time = [p.risk for p in held if not p.late]
    ordered = sum(a > b for a in late for b in on_time) / (len(late) * len(on_time))
    assert ordered > 0.95


def test_mornings_too_close_to_the_appointment_do_not_train_it() -> None:
    fit = [Prediction(f"f{i}", 0.5, 1, i % 2 == 0, features=(0.0,) * len(FEATURES)) for i in range(10)]
    weights, fit_out, _ = second_stage(fit, [], lead=2)
    assert weights["weights"] == [] and fit_out == fit
