// Source page enhancements (no inline script: CSP is script-src 'self').
// 1. #claim-ID in the address marks every highlight of that claim.
// 2. Editors select words in the article and create a claim from the selection. Offsets are computed
//    from each paragraph's data-start (its offset in the stored text) plus the characters before the
//    selection inside that paragraph; the server checks text.slice(start, end) === exact again.
(function () {
  'use strict';
  var article = document.getElementById('article-text');
  if (!article) return;

  function markTarget() {
    var prev = article.querySelectorAll('.hl.current');
    for (let i = 0; i < prev.length; i++) prev[i].classList.remove('current');
    var m = /^#claim-(\d+)$/.exec(window.location.hash);
    if (!m) return;
    var hits = article.querySelectorAll('a.hl[data-claim="' + m[1] + '"]');
    for (let j = 0; j < hits.length; j++) hits[j].classList.add('current');
  }
  markTarget();
  window.addEventListener('hashchange', markTarget);

  if (article.getAttribute('data-can-edit') !== '1') return;
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var sourceId = article.getAttribute('data-source-id');
  var panel = null;

  function paragraphOf(node) {
    var el = node && node.nodeType === 1 ? node : node && node.parentNode;
    while (el && el !== article) {
      if (el.tagName === 'P' && el.hasAttribute('data-start')) return el;
      el = el.parentNode;
    }
    return null;
  }

  /** Characters of the paragraph before (node, offset): the length of a range from the paragraph's start. */
  function offsetIn(p, node, offset) {
    var r = document.createRange();
    r.setStart(p, 0);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function hidden(name, value) {
    return el('input', { type: 'hidden', name: name, value: String(value) });
  }

  function closePanel() {
    if (panel && panel.parentNode) panel.parentNode.removeChild(panel);
    panel = null;
  }

  function showMessage(p, text) {
    closePanel();
    panel = el('div', { class: 'select-claim-panel', role: 'status' });
    panel.appendChild(el('p', { class: 'muted' }, text));
    p.parentNode.insertBefore(panel, p.nextSibling);
  }

  function showForm(p, start, end, exact) {
    closePanel();
    panel = el('form', { class: 'select-claim-panel stack', method: 'post', action: '/claims', 'aria-label': 'New claim from selection' });
    panel.appendChild(hidden('_csrf', csrf));
    panel.appendChild(hidden('source_id', sourceId));
    panel.appendChild(hidden('start', start));
    panel.appendChild(hidden('end', end));
    panel.appendChild(hidden('exact', exact));
    panel.appendChild(
      el('p', { class: 'selection-preview' }, '“' + (exact.length > 160 ? exact.slice(0, 157) + '…' : exact) + '” [' + start + ', ' + end + ')'),
    );

    var kindLabel = el('label', {}, 'Kind ');
    var kind = el('select', { name: 'kind' });
    [
      ['quote', 'Direct quote'],
      ['reported', 'Reported speech'],
      ['figure', 'Figure'],
    ].forEach(function (k) {
      kind.appendChild(el('option', { value: k[0] }, k[1]));
    });
    if (/\d/.test(exact) && exact.length < 40) kind.value = 'figure';
    kindLabel.appendChild(kind);
    panel.appendChild(kindLabel);

    var speakerLabel = el('label', {}, 'Speaker ');
    speakerLabel.appendChild(el('input', { name: 'speaker', placeholder: 'who said it (optional)', autocomplete: 'off' }));
    panel.appendChild(speakerLabel);

    var row = el('div', {});
    row.appendChild(el('button', { type: 'submit' }, 'Create claim'));
    row.appendChild(document.createTextNode(' '));
    var cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
    cancel.addEventListener('click', closePanel);
    row.appendChild(cancel);
    panel.appendChild(row);
    p.parentNode.insertBefore(panel, p.nextSibling);
  }

  function onSelect(ev) {
    if (panel && ev && ev.target && panel.contains(ev.target)) return;
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    var range = sel.getRangeAt(0);
    var p = paragraphOf(range.startContainer);
    var q = paragraphOf(range.endContainer);
    if (!p || !q) return;
    if (p !== q) return showMessage(p, 'Select words within one paragraph to make a claim.');
    var base = Number(p.getAttribute('data-start'));
    var a = offsetIn(p, range.startContainer, range.startOffset);
    var b = offsetIn(p, range.endContainer, range.endOffset);
    var text = p.textContent.slice(a, b);
    // Trim white space at either end so the claim starts and ends on a word.
    var lead = text.length - text.replace(/^\s+/, '').length;
    var trail = text.length - text.replace(/\s+$/, '').length;
    a += lead;
    b -= trail;
    if (b <= a) return;
    showForm(p, base + a, base + b, p.textContent.slice(a, b));
  }

  article.addEventListener('mouseup', onSelect);
  article.addEventListener('keyup', function (ev) {
    if (ev.shiftKey) onSelect(ev);
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') closePanel();
  });
})();
