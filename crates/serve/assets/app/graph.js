// The who-acted-on-whom graph, drawn with cytoscape.js from /api/graph.
(function () {
  'use strict';
  var box = document.getElementById('graph');
  if (!box || typeof cytoscape === 'undefined') return;
  fetch(box.getAttribute('data-api')).then(function (r) { return r.json(); }).then(function (g) {
    if (!g.nodes.length) { box.textContent = 'No events with both an agent and a subject yet.'; return; }
    box.textContent = '';
    var colors = { person: '#2c6e8f', place: '#4d7c3a', organization: '#8a5a9e', group: '#9a6b2f', work: '#5f6b7a', event_name: '#5f6b7a' };
    var cy = cytoscape({
      container: box,
      elements: { nodes: g.nodes, edges: g.edges },
      style: [
        { selector: 'node', style: {
          'label': 'data(label)', 'font-size': 11, 'color': '#23272b', 'text-valign': 'bottom', 'text-margin-y': 4,
          'background-color': function (n) { return colors[n.data('type')] || '#6b6f73'; },
          'width': function (n) { return 14 + Math.min(30, Math.sqrt(n.data('mentions') || 1) * 3); },
          'height': function (n) { return 14 + Math.min(30, Math.sqrt(n.data('mentions') || 1) * 3); } } },
        { selector: 'edge', style: {
          'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 1.5,
          'line-color': '#b5a58c', 'target-arrow-color': '#86624a', 'label': 'data(label)',
          'font-size': 9, 'color': '#86624a', 'text-rotation': 'autorotate', 'text-background-color': '#fffdf8',
          'text-background-opacity': 1 } }
      ],
      layout: { name: 'cose', animate: false, nodeRepulsion: 9000, idealEdgeLength: 110 },
      wheelSensitivity: 0.3
    });
    cy.on('tap', 'node', function (e) { window.location.href = '/entities/' + encodeURIComponent(e.target.id()); });
    cy.on('tap', 'edge', function (e) {
      var evs = e.target.data('events');
      if (evs && evs.length) window.location.href = '/events/' + encodeURIComponent(evs[0]);
    });
    box.setAttribute('data-ready', String(g.nodes.length));
  }).catch(function () { box.textContent = 'Could not load the graph.'; });
})();
