/**
 * What publishing needs from the ingester, passed in by `main` (ingest/publish-hooks.ts
 * builds it): the service's code does not import the ingester, the wiring does.
 */

/** A file as the parsers would read it from the store. */
export interface CandidateFile {
  /** Its name in the store (`<slug>.md`, `<slug>.pdf`). */
  relativePath: string;
  bytes: Buffer;
  /** A PDF's metadata file (YAML), checked with it. */
  metadata?: string;
}

export interface PublishHooks {
  /** Parses a file as ingestion would; throws UnprocessableError with the parser's reason. */
  check(file: CandidateFile): Promise<void>;
  /** A Markdown text's front matter (safe YAML) and body; throws UnprocessableError. */
  splitFrontMatter(text: string): { data: Record<string, unknown>; body: string };
  /** Indexes these files of the store (a missing one leaves the index), tasks awaited. */
  sync(absolutePaths: string[]): Promise<void>;
}
