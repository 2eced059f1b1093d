import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Meilisearch } from 'meilisearch';
import { h } from 'preact';
import { z } from 'zod';
import type { Taxonomy } from '../../content/topics.ts';
import type { IndexNames } from '../../engine/indexes.ts';
import { InvalidParameterError, SlugTakenError, UnauthenticatedError } from '../../errors.ts';
import { toPublicError } from '../../http/http-error.ts';
import type { ParcoursStore } from '../../parcours/parcours-store.ts';
import type {
  ParcoursDraft,
  ParcoursPublisher,
  StoredParcours,
} from '../../publishing/parcours-publisher.ts';
import { searchQuerySchema } from '../../search/search-query.ts';
import { searchSections } from '../../search/search-sections.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { HistoryPage } from '../pages/coordination-history.tsx';
import {
  ParcoursFormPage,
  type ParcoursFormPageProps,
  type ParcoursFormStep,
  type ParcoursFormValues,
  type PickerResult,
} from '../pages/coordination-parcours-form.tsx';
import { ParcoursAdminPage, RetireParcoursPage } from '../pages/coordination-parcours.tsx';
import { sendPage } from '../render.ts';

/**
 * The coordinators' parcours pages: list, create, edit (steps moved, removed and added
 * by posting the whole form with the button pressed: no JavaScript needed), history and
 * restore, retire, duplicate a shipped one. They call the ParcoursPublisher, as the write
 * API does; the resource picker calls the search function.
 */

export interface CoordinationParcoursRouterDeps extends PageConfigDeps {
  requireCoordinator: RequestHandler;
  parcoursPublisher: ParcoursPublisher;
  /** The parcours that load: their audiences are the form's choices. */
  parcours: ParcoursStore;
  meili: Meilisearch;
  indexes: IndexNames;
  taxonomy: Taxonomy;
}

/** The audiences the issue names; those of existing parcours are added. */
const knownAudiences = ['nouvelle promotion', 'EIG développeur·se', 'mentor'];

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/) });

const doneSchema = z.object({
  fait: z.enum(['cree', 'modifie', 'retire', 'restaure', 'duplique']),
  parcours: slugParams.shape.slug,
});

const doneTitles = {
  cree: 'Parcours créé',
  modifie: 'Parcours modifié',
  retire: 'Parcours retiré',
  restaure: 'Version restaurée',
  duplique: 'Parcours dupliqué',
} as const;

const pickerSize = 10;
const listPath = '/coordination/parcours';
const parent = { href: listPath, label: 'Parcours' };

