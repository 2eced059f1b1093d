import { resourceFileUrl } from '../../content/ids.ts';
import { StaleBadge, StaleNotice, type ReviewView } from '../components/review-note.tsx';
import type { Section } from '../../content/model.ts';
import type { Taxonomy } from '../../content/topics.ts';
import type { RelatedResource } from '../../resources/related.ts';
import type { StoredResource } from '../../index-lookup/index-lookup.ts';
import { otherVersionsOf } from '../../resources/present.ts';
import {
  DefiLinks,
  DefiMetaEntries,
  DefiSections,
  defiBlocks,
  type DefiLinkView,
} from '../components/defi-facts.tsx';
import { CopyLink, CopyLinkStatus } from '../components/copy-link.tsx';
import { MarkedText, Paragraphs } from '../components/marked-text.tsx';
import { PageFeedback } from '../components/page-feedback.tsx';
import { ParcoursStepNav, type ParcoursPosition } from '../components/parcours-step-nav.tsx';
import { fileName } from '../components/search-hit.tsx';
import { containsTerms, type PreparedBody } from '../highlight.ts';
import { formatBytes } from '../../text/format-bytes.ts';
import { formatDate, topicLabel, typeLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { ArchivedBadge, ArchivedNotice } from '../components/archive-note.tsx';
import { searchUrl } from '../urls.ts';

/**
 * /ressources/:id: title and metadata, a table of contents, and the content: the rendered
 * Markdown, or a PDF's text page by page, with the words of the search marked.
 */

export interface ResourcePageProps {
  context: PageContext;
  taxonomy: Taxonomy;
  resource: StoredResource;
  sections: Section[];
  /** "Voir aussi": the closest resources, best first. */
  related: RelatedResource[];
  /** The rendered Markdown body, when the resource has one. */
  body?: PreparedBody;
  /** The search that led here, and its words to mark. */
  q: string;
  /** The results page (query, filters, page) this page was opened from: `/recherche?…`. */
  back?: string;
  terms: string[];
  /** The parcours this page was reached from, and its step there. */
  position?: ParcoursPosition;
  /** A défi's documents (PDFs and posts that name it) and the défis close to it. */
  defiLinks?: { documents: DefiLinkView[]; related: DefiLinkView[] };
  /** When it was reviewed, by whom, and whether it is past its review date. */
  review?: ReviewView;
  /** Whether its archive date has passed (the page then says so at the top). */
  archived?: boolean;
  /** « Cette page vous a-t-elle été utile ? »: the page's address, and whether just answered. */
  feedback?: { page: string; thanked: boolean };
}

interface TocEntry {
  label: string;
  href: string;
  depth: number;
}

interface TocNode {
  label: string;
  href: string;
  children: TocNode[];
}

/** Nests a flat list of headings by depth. */
export function buildToc(entries: TocEntry[]): TocNode[] {
  const root: TocNode[] = [];
  const stack: { depth: number; node: TocNode }[] = [];
  for (const entry of entries) {
    const node: TocNode = { label: entry.label, href: entry.href, children: [] };
    while ((stack.at(-1)?.depth ?? -1) >= entry.depth) stack.pop();
    (stack.at(-1)?.node.children ?? root).push(node);
    stack.push({ depth: entry.depth, node });
  }
  return root;
}

/**
 * A PDF's pages: the text of each page, its chunks joined again, and whether it was
 * recognised in the page's image (OCR).
 */
export function pdfPages(sections: Section[]): { page: number; text: string; ocr: boolean }[] {
  const pages = new Map<number, { texts: string[]; ocr: boolean }>();
  for (const section of sections) {
    if (section.page === undefined) continue;
    const page = pages.get(section.page) ?? { texts: [], ocr: false };
    page.texts.push(section.text);
    page.ocr ||= section.ocr === true;
    pages.set(section.page, page);
  }
  return [...pages.entries()]
    .sort(([a], [b]) => a - b)
    .map(([page, { texts, ocr }]) => ({ page, text: texts.join('\n\n'), ocr }));
}

/** Where a section is on this page. */
function sectionHref(section: Section): string {
  if (section.page !== undefined) return `#page-${section.page}`;
  return section.anchor === undefined ? '#contenu-ressource' : `#${section.anchor}`;
}

export function ResourcePage(props: ResourcePageProps) {
  const { resource, sections, related, taxonomy, body, q, terms } = props;
  const isPdf = resource.source.format === 'pdf';
  const fileUrl = resourceFileUrl(resource.id);
  const pages = isPdf ? pdfPages(sections) : [];
  const defi = resource.type === 'defi' ? resource.defi : undefined;
  // A défi known only from the data: its sections are the data's text, shown as the blocks.
  const dataEntry = defi !== undefined && isProgrammeEntry(resource.source.path);
  const toc: TocEntry[] = isPdf
    ? pages.map(({ page }) => ({ label: `Page ${page}`, href: `#page-${page}`, depth: 1 }))
    : dataEntry
      ? []
      : body !== undefined
        ? body.headings.map(({ id, label, depth }) => ({ label, href: `#${id}`, depth }))
        : sections
            .filter((section) => section.chunk === 0 && section.anchor !== undefined)
            .map((section) => ({
              label: section.heading,
              href: `#${section.anchor ?? ''}`,
              depth: section.hierarchy.length,
            }));
  const passages = terms.length === 0 ? [] : matchingPassages(sections, terms);
  const date = resource.date === undefined ? undefined : formatDate(resource.date);
  const updated = formatDate(resource.updatedAt);
  const otherVersions = otherVersionsOf(resource).otherVersions ?? [];
  const defiLinks = props.defiLinks ?? { documents: [], related: [] };
  const blocks = defi === undefined ? [] : defiBlocks(defi, defiLinks);
  toc.push(...blocks.map(({ id, label }) => ({ label, href: `#${id}`, depth: 2 })));
  // "Voir aussi" leaves out what "Défis proches" already lists, and people: a défi's team
  // has its own block, and a person is no reading.
  const closeDefis = new Set(defiLinks.related.slice(0, 5).map((item) => item.id));
  const seeAlso = related.filter((item) => !closeDefis.has(item.id) && item.type !== 'personne');
  const lead = resource.summary ?? defi?.description;
  return (
    <Layout
      context={props.context}
      title={resource.title}
      {...(lead === undefined ? {} : { description: lead })}
      scripts={
        props.feedback === undefined ? ['copy-link.js'] : ['copy-link.js', 'page-feedback.js']
      }
    >
      <div class="fr-container fr-pt-4w fr-pb-8w">
        <BackToResults q={q} back={props.back} />
        <CopyLinkStatus />
        <p class="fr-mb-1w">
          <span class="fr-badge fr-badge--blue-ecume">{typeLabel(resource.type)}</span>
          {props.archived === true ? (
            <>
              {' '}
              <ArchivedBadge />
            </>
          ) : null}
          {props.review?.stale === true ? (
            <>
              {' '}
              <StaleBadge />
            </>
          ) : null}
        </p>
        <h1 {...(body?.titleId === undefined ? {} : { id: body.titleId })}>{resource.title}</h1>
        {lead === undefined ? null : <p class="fr-text--lead">{lead}</p>}
        {props.archived === true ? <ArchivedNotice archive={resource.archive} /> : null}
        {props.review?.stale === true ? <StaleNotice view={props.review} /> : null}
        <dl class="rp-meta">
          {resource.topics.length === 0 ? null : (
            <div>
              <dt>Thématiques</dt>
              <dd>
                <ul class="fr-tags-group">
                  {resource.topics.map((slug) => (
                    <li key={slug}>
                      <a class="fr-tag fr-tag--sm" href={searchUrl({ topic: [slug] })}>
                        {topicLabel(taxonomy, slug)}
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          {defi === undefined ? null : <DefiMetaEntries defi={defi} />}
          {resource.promotion === undefined || defi !== undefined ? null : (
            <div>
              <dt>Promotion</dt>
              <dd>
                <a href={searchUrl({ promotion: [resource.promotion] })}>{resource.promotion}</a>
              </dd>
            </div>
          )}
          {resource.organisation === undefined || defi !== undefined ? null : (
            <div>
              <dt>Administration</dt>
              <dd>{resource.organisation}</dd>
            </div>
          )}
          {resource.author === undefined ? null : (
            <div>
              <dt>Auteur</dt>
              <dd>{resource.author}</dd>
            </div>
          )}
          {/* A défi's date is its promotion's year, shown beside the promotion. */}
          {date === undefined || defi !== undefined ? null : (
            <div>
              <dt>Date</dt>
              <dd>{date}</dd>
            </div>
          )}
          {props.review?.line === undefined ? null : (
            <div>
              <dt>Relecture</dt>
              <dd class="rp-review">{props.review.line}</dd>
            </div>
          )}
          {updated === undefined ? null : (
            <div>
              <dt>Mis à jour dans Repères</dt>
              <dd>{updated}</dd>
            </div>
          )}
          {otherVersions.length === 0 ? null : (
            <div>
              <dt>{otherVersions.length === 1 ? 'Autre version' : 'Autres versions'}</dt>
              <dd>
                <ul class="rp-versions">
                  {otherVersions.map((version) => (
                    <li key={version.id}>
                      <a href={version.url}>{version.title}</a>{' '}
                      <span class="rp-hit__file">({fileName(version.path)})</span>
                      {version.id === resource.versionGroup ? ' – version de référence' : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
        {defi === undefined ? null : <DefiLinks defi={defi} />}
        {dataEntry ? (
          <p class="fr-text--sm rp-source">
            D’après les données publiques du programme Entrepreneurs d’intérêt général.
          </p>
        ) : (
          <p>
            <a class="fr-link fr-link--download" href={fileUrl}>
              {isPdf ? 'Ouvrir le PDF d’origine' : 'Télécharger le fichier d’origine'}
              <span class="fr-link__detail">
                {isPdf ? 'PDF' : resource.source.format === 'yaml' ? 'YAML' : 'Markdown'} –{' '}
                {formatBytes(resource.source.bytes)}
              </span>
            </a>
          </p>
        )}
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w rp-resource-grid">
          {toc.length === 0 && props.position === undefined ? null : (
            <div class="fr-col-12 fr-col-md-4">
              {/* Sticky together: a reader who landed on a section deep in the page still sees the step. */}
              <div class="rp-aside">
                {props.position === undefined ? null : (
                  <ParcoursStepNav position={props.position} />
                )}
                {toc.length === 0 ? null : (
                  <nav class="fr-summary rp-toc" role="navigation" aria-labelledby="sommaire-titre">
                    <h2 class="fr-summary__title" id="sommaire-titre">
                      {isPdf ? 'Pages' : 'Sommaire'}
                    </h2>
                    <TocList nodes={buildToc(toc)} />
                  </nav>
                )}
              </div>
            </div>
          )}
          <div class="fr-col-12 fr-col-md-8">
            {terms.length === 0 ? null : <Passages q={q} passages={passages} />}
            <div class="rp-content" id="contenu-ressource">
              {isPdf ? (
                pages.map(({ page, text, ocr }) => (
                  <section
                    class="rp-pdf-page"
                    id={`page-${page}`}
                    aria-labelledby={`page-${page}-titre`}
                    key={page}
                  >
                    <h2 class="fr-h5" id={`page-${page}-titre`}>
                      Page {page}
                    </h2>
                    <CopyLink id={`page-${page}`} heading={`Page ${page}`} />
                    {ocr ? (
                      <p class="fr-text--sm">
                        <span class="fr-badge fr-badge--sm fr-badge--info">
                          Texte reconnu automatiquement
                        </span>{' '}
                        Cette page est une image : son texte a été lu par un logiciel et peut
                        contenir des erreurs. Le PDF fait foi.
                      </p>
                    ) : null}
                    <Paragraphs text={text} terms={terms} />
                    <p class="fr-mb-0">
                      <a class="fr-link fr-link--sm" href={`${fileUrl}#page=${page}`}>
                        Ouvrir le PDF à la page {page}
                      </a>
                    </p>
                  </section>
                ))
              ) : dataEntry ? (
                <DefiSections defi={defi} {...defiLinks} />
              ) : body === undefined ? (
                <SectionsText sections={sections} terms={terms} />
              ) : (
                // Sanitised at ingestion (rehype-sanitize); highlight.ts only adds <mark>.
                <div dangerouslySetInnerHTML={{ __html: body.html }} />
              )}
            </div>
            {props.position === undefined ? null : (
              <ParcoursStepNav position={props.position} end />
            )}
            {defi === undefined || dataEntry ? null : <DefiSections defi={defi} {...defiLinks} />}
            {seeAlso.length === 0 ? null : <SeeAlso related={seeAlso} taxonomy={taxonomy} />}
            {props.feedback === undefined ? null : (
              <PageFeedback {...props.feedback} csrfToken={props.context.csrfToken} />
            )}
          </div>
        </div>
      </div>
    </Layout>
  );
}

/** « Retour aux résultats »: the very results page (filters, page) when known, else the words. */
function BackToResults({ q, back }: { q: string; back: string | undefined }) {
  if (q === '' && back === undefined) return null;
  return (
    <p class="rp-back">
      <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={back ?? searchUrl({ q })}>
        {q === '' ? 'Retour aux résultats' : `Retour aux résultats pour « ${q} »`}
      </a>
    </p>
  );
}

/**
 * Whether a resource is an entry of the programme's data rather than a file of its own:
 * ingestion gives such entries a virtual path, `data/defis.yml#<slug>`.
 */
export function isProgrammeEntry(path: string): boolean {
  return /^(?:.*\/)?data\/[^/#]+\.ya?ml#/.test(path);
}

/** "Voir aussi": a titled list of links, each with its type and topics. */
function SeeAlso({ related, taxonomy }: { related: RelatedResource[]; taxonomy: Taxonomy }) {
  return (
    <section class="rp-see-also fr-mt-6w" id="voir-aussi" aria-labelledby="voir-aussi-titre">
      <h2 class="fr-h4" id="voir-aussi-titre">
        Voir aussi
      </h2>
      <ul class="fr-raw-list">
        {related.map((item) => (
          <li class="rp-item" key={item.id}>
            <p class="rp-item__type">
              <span class="fr-badge fr-badge--sm fr-badge--blue-ecume">{typeLabel(item.type)}</span>
            </p>
            <h3 class="rp-item__title">
              <a href={item.url}>{item.title}</a>
            </h3>
            {item.topics.length === 0 ? null : (
              <p class="rp-item__meta">
                <span class="fr-sr-only">Thématiques : </span>
                {item.topics.map((slug) => topicLabel(taxonomy, slug)).join(' · ')}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "1. ", "2) ", "IV. ": the numbering an author gave headings, which the list already shows. */
const ownNumbering = /^(?:\d+(?:\.\d+)*[.)]?|[IVXLC]+[.)])\s+(?=\S)/;

function TocList({ nodes }: { nodes: TocNode[] }) {
  // Numbered headings would read "2.1. 1. Title" in the numbered summary: drop theirs.
  const numbered = nodes.length > 1 && nodes.every((node) => ownNumbering.test(node.label));
  return (
    <ol>
      {nodes.map((node) => (
        <li key={node.href}>
          <a class="fr-summary__link" href={node.href}>
            {numbered ? node.label.replace(ownNumbering, '') : node.label}
          </a>
          {node.children.length === 0 ? null : <TocList nodes={node.children} />}
        </li>
      ))}
    </ol>
  );
}

/** Sections whose heading or text holds a word of the search, one per place, at most 10. */
function matchingPassages(sections: Section[], terms: string[]): { href: string; label: string }[] {
  const seen = new Set<string>();
  const passages: { href: string; label: string }[] = [];
  for (const section of sections) {
    const href = sectionHref(section);
    if (seen.has(href) || !containsTerms(`${section.heading}\n${section.text}`, terms)) continue;
    seen.add(href);
    passages.push({
      href,
      label: section.page === undefined ? section.heading : `Page ${section.page}`,
    });
    if (passages.length === 10) break;
  }
  return passages;
}

function Passages({ q, passages }: { q: string; passages: { href: string; label: string }[] }) {
  return (
    <div class="fr-callout fr-mb-4w" id="passages">
      <h2 class="fr-callout__title fr-h6">Passages qui contiennent « {q} »</h2>
      {passages.length === 0 ? (
        <p class="fr-callout__text fr-text--sm">
          Aucun passage de ce document ne contient ces mots tels quels.
        </p>
      ) : (
        <ul class="fr-callout__text fr-text--sm">
          {passages.map((passage) => (
            <li key={passage.href}>
              <a href={passage.href}>{passage.label}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Content without a Markdown body (YAML pages): each section's heading and text. */
function SectionsText({ sections, terms }: { sections: Section[]; terms: string[] }) {
  return (
    <>
      {sections.map((section) => (
        <section
          key={section.id}
          {...(section.chunk === 0 && section.anchor !== undefined ? { id: section.anchor } : {})}
        >
          {section.chunk === 0 && section.anchor !== undefined ? (
            <>
              <h2 class="fr-h4">
                <MarkedText text={section.heading} terms={terms} />
              </h2>
              <CopyLink id={section.anchor} heading={section.heading} />
            </>
          ) : null}
          <Paragraphs text={section.text} terms={terms} />
        </section>
      ))}
    </>
  );
}
