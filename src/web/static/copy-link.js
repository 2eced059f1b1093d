// « Copier le lien » under the headings of a resource page: copies the section's full
// address (without the search words that led here) and announces « Lien copié ». Without
// this script, or when the clipboard is refused, the link simply goes to the anchor, and
// the address bar holds the section's address.
const status = document.getElementById('rp-copy-status');

document.addEventListener('click', async (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-copy-link]') : null;
  if (link === null || status === null || navigator.clipboard === undefined) return;
  event.preventDefault();
  const url = `${window.location.origin}${window.location.pathname}${link.getAttribute('href')}`;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    window.location.hash = link.getAttribute('href');
    return;
  }
  // Emptied first so that a second copy is announced again.
  status.textContent = '';
  window.requestAnimationFrame(() => {
    status.textContent = 'Lien copié';
  });
  link.dataset.copied = '';
  window.setTimeout(() => delete link.dataset.copied, 3000);
});
