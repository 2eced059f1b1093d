// "Marquer comme lu" without an account: the ticked steps of a parcours are kept in this
// browser (localStorage) and in the address (?lu=1,3), so that a reload keeps them and a
// copied link shares them. Without this script the boxes are a form that does the same
// through the address alone.
const form = document.querySelector('form[data-parcours]');

function key(slug) {
  return `reperes.parcours.${slug}`;
}

function load(slug) {
  try {
    const saved = JSON.parse(window.localStorage.getItem(key(slug)) ?? '[]');
    return Array.isArray(saved) ? saved.filter((step) => Number.isInteger(step)) : [];
  } catch {
    // Storage refused (private mode, quota) or a value we did not write: start afresh.
    return [];
  }
}

function save(slug, steps) {
  try {
    window.localStorage.setItem(key(slug), JSON.stringify(steps));
  } catch {
    // Storage refused: the address still holds the progress.
  }
}

function checkedSteps(boxes) {
  return boxes.filter((box) => box.checked).map((box) => Number(box.value));
}

function show(boxes, steps) {
  const total = boxes.length;
  const read = steps.length;
  const bar = form.querySelector('progress');
  bar.value = read;
  form.querySelector('[data-parcours-progress-text]').textContent =
    `${read} ${read > 1 ? 'étapes' : 'étape'} sur ${total}`;
  const url = new URL(window.location.href);
  if (read === 0) url.searchParams.delete('lu');
  else url.searchParams.set('lu', steps.join(','));
  // Commas stay readable in the address.
  const address = url.pathname + url.search.replaceAll('%2C', ',') + url.hash;
  window.history.replaceState(null, '', address);
  const share = document.querySelector('[data-parcours-share]');
  if (share !== null) share.href = url.pathname + url.search.replaceAll('%2C', ',');
}

if (form !== null) {
  const slug = form.dataset.parcours;
  const boxes = [...form.querySelectorAll('input[type="checkbox"][name="lu"]')];
  // A shared address wins over what this browser kept; otherwise this browser's progress.
  if (new URL(window.location.href).searchParams.has('lu')) {
    save(slug, checkedSteps(boxes));
  } else {
    const saved = new Set(load(slug));
    for (const box of boxes) box.checked = saved.has(Number(box.value));
  }
  show(boxes, checkedSteps(boxes));
  // Each tick is saved at once: the button is only needed without this script.
  form.querySelector('[data-parcours-save]').hidden = true;
  for (const box of boxes) {
    box.addEventListener('change', () => {
      const steps = checkedSteps(boxes);
      save(slug, steps);
      show(boxes, steps);
    });
  }
}
