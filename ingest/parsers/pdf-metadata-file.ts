import { splitFrontMatter } from './front-matter.ts';
import { readDate, readJoined, readString, readStringList, shownValue } from './metadata.ts';
import type { ParsedDocument } from './types.ts';

/**
 * A PDF cannot carry front matter: its metadata (title, summary, topics, owner, reviewed)
 * may sit beside it in a YAML file named after it, `<name>.pdf.yml` (the publishing store
 * writes one with each PDF). What the file says wins over what the PDF's text suggests.
 */

/** The name of the metadata file of a PDF. */
export function pdfMetadataPath(pdfPath: string): string {
  return `${pdfPath}.yml`;
}

/**
 * The document with the metadata file's values applied; the YAML is read like front
 * matter (safe core schema, never evaluated), and an invalid one throws a ParseError.
 */
export function applyPdfMetadata(document: ParsedDocument, yamlText: string): ParsedDocument {
  const { data } = splitFrontMatter(`---\n${yamlText}\n---\n`);
  const result: ParsedDocument = { ...document, warnings: [...document.warnings] };
  const title = readString(data['title']);
  if (title !== undefined) {
    result.title = title;
    result.titleSource = 'metadata-file';
  }
  const summary = readString(data['summary']);
  if (summary !== undefined) result.summary = summary;
  if (data['topics'] !== undefined) result.topics = readStringList(data['topics']);
  const owner = readJoined(data['owner']);
  if (owner !== undefined) result.owner = owner;
  const raw = data['reviewed'];
  if (raw !== undefined && raw !== null && raw !== '') {
    const reviewed = readDate(raw);
    if (reviewed === undefined)
      result.warnings.push({
        reason: `date de relecture illisible dans le fichier de métadonnées : « ${shownValue(raw)} » (attendu AAAA-MM-JJ)`,
      });
    else result.reviewed = reviewed;
  }
  return result;
}
