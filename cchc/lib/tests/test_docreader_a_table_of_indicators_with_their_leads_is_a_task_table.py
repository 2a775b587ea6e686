"""An appendix that hands out a plan's indicators ("TT | Chỉ tiêu | Chủ trì") gives one task per row,
led by the unit in the Chủ trì cell; a table of targets with no lead column gives none."""

from cchc.lib.docreader.tables import table_rows


def test_each_indicator_row_is_a_task_with_its_lead():
    rows = table_rows(
        [
            ["TT", "Chỉ tiêu", "Chủ trì"],
            ["1", "Kinh tế số chiếm 45% GRDP tỉnh.", "Sở Tài chính"],
            [
                "2",
                "Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu mở chất lượng cao.",
                "Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố",
            ],
            ["3", "Tỷ lệ người dân có Sổ sức khỏe điện tử đạt 95%.", "Sở Y tế chủ trì thực hiện"],
        ]
    )
    assert [r.assignees for r in rows] == [["Sở Tài chính"], ["Sở KH&CN"], ["Sở Y tế"]]
    assert rows[1].coordinating == ["Các sở, ngành", "UBND cấp xã"]


def test_a_table_of_targets_without_a_lead_column_gives_no_task():
    rows = table_rows([["Chỉ tiêu", "Đơn vị tính", "Năm 2030"], ["Kinh tế số/GRDP", "%", "45"]])
    assert rows == []
