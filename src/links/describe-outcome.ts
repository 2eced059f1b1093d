import type { LinkOutcome } from './check-link.ts';

/** What an outcome means, in French ("introuvable (404)", "déplacé vers …"). */
export function describeOutcome(outcome: LinkOutcome): string {
  switch (outcome.status) {
    case 'ok':
      return `valide (${outcome.httpStatus})`;
    case 'moved':
      return `déplacé vers ${outcome.target}`;
    case 'broken':
      return `${brokenReason(outcome.httpStatus)} (${outcome.httpStatus})`;
    case 'timeout':
      return 'pas de réponse dans le délai';
    case 'unreachable':
      return outcome.reason === 'ENOTFOUND'
        ? 'nom de domaine inconnu (ENOTFOUND)'
        : `injoignable (${outcome.reason})`;
  }
}

function brokenReason(httpStatus: number): string {
  if (httpStatus >= 300 && httpStatus < 400) return 'trop de redirections';
  if (httpStatus === 404 || httpStatus === 410) return 'introuvable';
  if (httpStatus >= 500) return 'erreur du serveur';
  return 'refusé';
}
