import path from 'node:path';
import { z } from 'zod';
import { symlinkPolicies, type SymlinkPolicy } from './content/content-file.ts';
import { ReperesError } from './errors.ts';
import { formatIssues } from './validation/format-issues.ts';

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

/** Express's names for address ranges (`trust proxy`). */
const namedProxyRanges = ['loopback', 'linklocal', 'uniquelocal'] as const;
const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const trustProxyMessage = `doit valoir false, un nombre de proxys (entier), ou une liste séparée par des virgules d'adresses, de plages CIDR ou de ${namedProxyRanges.join(', ')}`;

/**
 * Which proxies in front of the service may set X-Forwarded-For: none by default, so
 * that a client cannot choose the address its rate limit is counted under. `true`
 * (every hop) is refused for that same reason.
 */
const trustProxySetting = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('false')
    .transform((value, ctx): TrustProxy => {
      const text = value.trim();
      if (text === 'false') return false;
      if (/^\d+$/.test(text)) return Number(text);
      const entries = text
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
      const valid = entries.every(
        (entry) =>
          (namedProxyRanges as readonly string[]).includes(entry) ||
          proxyAddress.safeParse(entry).success,
      );
      if (entries.length === 0 || !valid) {
        ctx.addIssue({ code: 'custom', message: trustProxyMessage });
        return z.NEVER;
      }
      return entries;
    }),
);

