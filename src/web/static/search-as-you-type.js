// Search as you type: about 250 ms after the last keystroke, fetch the same results page
// for the new words and swap its results block in; the address follows
// (history.replaceState) and the new count is announced through a live region. Without
// this script, the form works as a plain GET form.
const form = document.querySelector('form[data-live-search]');
const results = document.getElementById('rp-results');
const live = document.getElementById('rp-live');
const input = form === null ? null : form.querySelector('input[name="q"]');

if (form !== null && results !== null && live !== null && input !== null) {
  let timer;
  let controller;
  let lastQuery = input.value;

  const update = async () => {
    if (input.value === lastQuery) return;
    lastQuery = input.value;
    // New words start again on page 1: the form has no page field.
    const url = `${form.getAttribute('action')}?${new URLSearchParams(new FormData(form)).toString()}`;
    if (controller !== undefined) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(url, {
        headers: { 'X-Live-Search': '1' },
        signal: controller.signal,
      });
      // A 400 page still holds a results block (with the error message).
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const next = page.getElementById('rp-results');
      if (next === null) return;
      // The filters keep the state the person left them in (folded or not).
      const filters = results.querySelector('details.rp-filters');
      const open = filters === null ? true : filters.open;
      results.replaceChildren(...Array.from(next.childNodes, (node) => document.adoptNode(node)));
      const newFilters = results.querySelector('details.rp-filters');
      if (newFilters !== null) newFilters.open = open;
      document.title = page.title;
      window.history.replaceState(null, '', url);
      const count = results.querySelector('#rp-count, .fr-alert__title');
      live.textContent = count === null ? '' : count.textContent.trim();
    } catch (error) {
      // Aborted by a newer keystroke, or offline: the form still submits normally.
      if (error.name !== 'AbortError') lastQuery = undefined;
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 250);
  });
}
