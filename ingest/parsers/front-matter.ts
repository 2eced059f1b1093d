import { isMap, isScalar, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { normaliseLineEnds } from './decode-text.ts';
import { ParseError, type ParseWarning } from './types.ts';

/**
 * Splits YAML front matter from a Markdown body. Only YAML between `---` lines is read,
 * with the `yaml` package and its safe core schema: front matter in any other language
 * (`---js`, `;;;`, `+++`…) is refused, never evaluated.
 */

export interface FrontMatter {
  /** The front matter's mapping; empty when the file has none. */
  data: Record<string, unknown>;
  /** Whether the file starts with a front matter block. */
  present: boolean;
  /** The text after the front matter. */
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyLine: number;
  /** Where each top-level key is written in the file, to point warnings at it. */
  keyPositions: Record<string, FilePosition>;
  /** Non-fatal YAML problems (unknown tags…), at their line and column. */
  warnings: ParseWarning[];
}

/** A 1-based line and column of the file. */
export interface FilePosition {
  line: number;
  column: number;
}

const opening = /^---[ \t]*(\S.*?)?[ \t]*$/;
const closing = /^(?:---|\.\.\.)[ \t]*$/;

/** Splits and parses the front matter of a Markdown text (BOM and CRLF tolerated). */
export function splitFrontMatter(source: string): FrontMatter {
  const text = normaliseLineEnds(source);
  const lines = text.split('\n');
  const first = lines[0] ?? '';
  refuseOtherLanguages(first);
  const open = opening.exec(first);
  if (open === null) {
    return { data: {}, present: false, body: text, bodyLine: 1, keyPositions: {}, warnings: [] };
  }
  const language = open[1];
  if (language !== undefined && !/^ya?ml$/i.test(language)) {
    throw new ParseError(
      'unsafe_front_matter',
      `front matter en langage « ${language} » refusé (ligne 1) : seul le YAML entre deux lignes --- est lu, jamais exécuté`,
    );
  }
  const end = lines.findIndex((line, index) => index > 0 && closing.test(line));
  if (end === -1) {
    throw new ParseError(
      'invalid_front_matter',
      'front matter ouvert ligne 1 par --- mais jamais fermé : ajoutez une ligne --- après le YAML',
    );
  }
  const yaml = lines.slice(1, end).join('\n');
  const { data, keyPositions, warnings } = parseYamlMapping(yaml);
  return {
    data,
    present: true,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
    keyPositions,
    warnings,
  };
}

/** `;;;` (JSON/JS front matter of some generators) and `+++` (TOML) are not YAML. */
function refuseOtherLanguages(firstLine: string): void {
  const trimmed = firstLine.trimEnd();
  if (trimmed.startsWith(';;;')) {
    throw new ParseError(
      'unsafe_front_matter',
      'front matter délimité par ;;; refusé (ligne 1) : seul le YAML entre deux lignes --- est lu, jamais exécuté',
    );
  }
  if (trimmed === '+++') {
    throw new ParseError(
      'unsafe_front_matter',
      'front matter TOML (+++) refusé (ligne 1) : seul le YAML entre deux lignes --- est lu',
    );
  }
}

/** Parses the YAML of a front matter (which starts on line 2 of the file) into a mapping. */
function parseYamlMapping(yaml: string): Omit<FrontMatter, 'present' | 'body' | 'bodyLine'> {
  const lineCounter = new LineCounter();
  // Jekyll tolerates duplicate keys (the last one wins): so do we, rather than refuse a page.
  const document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const filePosition = (offset: number): FilePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + 1, column: col };
  };
  const fileLine = (offset: number): string => {
    const { line, column } = filePosition(offset);
    return `ligne ${line}, colonne ${column}`;
  };
  const [error] = document.errors;
  if (error !== undefined) {
    throw new ParseError(
      'invalid_front_matter',
      `front matter YAML invalide ${fileLine(error.pos[0])} : ${explainYamlError(error.code, error.message)}`,
      { cause: error },
    );
  }
  const warnings = document.warnings.map((warning): ParseWarning => ({
    reason: `front matter : ${warning.message}`,
    ...filePosition(warning.pos[0]),
  }));
  const keyPositions: Record<string, FilePosition> = {};
  if (isMap(document.contents)) {
    for (const item of document.contents.items) {
      if (isScalar(item.key) && item.key.range !== undefined && item.key.range !== null) {
        keyPositions[String(item.key.value)] = filePosition(item.key.range[0]);
      }
    }
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new ParseError(
      'invalid_front_matter',
      `front matter YAML inutilisable : ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  if (value === null || value === undefined) return { data: {}, keyPositions, warnings };
  if (!isRecord(value)) {
    throw new ParseError(
      'invalid_front_matter',
      `front matter invalide : il doit être une table de clés (clé: valeur), pas ${describeYaml(value)}`,
    );
  }
  return { data: value, keyPositions, warnings };
}

/** Whether a parsed YAML value is a mapping. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** French reading of the common YAML mistakes; the library's own words follow in parentheses. */
const yamlErrorsInFrench: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: 'indentation incorrecte',
  BAD_DQ_ESCAPE: 'échappement invalide dans un texte entre guillemets doubles',
  BLOCK_AS_IMPLICIT_KEY:
    'deux « clé: valeur » sur une même ligne (mettez la valeur entre guillemets)',
  MISSING_CHAR: 'caractère manquant (guillemet, crochet ou accolade non fermé ?)',
  MULTILINE_IMPLICIT_KEY: 'clé sur plusieurs lignes (deux-points manquant ?)',
  TAB_AS_INDENT: 'tabulation utilisée pour indenter (utilisez des espaces)',
  UNEXPECTED_TOKEN: 'caractère inattendu',
  BAD_SCALAR_START: 'valeur commençant par un caractère réservé (mettez-la entre guillemets)',
};

function explainYamlError(code: YAMLError['code'], message: string): string {
  const french = yamlErrorsInFrench[code];
  return french === undefined ? message : `${french} (${message})`;
}

function describeYaml(value: unknown): string {
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'string') return `un texte (« ${value.slice(0, 40)} »)`;
  return `une valeur ${typeof value === 'number' ? 'numérique' : typeof value}`;
}
