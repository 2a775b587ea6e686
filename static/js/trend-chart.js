// Draws every satisfaction trend chart on the page from its JSON data block (json_script): the data
// never becomes code, so a unit name that contains markup stays text.
(function () {
  var colours = ["#a4161a", "#1d4ed8", "#15803d", "#b45309", "#6d28d9", "#0e7490"];
  document.querySelectorAll("canvas[id]").forEach(function (canvas) {
    var node = document.getElementById(canvas.id + "-data");
    if (!node || !window.Chart) return;
    var data = JSON.parse(node.textContent);
    var datasets = [];
    var english = document.documentElement.lang === "en";  // the page's language
    data.series.forEach(function (s, i) {
      var c = colours[i % colours.length];
      if (s.low) {
        datasets.push({ label: s.label + (english ? " (CI low)" : " (CI thấp)"), data: s.low, borderWidth: 0, pointRadius: 0, fill: false, spanGaps: false });
        datasets.push({ label: s.label + (english ? " (CI high)" : " (CI cao)"), data: s.high, borderWidth: 0, pointRadius: 0, backgroundColor: c + "22", fill: "-1", spanGaps: false });
      }
      datasets.push({ label: s.label, data: s.values, borderColor: c, backgroundColor: c, spanGaps: false, tension: 0.2 });
    });
    new Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        scales: { y: { suggestedMin: 50, suggestedMax: 100, title: { display: true, text: "%" } } },
        plugins: { legend: { labels: { filter: function (item) { return item.text.indexOf("(CI") < 0; } } } }
      }
    });
  });
})();
