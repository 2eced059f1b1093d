import type { ParcoursProblem } from '../src/parcours/model.ts';
import { createProgressDisplay } from '../src/cli/progress-display.ts';
import { formatBytes } from '../src/text/format-bytes.ts';
import type { ProgressEvent, SyncSummary } from './pipeline.ts';

/** How an ingestion run shows itself: a progress bar on a terminal, plain lines otherwise. */

const waitingMessage =
  "Une autre ingestion est en cours sur ces index : celle-ci attend qu'elle se termine…";

export function createProgress(stream: NodeJS.WriteStream): {
  onProgress: (event: ProgressEvent) => void;
  stop: () => void;
} {
  const display = createProgressDisplay(stream, { name: 'Ingestion', unit: 'fichiers' });
  return {
    onProgress: (event) => {
      if (event.kind === 'waiting') display.note(waitingMessage);
      else if (event.kind === 'start')
        display.start(event.total, `Ingestion de ${event.total} fichier(s)…`);
      else
        display.advance(
          event.done,
          event.total,
          event.path,
          `${event.done}/${event.total} ${event.path}${event.outcome === 'failed' ? ' (échec)' : ''}`,
          // A failure is always said, wherever it falls.
          event.outcome === 'failed',
        );
    },
    stop: () => display.stop(),
  };
}

const number = new Intl.NumberFormat('fr-FR');

/** The end-of-run summary, in French, one figure per line. */
export function formatSummary(summary: SyncSummary): string {
  const rows: [string, string][] = [
    ['fichiers vus', String(summary.seen)],
    ['analysés', String(summary.parsed)],
    [
      'inchangés',
      `${summary.unchanged}${summary.parsed === 0 && summary.seen > 0 ? ' (rien à analyser)' : ''}`,
    ],
    ...(summary.rechecked > 0
      ? [['revérifiés (ingestion interrompue)', String(summary.rechecked)] as [string, string]]
      : []),
    ["retirés de l'index", String(summary.removed)],
    ['en échec', String(summary.failed.length)],
    ['sections écrites', String(summary.sectionsWritten)],
    ...ocrRow(summary.ocr),
    ...programmeRows(summary.programme),
    ['mémoire (pic)', formatBytes(summary.peakRssBytes)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `Ingestion terminée en ${number.format(Math.round(summary.durationMs / 100) / 10)} s`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)} : ${value}`),
  ];
  if (summary.failed.length > 0) {
    lines.push('Fichiers en échec (non indexés) :');
    for (const failure of summary.failed) lines.push(`  - ${failure.path} : ${failure.reason}`);
  }
  if (summary.warnings.length > 0) {
    lines.push('Avertissements :');
    for (const warning of summary.warnings)
      lines.push(`  - ${warningPlace(warning)}: ${warning.message}`);
  }
  return lines.join('\n');
}

/**
 * The parcours the site will leave out, each with its file, step and reason (the message
 * names them); empty when every parcours loads.
 */
export function formatParcoursProblems(problems: readonly ParcoursProblem[]): string {
  if (problems.length === 0) return '';
  return [
    'Parcours non chargés (les autres le sont) :',
    ...problems.map((p) => `  - ${p.message}`),
  ].join('\n');
}

/** Pages read by OCR and from its cache, when a PDF needed it. */
function ocrRow(ocr: SyncSummary['ocr']): [string, string][] {
  if (ocr.recognised === 0 && ocr.cached === 0) return [];
  const seconds = number.format(Math.round(ocr.durationMs / 100) / 10);
  return [
    ['pages lues par OCR', `${ocr.recognised} (${seconds} s), ${ocr.cached} depuis le cache`],
  ];
}

/** Défis and people of the programme's data, per content folder that has it. */
function programmeRows(programme: SyncSummary['programme']): [string, string][] {
  return programme.flatMap((counts): [string, string][] => [
    [
      `défis (${counts.root}/data)`,
      `${counts.defis}, dont ${counts.matched} sur leur page et ${counts.defis - counts.matched} sans page`,
    ],
    [
      `personnes (${counts.root}/data)`,
      `${counts.persons}${counts.withdrawn > 0 ? `, ${counts.withdrawn} retirée(s) à leur demande` : ''}`,
    ],
  ]);
}

/** Where a warning is, as editors and terminals link it: `path:line:column`. */
function warningPlace(warning: SyncSummary['warnings'][number]): string {
  if (warning.line === undefined) return warning.path;
  return `${warning.path}:${warning.line}${warning.column === undefined ? '' : `:${warning.column}`}`;
}
