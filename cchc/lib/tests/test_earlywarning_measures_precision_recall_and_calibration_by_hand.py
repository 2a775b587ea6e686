"""The backtest's figures on predictions counted by hand."""

from cchc.lib.earlywarning.measure import Prediction, calibration, choose_threshold, score, summarise

PREDICTIONS = [
    # late dossier A: high risk 3 days ahead → flagged early
    Prediction("A", 0.2, 5, True), Prediction("A", 0.8, 3, True),
    # late dossier B: high risk only 1 day ahead → not flagged early enough
    Prediction("B", 0.1, 4, True), Prediction("B", 0.9, 1, True),
    # on-time dossier C: a false alarm at 0.6
    Prediction("C", 0.6, 2, False),
    # on-time dossier D: quiet
    Prediction("D", 0.05, 6, False),
]  # fmt: skip


def test_recall_counts_only_flags_raised_at_least_two_working_days_ahead() -> None:
    s = score(summarise(PREDICTIONS), threshold=0.5)
    assert (s.late, s.flagged, s.true_alarms, s.false_alarms) == (2, 2, 1, 1)
    assert (s.recall, s.precision, s.false_per_true) == (0.5, 0.5, 1.0)
    assert not s.meets()  # recall 50 % < 60 %


def test_the_chosen_threshold_keeps_false_alarms_within_one_per_true_one() -> None:
    best = choose_threshold(summarise(PREDICTIONS))
    assert best.false_alarms <= best.true_alarms
    # At 0.10 both late dossiers are flagged (B at 0.1 four days ahead) with one false alarm (C); at 0.05
    # D would be a second false alarm, still within one per true one, but 0.10 is the higher threshold.
    assert (best.recall, best.threshold, best.false_alarms) == (1.0, 0.1, 1)


def test_calibration_groups_predictions_by_decile() -> None:
    bins = calibration(PREDICTIONS)
    assert [b.predictions for b in bins] == [1, 1, 1, 0, 0, 0, 1, 0, 1, 1]
    assert bins[8].late_share == 1.0 and bins[6].late_share == 0.0
