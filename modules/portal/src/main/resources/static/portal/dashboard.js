/*
 * Enlace dashboard charts: progressive enhancement over the tables. Every <table data-chart> is the source of
 * truth: this script reads its cells (data-value) and draws a Chart.js chart above it. Without JavaScript, or
 * when Chart.js did not load, the table alone carries the same numbers.
 */
(function () {
  'use strict';
  if (typeof window.Chart === 'undefined') {
    return;
  }
  var palette = ['#00558c', '#a15c00', '#1b7f3b', '#b3261e', '#5a6775', '#6b3fa0'];

  function numberOf(cell) {
    var v = cell && cell.getAttribute('data-value');
    return v === null || v === '' || isNaN(Number(v)) ? null : Number(v);
  }

  document.querySelectorAll('table[data-chart]').forEach(function (table) {
    var labelColumn = parseInt(table.getAttribute('data-label-column'), 10) || 0;
    var series = (table.getAttribute('data-series') || '').split(',').filter(Boolean).map(Number);
    var max = table.getAttribute('data-max');
    var heads = table.querySelectorAll('thead th');
    var rows = Array.prototype.filter.call(table.querySelectorAll('tbody tr'), function (tr) {
      return !tr.classList.contains('empty');
    });
    if (rows.length === 0 || series.length === 0) {
      return;
    }
    var type = table.getAttribute('data-chart');
    var labels = rows.map(function (tr) { return tr.cells[labelColumn].textContent.trim(); });
    var datasets = series.map(function (column, i) {
      return {
        label: heads[column].textContent.trim(),
        data: rows.map(function (tr) { return numberOf(tr.cells[column]); }),
        backgroundColor: palette[i % palette.length],
        borderColor: palette[i % palette.length],
        spanGaps: true,
        tension: 0.2
      };
    });
    var box = document.createElement('div');
    box.className = 'chart';
    var canvas = document.createElement('canvas');
    // The table below is the accessible version; the picture repeats it.
    canvas.setAttribute('aria-hidden', 'true');
    box.appendChild(canvas);
    var figure = table.closest('figure') || table.parentNode;
    figure.insertBefore(box, figure.firstChild);
    var y = { beginAtZero: true };
    if (max) {
      y.max = Number(max);
    }
    new window.Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: y },
        plugins: { legend: { position: 'bottom' } }
      }
    });
  });
}());
