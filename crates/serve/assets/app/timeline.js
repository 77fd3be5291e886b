// The entity timeline: draws /api/timeline/{id} with vis-timeline and shows
// an event's evidence when it is clicked. All document text is put into the
// page with textContent (never innerHTML): sources are untrusted.
(function () {
  'use strict';
  var box = document.getElementById('timeline');
  if (!box || typeof vis === 'undefined') return;
  var panel = document.getElementById('evidence');

  // ISO day (maybe with a minus sign for BCE) -> Date at UTC midnight.
  function day(iso, plusOne) {
    var m = /^(-?)(\d{1,6})-(\d{2})-(\d{2})/.exec(iso || '');
    if (!m) return null;
    var y = parseInt(m[2], 10) * (m[1] ? -1 : 1);
    var d = new Date(Date.UTC(2000, parseInt(m[3], 10) - 1, parseInt(m[4], 10) + (plusOne ? 1 : 0)));
    d.setUTCFullYear(y);
    return d;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function label(ev) {
    var t = ev.description || ev.type;
    if (t.length > 70) t = t.slice(0, 67) + '…';
    return t;
  }
  // UTF-8 byte offsets -> string slices.
  var enc = new TextEncoder(), dec = new TextDecoder();
  function sliceBytes(bytes, a, b) { return dec.decode(bytes.slice(Math.max(0, a), Math.max(0, b))); }

  function showEvidence(id) {
    fetch('/api/events/' + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (ev) {
      panel.textContent = '';
      panel.hidden = false;
      var h = el('h3');
      var a = el('a', null, ev.description || ev.type);
      a.href = '/events/' + encodeURIComponent(ev.id);
      h.appendChild(a);
      panel.appendChild(h);
      var when = ev.time ? ev.time.value : 'undated';
      panel.appendChild(el('p', 'muted', ev.type + ' · ' + when + ' · ' + ev.evidence.length + ' piece(s) of evidence'));
      (ev.conflict_details || []).forEach(function (c) {
        var p = el('p', 'badge conflict', 'sources disagree on ' + c.field + ': ' +
          c.values.map(function (v) { return v.value; }).join(' vs ') + ' (preferred ' + c.preferred + ')');
        panel.appendChild(p);
      });
      ev.evidence.slice(0, 8).forEach(function (x) {
        var src = (ev.source_info || {})[x.source] || {};
        var head = el('div', 'muted');
        var title = src.title || x.source;
        if (title.length > 100) title = title.slice(0, 97) + '…';
        var sa = el('a', 'src', title);
        sa.href = '/sources/' + encodeURIComponent(x.source) + '?hl=' + x.start + '-' + x.end + '#hl';
        head.appendChild(sa);
        if (src.kind) head.appendChild(el('span', 'badge k-' + src.kind, src.kind));
        panel.appendChild(head);
        var q = el('blockquote', 'doc');
        var mark = el('mark', 'hl');
        var bytes = enc.encode(x.text);
        if (x.trigger && x.trigger[0] >= x.start && x.trigger[1] <= x.end) {
          var ts = x.trigger[0] - x.start, te = x.trigger[1] - x.start;
          // Long passages are cut to a window around the trigger.
          var a = Math.max(0, ts - 300), b = Math.min(bytes.length, te + 300);
          mark.appendChild(document.createTextNode((a > 0 ? '…' : '') + sliceBytes(bytes, a, ts)));
          mark.appendChild(el('strong', 'trig', sliceBytes(bytes, ts, te)));
          mark.appendChild(document.createTextNode(sliceBytes(bytes, te, b) + (b < bytes.length ? '…' : '')));
        } else {
          mark.textContent = x.text;
        }
        q.appendChild(mark);
        panel.appendChild(q);
      });
    }).catch(function () {
      panel.hidden = false;
      panel.textContent = 'Could not load the evidence.';
    });
  }

  fetch(box.getAttribute('data-api')).then(function (r) { return r.json(); }).then(function (data) {
    var items = [], undated = 0;
    data.events.forEach(function (ev) {
      var t = ev.time, s = t && day(t.start), e = t && day(t.end, true);
      if (!s) { undated++; return; }
      var content = el('span', 'tl-item', label(ev));
      content.setAttribute('data-type', ev.type);
      content.setAttribute('data-start', t.start);
      content.setAttribute('data-id', ev.id);
      var cls = 'ev-' + ev.type + (ev.conflicts && ev.conflicts.length ? ' conflict' : '');
      var it = { id: ev.id, content: content, start: s, className: cls };
      if (e && t.end && t.end !== t.start) { it.end = e; it.type = 'range'; } else { it.type = 'point'; }
      items.push(it);
    });
    if (!items.length) {
      box.textContent = '';
      box.appendChild(el('p', 'muted', 'None of this entity\'s events is dated.'));
      box.classList.add('empty');
      return;
    }
    box.textContent = '';
    var tl = new vis.Timeline(box, new vis.DataSet(items), {
      stack: true, zoomable: true, showCurrentTime: false, orientation: 'top',
      margin: { item: 8 }, maxHeight: 480, minHeight: 180, zoomMin: 1000 * 60 * 60 * 24 * 3,
      xss: { disabled: false }
    });
    tl.on('select', function (p) { if (p.items && p.items.length) showEvidence(p.items[0]); });
    box.setAttribute('data-ready', String(items.length));
    if (undated) box.appendChild(el('p', 'muted', undated + ' undated event(s) are listed below.'));
  }).catch(function () {
    box.textContent = 'Could not load the timeline.';
  });
})();
