import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { h } from 'preact';
import { z } from 'zod';
import { CSRF_FIELD } from '../../auth/csrf.ts';
import type { Config } from '../../config.ts';
import type { Taxonomy } from '../../content/topics.ts';
import { UnauthenticatedError } from '../../errors.ts';
import { toPublicError } from '../../http/http-error.ts';
import { resourceIdSchema } from '../../resources/router.ts';
import type { ContentStore } from '../../publishing/content-store.ts';
import type { PublishedDetails, Publisher } from '../../publishing/publisher.ts';
import { submissionSchema } from '../../publishing/publishing-schemas.ts';
import { readSubmission, uploadMiddleware } from '../../publishing/router.ts';
import { formatBytes } from '../../text/format-bytes.ts';
import { foldText } from '../../text/fold-accents.ts';
import { csrfAction } from '../components/csrf-field.tsx';
import { emptyFormValues, type ResourceFormValues } from '../components/resource-fields.tsx';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { CoordinationPage, type CoordinationPageProps } from '../pages/coordination.tsx';
import { ResourceFormPage, type ResourceFormPageProps } from '../pages/coordination-form.tsx';
import { HistoryPage } from '../pages/coordination-history.tsx';
import { RetirePage } from '../pages/coordination-retire.tsx';
import { sendPage } from '../render.ts';

/**
 * The coordinators' pages: list, publish (with a preview), edit, retire, history and
 * restore. Plain forms (no JavaScript needed): a POST that succeeds redirects with what
 * was done; one that is refused renders the form again with the values sent and the
 * reason. They call the Publisher directly, as the write API does.
 */

export interface CoordinationRouterDeps extends PageConfigDeps {
  config: PageConfigDeps['config'] & Pick<Config, 'maxFileBytes'>;
  taxonomy: Taxonomy;
  requireCoordinator: RequestHandler;
  /** The content store and its writer; absent: only the placeholder home is served. */
  publishing?: { publisher: Publisher; store: ContentStore };
  /** Markdown → sanitised HTML, by the ingester's processor (wired by main). */
  markdownPreview?: (markdown: string) => string | Promise<string>;
}

const filtersSchema = z.object({
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 200) : ''), z.string()),
  topic: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
  type: z.preprocess((v) => (v === 'guide' || v === 'pdf' ? v : ''), z.enum(['', 'guide', 'pdf'])),
});

const doneSchema = z.object({
  fait: z.enum(['publie', 'modifie', 'retire', 'restaure']),
  ressource: resourceIdSchema.shape.id,
});

const prefillSchema = z.object({
  titre: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 200) : ''), z.string()),
});

/** The fields this router adds to a submission: the button pressed and the version edited. */
const formExtras = ['action', 'version', CSRF_FIELD];

