/*
 * The console's balance charts (Chart.js, from its WebJar). Data comes from the canvas's
 * data-chart attribute: the console's pages run no inline script (CSP).
 */
(function (global) {
  'use strict';

  function when(ms) {
    return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  }

  function series(points, field) {
    return (points || []).map(function (p) { return { x: p.t, y: Number(p[field]) }; });
  }

  /**
   * lines: [{label, points, field, colour, dashed}]; x is epoch milliseconds unless xLabel says otherwise.
   * Marks the canvas data-state="drawn" once drawn, for people and tests alike.
   */
  function draw(canvas, lines, options) {
    options = options || {};
    var format = options.xFormat || when;
    var chart = new global.Chart(canvas, {
      type: 'line',
      data: {
        datasets: lines.map(function (line) {
          return {
            label: line.label,
            data: series(line.points, line.field),
            borderColor: line.colour,
            backgroundColor: line.colour,
            borderDash: line.dashed ? [6, 4] : [],
            pointRadius: line.points && line.points.length > 60 ? 0 : 2,
            stepped: line.stepped ? 'before' : false,
            tension: 0
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', title: { display: !!options.xLabel, text: options.xLabel }, ticks: { callback: format, maxTicksLimit: 8 } },
          y: { beginAtZero: true, title: { display: true, text: options.yLabel || 'token units' } }
        },
        plugins: {
          tooltip: { callbacks: { title: function (items) { return items.length ? format(items[0].parsed.x) : ''; } } }
        }
      }
    });
    canvas.setAttribute('data-state', 'drawn');
    return chart;
  }

  global.TollwayCharts = { draw: draw, when: when };
})(window);
