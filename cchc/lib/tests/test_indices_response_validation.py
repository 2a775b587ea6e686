"""Answers are validated all-or-nothing, and every error names the row and the column."""

import pytest

from cchc.lib import indices
from cchc.lib.questionnaires import load

Q = load("sipas-2017")


def error_for(rows):
    with pytest.raises(indices.ResponseError) as caught:
        indices.collect(Q, rows)
    return caught.value


@pytest.mark.parametrize("answer", ["0", "6", "-1", "4.0", "4,5", "tốt", 7])
def test_answers_outside_the_five_level_scale_are_refused(answer):
    error = error_for([("R1", "E1.1", "5", 2), ("R1", "E1.2", answer, 3)])
    assert (error.row, error.column) == (3, "answer")
    assert str(error).startswith("Dòng 3, cột “answer”: giá trị")
    assert "từ 1 đến 5" in str(error)


def test_integer_answers_are_accepted_like_text():
    table = indices.collect(Q, [("R1", "E1.1", 5, None), ("R2", "E1.1", None, None)])
    assert table.answers[:, 0].tolist() == [5, 0]


def test_an_unknown_item_code_is_refused_with_the_valid_range():
    error = error_for([("R1", "E9.9", "4", 7)])
    assert (error.row, error.column) == (7, "item")
    assert "“E9.9”" in str(error) and "từ E1.1 đến E5.4" in str(error)


def test_a_wrongly_cased_item_code_gets_a_suggestion():
    assert "Có phải “E1.1”?" in str(error_for([("R1", "e1.1", "4", 2)]))


def test_an_element_code_is_not_a_question():
    assert error_for([("R1", "E1", "4", 2)]).column == "item"


def test_a_missing_respondent_is_refused():
    error = error_for([("R1", "E1.1", "4", 2), ("  ", "E1.1", "4", 3)])
    assert (error.row, error.column) == (3, "respondent_id")


def test_a_second_answer_to_the_same_question_is_refused_naming_both_rows():
    error = error_for(
        [("R1", "E1.1", "4", 2), ("R2", "E1.1", "4", 3), ("R1", "E1.1", "", 4), ("R2", "E1.1", "", 9)]
    )
    assert (error.row, error.column) == (4, "item")
    assert "dòng 2" in str(error) and "“R1”" in str(error)


def test_rows_without_numbers_are_counted_from_one():
    assert error_for([("R1", "E1.1", "4", None), ("R1", "E1.2", "9", None)]).row == 2


def test_read_csv_counts_the_header_as_row_one_and_skips_blank_lines():
    data = b"respondent_id,item,answer\nR1,E1.1,5\n\nR1,E1.2,8\n"
    with pytest.raises(indices.ResponseError) as caught:
        indices.read_csv(Q, data)
    assert caught.value.row == 4


def test_read_csv_accepts_a_byte_order_mark_extra_columns_and_any_column_order():
    data = "\ufeffunit,answer,item,respondent_id\np1,5,E1.1,R1\np1,,E1.2,R1\n".encode()
    table = indices.read_csv(Q, data)
    assert table.respondents == ("R1",)
    assert table.answers[0, :2].tolist() == [5, 0]


@pytest.mark.parametrize(
    ("data", "row", "column"),
    [
        (b"respondent_id,item\nR1,E1.1\n", 1, "answer"),
        (b"respondent_id,answer,answer,item\n", 1, "answer"),
        (b"", 1, None),
        (b"respondent_id,item,answer\nR1,E1.1\n", 2, "answer"),
        (b"respondent_id,item,answer\nR1,E1.1,5\nR\xeaa,E1.2,4\n", 3, None),
    ],
)
def test_read_csv_refuses_malformed_files(data, row, column):
    with pytest.raises(indices.ResponseError) as caught:
        indices.read_csv(Q, data)
    assert (caught.value.row, caught.value.column) == (row, column)


def test_read_csv_reports_a_missing_file_in_vietnamese(tmp_path):
    with pytest.raises(indices.ResponseError, match="không tìm thấy tệp"):
        indices.read_csv(Q, tmp_path / "khong-co.csv")
    with pytest.raises(indices.ResponseError, match="là một thư mục"):
        indices.read_csv(Q, tmp_path)
