import type { ComponentChildren } from 'preact';
import { analyticsWindows, type AnalyticsWindow } from '../../analytics/analytics-response.ts';
import { SuccessAlert } from '../components/coordination-alerts.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { DayChart, niceCeiling, rateCeiling } from '../components/day-chart.tsx';
import {
  formatCount,
  formatDay,
  formatRate,
  type AnalyticsTable,
  type AnalyticsTableName,
  type SearchAnalyticsView,
} from '../analytics/search-analytics-view.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { CoordinationBreadcrumb } from './coordination-form.tsx';

/**
 * « Recherches » for coordinators: what people search, what finds nothing, what finds
 * but is not opened; two charts over the period, each followed by its numbers; every
 * table exportable as CSV. A query with no result can be written up or set aside.
 */

export interface SearchesPageProps {
  context: PageContext;
  view: SearchAnalyticsView;
  /** The page's tables, as the CSV export writes them. */
  tables: AnalyticsTable[];
  /** Whether the publishing form exists (« Rédiger une ressource »). */
  canPublish: boolean;
  /** The query just marked as handled (after its redirect). */
  handled?: string;
}

export const searchesPath = '/coordination/recherches';
export const handledPath = '/coordination/recherches/traitees';

/** The CSV export's address for a table and a window. */
export function csvHref(table: AnalyticsTableName, days: AnalyticsWindow): string {
  return `${searchesPath}.csv?table=${table}&jours=${days}`;
}

export function SearchesPage(props: SearchesPageProps) {
  const { view, context } = props;
  const title = 'Recherches';
  const table = (name: AnalyticsTableName): AnalyticsTable => {
    const found = props.tables.find((one) => one.name === name);
    if (found === undefined)
      throw new Error(`Expected the table \`${name}\` among the page's tables`);
    return found;
  };
  const period = periodWords(view);
  return (
    <Layout context={context} title={`${title} sur ${view.days} jours`} headerSearch={false}>
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb current={title} />
        <h1>{title}</h1>
        {props.handled === undefined ? null : (
          <SuccessAlert title="Recherche marquée comme traitée">
            <p>
              « {props.handled} » ne figure plus parmi les recherches à traiter, jusqu’à ce qu’elle
              soit de nouveau faite sans résultat.
            </p>
          </SuccessAlert>
        )}
        <p>
          Ce que les visiteurs cherchent, ce qu’ils ne trouvent pas et ce qu’ils trouvent sans
          l’ouvrir. Les recherches sont regroupées sans tenir compte des majuscules, des accents ni
          du « s » final. Aucune donnée personnelle n’est conservée.
        </p>
        <WindowChoice days={view.days} />

        <h2 class="fr-mt-6w">En bref</h2>
        <DataTable table={table('indicateurs')} days={view.days} />

        <h2 class="fr-mt-6w" id="sans-resultat">
          Recherches sans résultat
        </h2>
        <p>
          Des questions auxquelles aucune ressource ne répond encore : la liste de ce qu’il reste à
          écrire.
        </p>
        <DataTable
          table={table('sans-resultat')}
          days={view.days}
          empty="Aucune recherche sans résultat sur la période."
          actions={(index) => {
            const row = view.zeroResultQueries[index];
            if (row === undefined) return null;
            return (
              <ZeroResultActions
                query={row.query}
                queryKey={row.key}
                handled={row.handled}
                days={view.days}
                canPublish={props.canPublish}
                csrfToken={context.csrfToken}
              />
            );
          }}
        />

        <h2 class="fr-mt-6w">Évolution sur la période</h2>
        <h3 class="fr-h5">Recherches par jour</h3>
        <DayChart
          id="rp-chart-recherches"
          title={`Recherches par jour, ${period}`}
          description={searchesDescription(view)}
          kind="bar"
          points={view.perDay.map((day) => ({ day: day.day, value: day.searches }))}
          max={niceCeiling(Math.max(0, ...view.perDay.map((day) => day.searches)))}
          formatValue={formatCount}
        />
        <h3 class="fr-h5 fr-mt-4w">Taux de recherches sans résultat</h3>
        <DayChart
          id="rp-chart-sans-resultat"
          title={`Taux de recherches sans résultat par jour, ${period}`}
          description={rateDescription(view)}
          kind="line"
          points={view.perDay.map((day) => ({ day: day.day, value: day.zeroResultRate }))}
          max={rateCeiling(Math.max(0, ...view.perDay.map((day) => day.zeroResultRate ?? 0)))}
          formatValue={(value) => formatRate(value)}
        />
        <details class="fr-mt-3w">
          <summary>Les chiffres de ces deux graphiques, jour par jour</summary>
          <DataTable table={table('par-jour')} days={view.days} />
        </details>

        <h2 class="fr-mt-6w">Recherches les plus fréquentes</h2>
        <DataTable
          table={table('frequentes')}
          days={view.days}
          empty="Aucune recherche sur la période."
        />

        <h2 class="fr-mt-6w">Recherches avec résultats mais sans clic</h2>
        <p>
          Des résultats sont proposés mais aucun n’est ouvert : les titres ou les extraits ne
          répondent peut-être pas à la question.
        </p>
        <DataTable
          table={table('sans-clic')}
          days={view.days}
          empty="Toutes les recherches avec résultats ont été suivies d’un clic."
        />

        <h2 class="fr-mt-6w">Filtres utilisés</h2>
        <DataTable
          table={table('filtres')}
          days={view.days}
          empty="Aucun filtre utilisé sur la période."
        />

        <h2 class="fr-mt-6w" id="avis">
          Avis sur les pages
        </h2>
        <p>
          Les réponses à « Cette page vous a-t-elle été utile ? », posée à la fin de chaque
          ressource : les pages qui ont reçu le plus de « non » d’abord, à relire ou à compléter.
        </p>
        <DataTable table={table('avis')} days={view.days} empty="Aucun avis sur la période." />
      </div>
    </Layout>
  );
}

