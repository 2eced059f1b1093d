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
