// Draws each trend chart from the figure JSON its page carries (see measures/pages/charts.py).
(function () {
  "use strict";

  var CONFIG = {
    responsive: true,
    displaylogo: false,
    // The mode bar's buttons would be focusable controls inside role="img" (an axe failure);
    // the page offers its own download button instead.
    displayModeBar: false,
    // Plotly would otherwise offer to upload the chart, unpublished figures and all, to its cloud.
    showSendToCloud: false,
    plotlyServerURL: ""
  };

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-trend-chart"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(container, figure.data, figure.layout, CONFIG).then(function () {
      var button = document.querySelector("[data-download-chart='" + container.id + "']");
      if (!button) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        window.Plotly.downloadImage(container, {
          format: "png",
          filename: container.getAttribute("data-chart-name") || "trend",
          width: 960,
          height: 480
        });
      });
    });
  }

  document.querySelectorAll("[data-trend-chart]").forEach(draw);
})();
