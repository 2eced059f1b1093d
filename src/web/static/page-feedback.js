// « Cette page vous a-t-elle été utile ? »: without this script the form posts to /avis and
// the page comes back with its thanks. With it, the answer goes by navigator.sendBeacon
// (the same anonymous events as result clicks: the page and the answer, nothing else) and
// the question gives way to the thanks, announced by the live region.
const form = document.querySelector('form[data-feedback-form]');
const status = document.querySelector('[data-feedback-status]');

if (form !== null && status !== null && typeof navigator.sendBeacon === 'function') {
  form.addEventListener('submit', (event) => {
    const answer = event.submitter?.value;
    const page = form.elements.namedItem('page')?.value;
    if (answer !== 'oui' && answer !== 'non') return;
    const body = JSON.stringify({ type: 'feedback', url: page, answer });
    // Not queued by the browser (too much pending): the form goes the no-script way.
    if (!navigator.sendBeacon('/api/events', new Blob([body], { type: 'application/json' })))
      return;
    event.preventDefault();
    form.remove();
    status.textContent = 'Merci pour votre retour.';
    // The button pressed is gone: the keyboard carries on from the thanks, not from the top.
    status.tabIndex = -1;
    status.focus();
  });
}
