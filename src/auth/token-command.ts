import { z } from 'zod';
import { ReperesError } from '../errors.ts';
import type { ApiTokens } from './api-tokens.ts';
import type { AllowList } from './coordinators.ts';

/**
 * `npm run token -- create "Nom" adresse@exemple.fr | list | revoke <id>`: the API
 * tokens of scripts. The token is printed once, at creation; only its hash is kept.
 */

export const tokenUsage = `Usage : npm run token -- <commande>

  create "Nom" adresse   crée un jeton pour un script agissant au nom de cette personne,
                         et l’affiche une seule fois
  list                   liste les jetons (sans leur valeur)
  revoke <id>            révoque un jeton : il ne fonctionne plus, immédiatement`;

/** The command was called wrongly; the message ends with the usage. */
export class TokenUsageError extends ReperesError {
  override name = 'TokenUsageError';
  constructor(reason: string) {
    super('usage', `${reason}\n\n${tokenUsage}`);
  }
}

/**
 * Runs one token command; returns what to print.
 * @param args the arguments after `--`
 * @param deps the token store and the allow-list (to warn about a non-coordinator)
 */
export async function runTokenCommand(
  args: readonly string[],
  deps: { tokens: ApiTokens; allowList: AllowList },
): Promise<string> {
  const [command, ...rest] = args;
  switch (command) {
    case 'create': {
      const [name, email] = rest;
      if (name === undefined || name.trim() === '' || email === undefined || rest.length > 2)
        throw new TokenUsageError('create attend un nom et une adresse électronique.');
      if (!z.email().safeParse(email.trim()).success)
        throw new TokenUsageError(`« ${email} » n’est pas une adresse électronique.`);
      const { token, id } = await deps.tokens.create({ name: name.trim(), email: email.trim() });
      const lines = [
        `Jeton ${id} créé pour ${name.trim()} <${email.trim().toLowerCase()}>.`,
        'Copiez-le maintenant : il ne sera plus jamais affiché.',
        '',
        token,
        '',
        'Usage : Authorization: Bearer <jeton>',
      ];
      if (!deps.allowList.includes(email))
        lines.push(
          '',
          `Attention : ${email} n’est pas dans COORDINATORS : ce jeton sera refusé (403) tant que cette adresse n’y est pas.`,
        );
      return lines.join('\n');
    }
    case 'list': {
      if (rest.length > 0) throw new TokenUsageError('list ne prend pas d’argument.');
      const tokens = await deps.tokens.list();
      if (tokens.length === 0) return 'Aucun jeton.';
      return tokens
        .map(
          (token) =>
            `${token.id}  ${token.name} <${token.email}>  créé le ${token.createdAt}${token.revokedAt === null ? '' : `  révoqué le ${token.revokedAt}`}`,
        )
        .join('\n');
    }
    case 'revoke': {
      const [id] = rest;
      if (id === undefined || rest.length > 1)
        throw new TokenUsageError('revoke attend l’identifiant d’un jeton (voir list).');
      if (!(await deps.tokens.revoke(id)))
        throw new TokenUsageError(`Aucun jeton n’a l’identifiant « ${id} ».`);
      return `Jeton ${id} révoqué.`;
    }
    default:
      throw new TokenUsageError(
        command === undefined ? 'Quelle commande ?' : `Commande inconnue : « ${command} ».`,
      );
  }
}
