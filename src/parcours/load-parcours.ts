import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Section } from '../content/model.ts';
import type { ContentRoot } from '../content/roots.ts';
import type { ResourceLookup } from '../index-lookup/index-lookup.ts';
import { formatIssues, issuePath } from '../validation/format-issues.ts';
import {
  wordsPerMinute,
  type Parcours,
  type ParcoursCatalog,
  type ParcoursDefinition,
  type ParcoursProblem,
  type ParcoursStep,
  type ParcoursStepDefinition,
} from './model.ts';
import { parcoursFileSchema } from './parcours-schema.ts';

/** Reads the parcours files of the content folders and resolves their steps against the index. */

/** The folder of a content root that holds parcours files. */
export const parcoursFolder = 'parcours';

export interface LoadParcoursDeps {
  roots: readonly ContentRoot[];
  lookup: ResourceLookup;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ParcoursProblem };

function problem(
  file: string,
  code: ParcoursProblem['code'],
  reason: string,
  step?: number,
): Outcome<never> {
  const where = step === undefined ? file : `${file}, étape ${step}`;
  return {
    ok: false,
    problem: {
      file,
      code,
      message: `Parcours ${where} : ${reason}`,
      ...(step === undefined ? {} : { step }),
    },
  };
}

/** A parcours's slug: its file name without the extension. */
export function parcoursSlugOf(file: string): string {
  return path.posix.basename(file).replace(/\.ya?ml$/i, '');
}

/** Whether a path below a content folder is a parcours file (`parcours/<name>.yml`). */
export function isParcoursPath(relativePath: string): boolean {
  return new RegExp(`^${parcoursFolder}/[^/]+\\.ya?ml$`, 'i').test(relativePath);
}

/** The parcours files of one content folder, in name order. */
async function parcoursFiles(root: ContentRoot): Promise<string[]> {
  try {
    const names = await fs.readdir(path.join(root.path, parcoursFolder));
    return names.filter((name) => /\.ya?ml$/i.test(name) && !name.startsWith('.')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Parses and validates the shape of one parcours file.
 * @param file the name shown in messages (`<root key>/parcours/<name>`)
 * @param source the file's text
 */
export function parseParcoursFile(file: string, source: string): Outcome<ParcoursDefinition> {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    return problem(file, 'invalid_yaml', `YAML illisible (${(error as Error).message})`);
  }
  const parsed = parcoursFileSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const titleMissing = parsed.error.issues.some((issue) => issuePath(issue) === 'title');
    if (titleMissing) return problem(file, 'missing_title', 'le titre (title) manque ou est vide');
    const stepIndex = first?.path[0] === 'steps' ? first.path[1] : undefined;
    const step = typeof stepIndex === 'number' ? stepIndex + 1 : undefined;
    return problem(file, 'invalid_field', formatIssues(parsed.error).join(' ; '), step);
  }
  const slug = parcoursSlugOf(file);
  const seen = new Map<string, number>();
  for (const [index, step] of parsed.data.steps.entries()) {
    const key = `${step.resource}#${step.anchor ?? ''}#${step.page ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return problem(
        file,
        'duplicate_step',
        `« ${stepTarget(step)} » figure déjà à l'étape ${earlier}`,
        index + 1,
      );
    }
    seen.set(key, index + 1);
  }
  return { ok: true, value: { ...parsed.data, slug, file } };
}

