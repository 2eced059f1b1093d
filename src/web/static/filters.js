// On a small screen the filters start folded, so that results come first; without this
// script they stay open (the page is still usable, only longer). Wide screens hide the
// toggle and always show them.
const small = window.matchMedia('(max-width: 47.99em)');

export function foldFilters(root) {
  for (const details of root.querySelectorAll('details.rp-filters')) details.open = !small.matches;
}

foldFilters(document);
small.addEventListener('change', () => foldFilters(document));