export function coordinationParcoursRouter(deps: CoordinationParcoursRouterDeps): Router {
  const router = Router();
  const guard = deps.requireCoordinator;
  const publisher = deps.parcoursPublisher;
  const form = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 2000 });
  const queryOf = searchQuerySchema(deps.taxonomy);

  async function audiences(current: string): Promise<string[]> {
    const loaded = (await deps.parcours.listParcours()).map((one) => one.audience);
    return [...new Set([...knownAudiences, ...loaded, ...(current === '' ? [] : [current])])];
  }

  async function sendForm(
    req: Request,
    res: Response,
    props: Omit<ParcoursFormPageProps, 'context' | 'audiences' | 'action'>,
    status = 200,
  ): Promise<void> {
    const action =
      props.editing === undefined
        ? `${listPath}/nouveau`
        : `${listPath}/${props.editing.slug}/modifier`;
    sendPage(
      res,
      h(ParcoursFormPage, {
        ...props,
        context: pageContext(deps, req),
        audiences: await audiences(props.values.audience),
        action,
      }),
      status,
    );
  }

  /** The picker: sections and resources matching the query, parcours aside. */
  async function pick(q: string): Promise<PickerResult[]> {
    const query = queryOf.parse({ q, group: 'section', limit: String(pickerSize) });
    // The picker lists hits only: no facet counts asked.
    const { hits } = await searchSections(deps, query, undefined, { facets: false });
    return hits
      .filter((hit) => hit.type !== 'parcours')
      .map((hit) => ({
        value:
          hit.anchor !== undefined
            ? `${hit.resourceId}#${hit.anchor}`
            : hit.page !== undefined
              ? `${hit.resourceId}@${hit.page}`
              : hit.resourceId,
        title: hit.title,
        heading: hit.heading,
        type: hit.type,
        url: hit.url,
      }));
  }

  /**
   * One press of a button of the form: a step moved, removed or added, a search, or the
   * save. `save` commits; anything else renders the form again with the new state.
   */
  async function handle(
    req: Request,
    res: Response,
    editing: ParcoursFormPageProps['editing'],
    save: (slug: string, draft: ParcoursDraft) => Promise<string>,
  ): Promise<void> {
    const values = valuesOf(bodyOf(req));
    const pressed = last(bodyOf(req)['action']);
    const action = typeof pressed === 'string' ? pressed : 'chercher';
    const move = /^(monter|descendre|retirer):(\d+)$/.exec(action);
    const add = /^ajouter:(.+)$/.exec(action);
    let status: string | undefined;
    if (move !== null) {
      const [, verb, position] = move;
      status = moveStep(values.steps, verb ?? '', Number(position) - 1);
    } else if (add?.[1] !== undefined) {
      values.steps.push(stepOf(add[1]));
      status = `Étape ${values.steps.length} ajoutée : complétez sa note.`;
    } else if (action === 'enregistrer') {
      try {
        const slug = editing?.slug ?? values.slug.trim();
        const done = await save(slug, draftOf(values));
        res.redirect(303, `${listPath}?fait=${done}&parcours=${slug}`);
        return;
      } catch (error) {
        const refused = refusal(error);
        await sendForm(
          req,
          res,
          { values, error: refused.message, ...editingOf(editing) },
          refused.status,
        );
        return;
      }
    }
    const results = values.q.trim() === '' ? undefined : await pick(values.q);
    await sendForm(req, res, {
      values,
      ...editingOf(editing),
      ...(results === undefined ? {} : { results }),
      ...(status === undefined ? {} : { status }),
    });
  }

  router.get(listPath, guard, async (req, res) => {
    const [published, shipped] = await Promise.all([publisher.list(), publisher.shipped()]);
    const done = doneSchema.safeParse(req.query);
    sendPage(
      res,
      h(ParcoursAdminPage, {
        context: pageContext(deps, req),
        published: published.map((one) => ({
          ...rowOf(one.slug, one.draft),
          ...(one.lastChange === undefined ? {} : { lastChange: one.lastChange }),
        })),
        shipped: shipped.map((one) => rowOf(one.slug, one.draft)),
        ...(done.success
          ? {
              done: {
                title: doneTitles[done.data.fait],
                text:
                  done.data.fait === 'retire'
                    ? 'Il n’est plus proposé ; son historique est conservé.'
                    : 'Il est à jour sur /parcours et dans la recherche.',
                link:
                  done.data.fait === 'retire'
                    ? {
                        href: `${listPath}/${done.data.parcours}/historique`,
                        label: 'Voir l’historique pour le restaurer',
                      }
                    : { href: `/parcours/${done.data.parcours}`, label: 'Voir le parcours' },
              },
            }
          : {}),
      }),
    );
  });

  router.get(`${listPath}/nouveau`, guard, async (req, res) => {
    await sendForm(req, res, { values: emptyValues() });
  });

  router.post(`${listPath}/nouveau`, guard, form, async (req, res) => {
    await handle(req, res, undefined, async (slug, draft) => {
      await publisher.save(slug, draft, { create: true }, coordinatorOf(res));
      return 'cree';
    });
  });

  router.get(`${listPath}/:slug/modifier`, guard, async (req, res) => {
    const stored = await publisher.details(slugOf(req));
    await sendForm(req, res, { values: valuesOfStored(stored), editing: editingProps(stored) });
  });

  router.post(`${listPath}/:slug/modifier`, guard, form, async (req, res) => {
    const stored = await publisher.details(slugOf(req));
    const version = last(bodyOf(req)['version']);
    // The form keeps the version it was opened on: a change made meanwhile is refused (412).
    const editing = {
      ...editingProps(stored),
      version: typeof version === 'string' ? version : stored.version,
    };
    await handle(req, res, editing, async (slug, draft) => {
      await publisher.save(slug, draft, { ifMatch: editing.version }, coordinatorOf(res));
      return 'modifie';
    });
  });

  router.post(`${listPath}/:slug/dupliquer`, guard, form, async (req, res) => {
    const original = slugOf(req);
    for (let n = 1; n <= 50; n++) {
      const slug = n === 1 ? `${original}-copie` : `${original}-copie-${n}`;
      try {
        await publisher.duplicate(original, slug, coordinatorOf(res));
        res.redirect(303, `${listPath}/${slug}/modifier`);
        return;
      } catch (error) {
        if (!(error instanceof SlugTakenError)) throw error;
      }
    }
    throw new SlugTakenError(`Trop de copies de « ${original} » : retirez-en une.`);
  });

  router.get(`${listPath}/:slug/retirer`, guard, async (req, res) => {
    const stored = await publisher.details(slugOf(req));
    sendPage(
      res,
      h(RetireParcoursPage, { context: pageContext(deps, req), parcours: editingProps(stored) }),
    );
  });

  router.post(`${listPath}/:slug/retirer`, guard, form, async (req, res) => {
    const slug = slugOf(req);
    const version = last(bodyOf(req)['version']);
    try {
      await publisher.retire(
        slug,
        typeof version === 'string' ? version : undefined,
        coordinatorOf(res),
      );
      res.redirect(303, `${listPath}?fait=retire&parcours=${slug}`);
    } catch (error) {
      const refused = refusal(error);
      const stored = await publisher.details(slug);
      sendPage(
        res,
        h(RetireParcoursPage, {
          context: pageContext(deps, req),
          parcours: editingProps(stored),
          error: refused.message,
        }),
        refused.status,
      );
    }
  });

  router.get(`${listPath}/:slug/historique`, guard, async (req, res) => {
    sendPage(res, h(HistoryPage, await historyProps(req, slugOf(req))));
  });

  router.post(`${listPath}/:slug/restaurer`, guard, form, async (req, res) => {
    const slug = slugOf(req);
    const commit = last(bodyOf(req)['commit']);
    try {
      await publisher.restore(slug, typeof commit === 'string' ? commit : '', coordinatorOf(res));
      res.redirect(303, `${listPath}?fait=restaure&parcours=${slug}`);
    } catch (error) {
      const refused = refusal(error);
      sendPage(
        res,
        h(HistoryPage, { ...(await historyProps(req, slug)), error: refused.message }),
        refused.status,
      );
    }
  });

  async function historyProps(req: Request, slug: string) {
    const revisions = await publisher.history(slug);
    const current = await publisher.details(slug).catch(() => undefined);
    return {
      context: pageContext(deps, req),
      id: slug,
      title: current?.draft.title ?? slug,
      published: current !== undefined,
      revisions,
      restoreAction: `${listPath}/${slug}/restaurer`,
      parent,
      kind: 'parcours' as const,
    };
  }

  return router;
}

