/*
 * The agreement page: its processes drawn with bpmn-js (active steps marked "active-step") and
 * its balances over time. Everything comes from data- attributes (no inline script: CSP).
 */
(function () {
  'use strict';

  function drawDiagram(container) {
    var active = JSON.parse(container.getAttribute('data-active') || '[]');
    var viewer = new window.BpmnJS({ container: container, height: 380 });
    viewer.importXML(container.getAttribute('data-bpmn-xml')).then(function () {
      var canvas = viewer.get('canvas');
      var registry = viewer.get('elementRegistry');
      canvas.zoom('fit-viewport');
      active.forEach(function (id) {
        if (registry.get(id)) {
          canvas.addMarker(id, 'active-step');
        }
      });
      container.setAttribute('data-state', 'drawn');
    }).catch(function (error) {
      container.setAttribute('data-state', 'failed');
      container.textContent = 'The diagram could not be drawn: ' + error.message;
    });
  }

  function drawBalances(canvas) {
    var data = JSON.parse(canvas.getAttribute('data-chart'));
    var channel = data.model === 'CHANNEL';
    var lines = [
      { label: channel ? 'consumer: deposit not yet promised' : 'consumer: escrow remaining', points: data.actual, field: 'consumer', colour: '#1f6feb' },
      { label: channel ? 'provider: best cheque' : 'provider: paid so far', points: data.actual, field: 'provider', colour: '#18794e' }
    ];
    if (data.projected && data.projected.length) {
      lines.push({ label: 'consumer: projected', points: data.projected, field: 'consumer', colour: '#1f6feb', dashed: true });
      lines.push({ label: 'provider: projected', points: data.projected, field: 'provider', colour: '#18794e', dashed: true });
    }
    window.TollwayCharts.draw(canvas, lines);
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.bpmn-diagram'), drawDiagram);
    var canvas = document.getElementById('balanceChart');
    if (canvas) {
      drawBalances(canvas);
    }
  });
})();
