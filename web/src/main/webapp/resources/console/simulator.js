/*
 * The terms simulator's chart: both parties' balances over the simulated life, in hours.
 * Data from the canvas's data-chart attribute (no inline script: CSP).
 */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var canvas = document.getElementById('simulationChart');
    if (!canvas) {
      return;
    }
    var steps = JSON.parse(canvas.getAttribute('data-chart')).steps;
    window.TollwayCharts.draw(canvas, [
      { label: 'consumer: in the escrow', points: steps, field: 'consumer', colour: '#1f6feb' },
      { label: 'consumer: deposited in all', points: steps, field: 'deposited', colour: '#8fb8f5', dashed: true },
      { label: 'provider: earned, not withdrawn', points: steps, field: 'provider', colour: '#18794e' },
      { label: 'provider: withdrawn in all', points: steps, field: 'withdrawn', colour: '#7cc49c', dashed: true }
    ], { xLabel: 'hours since the first deposit', xFormat: function (h) { return Number(h).toFixed(h % 1 === 0 ? 0 : 1) + ' h'; } });
  });
})();
