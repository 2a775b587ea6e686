"""Known answers of the one name mask (``cchc.lib.personal_data.mask_name``): the family name in full,
every other word its initial and fixed-width stars, whatever the input looks like."""

import unicodedata

import pytest

from cchc.lib.personal_data import mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "Nguyễn V*** A**"),
        ("Lý Thị Thu Trang", "Lý T*** T*** T**"),
        ("Trần Bình", "Trần B**"),
        ("Tôn Nữ Thị Hoàng Ánh", "Tôn N*** T*** H*** Á**"),
        ("Đặng Ưng Ơn", "Đặng Ư*** Ơ**"),
        ("Nguyễn Văn Nam Phương Anh Thư", "Nguyễn V*** N*** P*** A*** T**"),
    ],
)
def test_the_family_name_stays_and_every_other_word_keeps_its_initial(name, masked):
    assert mask_name(name) == masked


def test_the_stars_do_not_reveal_how_long_a_word_is():
    assert mask_name("Lê An Bá") == mask_name("Lê Anh Bách") == mask_name("Lê Anh Bá") == "Lê A*** B**"


@pytest.mark.parametrize("empty", ["", "   ", "\t\n", "\x00", "\u200b \u200b", None])
def test_no_name_masks_to_nothing(empty):
    assert mask_name(empty) == ""


def test_a_name_of_one_word_keeps_only_its_initial():
    assert mask_name("An") == "A**"
    assert mask_name("Ánh") == "Á**"


def test_spaces_around_and_between_the_words_do_not_matter():
    assert mask_name("  Nguyễn   Văn\tAn \n") == "Nguyễn V*** A**"
    assert mask_name("\u00a0Nguyễn\u00a0Văn\u2003An\u3000") == "Nguyễn V*** A**"


def test_control_and_invisible_characters_separate_words_and_never_reach_the_page():
    assert mask_name("Nguyễn\x00Văn\x1bAn") == "Nguyễn V*** A**"
    assert mask_name("Nguyễn\u200bVăn\u2028An\ufeff") == "Nguyễn V*** A**"
    assert mask_name("\u202eNguyễn Văn An") == "Nguyễn V*** A**"
    for odd in ("\x00", "\x1b", "\u200b", "\u202e", "\ufeff"):
        assert odd not in mask_name(f"Lê{odd}Văn{odd}Tám{odd}")


def test_a_decomposed_name_keeps_its_accented_initial():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Ánh Ước")
    assert mask_name(decomposed) == "Nguyễn Á*** Ư**"
    assert mask_name(decomposed) == unicodedata.normalize("NFC", mask_name(decomposed))


def test_an_initial_keeps_a_combining_mark_that_composes_with_nothing():
    # "q" with a dot below has no precomposed form: the mark stays with its letter.
    assert mask_name("Lê q\u0323uân Anh") == "Lê q\u0323*** A**"


def test_markup_and_punctuation_are_kept_as_text_for_the_template_to_escape():
    assert mask_name("<b>Nguyễn</b> Văn <script>") == "<b>Nguyễn</b> V*** <**"
    assert mask_name("Nguyễn-Văn (An)") == "Nguyễn-Văn (**"


def test_an_organisation_is_masked_like_a_person():
    # A string cannot tell a company from a person named in a household business: both are masked.
    assert mask_name("Công ty TNHH Biển Xanh") == "Công t*** T*** B*** X**"
    assert mask_name("Hộ kinh doanh Nguyễn Văn An") == "Hộ k*** d*** N*** V*** A**"


def test_the_full_name_and_the_given_names_never_survive_the_mask():
    for name in ("Nguyễn Văn An", "Lý Thị Thu Trang", "Phạm Thị Hồng Nhung", "Công ty TNHH Biển Xanh"):
        masked = mask_name(name)
        assert name not in masked
        assert " ".join(name.split()[1:]) not in masked
        assert masked.split()[0] == name.split()[0]
