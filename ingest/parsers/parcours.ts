import { parseParcoursFile } from '../../src/parcours/load-parcours.ts';
import { decodeText } from './decode-text.ts';
import { ParseError, type ParsedDocument, type SourceFile } from './types.ts';

/**
 * A parcours file (`parcours/*.yml`) as a searchable document: its title and description,
 * then one section per step carrying the step's note, so that a search finds the parcours
 * by what it says. Its shape is checked here; its references are checked against the index
 * after each ingestion (ingest/check-parcours.ts) and when it is served
 * (src/parcours/load-parcours.ts).
 */
export function parseParcours(file: SourceFile): ParsedDocument {
  const outcome = parseParcoursFile(file.relativePath, decodeText(file.bytes, file.relativePath));
  if (!outcome.ok) throw new ParseError('invalid_parcours', outcome.problem.message);
  const parcours = outcome.value;
  return {
    title: parcours.title,
    type: 'parcours',
    format: 'yaml',
    summary: parcours.description,
    keywords: [parcours.audience],
    sections: [
      {
        heading: parcours.title,
        hierarchy: [parcours.title],
        anchor: 'presentation',
        text: `${parcours.description} Public : ${parcours.audience}.`,
      },
      ...parcours.steps.map((step, index) => ({
        heading: `Étape ${index + 1}`,
        hierarchy: [parcours.title, `Étape ${index + 1}`],
        anchor: `etape-${index + 1}`,
        text: step.note,
      })),
    ],
    warnings: [],
  };
}