/** 7, 30 or 90 days: links (a GET form would need a button for nothing more). */
function WindowChoice({ days }: { days: AnalyticsWindow }) {
  return (
    <nav aria-label="Période">
      <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        {analyticsWindows.map((window) => (
          <li key={window}>
            <a
              class={`fr-btn ${window === days ? '' : 'fr-btn--secondary'}`}
              href={`${searchesPath}?jours=${window}`}
              {...(window === days ? { 'aria-current': 'page' } : {})}
            >
              {window} derniers jours
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A DSFR table of one AnalyticsTable, its CSV link under it; `actions` adds a last column. */
function DataTable(props: {
  table: AnalyticsTable;
  days: AnalyticsWindow;
  empty?: string;
  actions?: (index: number) => ComponentChildren;
}) {
  const { table } = props;
  if (table.rows.length === 0 && props.empty !== undefined) return <p>{props.empty}</p>;
  return (
    <>
      <div class="fr-table fr-table--no-caption fr-mb-1w rp-scroll-table" data-table={table.name}>
        <div class="fr-table__wrapper">
          {/* Scrolls sideways on a phone: reachable with the keyboard, named by its caption. */}
          <div class="fr-table__container" tabIndex={0} role="region" aria-label={table.caption}>
            <div class="fr-table__content">
              <table>
                <caption>{table.caption}</caption>
                <thead>
                  <tr>
                    {table.columns.map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                    {props.actions === undefined ? null : <th scope="col">Actions</th>}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, index) => (
                    <tr key={index}>
                      {row.map((cell, column) =>
                        column === 0 ? (
                          <th key={column} scope="row">
                            {cell}
                          </th>
                        ) : (
                          <td key={column}>{cell}</td>
                        ),
                      )}
                      {props.actions === undefined ? null : <td>{props.actions(index)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      <p class="fr-mb-2w">
        <a
          class="fr-link fr-icon-download-line fr-link--icon-left"
          href={csvHref(table.name, props.days)}
          download
        >
          Télécharger au format CSV<span class="fr-sr-only"> : {table.caption}</span>
        </a>
      </p>
    </>
  );
}

function ZeroResultActions(props: {
  query: string;
  queryKey: string;
  handled: boolean;
  days: AnalyticsWindow;
  canPublish: boolean;
  csrfToken: string | undefined;
}) {
  return (
    <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
      {props.canPublish ? (
        <li>
          <a
            class="fr-btn fr-btn--secondary"
            href={`/coordination/publier?titre=${encodeURIComponent(props.query)}`}
          >
            Rédiger une ressource<span class="fr-sr-only"> sur « {props.query} »</span>
          </a>
        </li>
      ) : null}
      {props.handled ? null : (
        <li>
          <form method="post" action={handledPath}>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="cle" value={props.queryKey} />
            <input type="hidden" name="recherche" value={props.query} />
            <input type="hidden" name="jours" value={String(props.days)} />
            <button class="fr-btn fr-btn--tertiary" type="submit">
              Marquer comme traité<span class="fr-sr-only"> : « {props.query} »</span>
            </button>
          </form>
        </li>
      )}
    </ul>
  );
}

function periodWords(view: SearchAnalyticsView): string {
  const first = view.perDay[0]?.day;
  const last = view.perDay[view.perDay.length - 1]?.day;
  if (first === undefined || last === undefined) return `sur ${view.days} jours`;
  return `du ${formatDay(first)} au ${formatDay(last)}`;
}

function searchesDescription(view: SearchAnalyticsView): string {
  const busiest = view.perDay.reduce<SearchAnalyticsView['perDay'][number] | undefined>(
    (best, day) => (best === undefined || day.searches > best.searches ? day : best),
    undefined,
  );
  const total = `${formatCount(view.totals.searches)} recherches ${periodWords(view)}`;
  if (busiest === undefined || busiest.searches === 0) return `${total}.`;
  return `${total} ; au plus ${formatCount(busiest.searches)} le ${formatDay(busiest.day)}. Les chiffres de chaque jour sont dans le tableau qui suit.`;
}

function rateDescription(view: SearchAnalyticsView): string {
  const days = view.perDay.filter((day) => day.zeroResultRate !== null);
  if (days.length === 0) return `Aucune recherche ${periodWords(view)}.`;
  const highest = days.reduce((best, day) =>
    (day.zeroResultRate ?? 0) > (best.zeroResultRate ?? 0) ? day : best,
  );
  return `Sur la période, ${formatRate(view.totals.zeroResultRate)} des recherches n’ont donné aucun résultat ; le taux le plus haut, ${formatRate(highest.zeroResultRate)}, le ${formatDay(highest.day)}. Les jours sans recherche n’ont pas de taux. Les chiffres de chaque jour sont dans le tableau qui suit.`;
}