/** `trust proxy` as Express takes it: off, a hop count, or trusted addresses and ranges. */
export type TrustProxy = false | number | string[];

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
  // The embedded engine's `--max-indexing-memory`; `0` leaves Meilisearch's own default (two
  // thirds of the machine's memory). 512 MiB: at 10 000 sections the engine peaked at 0.6 GB
  // instead of 2.9 GB, indexing no slower (npm run bench -- scale, README « Performances »).
  MEILI_MAX_INDEXING_MEMORY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^(0|\d+(\.\d+)?\s*(B|KB|MB|GB|KiB|MiB|GiB))$/,
        'doit être une taille comme 512MiB ou 1GiB (0 : réglage par défaut de Meilisearch)',
      )
      .default('512MiB'),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  // Unset: DATA_DIR/contenu.
  PUBLISH_DIR: optionalString,
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
  FOLLOW_SYMLINKS: z.preprocess(
    emptyToUndefined,
    z
      .enum(symlinkPolicies, { error: `doit valoir ${symlinkPolicies.join(' ou ')}` })
      .default('never'),
  ),
  TOPICS_FILE: z.preprocess(emptyToUndefined, z.string().default('guides/topics.yml')),
  PROMOTIONS_FILE: z.preprocess(emptyToUndefined, z.string().default('guides/promotions.yml')),
  REVIEW_POLICY_FILE: z.preprocess(emptyToUndefined, z.string().default('guides/relecture.yml')),
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
  // Only "production" changes anything: the legal pages' contacts become required.
  NODE_ENV: optionalString,
  PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/, error: 'doit être une URL http(s)' }).optional(),
  ),
  ANALYTICS_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  ANALYTICS_RETENTION_MONTHS: positiveInt(13, 120),
  API_RATE_LIMIT_PER_MINUTE: positiveInt(600),
  SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: positiveInt(240),
  PAGES_RATE_LIMIT_PER_MINUTE: positiveInt(300),
  // 0: no result cache.
  SEARCH_CACHE_ENTRIES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'doit être un nombre entier' })
      .int('doit être un nombre entier')
      .min(0, 'doit être positif ou nul')
      .max(1_000_000, 'doit être au plus 1000000')
      .default(1000),
  ),
  SEARCH_CACHE_CHECK_SECONDS: positiveInt(1, 3600),
  TRUST_PROXY: trustProxySetting,
  // Unset: one per available core, at most 4 (each worker holds its own pdf.js).
  INGEST_WORKERS: z.preprocess(emptyToUndefined, positiveInt(1, 64).optional()),
  // Unset: as many as INGEST_WORKERS (pdftotext runs outside them; pdf.js, without poppler,
  // keeps ~300 MB in each until the worker is replaced).
  INGEST_PDF_WORKERS: z.preprocess(emptyToUndefined, positiveInt(1, 16).optional()),
  INGEST_LOCK_WAIT_MS: positiveInt(10 * 60_000),
  OCR: z.preprocess(
    emptyToUndefined,
    z
      .enum(['on', 'off'], { error: 'doit valoir on ou off' })
      .default('on')
      .transform((value) => value === 'on'),
  ),
  OCR_PAGE_TIMEOUT_MS: positiveInt(30_000, 10 * 60_000),
  OCR_MAX_PAGES: positiveInt(50, 1000),
  LINK_CHECK_CONCURRENCY: positiveInt(8, 64),
  LINK_CHECK_TIMEOUT_MS: positiveInt(10_000, 5 * 60_000),
  LINK_CHECK_CACHE_HOURS: positiveInt(24, 24 * 365),
  OIDC_ISSUER: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/, error: 'doit être une URL http(s)' }).optional(),
  ),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_REDIRECT_URI: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/, error: 'doit être une URL http(s)' }).optional(),
  ),
  OIDC_SCOPES: z.preprocess(
    emptyToUndefined,
    z.string().default('openid email given_name usual_name'),
  ),
  COORDINATORS: z.preprocess(emptyToUndefined, z.string().default('')),
  COORDINATORS_FILE: optionalString,
  SESSION_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'doit compter au moins 32 caractères').optional(),
  ),
  SESSION_HOURS: positiveInt(12, 24 * 30),
  API_TOKENS_FILE: optionalString,
  SIGN_IN_RATE_LIMIT_PER_MINUTE: positiveInt(20),
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
  /** `--max-indexing-memory` of the embedded engine; unset: Meilisearch's default. */
  meiliMaxIndexingMemory: string | undefined;
  dataDir: string;
  contentDirs: string[];
  /** The git repository of what coordinators publish; ingested with the content folders. */
  publishDir: string;
  /** Symbolic links in content folders: skipped, or followed when they stay inside. */
  followSymlinks: SymlinkPolicy;
  topicsFile: string;
  promotionsFile: string;
  /** Review intervals per resource type (« À revoir »). */
  reviewPolicyFile: string;
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
  /** NODE_ENV=production: the legal contacts are required (checkServiceConfig). */
  production: boolean;
  analyticsMaxBytes: number;
  /** Search and click log lines older than this many months are dropped (daily, and at start). */
  analyticsRetentionMonths: number;
  /** API requests one client may send per minute. */
  apiRateLimitPerMinute: number;
  /** Requests of the search page (`/recherche`) one client may send per minute. */
  searchPageRateLimitPerMinute: number;
  /** Requests of the other pages that query the index (home, resources) per client and minute. */
  pagesRateLimitPerMinute: number;
  /** Search results kept in memory until the indexes change; 0: none kept. */
  searchCacheEntries: number;
  /** How often at most the indexes' last update is asked (writes of other processes). */
  searchCacheCheckSeconds: number;
  /** Proxies trusted to tell the client's address; rate limits count per that address. */
  trustProxy: TrustProxy;
  /** Worker threads that parse Markdown; undefined: one per available core, at most 4. */
  ingestWorkers: number | undefined;
  /** Worker threads that parse PDFs (pdf.js holds ~300 MB in each). */
  ingestPdfWorkers: number | undefined;
  /** Longest wait for another ingestion of the same indexes to finish, in milliseconds. */
  ingestLockWaitMs: number;
  /** OCR of PDF pages without text: on or off, time per page (ms), pages per file. */
  ocr: { enabled: boolean; pageTimeoutMs: number; maxPages: number };
  /** `npm run check-links`: requests at a time, wait per request (ms), cache lifetime (ms). */
  linkCheck: { concurrency: number; timeoutMs: number; cacheTtlMs: number };
  /** Sign-in, sessions and API tokens (src/auth). */
  auth: AuthConfig;
}

