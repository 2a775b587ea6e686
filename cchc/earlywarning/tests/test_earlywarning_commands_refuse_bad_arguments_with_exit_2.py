"""Bad arguments to the early-warning commands: a Vietnamese message naming the problem, exit status 2,
nothing computed or stored."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.earlywarning.models import BacktestRun, Risk


@pytest.mark.parametrize(
    ("command", "args", "words"),
    [
        ("early_warning_backtest", ["--from", "2022-02-30", "--to", "2022-12-31"], "Ngày không hợp lệ"),
        ("early_warning_backtest", ["--from", "2022-12-31", "--to", "2022-01-01"], "Ngày cuối"),
        (
            "early_warning_backtest",
            ["--from", "2022-01-01", "--to", "2022-12-31", "--split", "2023-05-01"],
            "tách",
        ),
        (
            "early_warning_backtest",
            ["--from", "2022-01-01", "--to", "2022-12-31", "--sample", "0"],
            "--sample",
        ),
        ("early_warning", ["--today", "hôm\x00nay"], "Ngày không hợp lệ"),
    ],
)
def test_a_bad_argument_exits_2_and_changes_nothing(db, command, args, words):
    with pytest.raises(CommandError) as err:
        call_command(command, *args)
    assert err.value.returncode == 2 and words in str(err.value)
    assert not Risk.objects.exists() and not BacktestRun.objects.exists()
