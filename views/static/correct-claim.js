// Speaker suggestions for the claim page's "Change speaker" field (the form works without this).
(() => {
  const input = document.querySelector('input[data-suggest]');
  const list = document.getElementById('speaker-suggestions');
  if (!input || !list) return;
  let timer = 0;
  let asked = '';
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === asked) return;
      asked = q;
      try {
        const res = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!res.ok) return;
        const { speakers } = await res.json();
        list.replaceChildren(
          ...speakers.map((s) => Object.assign(document.createElement('option'), { value: s.name, label: `${s.name} (${s.kind}, ${s.claims} claims)` })),
        );
        // an existing name keeps its kind: pick it for the editor
        const exact = speakers.find((s) => s.name.toLowerCase() === q.toLowerCase());
        const radio = exact && document.querySelector(`input[name="speaker_kind"][value="${exact.kind}"]`);
        if (radio) radio.checked = true;
      } catch {
        // suggestions are a convenience; typing still works
      }
    }, 150);
  });
})();
