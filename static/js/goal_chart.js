// The goal page's chart: measured values over time against the baseline and the target.
(function () {
  const canvas = document.getElementById("goal-chart");
  const source = document.getElementById("goal-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const flat = (value) => data.labels.map(() => value);
  const rtl = document.documentElement.dir === "rtl";
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.series_label, data: data.values, borderColor: "#0b5ed7", backgroundColor: "#0b5ed7", spanGaps: true },
        { label: data.baseline_label, data: flat(data.baseline), borderColor: "#6c757d", borderDash: [6, 4], pointRadius: 0 },
        { label: data.target_label, data: flat(data.target), borderColor: "#146c43", borderDash: [2, 3], pointRadius: 0 },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { reverse: rtl }, y: { grace: "10%" } },
      plugins: { legend: { rtl: rtl } },
    },
  });
})();
