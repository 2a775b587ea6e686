// Draws every figure chart on the page (canvas[data-figure-chart]) from its JSON data block, written by
// Django's json_script: the data never becomes code, so a unit name with markup stays text. Each chart
// has its numbers in a table beside it (screen readers, print), so the canvas itself is decorative.
(function () {
  if (!window.Chart) return;
  var colours = { late: "#a4161a", city: "#1d4ed8", tasks: "#b45309", petitions: "#6d28d9", neutral: "#495057" };
  function vn(value, digits) {
    if (value === null || value === undefined) return "—";
    return value.toLocaleString("vi-VN", { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
  }
  document.querySelectorAll("canvas[data-figure-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.id + "-data");
    if (!node) return;
    var data = JSON.parse(node.textContent);
    var percent = !!data.percent;
    var datasets = data.series.map(function (s) {
      var colour = colours[s.colour] || colours.neutral;
      return {
        type: s.kind || data.kind || "bar",
        label: s.label,
        data: s.values,
        borderColor: colour,
        backgroundColor: s.kind === "line" ? colour : colour + "cc",
        borderWidth: s.kind === "line" ? 2 : 0,
        pointRadius: s.kind === "line" ? 2 : 0,
        spanGaps: false,
        stack: data.stacked ? "all" : undefined
      };
    });
    var horizontal = !!data.horizontal;
    var valueAxis = { beginAtZero: true, stacked: !!data.stacked, ticks: { callback: function (v) { return vn(v) + (percent ? "%" : ""); } } };
    var labelAxis = { stacked: !!data.stacked, ticks: { autoSkip: !horizontal } };
    new Chart(canvas, {
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: function (ctx) {
            var v = horizontal ? ctx.parsed.x : ctx.parsed.y;
            return ctx.dataset.label + ": " + vn(v, percent ? 1 : 0) + (percent ? "%" : "");
          } } }
        }
      }
    });
  });
})();
