/**
 * Reading progress without an account: the steps read travel in the address (`?lu=1,3`,
 * or `?lu=1&lu=3` as a form sends it), so a page without JavaScript keeps it and a link
 * shares it; parcours-progress.js also keeps it in the browser.
 */

/** The steps marked as read, 1-based, sorted, within 1…total; anything else is dropped. */
export function readSteps(raw: unknown, total: number): number[] {
  const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  const steps = new Set<number>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    for (const part of value.split(',')) {
      if (!/^\d{1,4}$/.test(part.trim())) continue;
      const step = Number(part.trim());
      if (step >= 1 && step <= total) steps.add(step);
    }
  }
  return [...steps].sort((a, b) => a - b);
}

/** `/parcours/<slug>` with the steps read, as the script writes it. */
export function parcoursUrl(slug: string, read: number[] = []): string {
  const base = `/parcours/${encodeURIComponent(slug)}`;
  return read.length === 0 ? base : `${base}?lu=${read.join(',')}`;
}

/** "3 étapes sur 9", "1 étape sur 9". */
export function progressLabel(read: number, total: number): string {
  return `${read} ${read > 1 ? 'étapes' : 'étape'} sur ${total}`;
}

/** "45 min", "1 h 20 min". */
export function readingTimeLabel(minutes: number): string {
  const rounded = Math.max(1, Math.round(minutes));
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A step's link on the resource page, with `?parcours=<slug>&etape=<n>` before its
 * #fragment, so that the page shows where the reader is in the parcours.
 */
export function stepUrl(url: string, slug: string, step: number): string {
  if (!url.startsWith('/ressources/')) return url;
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const params = new URLSearchParams({ parcours: slug, etape: String(step) });
  return `${base}${base.includes('?') ? '&' : '?'}${params.toString()}${fragment}`;
}