/** How people and scripts sign in, and who is a coordinator. */
export interface AuthConfig {
  /** ProConnect (or any OpenID Connect provider); unset: no OIDC sign-in. */
  oidc: OidcConfig | undefined;
  /** Allow-listed e-mail addresses and domains (`@example.fr` or `example.fr`), lower-cased. */
  coordinators: string[];
  /** A file with more entries, one per line (`#` starts a comment). */
  coordinatorsFile: string | undefined;
  /** Signs session cookies; unset: one generated once into DATA_DIR/session-secret. */
  sessionSecret: string | undefined;
  /** How long a sign-in lasts, in hours. */
  sessionHours: number;
  /** Where API tokens are kept (hashes only). */
  tokensFile: string;
  /** Sign-in requests one client may send per minute. */
  signInRateLimitPerMinute: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
}

/** Thrown when the environment is invalid; its message lists every bad variable. */
export class ConfigError extends ReperesError {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(
      'invalid_config',
      `Configuration invalide :\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nVoir .env.example pour les valeurs attendues.`,
    );
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
    const problems = formatIssues(parsed.error, {
      line: (name, message) => {
        const value = env[name];
        return `${name} : ${message}${value === undefined ? '' : ` (reçu « ${value} »)`}`;
      },
    });
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const oidc = oidcConfig(values);
  const dataDir = path.resolve(cwd, values.DATA_DIR);
  return {
    port: values.PORT,
    host: values.HOST,
    meiliUrl: values.MEILI_URL,
    meiliMasterKey: values.MEILI_MASTER_KEY,
    meiliBin: values.MEILI_BIN === undefined ? undefined : path.resolve(cwd, values.MEILI_BIN),
    meiliStartTimeoutMs: values.MEILI_START_TIMEOUT_MS,
    meiliMaxIndexingMemory:
      values.MEILI_MAX_INDEXING_MEMORY === '0' ? undefined : values.MEILI_MAX_INDEXING_MEMORY,
    dataDir,
    publishDir: path.resolve(cwd, values.PUBLISH_DIR ?? path.join(values.DATA_DIR, 'contenu')),
    contentDirs: values.CONTENT_DIRS.map((dir) => path.resolve(cwd, dir)),
    followSymlinks: values.FOLLOW_SYMLINKS,
    topicsFile: path.resolve(cwd, values.TOPICS_FILE),
    promotionsFile: path.resolve(cwd, values.PROMOTIONS_FILE),
    reviewPolicyFile: path.resolve(cwd, values.REVIEW_POLICY_FILE),
    indexPrefix: values.INDEX_PREFIX,
    logLevel: values.LOG_LEVEL,
    maxFileBytes: values.MAX_FILE_BYTES,
    pdfMaxPages: values.PDF_MAX_PAGES,
    brand: values.BRAND,
    publicUrl: values.PUBLIC_URL,
    contactEmail: values.CONTACT_EMAIL,
    hostingInfo: values.HOSTING_INFO,
    production: values.NODE_ENV === 'production',
    analyticsMaxBytes: values.ANALYTICS_MAX_BYTES,
    analyticsRetentionMonths: values.ANALYTICS_RETENTION_MONTHS,
    apiRateLimitPerMinute: values.API_RATE_LIMIT_PER_MINUTE,
    searchPageRateLimitPerMinute: values.SEARCH_PAGE_RATE_LIMIT_PER_MINUTE,
    pagesRateLimitPerMinute: values.PAGES_RATE_LIMIT_PER_MINUTE,
    searchCacheEntries: values.SEARCH_CACHE_ENTRIES,
    searchCacheCheckSeconds: values.SEARCH_CACHE_CHECK_SECONDS,
    trustProxy: values.TRUST_PROXY,
    ingestWorkers: values.INGEST_WORKERS,
    ingestPdfWorkers: values.INGEST_PDF_WORKERS,
    ingestLockWaitMs: values.INGEST_LOCK_WAIT_MS,
    ocr: {
      enabled: values.OCR,
      pageTimeoutMs: values.OCR_PAGE_TIMEOUT_MS,
      maxPages: values.OCR_MAX_PAGES,
    },
    linkCheck: {
      concurrency: values.LINK_CHECK_CONCURRENCY,
      timeoutMs: values.LINK_CHECK_TIMEOUT_MS,
      cacheTtlMs: values.LINK_CHECK_CACHE_HOURS * 60 * 60 * 1000,
    },
    auth: {
      oidc,
      coordinators: values.COORDINATORS.split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter((entry) => entry !== ''),
      coordinatorsFile:
        values.COORDINATORS_FILE === undefined
          ? undefined
          : path.resolve(cwd, values.COORDINATORS_FILE),
      sessionSecret: values.SESSION_SECRET,
      sessionHours: values.SESSION_HOURS,
      tokensFile: path.resolve(
        cwd,
        values.API_TOKENS_FILE ?? path.join(dataDir, 'api-tokens.json'),
      ),
      signInRateLimitPerMinute: values.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    },
  };
}

