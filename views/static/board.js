// Progressive enhancement for the conflicts board: a "select all" box per form. The page works without it.
for (const form of document.querySelectorAll('form[action="/board/links"], form[action="/board/entity-links"]')) {
  const boxes = form.querySelectorAll('input[type="checkbox"][name="ids"]');
  if (!boxes.length) continue;
  const label = document.createElement('label');
  const all = document.createElement('input');
  all.type = 'checkbox';
  label.append(all, ' Select all');
  label.className = 'xr-all';
  all.addEventListener('change', () => boxes.forEach((b) => { b.checked = all.checked; }));
  form.prepend(label);
}
