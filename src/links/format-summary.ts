import { countFindings, type LinkCheckSummary, type LinkFinding } from './check-links.ts';
import { isBroken } from './check-link.ts';
import { describeOutcome } from './describe-outcome.ts';
import type { LinkLocation } from './external-links.ts';

/** The summary `npm run check-links` prints, in French: counts, then each link to fix and where. */
export function formatLinkSummary(summary: LinkCheckSummary): string {
  const counts = countFindings(summary.findings);
  const lines = [
    `Liens externes : ${summary.findings.length} adresse(s) dans ${summary.resources} ressource(s) (${summary.requested} vérifiée(s), ${summary.fromCache} reprise(s) du cache)`,
    `  valides   : ${counts.ok}`,
    `  déplacés  : ${counts.moved}`,
    `  cassés    : ${counts.broken}`,
  ];
  const broken = summary.findings.filter((finding) => isBroken(finding.outcome));
  const moved = summary.findings.filter((finding) => finding.outcome.status === 'moved');
  if (broken.length > 0) lines.push('', 'Liens cassés :', ...broken.flatMap(describeFinding));
  if (moved.length > 0)
    lines.push('', 'Liens déplacés (à mettre à jour) :', ...moved.flatMap(describeFinding));
  return lines.join('\n');
}

function describeFinding(finding: LinkFinding): string[] {
  return [
    `  - ${finding.url} : ${describeOutcome(finding.outcome)}`,
    ...finding.locations.map((location) => `      dans ${describeLocation(location)}`),
  ];
}

/** « Titre › Intertitre (/ressources/id#ancre) ». */
function describeLocation(location: LinkLocation): string {
  const where =
    location.heading === undefined ? location.title : `${location.title} › ${location.heading}`;
  const url =
    location.anchor === undefined
      ? location.resourceUrl
      : `${location.resourceUrl}#${location.anchor}`;
  return `${where} (${url})`;
}
