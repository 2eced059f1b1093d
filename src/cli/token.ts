import { fileApiTokens } from '../auth/api-tokens.ts';
import { loadAllowList } from '../auth/coordinators.ts';
import { runTokenCommand } from '../auth/token-command.ts';
import { loadConfig } from '../config.ts';
import { toCliFailure } from './cli-failure.ts';

/** `npm run token -- create "Nom" adresse | list | revoke <id>` (exit 2 on a usage error). */

try {
  const config = loadConfig(process.env);
  const output = await runTokenCommand(process.argv.slice(2), {
    tokens: fileApiTokens(config.auth.tokensFile),
    allowList: await loadAllowList(config.auth),
  });
  console.log(output);
} catch (error) {
  const failure = toCliFailure(error, 'La commande token n’a pas abouti');
  console.error(failure.message);
  process.exitCode = failure.exitCode;
}
