// On a small screen the filters start folded, so that results come first; without this
// script they stay open (the page is still usable, only longer). Wide screens hide the
// toggle and always show them. Choosing a filter loads a new page: the panel is kept as
// the person left it (open while they filter), remembered for the tab in sessionStorage.
const small = window.matchMedia('(max-width: 47.99em)');
const key = 'rp-filters-open';

function remembered() {
  try {
    return window.sessionStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function remember(open) {
  try {
    if (open) window.sessionStorage.setItem(key, '1');
    else window.sessionStorage.removeItem(key);
  } catch {
    // Storage refused (private mode, policy): the panel simply starts folded.
  }
}

export function foldFilters(root) {
  for (const details of root.querySelectorAll('details.rp-filters')) {
    details.open = !small.matches || remembered();
  }
}

foldFilters(document);
small.addEventListener('change', () => foldFilters(document));
// Delegated: search-as-you-type replaces the panel.
document.addEventListener(
  'toggle',
  (event) => {
    const details = event.target;
    if (small.matches && details instanceof HTMLDetailsElement && details.matches('.rp-filters'))
      remember(details.open);
  },
  true,
);