export function coordinationRouter(deps: CoordinationRouterDeps): Router {
  const router = Router();
  const guard = deps.requireCoordinator;
  const publishing = deps.publishing;
  if (publishing === undefined) {
    router.get('/coordination', guard, (req, res) => {
      sendPage(
        res,
        h(CoordinationPage, { ...listBase(req), resources: [], total: 0, retired: [] }),
      );
    });
    return router;
  }
  const { publisher, store } = publishing;
  const schema = submissionSchema(deps.taxonomy);
  const upload = keepUploadRefusal(uploadMiddleware(deps.config.maxFileBytes));
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const maxFile = formatBytes(deps.config.maxFileBytes);

  function listBase(req: Request): Omit<CoordinationPageProps, 'resources' | 'total' | 'retired'> {
    const filters = filtersSchema.parse(req.query);
    return { context: pageContext(deps, req), taxonomy: deps.taxonomy, filters };
  }

  function sendForm(
    req: Request,
    res: Response,
    props: Omit<ResourceFormPageProps, 'context' | 'taxonomy' | 'action' | 'maxFile'>,
    path: string,
    status = 200,
  ): void {
    sendPage(
      res,
      h(ResourceFormPage, {
        ...props,
        context: pageContext(deps, req),
        taxonomy: deps.taxonomy,
        action: csrfAction(path, res.locals.csrfToken?.()),
        maxFile,
      }),
      status,
    );
  }

  router.get('/coordination', guard, async (req, res) => {
    const base = listBase(req);
    const all = await publisher.list();
    const { q, topic, type } = base.filters;
    const words = foldText(q).split(/\s+/).filter(Boolean);
    const resources = all.filter((resource) => {
      if (type !== '' && resource.type !== type) return false;
      if (topic !== '' && !(resource.metadata.topics ?? []).includes(topic)) return false;
      const haystack = foldText(
        [
          resource.title,
          resource.metadata.summary ?? '',
          resource.metadata.owner ?? '',
          resource.id,
        ].join(' '),
      );
      return words.every((word) => haystack.includes(word));
    });
    const done = doneSchema.safeParse(req.query);
    sendPage(
      res,
      h(CoordinationPage, {
        ...base,
        total: all.length,
        resources: resources.map((resource) => ({
          ...resource,
          topics: resource.metadata.topics ?? [],
        })),
        retired: await retiredResources(store, new Set(all.map((resource) => resource.id))),
        ...(done.success ? { done: doneMessage(done.data.fait, done.data.ressource, all) } : {}),
      }),
    );
  });

  router.get('/coordination/publier', guard, (req, res) => {
    // « Rédiger une ressource » from a search with no result: its query as the title.
    const title = prefillSchema.parse(req.query).titre;
    sendForm(req, res, { values: { ...emptyFormValues, title } }, '/coordination/publier');
  });

  router.post('/coordination/publier', guard, upload, async (req, res) => {
    const body = bodyOf(req);
    const values = valuesOf(body);
    const path = '/coordination/publier';
    const uploadRefusal = uploadRefusals.get(req);
    if (uploadRefusal !== undefined) {
      sendForm(req, res, { values, error: uploadRefusal.message }, path, uploadRefusal.status);
      return;
    }
    if (body['action'] === 'previsualiser') {
      sendForm(req, res, { values, preview: await previewOf(values.markdown) }, path);
      return;
    }
    try {
      const submission = readSubmission(schema, withoutExtras(body), req.file);
      const published = await publisher.publish(submission, coordinatorOf(res));
      res.redirect(303, `/coordination?fait=publie&ressource=${published.id}`);
    } catch (error) {
      const refused = refusal(error);
      sendForm(req, res, { values, error: refused.message }, path, refused.status);
    }
  });

  router.get('/coordination/ressources/:id/modifier', guard, async (req, res) => {
    const details = await publisher.details(idOf(req));
    sendForm(
      req,
      res,
      { values: valuesOfResource(details), resource: formResource(details) },
      `/coordination/ressources/${details.id}/modifier`,
    );
  });

  router.post('/coordination/ressources/:id/modifier', guard, upload, async (req, res) => {
    const id = idOf(req);
    const body = bodyOf(req);
    const values = valuesOf(body);
    const version = typeof body['version'] === 'string' ? body['version'] : undefined;
    const details = await publisher.details(id);
    // The form keeps the version it was opened on: a preview or a refusal does not move it.
    const resource = { ...formResource(details), version: version ?? details.version };
    const path = `/coordination/ressources/${id}/modifier`;
    const uploadRefusal = uploadRefusals.get(req);
    if (uploadRefusal !== undefined) {
      const status = uploadRefusal.status;
      sendForm(req, res, { values, resource, error: uploadRefusal.message }, path, status);
      return;
    }
    if (body['action'] === 'previsualiser') {
      sendForm(req, res, { values, resource, preview: await previewOf(values.markdown) }, path);
      return;
    }
    try {
      const fields = withoutExtras(body);
      // No box ticked is a choice on this form (topics deduced from the text), not "unchanged".
      fields['topics'] ??= [];
      // An unchanged text area is no new content: the metadata alone changes.
      if (details.markdown !== undefined && sameText(fields['markdown'], details.markdown))
        delete fields['markdown'];
      const submission = readSubmission(schema, fields, req.file);
      await publisher.replace(id, version ?? '', submission, coordinatorOf(res));
      res.redirect(303, `/coordination?fait=modifie&ressource=${id}`);
    } catch (error) {
      const refused = refusal(error);
      sendForm(req, res, { values, resource, error: refused.message }, path, refused.status);
    }
  });

  router.get('/coordination/ressources/:id/retirer', guard, async (req, res) => {
    const details = await publisher.details(idOf(req));
    sendPage(
      res,
      h(RetirePage, { context: pageContext(deps, req), resource: formResource(details) }),
    );
  });

  router.post('/coordination/ressources/:id/retirer', guard, form, async (req, res) => {
    const id = idOf(req);
    const body = bodyOf(req);
    const version = typeof body['version'] === 'string' ? body['version'] : undefined;
    try {
      await publisher.retire(id, version, coordinatorOf(res));
      res.redirect(303, `/coordination?fait=retire&ressource=${id}`);
    } catch (error) {
      const refused = refusal(error);
      const details = await publisher.details(id);
      sendPage(
        res,
        h(RetirePage, {
          context: pageContext(deps, req),
          resource: formResource(details),
          error: refused.message,
        }),
        refused.status,
      );
    }
  });

  router.get('/coordination/ressources/:id/historique', guard, async (req, res) => {
    const id = idOf(req);
    sendPage(res, h(HistoryPage, { ...(await historyProps(req, id)) }));
  });

  router.post('/coordination/ressources/:id/restaurer', guard, form, async (req, res) => {
    const id = idOf(req);
    const commit = bodyOf(req)['commit'];
    try {
      await publisher.restore(id, typeof commit === 'string' ? commit : '', coordinatorOf(res));
      res.redirect(303, `/coordination?fait=restaure&ressource=${id}`);
    } catch (error) {
      const refused = refusal(error);
      sendPage(
        res,
        h(HistoryPage, { ...(await historyProps(req, id)), error: refused.message }),
        refused.status,
      );
    }
  });

  async function historyProps(req: Request, id: string) {
    const revisions = await publisher.history(id);
    const current = await store.current(id);
    const title = current === undefined ? id : (await publisher.details(id)).title;
    return {
      context: pageContext(deps, req),
      id,
      title,
      published: current !== undefined,
      revisions,
    };
  }

  async function previewOf(markdown: string): Promise<string> {
    if (deps.markdownPreview === undefined || markdown.trim() === '') return '';
    return deps.markdownPreview(markdown);
  }

  return router;
}

