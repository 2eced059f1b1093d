// Applies the saved colour scheme (light, dark or system, stored by the DSFR script under
// "scheme") before the first paint, so that a dark page never flashes white. A file of its
// own: the Content Security Policy allows no inline script.
(function () {
  var root = document.documentElement;
  try {
    var scheme = window.localStorage.getItem('scheme');
    var dark =
      scheme === 'dark' ||
      (scheme !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    root.setAttribute('data-fr-theme', dark ? 'dark' : 'light');
  } catch {
    // Storage may be blocked (private browsing): the DSFR script falls back to the system.
  }
})();
