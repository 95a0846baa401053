// Speaker autocomplete for the search form: fills the <datalist> from /api/v1/speakers/suggest as you type.
// Without JavaScript the field is a plain text box and the search still works.
(function () {
  const input = document.getElementById('speaker');
  const list = document.getElementById('speaker-suggestions');
  if (!input || !list || !window.fetch) return;
  let timer = null;
  let last = '';
  let controller = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q === last || q.length < 2) return;
      last = q;
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const res = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { signal: controller.signal, headers: { accept: 'application/json' } });
        if (!res.ok) return;
        const { speakers } = await res.json();
        list.replaceChildren(
          ...speakers.map((s) => {
            const o = document.createElement('option');
            o.value = s.name;
            o.label = `${s.name} (${s.claims} claim${s.claims === 1 ? '' : 's'})`;
            return o;
          }),
        );
      } catch (e) {
        if (e.name !== 'AbortError') console.warn('speaker suggestions unavailable', e);
      }
    }, 150);
  });
})();
