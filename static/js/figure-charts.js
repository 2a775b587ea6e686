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
  // A unit's name beside a bar takes at most two lines and about two fifths of the chart, ending with
  // "…" past that: Chart.js cuts a longer label at the canvas edge, which on a phone hid the start of
  // every department's name ("o động – Thương binh và Xã hội"). The tooltip still shows it whole.
  function fitName(name, width) {
    var perLine = Math.max(10, Math.floor((width * 0.42) / 6.2));
    if (name.length <= perLine) return name;
    var lines = [""];
    name.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      var joined = lines[last] ? lines[last] + " " + word : word;
      if (joined.length <= perLine || !lines[last]) lines[last] = joined;
      else lines.push(word);
    });
    if (lines.length > 2) lines = [lines[0], lines.slice(1).join(" ")];
    return lines.map(function (line) {
      return line.length > perLine ? line.slice(0, perLine - 1).trimEnd() + "…" : line;
    });
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
    if (horizontal) {
      labelAxis.ticks.callback = function (value) { return fitName(this.getLabelForValue(value), canvas.clientWidth); };
      if (canvas.clientWidth < 576) labelAxis.ticks.font = { size: 11 };
    }
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
