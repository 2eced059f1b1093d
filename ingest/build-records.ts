import type { Resource, ResourceSource, Section } from '../src/content/model.ts';
import { asciiSlug, resourceUrl, sectionUrl } from '../src/content/ids.ts';
import { personUrl } from '../src/community/urls.ts';
import { parcoursSlugOf } from '../src/parcours/load-parcours.ts';
import { stemText } from '../src/text/french-stems.ts';
import type { TopicAssignment, TopicInput } from './assign-topics.ts';
import { archivedAtOf, archiveSignal } from './parsers/archive-signals.ts';
import { chunkText } from './chunk-text.ts';
import { minhashSignature, shingleHashes } from './minhash.ts';
import type { ParsedDocument, ParseWarning } from './parsers/types.ts';

/** The resource record as stored in the resources index. */
export interface ResourceRecord extends Resource {
  /** Sanitised HTML of the page, shown as it is (absent for PDFs). */
  html?: string;
  /** Unix seconds of the resource's date (or of its review), for sorting; 0 when undated. */
  sortDate: number;
  /** Changes when the ingester's output for the same file would change. */
  signature: string;
  /** MinHash signature of its text's word shingles, to find near-duplicates (minhash.ts). */
  minhash: number[];
}

export interface RecordInput {
  id: string;
  source: ResourceSource;
  parsed: ParsedDocument;
  assignTopics: (input: TopicInput) => TopicAssignment;
  /** Full names of an organisation known by its acronym (none when unknown). */
  organisationNames: (organisation: string) => string[];
  signature: string;
  now: Date;
}

export interface BuiltRecords {
  resource: ResourceRecord;
  sections: Section[];
  warnings: ParseWarning[];
}

