// Progressive enhancement for the conflicts board; every action also works as a plain form with Tab and Enter.
// j / k: next / previous card; c / r: confirm / reject the card in focus; /: the name box; name suggestions as typed.
const cards = [...document.querySelectorAll('.xr-queue > li > .xr-link')];

const typing = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));
const cardOf = (el) => (el instanceof Element ? el.closest('.xr-link') : null);

function focusCard(i) {
  const card = cards[Math.max(0, Math.min(cards.length - 1, i))];
  if (!card) return;
  card.focus();
  card.scrollIntoView({ block: 'nearest' });
}

document.addEventListener('keydown', (ev) => {
  if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
  const current = cardOf(document.activeElement);
  const at = current ? cards.indexOf(current) : -1;
  if (ev.key === 'j') focusCard(at + 1);
  else if (ev.key === 'k') focusCard(at === -1 ? 0 : at - 1);
  else if ((ev.key === 'c' || ev.key === 'r') && current) {
    const button = current.querySelector(`button[data-key="${ev.key}"]`);
    if (!button) return;
    button.click();
  } else if (ev.key === '/') {
    const box = document.querySelector('input[name="entity_name"]');
    if (!box) return;
    box.focus();
  } else return;
  ev.preventDefault();
});

// Name suggestions from the server as the editor types (the page ships the most present names for use without JavaScript).
const box = document.querySelector('input[name="entity_name"]');
const list = document.getElementById('board-entities');
if (box && list) {
  let timer = 0;
  let asked = '';
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = box.value.trim();
      if (q === asked || q.length < 2) return;
      asked = q;
      try {
        const res = await fetch(`/api/v1/board/entities?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!res.ok || asked !== q) return;
        const { entities } = await res.json();
        list.replaceChildren(...entities.map((e) => Object.assign(document.createElement('option'), { value: e.name, textContent: e.kind })));
      } catch {
        // suggestions are a convenience: the typed name still filters when submitted
      }
    }, 150);
  });
}

// A "select all" box for each bulk form (its checkboxes sit on the cards, tied to the form by their form attribute).
for (const form of document.querySelectorAll('form#xr-bulk, form#xr-entity-bulk')) {
  const boxes = document.querySelectorAll(`input[type="checkbox"][name="ids"][form="${form.id}"]`);
  if (!boxes.length) continue;
  const label = document.createElement('label');
  const all = document.createElement('input');
  all.type = 'checkbox';
  label.append(all, ' Tick all');
  label.className = 'xr-all';
  all.addEventListener('change', () =>
    boxes.forEach((b) => {
      b.checked = all.checked;
    }),
  );
  form.prepend(label);
}
