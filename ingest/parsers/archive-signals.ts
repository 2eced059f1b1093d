import type { ArchiveInfo } from '../../src/content/model.ts';
import { readDate, shownValue } from './metadata.ts';
import { frenchMonths } from '../../src/text/french-months.ts';

/**
 * Whether a resource is archived, from what its source says: front matter `archived: true`,
 * an expiry date (`expires: AAAA-MM-JJ`), or the data of a job offer (a title marked
 * « [OFFRE POURVUE] », a closing date of applications). The date is kept, not compared:
 * an expiry passes without re-ingestion, the service compares it with its clock.
 */

/** Titles of filled offers as the programme's blog wrote them: « [OFFRE POURVUE] », « [POURVU] »… */
const filledOfferTitle = /^\s*[[(]\s*(?:offre\s+|poste\s+)?pourvu(?:e|s|es)?\s*[\])]/i;

/** A title that announces a job or an internship (only offers have closing dates). */
const offerTitle = /\b(?:offre\s+d[e’']\s*(?:emploi|stage)|recrute|recrutement|poste\s+de)\b/i;

const months: readonly string[] = frenchMonths;
const dateWords = String.raw`(\d{1,2})(?:er)?\s+(${months.join('|')}|fevrier|aout|decembre)\s+(\d{4})|(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})`;
/** « date limite de candidature : 15 avril 2020 », « avant le 16 décembre 2018 », « jusqu’au 01/03/2019 ». */
const closingDate = new RegExp(
  String.raw`(?:date\s+limite(?:\s+de\s+(?:candidature|dépôt)s?)?\s*:?\s*(?:le\s+|au\s+)?|candidatures?\s+(?:jusqu[’']au|avant\s+le)\s+|avant\s+le\s+|jusqu[’']au\s+)(?:${dateWords})`,
  'i',
);

/** What an archive decision reads of a parsed document. */
export interface ArchiveInput {
  title: string;
  /** The front matter (empty for formats without one). */
  data: Record<string, unknown>;
  /** The document's text, where a closing date of applications may be written. */
  text: string;
}

/**
 * The archive state a source declares or implies; undefined when it is current for good.
 * @param input the title, front matter and text of the document
 * @param warn called with the key and a French reason when `archived` or `expires` is unreadable
 */
export function archiveSignal(
  input: ArchiveInput,
  warn: (key: 'archived' | 'expires', reason: string) => void,
): ArchiveInfo | undefined {
  const archived = input.data['archived'];
  if (archived === true || archived === 'true' || archived === 'oui') return { reason: 'archived' };
  if (archived !== undefined && archived !== null && archived !== false && archived !== 'false') {
    warn(
      'archived',
      `archived illisible dans le front matter : « ${shownValue(archived)} » (attendu true ou false)`,
    );
  }
  if (filledOfferTitle.test(input.title)) return { reason: 'offer-filled' };
  const rawExpiry = input.data['expires'];
  if (rawExpiry !== undefined && rawExpiry !== null && rawExpiry !== '') {
    const expires = readDate(rawExpiry);
    if (expires !== undefined) return { reason: 'expires', date: expires };
    warn(
      'expires',
      `date d’expiration illisible dans le front matter : « ${shownValue(rawExpiry)} » (attendu AAAA-MM-JJ)`,
    );
  }
  if (offerTitle.test(input.title)) {
    const closes = offerClosingDate(input.text);
    if (closes !== undefined) return { reason: 'offer-closes', date: closes };
  }
  return undefined;
}

/** The closing date of applications written in an offer's text (ISO), if any. */
export function offerClosingDate(text: string): string | undefined {
  const match = closingDate.exec(text);
  if (match === null) return undefined;
  const [, day, month, year, slashDay, slashMonth, slashYear, isoYear, isoMonth, isoDay] = match;
  if (day !== undefined && month !== undefined && year !== undefined) {
    const folded = month
      .toLowerCase()
      .replace('fevrier', 'février')
      .replace('aout', 'août')
      .replace('decembre', 'décembre');
    return readDate(`${year}-${months.indexOf(folded) + 1}-${day}`);
  }
  if (slashDay !== undefined && slashMonth !== undefined && slashYear !== undefined) {
    return readDate(`${slashYear}-${slashMonth}-${slashDay}`);
  }
  return readDate(`${isoYear ?? ''}-${isoMonth ?? ''}-${isoDay ?? ''}`);
}

/**
 * Unix seconds from which a resource counts as archived: at once for a declared archive or
 * a filled offer, the day after an expiry or closing date.
 */
export function archivedAtOf(archive: ArchiveInfo): number {
  if (archive.date === undefined) return 0;
  return Date.parse(`${archive.date}T00:00:00Z`) / 1000 + 24 * 3600;
}
