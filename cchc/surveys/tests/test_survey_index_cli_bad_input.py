"""Bad input to `cchc survey-index`: a Vietnamese message naming row and column, status 2, no output."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

DATA = Path(__file__).parent / "data"


def fails(*args):
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("survey_index", *args, stdout=out, stderr=StringIO())
    assert caught.value.returncode == 2
    assert out.getvalue() == ""  # nothing partial printed
    return str(caught.value)


def fails_on(filename, questionnaire="sipas-2017"):
    return fails("--responses", str(DATA / filename), "--questionnaire", questionnaire, "--format", "json")


def test_unknown_item_code_names_the_row_and_the_item_column():
    message = fails_on("bad_unknown_item.csv")
    assert message.startswith("Tệp bad_unknown_item.csv: Dòng 4, cột “item”:")
    assert "“E9.9”" in message and "sipas-2017" in message


def test_answer_above_five_names_the_row_and_the_answer_column():
    message = fails_on("bad_answer_out_of_range.csv")
    assert "Dòng 3, cột “answer”" in message
    assert "“6”" in message and "từ 1 đến 5" in message


def test_answer_zero_is_outside_the_scale():
    assert "Dòng 2, cột “answer”" in fails_on("bad_answer_zero.csv")


def test_answer_in_words_is_refused():
    assert "Dòng 3, cột “answer”: giá trị “hài lòng” không hợp lệ" in fails_on("bad_answer_not_a_number.csv")


def test_missing_answer_column_is_named():
    message = fails_on("bad_missing_column.csv")
    assert "Dòng 1, cột “answer”" in message and "respondent_id, item, answer" in message


def test_a_row_without_the_answer_cell_is_refused():
    assert "Dòng 3, cột “answer”" in fails_on("bad_short_row.csv")


def test_a_row_without_respondent_is_refused():
    assert "Dòng 3, cột “respondent_id”" in fails_on("bad_missing_respondent.csv")


def test_a_second_answer_to_the_same_question_is_refused():
    message = fails_on("bad_duplicate_answer.csv")
    assert "Dòng 4, cột “item”" in message and "dòng 2" in message


def test_an_empty_file_is_refused():
    assert "thiếu dòng tiêu đề" in fails_on("bad_empty_file.csv")


def test_a_file_that_is_not_utf8_is_refused_with_its_row():
    message = fails_on("bad_not_utf8.csv")
    assert "Dòng 3" in message and "UTF-8" in message


def test_a_missing_file_is_unreadable():
    assert "không tìm thấy tệp" in fails_on("khong-co-tep-nay.csv")


def test_a_directory_is_unreadable():
    assert "là một thư mục" in fails("--responses", str(DATA), "--questionnaire", "sipas-2017")


def test_unknown_questionnaire_lists_the_known_ones():
    message = fails_on("worked_example_indices_vn_s5.csv", questionnaire="sipas-1999")
    assert "Không có bộ câu hỏi “sipas-1999”" in message and "sipas-2017" in message


def test_unknown_aggregation_rule_is_refused():
    message = fails(
        "--responses", str(DATA / "worked_example_indices_vn_s5.csv"), "--questionnaire", "sipas-2017",
        "--aggregation", "median",
    )  # fmt: skip
    assert "Quy tắc gộp “median” không hợp lệ" in message


def test_unsupported_format_is_refused():
    message = fails(
        "--responses", str(DATA / "worked_example_indices_vn_s5.csv"), "--questionnaire", "sipas-2017",
        "--format", "xml",
    )  # fmt: skip
    assert "Định dạng “xml”" in message


def test_missing_arguments_are_named():
    assert "--responses" in fails("--questionnaire", "sipas-2017")
    assert "--questionnaire" in fails("--responses", str(DATA / "worked_example_indices_vn_s5.csv"))