/** Turns a parser's output into the records written to the index: ids, chunks, topics, links. */
export function buildRecords(input: RecordInput): BuiltRecords {
  const { id, parsed, source, now } = input;
  const text = parsed.sections.map((section) => section.text).join('\n');
  // A person's card is not advice on a subject: it would only swell the topics' counts.
  const { topics, ranks, warnings } =
    parsed.type === 'personne'
      ? { topics: [], ranks: {}, warnings: [] }
      : input.assignTopics({
          title: parsed.title,
          headings: parsed.sections.map((section) => section.heading),
          text,
          skills: parsed.skills,
          declared: parsed.topics,
        });
  // The organisation's full names are searchable words of the whole resource.
  const named =
    parsed.organisation === undefined ? [] : input.organisationNames(parsed.organisation);
  const resourceKeywords =
    named.length === 0 ? parsed.keywords : [...new Set([...(parsed.keywords ?? []), ...named])];
  // Guides carry the date of their last review rather than of writing; an undated resource
  // sorts last (0), never first as « just added ».
  const contentDate = parsed.date ?? parsed.reviewed;
  const dated = contentDate === undefined ? Number.NaN : Date.parse(`${contentDate}T00:00:00Z`);
  const sortDate = Number.isNaN(dated) ? 0 : Math.floor(dated / 1000);
  // Formats without front matter (PDFs, YAML pages) are archived by their title or text only.
  const archive =
    parsed.archive ?? archiveSignal({ title: parsed.title, data: {}, text }, () => undefined);
  const shared = {
    resourceId: id,
    title: parsed.title,
    type: parsed.type,
    topics,
    topicRanks: ranks,
    ...(parsed.promotion === undefined ? {} : { promotion: parsed.promotion }),
    ...(parsed.organisation === undefined ? {} : { organisation: parsed.organisation }),
    ...(parsed.skills === undefined ? {} : { skills: parsed.skills }),
    // Hits say « Relu le … par … » and « À revoir » without a second lookup.
    ...(parsed.owner === undefined ? {} : { owner: parsed.owner }),
    ...(parsed.reviewed === undefined ? {} : { reviewed: parsed.reviewed }),
    ...(parsed.date === undefined ? {} : { date: parsed.date }),
    ...(archive === undefined ? {} : { archivedAt: archivedAtOf(archive) }),
    sortDate,
    // Alone until the pipeline's last step groups it with its near-duplicates.
    versionGroup: id,
    versions: [],
  };

  const sections: BuiltRecords['sections'] = [];
  const usedIds = new Set<string>();
  for (const parsedSection of parsed.sections) {
    const chunks = chunkText(parsedSection.text);
    const base =
      parsedSection.page !== undefined
        ? `p${parsedSection.page}`
        : parsedSection.anchor === undefined
          ? 'intro'
          : asciiSlug(parsedSection.anchor) || 'section';
    chunks.forEach((text, chunk) => {
      let sectionId = `${id}--${base}${chunk === 0 ? '' : `--c${chunk}`}`;
      // Two anchors may fold to the same ASCII slug ("é" and "e"): keep ids unique.
      if (usedIds.has(sectionId)) sectionId = `${sectionId}--${sections.length}`;
      usedIds.add(sectionId);
      const keywords =
        sections.length === 0 && resourceKeywords !== undefined && resourceKeywords.length > 0
          ? resourceKeywords
          : undefined;
      sections.push({
        ...shared,
        id: sectionId,
        hierarchy: parsedSection.hierarchy,
        heading: parsedSection.heading,
        ...(parsedSection.anchor === undefined ? {} : { anchor: parsedSection.anchor }),
        ...(parsedSection.page === undefined ? {} : { page: parsedSection.page }),
        ...(parsedSection.ocr === true ? { ocr: true } : {}),
        chunk,
        text,
        position: sections.length,
        url:
          parsed.type === 'parcours'
            ? `${parcoursUrl(source.path)}#${parsedSection.anchor ?? ''}`
            : parsed.person !== undefined
              ? personUrl(parsed.person.slug)
              : sectionUrl(id, parsedSection),
        source: { path: source.path, format: source.format },
        // Resource-wide words (abbreviation expansions) are searchable through its first section.
        ...(keywords === undefined ? {} : { keywords }),
        // Derived forms meet through their stems ("interventions" / "intervention").
        stems: stemText(
          [parsed.title, ...parsedSection.hierarchy, text, ...(keywords ?? [])].join(' '),
        ),
      });
    });
  }

  const { resourceId, ...resourceFields } = shared;
  const resource: ResourceRecord = {
    ...resourceFields,
    id,
    ...(parsed.summary === undefined ? {} : { summary: parsed.summary }),
    ...(archive === undefined ? {} : { archive }),
    ...(parsed.author === undefined ? {} : { author: parsed.author }),
    ...(resourceKeywords === undefined ? {} : { keywords: resourceKeywords }),
    ...(parsed.fields === undefined ? {} : { fields: parsed.fields }),
    ...(parsed.html === undefined ? {} : { html: parsed.html }),
    ...(parsed.pageCount === undefined ? {} : { pageCount: parsed.pageCount }),
    ...(parsed.defi === undefined ? {} : { defi: parsed.defi }),
    ...(parsed.person === undefined ? {} : { person: parsed.person }),
    source,
    sectionCount: sections.length,
    updatedAt: now.toISOString(),
    url:
      parsed.type === 'parcours'
        ? parcoursUrl(source.path)
        : parsed.person !== undefined
          ? personUrl(parsed.person.slug)
          : resourceUrl(id),
    signature: input.signature,
    // People's short cards look alike (« Mentor, EIG 4… »): they are never versions of each other.
    minhash: parsed.type === 'personne' ? [] : minhashSignature(shingleHashes(text)),
  };
  return {
    resource,
    sections,
    warnings: [...parsed.warnings, ...warnings.map((reason) => ({ reason }))],
  };
}

/** A parcours is read on its own page, not as a resource. */
function parcoursUrl(sourcePath: string): string {
  return `/parcours/${encodeURIComponent(parcoursSlugOf(sourcePath))}`;
}
