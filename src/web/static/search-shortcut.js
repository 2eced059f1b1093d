// « / » and Ctrl+K (⌘+K on a Mac) put the cursor in the search field, as on most sites
// with a search: the page's own search form first (home, results), else the header's.
// Never while someone types in a field. Without this script the hint stays hidden, as
// the shortcut does not exist.
const mac = /Mac|iPhone|iPad/.test(navigator.userAgentData?.platform ?? navigator.platform ?? '');

function searchField() {
  return (
    document.querySelector('main form[role="search"] input[name="q"]') ??
    document.querySelector('header form[role="search"] input[name="q"]')
  );
}

function typing(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select') !== null)
  );
}

export function isShortcut(event) {
  if (event.altKey || event.isComposing) return false;
  if (event.key === '/') return !event.ctrlKey && !event.metaKey;
  return event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.shiftKey;
}

const field = searchField();
if (field !== null) {
  field.setAttribute('aria-keyshortcuts', mac ? '/ Meta+K' : '/ Control+K');
  // Shown where a keyboard is likely (a fine pointer); site.css hides it on small screens.
  if (window.matchMedia('(pointer: fine)').matches) {
    for (const hint of document.querySelectorAll('.rp-shortcut-hint')) {
      if (mac) for (const key of hint.querySelectorAll('kbd.rp-ctrl')) key.textContent = '⌘';
      hint.hidden = false;
    }
  }
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || !isShortcut(event) || typing(event.target)) return;
    event.preventDefault();
    // The header's field sits in a modal on small screens: open it first.
    if (field.getClientRects().length === 0) {
      document.querySelector('[aria-controls="modal-recherche"]')?.click();
    }
    field.focus();
    field.select();
  });
}