/** Uploads refused by multer (too large, too many fields), for the route to show in its form. */
const uploadRefusals = new WeakMap<Request, { status: number; message: string }>();

/**
 * The upload middleware, its refusals kept for the form (with the fields read before the
 * file) instead of an error page; other failures go on as errors.
 */
function keepUploadRefusal(upload: RequestHandler): RequestHandler {
  return (req, res, next) => {
    void upload(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const publicError = toPublicError(error);
      if (publicError.status >= 500) return next(error);
      uploadRefusals.set(req, { status: publicError.status, message: publicError.message });
      next();
    });
  };
}

function idOf(req: Request): string {
  const parsed = resourceIdSchema.safeParse(req.params);
  // Not a resource id: no resource, said as the store says it.
  return parsed.success ? parsed.data.id : '-';
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? { ...(body as Record<string, unknown>) } : {};
}

function withoutExtras(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !formExtras.includes(key)));
}

function sameText(sent: unknown, stored: string): boolean {
  const normalise = (text: string) => text.replace(/\r\n/g, '\n').trim();
  return typeof sent === 'string' && normalise(sent) === normalise(stored);
}

/** The values the form was sent with, to show them again. */
function valuesOf(body: Record<string, unknown>): ResourceFormValues {
  const text = (key: string): string => {
    const value = body[key];
    return typeof value === 'string' ? value : '';
  };
  const topics = body['topics'];
  const type = text('type');
  return {
    title: text('title'),
    summary: text('summary'),
    topics: (Array.isArray(topics) ? topics : [topics]).filter(
      (topic): topic is string => typeof topic === 'string',
    ),
    type: type === 'guide' || type === 'pdf' ? type : '',
    owner: text('owner'),
    reviewed: text('reviewed'),
    markdown: text('markdown'),
  };
}

function valuesOfResource(details: PublishedDetails): ResourceFormValues {
  return {
    title: details.metadata.title,
    summary: details.metadata.summary ?? '',
    topics: details.metadata.topics ?? [],
    type: details.type,
    owner: details.metadata.owner ?? '',
    reviewed: details.metadata.reviewed ?? '',
    markdown: details.markdown ?? '',
  };
}

function formResource(details: PublishedDetails) {
  return {
    id: details.id,
    title: details.title,
    url: details.url,
    version: details.version,
    type: details.type,
  };
}

/** The coordinator `requireCoordinator` vouched for. */
function coordinatorOf(res: Response): { name: string; email: string } {
  const coordinator = res.locals.coordinator;
  if (coordinator === undefined) throw new UnauthenticatedError();
  return coordinator;
}

/** A refusal the person can act on (4xx, its French message); anything else goes on to the error page. */
function refusal(error: unknown): { status: number; message: string } {
  const publicError = toPublicError(error);
  if (publicError.status >= 500) throw error;
  return { status: publicError.status, message: publicError.message };
}

const doneTitles = {
  publie: 'Ressource publiée',
  modifie: 'Ressource modifiée',
  retire: 'Ressource retirée',
  restaure: 'Version restaurée',
} as const;

function doneMessage(
  fait: keyof typeof doneTitles,
  id: string,
  resources: PublishedDetails[],
): NonNullable<CoordinationPageProps['done']> {
  const resource = resources.find((candidate) => candidate.id === id);
  if (fait === 'retire' || resource === undefined)
    return {
      title: doneTitles[fait],
      text: 'Elle n’est plus proposée par la recherche ; son historique est conservé.',
      link: {
        href: `/coordination/ressources/${id}/historique`,
        label: 'Voir l’historique pour la restaurer',
      },
    };
  return {
    title: doneTitles[fait],
    text: `« ${resource.title} » est à jour dans la recherche.`,
    link: { href: resource.url, label: 'Voir la ressource' },
  };
}

/** Resources whose files are gone from the store: the newest commit that touched each removed them. */
async function retiredResources(store: ContentStore, current: Set<string>) {
  const { revisions } = await store.log(1, 1_000_000);
  const seen = new Set<string>();
  const retired: { id: string; lastChange: (typeof revisions)[number] }[] = [];
  for (const revision of revisions) {
    for (const file of revision.files) {
      if (!/^[a-z0-9-]+\.(md|pdf)$/.test(file)) continue;
      const id = store.idOf(file);
      if (seen.has(id)) continue;
      seen.add(id);
      if (!current.has(id)) retired.push({ id, lastChange: revision });
    }
  }
  return retired;
}