function stepTarget(step: ParcoursStepDefinition): string {
  if (step.anchor !== undefined) return `${step.resource}#${step.anchor}`;
  if (step.page !== undefined) return `${step.resource}, page ${step.page}`;
  return step.resource;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/** The sections a step covers: the anchored one and those below it, that page, or all. */
function coveredSections(sections: Section[], step: ParcoursStepDefinition): Section[] {
  if (step.page !== undefined) return sections.filter((section) => section.page === step.page);
  if (step.anchor === undefined) return sections;
  const target = sections.find((section) => section.anchor === step.anchor);
  if (target === undefined) return [];
  const depth = target.hierarchy.length;
  return sections.filter(
    (section) =>
      section.anchor === step.anchor ||
      (section.hierarchy.length > depth &&
        target.hierarchy.every((heading, index) => section.hierarchy[index] === heading) &&
        section.position > target.position),
  );
}

async function resolveStep(
  lookup: ResourceLookup,
  file: string,
  step: ParcoursStepDefinition,
  position: number,
): Promise<Outcome<ParcoursStep>> {
  const resource = await lookup.resource(step.resource);
  if (resource === undefined) {
    return problem(file, 'unknown_resource', `ressource inconnue « ${step.resource} »`, position);
  }
  const sections = await lookup.sections(resource.id);
  if (step.page !== undefined && step.page > (resource.pageCount ?? 0)) {
    const pages =
      resource.pageCount === undefined ? 'n’est pas un PDF' : `a ${resource.pageCount} pages`;
    return problem(
      file,
      'unknown_page',
      `page ${step.page} inconnue : « ${resource.id} » ${pages}`,
      position,
    );
  }
  const covered = coveredSections(sections, step);
  if (step.anchor !== undefined && covered.length === 0) {
    return problem(
      file,
      'unknown_anchor',
      `ancre inconnue « ${step.anchor} » dans « ${resource.id} »`,
      position,
    );
  }
  const words = covered.reduce((sum, section) => sum + countWords(section.text), 0);
  const hash =
    step.anchor !== undefined
      ? `#${step.anchor}`
      : step.page !== undefined
        ? `#page=${step.page}`
        : '';
  const heading = step.anchor === undefined ? undefined : covered[0]?.heading;
  return {
    ok: true,
    value: {
      ...step,
      position,
      title: resource.title,
      ...(heading === undefined ? {} : { heading }),
      type: resource.type,
      url: `${resource.url}${hash}`,
      words,
      readingMinutes: Math.max(1, Math.round(words / wordsPerMinute)),
    },
  };
}

/**
 * Resolves every step of a parcours against the index; the first step that does not
 * resolve leaves the whole parcours out.
 */
export async function resolveParcours(
  lookup: ResourceLookup,
  definition: ParcoursDefinition,
): Promise<Outcome<Parcours>> {
  const steps: ParcoursStep[] = [];
  for (const [index, step] of definition.steps.entries()) {
    const resolved = await resolveStep(lookup, definition.file, step, index + 1);
    if (!resolved.ok) return resolved;
    steps.push(resolved.value);
  }
  return {
    ok: true,
    value: {
      slug: definition.slug,
      title: definition.title,
      audience: definition.audience,
      description: definition.description,
      file: definition.file,
      steps,
      readingMinutes: steps.reduce((sum, step) => sum + step.readingMinutes, 0),
    },
  };
}

/** One parcours file as read from its content folder (or why it could not be read). */
export interface ParcoursSource {
  file: string;
  source?: string;
  unreadable?: string;
}

/** The text of every parcours file of the content folders, in folder then name order. */
export async function readParcoursSources(
  roots: readonly ContentRoot[],
): Promise<ParcoursSource[]> {
  const sources: ParcoursSource[] = [];
  for (const root of roots) {
    for (const name of await parcoursFiles(root)) {
      const file = `${root.key}/${parcoursFolder}/${name}`;
      try {
        sources.push({
          file,
          source: await fs.readFile(path.join(root.path, parcoursFolder, name), 'utf8'),
        });
      } catch (error) {
        sources.push({ file, unreadable: (error as Error).message });
      }
    }
  }
  return sources;
}

/**
 * Validates parcours files and resolves them against the index: a file that does not
 * validate is reported (file, step, reason) and the others still load.
 */
export async function resolveParcoursSources(
  lookup: ResourceLookup,
  sources: readonly ParcoursSource[],
): Promise<ParcoursCatalog> {
  const catalog: ParcoursCatalog = { parcours: [], problems: [] };
  const slugs = new Map<string, string>();
  const report = (outcome: Outcome<unknown>): void => {
    if (!outcome.ok) catalog.problems.push(outcome.problem);
  };
  for (const { file, source, unreadable } of sources) {
    if (source === undefined) {
      report(problem(file, 'unreadable_file', `fichier illisible (${unreadable ?? '?'})`));
      continue;
    }
    const parsed = parseParcoursFile(file, source);
    if (!parsed.ok) {
      report(parsed);
      continue;
    }
    const other = slugs.get(parsed.value.slug);
    if (other !== undefined) {
      const reason = `le slug « ${parsed.value.slug} » est déjà pris par ${other}`;
      report(problem(file, 'duplicate_slug', reason));
      continue;
    }
    const resolved = await resolveParcours(lookup, parsed.value);
    if (!resolved.ok) {
      report(resolved);
      continue;
    }
    slugs.set(parsed.value.slug, file);
    catalog.parcours.push(resolved.value);
  }
  return catalog;
}

/** Every parcours of the content folders, checked against the index. */
export async function loadParcours(deps: LoadParcoursDeps): Promise<ParcoursCatalog> {
  return resolveParcoursSources(deps.lookup, await readParcoursSources(deps.roots));
}
