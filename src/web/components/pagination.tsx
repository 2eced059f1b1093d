/** DSFR pagination: first, previous, a window of pages, next, last; links work without JS. */
export function Pagination(props: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  const { page, pageCount, hrefFor } = props;
  if (pageCount <= 1) return null;
  const pages = pageWindow(page, pageCount);
  const edge = (target: number, className: string, label: string, disabled: boolean) => (
    <li>
      {disabled ? (
        <a class={`fr-pagination__link ${className}`} aria-disabled="true" role="link">
          {label}
        </a>
      ) : (
        <a class={`fr-pagination__link ${className}`} href={hrefFor(target)}>
          {label}
        </a>
      )}
    </li>
  );
  return (
    <nav role="navigation" class="fr-pagination fr-mt-4w" aria-label="Pagination">
      <ul class="fr-pagination__list">
        {edge(1, 'fr-pagination__link--first', 'Première page', page === 1)}
        {edge(
          page - 1,
          'fr-pagination__link--prev fr-pagination__link--lg-label',
          'Page précédente',
          page === 1,
        )}
        {pages.map((item, i) =>
          item === 'gap' ? (
            <li key={`gap-${i}`}>
              <span class="fr-pagination__link fr-hidden fr-unhidden-lg" aria-hidden="true">
                …
              </span>
            </li>
          ) : (
            <li key={item}>
              <a
                class={`fr-pagination__link${item === page || item === 1 || item === pageCount ? '' : ' fr-hidden fr-unhidden-lg'}`}
                href={hrefFor(item)}
                title={`Page ${item}`}
                {...(item === page ? { 'aria-current': 'page' as const } : {})}
              >
                {item}
              </a>
            </li>
          ),
        )}
        {edge(
          page + 1,
          'fr-pagination__link--next fr-pagination__link--lg-label',
          'Page suivante',
          page === pageCount,
        )}
        {edge(pageCount, 'fr-pagination__link--last', 'Dernière page', page === pageCount)}
      </ul>
    </nav>
  );
}

/** 1 … 4 5 6 … 20: the first and last pages and two around the current one. */
export function pageWindow(page: number, pageCount: number): (number | 'gap')[] {
  const wanted = new Set(
    [1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount),
  );
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: (number | 'gap')[] = [];
  sorted.forEach((n, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && n - previous > 1) items.push('gap');
    items.push(n);
  });
  return items;
}

/** How many pages a list of `total` items shows, `limit` a page, at most `maxItems` in all. */
export function pageCountOf(total: number, limit: number, maxItems = Infinity): number {
  return Math.ceil(Math.min(total, maxItems) / limit);
}

/** Whether the page asked for lies past the last page of a list that has some. */
export function isPastLastPage(page: number, pageCount: number): boolean {
  return pageCount >= 1 && page > pageCount;
}

/**
 * In place of an empty page past the end (`?page=99`): says so and links to the last page,
 * so that nobody is left on a page with no items and a « Page suivante ».
 */
export function PastLastPage(props: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  const { page, pageCount } = props;
  return (
    <div class="fr-alert fr-alert--info rp-past-last-page">
      <h3 class="fr-alert__title">La page {page} n’existe pas</h3>
      <p>
        {pageCount === 1
          ? 'Cette liste tient sur une seule page.'
          : `Cette liste compte ${pageCount} pages.`}
      </p>
      <p>
        <a
          class="fr-link fr-icon-arrow-right-line fr-link--icon-right"
          href={props.hrefFor(pageCount)}
        >
          {pageCount === 1
            ? 'Aller à la première page'
            : `Aller à la dernière page (page ${pageCount})`}
        </a>
      </p>
    </div>
  );
}
