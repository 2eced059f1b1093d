import { foldText } from '../../src/text/fold-accents.ts';
import { markdownContent } from './markdown-sections.ts';
import { fieldWarning, readMarkdownSource, type MarkdownSource } from './markdown-source.ts';
import { documentFrom } from './markdown.ts';
import {
  baseName,
  dateFromFileName,
  hasPathSegment,
  humaniseFileName,
  readDate,
  readJoined,
  readString,
  readStringList,
} from './metadata.ts';
import {
  ParseError,
  type ParsedDocument,
  type ParseOptions,
  type ParseWarning,
  type SourceFile,
} from './types.ts';

/**
 * Défi pages of the programme's Jekyll site, in their successive formats: the body after
 * the front matter, or (later pages) Markdown inside the front matter's `description`.
 */

/** Front matter fields kept as structured, filterable values. */
const listFields = ['expertises', 'domain', 'town', 'tags'] as const;

/** Whether a Markdown source is a défi page (layout, category, folder, or défi-only fields). */
export function isDefi(source: MarkdownSource): boolean {
  const { data } = source;
  const layout = plain(readString(data['layout']));
  const categories = [...readStringList(data['category']), ...readStringList(data['categories'])];
  return (
    layout === 'defi' ||
    categories.some((category) => plain(category) === 'defi') ||
    hasPathSegment(source.relativePath, ['_defis', 'defis']) ||
    // Later project pages have no layout: their `expertises`, or a host (`who`/`owner`)
    // with a `domain` or `town`, are found on défis only.
    data['expertises'] !== undefined ||
    ((data['who'] !== undefined || data['owner'] !== undefined) &&
      (data['domain'] !== undefined || data['town'] !== undefined))
  );
}

/** Parses a défi page: promotion, host organisation, expertises… and its text as sections. */
export async function parseDefi(file: SourceFile, options: ParseOptions): Promise<ParsedDocument> {
  return Promise.resolve(defiDocument(readMarkdownSource(file), options));
}

/** The document of an already read défi page. */
export function defiDocument(source: MarkdownSource, options: ParseOptions): ParsedDocument {
  const { data } = source;
  // Pages of the 2018 site have no `title`: their modal's heading is the défi's name.
  const title = readString(data['title']) ?? readString(data['modal-id']);
  const fallbackTitle = humaniseFileName(source.relativePath);
  let content = markdownContent(source.body, { title, fallbackTitle, firstLine: source.bodyLine });
  const description = data['description'];
  if (!content.hasText && typeof description === 'string') {
    // The Markdown of a YAML value has no lines of its own in the file: its warnings point at the key.
    const described = markdownContent(description, { title, fallbackTitle });
    content = {
      ...described,
      warnings: described.warnings.map((warning) =>
        fieldWarning(source, 'description', `champ description : ${warning.reason}`),
      ),
    };
  }
  if (!content.hasText) {
    throw new ParseError(
      'empty',
      `fichier vide : le défi ${source.relativePath} n'a ni texte après le front matter, ni champ description`,
    );
  }
  const document = documentFrom(source, content, 'defi');
  const promotion = promotionOf(source, options, document.warnings);
  if (promotion !== undefined) document.promotion = promotion;
  const organisation =
    readJoined(data['who']) ?? readJoined(data['owner']) ?? organisationOfTitle(content.title);
  if (organisation !== undefined) document.organisation = organisation;
  const fields: Record<string, string[]> = {};
  for (const key of listFields) {
    const values = readStringList(data[key]);
    if (values.length > 0) fields[key] = values;
  }
  if (Object.keys(fields).length > 0) document.fields = fields;
  const permalink = readString(data['permalink']);
  if (permalink !== undefined) document.permalink = permalink;
  return document;
}

/**
 * The promotion: an explicit `promotion` field, else the year of `date`, of the file name,
 * or of `project-date` ("Janvier 2018"), through the promotions table.
 */
function promotionOf(
  source: MarkdownSource,
  options: ParseOptions,
  warnings: ParseWarning[],
): string | undefined {
  const explicit = source.data['promotion'];
  if (typeof explicit === 'number') return `EIG ${explicit}`;
  const label = readString(explicit);
  if (label !== undefined) return label;
  const found = yearOf(source);
  if (found === undefined) {
    warnings.push({
      reason: `promotion inconnue : ni date dans le front matter, ni année dans le nom du fichier ${baseName(source.relativePath)}`,
    });
    return undefined;
  }
  const promotion = options.promotionOfYear(found.year);
  if (promotion === undefined) {
    warnings.push(
      fieldWarning(
        source,
        found.key,
        `aucune promotion connue pour l'année ${found.year} (${found.from})`,
      ),
    );
  }
  return promotion;
}

/** The year a défi is from, what told it, and the front matter key that did (if one did). */
function yearOf(source: MarkdownSource): { year: number; from: string; key?: string } | undefined {
  const date = readDate(source.data['date']);
  if (date !== undefined) {
    return { year: Number(date.slice(0, 4)), from: 'date du front matter', key: 'date' };
  }
  const named = dateFromFileName(source.relativePath);
  if (named !== undefined) return { year: Number(named.slice(0, 4)), from: 'nom du fichier' };
  const projectDate = /\b(20\d{2})\b/.exec(readString(source.data['project-date']) ?? '');
  if (projectDate?.[1] !== undefined) {
    return { year: Number(projectDate[1]), from: 'project-date', key: 'project-date' };
  }
  return undefined;
}

/**
 * The 2017 défis name their host in their title, as an acronym: "DGFiP - fraude fiscale",
 * "MI - matchID". Only an acronym (two capitals at least) before " - " is taken.
 */
function organisationOfTitle(title: string): string | undefined {
  const prefix = /^([A-Z][A-Za-z]{1,7}) [-–] \S/.exec(title)?.[1];
  return prefix !== undefined && (prefix.match(/[A-Z]/g) ?? []).length >= 2 ? prefix : undefined;
}

/** Lower case without accents, to compare `défi` and `defi`. */
function plain(text: string | undefined): string | undefined {
  return text === undefined ? undefined : foldText(text);
}
