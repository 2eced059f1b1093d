import path from 'node:path';
import { z } from 'zod';

/** Reads the environment once, at the edge; everything inward receives a typed Config. */

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'doit être un nombre entier' })
      .int('doit être un nombre entier')
      .positive('doit être strictement positif')
      .max(max, `doit être au plus ${max}`)
      .default(fallback),
  );

const envSchema = z.object({
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'doit être un numéro de port (entier de 0 à 65535)' })
      .int('doit être un numéro de port (entier de 0 à 65535)')
      .min(0, 'doit être un numéro de port (entier de 0 à 65535)')
      .max(65535, 'doit être un numéro de port (entier de 0 à 65535)')
      .default(3000),
  ),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  MEILI_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({
        protocol: /^https?$/,
        error: 'doit être une URL http(s), par ex. http://localhost:7700',
      })
      .optional(),
  ),
  MEILI_MASTER_KEY: optionalString,
  MEILI_BIN: optionalString,
  MEILI_START_TIMEOUT_MS: positiveInt(20_000),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  CONTENT_DIRS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('guides')
      .transform((value) =>
        value
          .split(',')
          .map((dir) => dir.trim())
          .filter((dir) => dir !== ''),
      )
      .pipe(z.array(z.string()).min(1, 'doit nommer au moins un dossier')),
  ),
  TOPICS_FILE: z.preprocess(emptyToUndefined, z.string().default('guides/topics.yml')),
  PROMOTIONS_FILE: z.preprocess(emptyToUndefined, z.string().default('guides/promotions.yml')),
  INDEX_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, 'ne peut contenir que lettres, chiffres, « - » et « _ »')
      .default('reperes'),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(logLevels, { error: `doit valoir ${logLevels.join(', ')}` }).default('info'),
  ),
  MAX_FILE_BYTES: positiveInt(20 * 1024 * 1024),
  PDF_MAX_PAGES: positiveInt(500),
  BRAND: z.preprocess(
    emptyToUndefined,
    z.enum(['etat', 'neutre'], { error: 'doit valoir etat ou neutre' }).default('etat'),
  ),
  CONTACT_EMAIL: z.preprocess(
    emptyToUndefined,
    z.email({ error: 'doit être une adresse électronique' }).optional(),
  ),
  HOSTING_INFO: optionalString,
  PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/, error: 'doit être une URL http(s)' }).optional(),
  ),
  ANALYTICS_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  API_RATE_LIMIT_PER_MINUTE: positiveInt(600),
  // Unset: one per available core, at most 4 (each worker holds its own pdf.js).
  INGEST_WORKERS: z.preprocess(emptyToUndefined, positiveInt(1, 64).optional()),
  INGEST_PDF_WORKERS: positiveInt(1, 16),
  INGEST_LOCK_WAIT_MS: positiveInt(10 * 60_000),
});

type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  /** Set when an external Meilisearch is used; unset means the embedded one. */
  meiliUrl: string | undefined;
  meiliMasterKey: string | undefined;
  meiliBin: string | undefined;
  meiliStartTimeoutMs: number;
  dataDir: string;
  contentDirs: string[];
  topicsFile: string;
  promotionsFile: string;
  indexPrefix: string;
  logLevel: Env['LOG_LEVEL'];
  maxFileBytes: number;
  pdfMaxPages: number;
  brand: Env['BRAND'];
  publicUrl: string | undefined;
  /** Address of the team that runs the service, shown in the legal pages. */
  contactEmail: string | undefined;
  /** Name, address and contact of the host, shown in the legal notice. */
  hostingInfo: string | undefined;
  analyticsMaxBytes: number;
  /** API requests one client may send per minute. */
  apiRateLimitPerMinute: number;
  /** Worker threads that parse Markdown; undefined: one per available core, at most 4. */
  ingestWorkers: number | undefined;
  /** Worker threads that parse PDFs (pdf.js holds ~300 MB in each). */
  ingestPdfWorkers: number;
  /** Longest wait for another ingestion of the same indexes to finish, in milliseconds. */
  ingestLockWaitMs: number;
}

/** Thrown when the environment is invalid; its message lists every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Validates environment variables into a Config.
 * @param env the variables, usually `process.env`
 * @param cwd the folder relative paths are resolved from
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const value = env[name];
      const shown = value === undefined ? '' : ` (reçu « ${value} »)`;
      return `${name} : ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    meiliUrl: values.MEILI_URL,
    meiliMasterKey: values.MEILI_MASTER_KEY,
    meiliBin: values.MEILI_BIN === undefined ? undefined : path.resolve(cwd, values.MEILI_BIN),
    meiliStartTimeoutMs: values.MEILI_START_TIMEOUT_MS,
    dataDir: path.resolve(cwd, values.DATA_DIR),
    contentDirs: values.CONTENT_DIRS.map((dir) => path.resolve(cwd, dir)),
    topicsFile: path.resolve(cwd, values.TOPICS_FILE),
    promotionsFile: path.resolve(cwd, values.PROMOTIONS_FILE),
    indexPrefix: values.INDEX_PREFIX,
    logLevel: values.LOG_LEVEL,
    maxFileBytes: values.MAX_FILE_BYTES,
    pdfMaxPages: values.PDF_MAX_PAGES,
    brand: values.BRAND,
    publicUrl: values.PUBLIC_URL,
    contactEmail: values.CONTACT_EMAIL,
    hostingInfo: values.HOSTING_INFO,
    analyticsMaxBytes: values.ANALYTICS_MAX_BYTES,
    apiRateLimitPerMinute: values.API_RATE_LIMIT_PER_MINUTE,
    ingestWorkers: values.INGEST_WORKERS,
    ingestPdfWorkers: values.INGEST_PDF_WORKERS,
    ingestLockWaitMs: values.INGEST_LOCK_WAIT_MS,
  };
}
