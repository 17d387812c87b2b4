// The claims ledger chart: values over time by claimant, ranges as bars, disputed claims ringed in red,
// each point a link to its evidence. Data comes from a JSON block the server wrote (never from HTML);
// tooltips are drawn on the canvas, so no text from an article ever becomes markup.
(function () {
  "use strict";
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#393b79"];
  var DAY = 86400000;

  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function fmt(v) { return Number(v).toLocaleString("en-US", { maximumFractionDigits: 2 }); }

  var rangeBars = {
    id: "rangeBars",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, x = chart.scales.x, y = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        if (!chart.isDatasetVisible(i)) { return; }
        ds.data.forEach(function (p) {
          if (p.low === p.high) { return; }
          var px = x.getPixelForValue(p.x), top = y.getPixelForValue(p.high), bottom = y.getPixelForValue(p.low);
          ctx.save();
          ctx.strokeStyle = ds.borderColor;
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.moveTo(px, top); ctx.lineTo(px, bottom);
          ctx.moveTo(px - 5, top); ctx.lineTo(px + 5, top);
          ctx.moveTo(px - 5, bottom); ctx.lineTo(px + 5, bottom);
          ctx.stroke();
          ctx.restore();
        });
      });
    }
  };

  function build(canvas, data) {
    var datasets = data.series.map(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      return {
        label: s.claimant,
        borderColor: color,
        backgroundColor: color,
        data: s.points.map(function (p) {
          return { x: Date.parse(p.x), y: p.y, low: p.low, high: p.high, p: p };
        }),
        pointRadius: s.points.map(function (p) { return p.disputed ? 8 : 5; }),
        pointBorderWidth: s.points.map(function (p) { return p.disputed ? 3 : 1; }),
        pointBorderColor: s.points.map(function (p) { return p.disputed ? "#c0392b" : color; }),
        pointHoverRadius: 9,
        clip: 10
      };
    });
    // Claims on one quantity can differ by orders of magnitude (38 against 50,000): use a log scale then.
    var values = [];
    data.series.forEach(function (s) { s.points.forEach(function (p) { values.push(p.low, p.high); }); });
    var positive = values.length && values.every(function (v) { return v > 0; });
    var logScale = positive && Math.max.apply(null, values) / Math.min.apply(null, values) >= 100;
    var chart = new Chart(canvas, {
      type: "scatter",
      data: { datasets: datasets },
      plugins: [rangeBars],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            type: "linear",
            title: { display: true, text: "date (as of, else the article's date)" },
            ticks: { callback: function (v) { return isoDay(v); }, maxRotation: 0, autoSkipPadding: 20 },
            grace: DAY * 10
          },
          y: { type: logScale ? "logarithmic" : "linear", beginAtZero: !logScale,
               title: { display: true, text: logScale ? "value (log scale)" : "value" },
               ticks: { callback: function (v) { return fmt(v); } } }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (item) {
                var p = item.raw.p;
                var value = p.low === p.high ? fmt(p.low) : fmt(p.low) + "–" + fmt(p.high);
                return item.dataset.label + ": " + value + " (" + p.date + ")" +
                  (p.disputed ? " · disputed" : "") + " · " + p.reports + " report(s)";
              }
            }
          }
        },
        onHover: function (evt, elements) {
          evt.native.target.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: function (evt, elements) {
          if (!elements.length) { return; }
          var el = elements[0];
          var p = chart.data.datasets[el.datasetIndex].data[el.index].p;
          if (p.doc_id) {
            window.location.assign("/documents/" + encodeURIComponent(p.doc_id) + "#claim-" + encodeURIComponent(p.figure_start));
          }
        }
      }
    });
    // For tests and scripts: how many points were laid out inside the chart area.
    var area = chart.chartArea, shown = 0;
    chart.data.datasets.forEach(function (ds, i) {
      chart.getDatasetMeta(i).data.forEach(function (pt) {
        if (pt.x >= area.left - 1 && pt.x <= area.right + 1 && pt.y >= area.top - 1 && pt.y <= area.bottom + 1) { shown += 1; }
      });
    });
    canvas.setAttribute("data-points", String(shown));
    return chart;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var canvas = document.getElementById("ledger-chart");
    var source = document.getElementById("ledger-data");
    if (!canvas || !source || typeof Chart === "undefined") { return; }
    var select = document.getElementById("quantity");
    if (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    }
    build(canvas, JSON.parse(source.textContent));
  });
})();