/**
 * What the service (not the ingestion command) needs besides a valid Config: in
 * production, the legal notice's contact and host, which a public service owes its
 * users and which no placeholder may stand in for.
 * @param config the loaded configuration
 */
export function checkServiceConfig(
  config: Pick<Config, 'production' | 'contactEmail' | 'hostingInfo'>,
): void {
  if (!config.production) return;
  const problems: string[] = [];
  if (config.contactEmail === undefined)
    problems.push(
      'CONTACT_EMAIL : requis en production (NODE_ENV=production) : adresse de l’équipe qui opère le service, affichée dans les mentions légales',
    );
  if (config.hostingInfo === undefined)
    problems.push(
      'HOSTING_INFO : requis en production (NODE_ENV=production) : nom, adresse et contact de l’hébergeur, affichés dans les mentions légales',
    );
  if (problems.length > 0) throw new ConfigError(problems);
}

/** OIDC is on when OIDC_ISSUER is set; then the client's id and secret are required. */
function oidcConfig(values: Env): OidcConfig | undefined {
  const problems: string[] = [];
  const issuer = values.OIDC_ISSUER;
  if (issuer === undefined) {
    if (values.OIDC_CLIENT_ID !== undefined || values.OIDC_CLIENT_SECRET !== undefined)
      problems.push('OIDC_ISSUER : requis quand OIDC_CLIENT_ID ou OIDC_CLIENT_SECRET est défini');
    if (problems.length > 0) throw new ConfigError(problems);
    return undefined;
  }
  if (values.OIDC_CLIENT_ID === undefined)
    problems.push('OIDC_CLIENT_ID : requis quand OIDC_ISSUER est défini');
  if (values.OIDC_CLIENT_SECRET === undefined)
    problems.push('OIDC_CLIENT_SECRET : requis quand OIDC_ISSUER est défini');
  const redirectUri =
    values.OIDC_REDIRECT_URI ??
    (values.PUBLIC_URL === undefined
      ? undefined
      : new URL('/connexion/retour', values.PUBLIC_URL).toString());
  if (redirectUri === undefined)
    problems.push(
      'OIDC_REDIRECT_URI : requis quand OIDC_ISSUER est défini et PUBLIC_URL ne l’est pas',
    );
  if (problems.length > 0 || redirectUri === undefined) throw new ConfigError(problems);
  return {
    issuer,
    clientId: values.OIDC_CLIENT_ID ?? '',
    clientSecret: values.OIDC_CLIENT_SECRET ?? '',
    redirectUri,
    scopes: values.OIDC_SCOPES,
  };
}
