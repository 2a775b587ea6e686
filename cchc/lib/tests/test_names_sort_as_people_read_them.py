from cchc.lib.names import natural_key, natural_sorted


def test_wards_sort_by_their_number_not_as_text():
    names = ["Phường 10", "Phường 2", "Phường 11", "Phường 1", "Phường Thắng Nhì", "Xã Long Sơn"]
    assert natural_sorted(names) == [
        "Phường 1",
        "Phường 2",
        "Phường 10",
        "Phường 11",
        "Phường Thắng Nhì",
        "Xã Long Sơn",
    ]


def test_letters_come_before_diacritics_and_d_with_stroke_follows_d():
    assert natural_sorted(["Đông", "Dương", "Ân", "An", "Bình"]) == ["An", "Ân", "Bình", "Dương", "Đông"]


def test_different_names_never_tie():
    assert natural_key("UBND Phường 1") != natural_key("UBND Phường  1")
    assert natural_sorted(["b", "a"], name=str.upper) == ["a", "b"]
