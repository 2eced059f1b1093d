import type { ComponentChildren } from 'preact';
import type { BrokenLinkItem, ReviewItem, ReviewQueueItem } from '../../freshness/review-queue.ts';
import { SuccessAlert } from '../components/coordination-alerts.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { countLabel, formatDate, formatDateTime, typeLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { CoordinationBreadcrumb } from './coordination-form.tsx';

/** /coordination/a-revoir: the review queue, most urgent first, with « Marquer comme relu ». */

export interface ReviewQueuePageProps {
  context: PageContext;
  items: ReviewQueueItem[];
  soonDays: number;
  /** Whether a resource can be marked as reviewed here (published from this workspace). */
  editable: (resourceId: string) => boolean;
  /** What the last action did (after its redirect). */
  done?: { title: string };
  /** A refusal of the last action (a shipped guide, a resource gone). */
  error?: string;
}

export function ReviewQueuePage(props: ReviewQueuePageProps) {
  const { context, items } = props;
  const reviews = items.filter((item): item is ReviewItem => item.kind === 'review');
  const links = items.filter((item): item is BrokenLinkItem => item.kind === 'broken-link');
  return (
    <Layout context={context} title="À revoir">
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb current="À revoir" />
        <h1>À revoir</h1>
        {props.done === undefined ? null : <SuccessAlert title={props.done.title} />}
        {props.error === undefined ? null : (
          <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
            <h2 class="fr-alert__title">Relecture non enregistrée</h2>
            <p>{props.error}</p>
          </div>
        )}
        <p>
          Les ressources dont la date de relecture est passée ou arrive dans les {props.soonDays}{' '}
          jours, les plus en retard d’abord puis les plus lues, et les liens que la dernière
          vérification a trouvés cassés. Les défis, billets de blog et fiches de personnes racontent
          ce qui a été : ils ne sont jamais à revoir.
        </p>
        <p>
          Les guides livrés avec Repères se corrigent dans son dépôt : leur relecture s’y enregistre
          (champ <code>reviewed</code>), pas depuis cette page.
        </p>
        <h2 class="fr-mt-6w">Relectures</h2>
        {reviews.length === 0 ? (
          <p>Aucune ressource n’est à relire.</p>
        ) : (
          <ReviewTable {...props} items={reviews} />
        )}
        <h2 class="fr-mt-6w">Liens cassés</h2>
        {links.length === 0 ? <p>Aucun lien cassé connu.</p> : <BrokenLinkTable items={links} />}
      </div>
    </Layout>
  );
}

function TableFrame(props: { caption: string; children: ComponentChildren }) {
  return (
    <div class="fr-table fr-table--no-caption">
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
          <div class="fr-table__content">
            <table>
              <caption>{props.caption}</caption>
              {props.children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/** « En retard de 32 jours » or « Dans 12 jours ». */
function delayLabel(overdueDays: number): string {
  if (overdueDays > 0) return `En retard de ${countLabel(overdueDays, 'jour', 'jours')}`;
  if (overdueDays === 0) return 'Aujourd’hui';
  return `Dans ${countLabel(-overdueDays, 'jour', 'jours')}`;
}

function ReviewTable(props: Omit<ReviewQueuePageProps, 'items'> & { items: ReviewItem[] }) {
  return (
    <TableFrame caption="Ressources à relire">
      <thead>
        <tr>
          <th scope="col">Ressource</th>
          <th scope="col">Responsable</th>
          <th scope="col">Dernière relecture</th>
          <th scope="col">Échéance</th>
          <th scope="col">Lectures</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={item.resourceId} data-resource={item.resourceId}>
            <td>
              <a href={item.url}>{item.title}</a>
              <br />
              <span class="fr-text--sm">{typeLabel(item.type)}</span>
            </td>
            <td>{item.owner ?? '—'}</td>
            <td>{item.reviewed === undefined ? 'Jamais' : (formatDate(item.reviewed) ?? '—')}</td>
            <td>
              {formatDate(item.dueOn)}
              <br />
              {item.overdueDays > 0 ? (
                <span class="fr-badge fr-badge--sm fr-badge--warning">
                  {delayLabel(item.overdueDays)}
                </span>
              ) : (
                <span class="fr-text--sm">{delayLabel(item.overdueDays)}</span>
              )}
            </td>
            <td>{item.reads}</td>
            <td>
              {props.editable(item.resourceId) ? (
                <form method="post" action={`/coordination/a-revoir/${item.resourceId}/relu`}>
                  <CsrfField token={props.context.csrfToken} />
                  <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                    Marquer comme relu
                    <span class="fr-sr-only"> : {item.title}</span>
                  </button>
                </form>
              ) : (
                <span class="fr-text--sm">Guide livré : à relire dans le dépôt</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

function failureLabel(item: BrokenLinkItem): string {
  const { failure } = item.link;
  if (failure.kind === 'status') return `Erreur HTTP ${failure.status}`;
  if (failure.kind === 'timeout') return 'Délai dépassé';
  if (failure.kind === 'moved') return `Déplacé vers ${failure.target}`;
  return `Injoignable (${failure.code})`;
}

function BrokenLinkTable(props: { items: BrokenLinkItem[] }) {
  return (
    <TableFrame caption="Liens cassés">
      <thead>
        <tr>
          <th scope="col">Ressource</th>
          <th scope="col">Lien</th>
          <th scope="col">Problème</th>
          <th scope="col">Vérifié le</th>
          <th scope="col">Lectures</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => {
          const where =
            item.link.anchor === undefined ? item.url : `${item.url}#${item.link.anchor}`;
          return (
            <tr key={`${item.resourceId} ${item.link.href}`} data-resource={item.resourceId}>
              <td>
                <a href={where}>{item.title}</a>
              </td>
              <td class="rp-break">{item.link.href}</td>
              <td>{failureLabel(item)}</td>
              <td>{formatDateTime(item.link.checkedAt)}</td>
              <td>{item.reads}</td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
