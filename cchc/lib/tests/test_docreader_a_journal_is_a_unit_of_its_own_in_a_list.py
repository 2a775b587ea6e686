"""In a list of units "Tạp chí …" starts a unit of its own, as "Báo …" and "Trung tâm …" do."""

from cchc.lib.docreader.units import split_units


def test_a_journal_is_a_unit_of_its_own_in_a_list():
    assert split_units("Trung tâm Truyền thông TN&MT, Báo TN&MT, Tạp chí TN&MT") == [
        "Trung tâm Truyền thông TN&MT",
        "Báo TN&MT",
        "Tạp chí TN&MT",
    ]
