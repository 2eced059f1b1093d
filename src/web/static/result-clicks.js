// Result clicks, for the coordinators' analytics: without this script a result link goes
// through /aller (recorded, then redirected). With it, the link gets its direct address
// back (what people copy or hover is the real page) and the click is reported with
// navigator.sendBeacon, which survives the page being left. No cookie, nothing personal:
// the search's random id, the rank and the address.
const selector = 'a[data-click-href]';

export function restoreDirectLinks(root) {
  for (const link of root.querySelectorAll(selector)) link.href = link.dataset.clickHref;
}

function report(event) {
  const link = event.target instanceof Element ? event.target.closest(selector) : null;
  if (link === null || typeof navigator.sendBeacon !== 'function') return;
  const body = JSON.stringify({
    type: 'click',
    queryId: link.dataset.clickQuery,
    resultId: link.dataset.clickResult,
    url: link.dataset.clickHref,
    rank: Number(link.dataset.clickRank),
  });
  navigator.sendBeacon('/api/events', new Blob([body], { type: 'application/json' }));
}

if (typeof navigator.sendBeacon === 'function') {
  restoreDirectLinks(document);
  // Delegated: the results block is replaced by search-as-you-type.
  document.addEventListener('click', report);
  // A middle click opens the result in a new tab: still followed.
  document.addEventListener('auxclick', (event) => {
    if (event.button === 1) report(event);
  });
}