function rowOf(slug: string, draft: ParcoursDraft) {
  return { slug, title: draft.title, audience: draft.audience, stepCount: draft.steps.length };
}

function editingProps(stored: StoredParcours) {
  return { slug: stored.slug, version: stored.version, title: stored.draft.title };
}

function editingOf(editing: ParcoursFormPageProps['editing']) {
  return editing === undefined ? {} : { editing };
}

/** Moves or removes a step in place; says what was done, for screen readers. */
function moveStep(steps: ParcoursFormStep[], verb: string, index: number): string | undefined {
  const step = steps[index];
  if (step === undefined) return undefined;
  const target = verb === 'monter' ? index - 1 : index + 1;
  if (verb === 'retirer') {
    steps.splice(index, 1);
    return `Étape ${index + 1} retirée.`;
  }
  const other = steps[target];
  if (other === undefined) return undefined;
  steps[target] = step;
  steps[index] = other;
  return `Étape ${index + 1} déplacée en position ${target + 1}.`;
}

/** A picker value (`id`, `id#anchor` or `id@page`) as a new step. */
function stepOf(value: string): ParcoursFormStep {
  const anchored = /^([^#@]+)#(.+)$/.exec(value);
  const paged = /^([^#@]+)@(\d+)$/.exec(value);
  return {
    resource: anchored?.[1] ?? paged?.[1] ?? value,
    anchor: anchored?.[2] ?? '',
    page: paged?.[2] ?? '',
    note: '',
    week: '',
  };
}

function emptyValues(): ParcoursFormValues {
  return {
    title: '',
    slug: '',
    audience: knownAudiences[0] ?? '',
    description: '',
    steps: [],
    q: '',
  };
}

function valuesOfStored(stored: StoredParcours): ParcoursFormValues {
  return {
    title: stored.draft.title,
    slug: stored.slug,
    audience: stored.draft.audience,
    description: stored.draft.description,
    q: '',
    steps: stored.draft.steps.map((step) => ({
      resource: step.resource,
      anchor: step.anchor ?? '',
      page: step.page === undefined ? '' : String(step.page),
      note: step.note,
      week: step.week === undefined ? '' : String(step.week),
    })),
  };
}

/** The form as posted: the step fields come as parallel lists, one entry per step. */
function valuesOf(body: Record<string, unknown>): ParcoursFormValues {
  const text = (key: string): string => {
    const value = last(body[key]);
    return typeof value === 'string' ? value : '';
  };
  const list = (key: string): string[] => {
    const value = body[key];
    const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return values.map((one) => (typeof one === 'string' ? one : ''));
  };
  const resources = list('step_resource');
  const anchors = list('step_anchor');
  const pages = list('step_page');
  const notes = list('step_note');
  const weeks = list('step_week');
  return {
    title: text('title'),
    slug: text('slug'),
    audience: text('audience'),
    description: text('description'),
    q: text('q').slice(0, 200),
    steps: resources.map((resource, i) => ({
      resource,
      anchor: anchors[i] ?? '',
      page: pages[i] ?? '',
      note: notes[i] ?? '',
      week: weeks[i] ?? '',
    })),
  };
}

/** The form's values as a draft; a page or week that is not a number is named. */
function draftOf(values: ParcoursFormValues): ParcoursDraft {
  const number = (value: string, what: string, position: number): number | undefined => {
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    if (!/^\d{1,4}$/.test(trimmed))
      throw new InvalidParameterError(`Étape ${position} : ${what} doit être un nombre entier.`);
    return Number(trimmed);
  };
  return {
    title: values.title,
    audience: values.audience,
    description: values.description,
    steps: values.steps.map((step, i) => ({
      resource: step.resource.trim(),
      anchor: step.anchor.trim() === '' ? undefined : step.anchor.trim(),
      page: number(step.page, 'la page', i + 1),
      note: step.note,
      week: number(step.week, 'la semaine', i + 1),
    })),
  };
}

function slugOf(req: Request): string {
  const parsed = slugParams.safeParse(req.params);
  // Not a slug: no parcours, said as the publisher says it.
  return parsed.success ? parsed.data.slug : '-';
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

function last(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[]).at(-1) : value;
}

function coordinatorOf(res: Response): { name: string; email: string } {
  const coordinator = res.locals.coordinator;
  if (coordinator === undefined) throw new UnauthenticatedError();
  return coordinator;
}

/** A refusal the person can act on (4xx, its French message); anything else goes on. */
function refusal(error: unknown): { status: number; message: string } {
  const publicError = toPublicError(error);
  if (publicError.status >= 500) throw error;
  return { status: publicError.status, message: publicError.message };
}
