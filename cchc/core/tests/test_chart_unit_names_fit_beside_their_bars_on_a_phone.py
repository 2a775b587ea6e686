"""A unit's name beside its bar is never cut at the canvas edge: on a 390-px phone a long department
name ("Phòng Lao động – Thương binh và Xã hội") takes two lines, cut between words, and a longer one
ends with "…" on the second, every line within the room the label axis has; on a desktop the names
stay whole on one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[3] / "static"
NAMES = [
    "Phòng Lao động – Thương binh và Xã hội",
    "Văn phòng HĐND và UBND thành phố",
    "Trung tâm Phục vụ hành chính công và Chuyển đổi số thành phố Vũng Tàu cũ",
    "UBND Phường 1",
]


def drawn_labels(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    data = {
        "labels": NAMES,
        "percent": True,
        "horizontal": True,
        "stacked": False,
        "series": [{"label": "Tỷ lệ trễ hạn", "values": [4.1, 7.5, 2.0, 5.5], "colour": "late"}],
    }
    page.set_content(
        f'<div style="height:200px;width:{width - 30}px"><canvas id="c" data-figure-chart></canvas></div>'
        f'<script id="c-data" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>'
    )
    page.add_script_tag(content=(STATIC / "vendor/chartjs/chart.umd.min.js").read_text(encoding="utf-8"))
    page.add_script_tag(content=(STATIC / "js/figure-charts.js").read_text(encoding="utf-8"))
    return page.evaluate(
        """() => {
          const chart = Chart.getChart(document.getElementById('c'));
          const axis = chart.scales.y;
          const ctx = chart.ctx;
          ctx.font = Chart.helpers.toFont(axis.options.ticks.font).string;
          const labels = axis.ticks.map(t => Array.isArray(t.label) ? t.label : [t.label]);
          const widest = Math.max(...labels.flat().map(line => ctx.measureText(line).width));
          return {labels, widest, room: axis.width - axis.options.ticks.padding, left: axis.left};
        }"""
    )


def test_long_unit_names_wrap_within_the_label_axis_on_a_phone(page):
    drawn = drawn_labels(page, 390)
    assert drawn["widest"] <= drawn["room"]
    assert len(drawn["labels"][0]) == 2 and " ".join(drawn["labels"][0]) == NAMES[0]
    assert drawn["labels"][2][0].startswith("Trung tâm Phục vụ")
    assert drawn["labels"][2][-1].endswith("…") and len(drawn["labels"][2]) == 2
    assert drawn["labels"][3] == ["UBND Phường 1"]


def test_unit_names_stay_whole_on_a_desktop(page):
    drawn = drawn_labels(page, 1280)
    assert drawn["widest"] <= drawn["room"]
    assert drawn["labels"][:2] == [[NAMES[0]], [NAMES[1]]]
