import express, { Router, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Taxonomy } from '../content/topics.ts';
import { InvalidParameterError, PayloadTooLargeError, UnauthenticatedError } from '../errors.ts';
import { parseRequest } from '../http/validate.ts';
import { resourceIdSchema } from '../resources/router.ts';
import { formatBytes } from '../text/format-bytes.ts';
import type { Coordinator } from './coordinator.ts';
import type { PublishedResource, Publisher, Submission } from './publisher.ts';
import {
  auditQuerySchema,
  restoreSchema,
  submissionSchema,
  type AuditResponse,
  type HistoryResponse,
  type PublishedResourceResponse,
} from './publishing-schemas.ts';
import type { ContentStore } from './content-store.ts';

export interface PublishingRouterDeps {
  publisher: Publisher;
  store: ContentStore;
  taxonomy: Taxonomy;
  config: Pick<Config, 'maxFileBytes'>;
  /**
   * Sets `res.locals.coordinator` or answers 401/403 (the auth package's). Absent: every
   * route here answers 401, never open.
   */
  requireCoordinator?: RequestHandler;
}

const coordinatorSchema = z.object({ name: z.string().min(1), email: z.string().min(3) });

/**
 * The coordinators' write API: publish, replace (If-Match), retire, history, restore, audit.
 * Every route asks for a coordinator first, then reads its input with zod.
 */
export function publishingRouter(deps: PublishingRouterDeps): Router {
  const router = Router();
  const requireCoordinator: RequestHandler =
    deps.requireCoordinator ??
    (() => {
      throw new UnauthenticatedError();
    });
  const submission = submissionSchema(deps.taxonomy);
  const upload = uploadMiddleware(deps.config.maxFileBytes);
  const json = express.json({ limit: '64kb' });

  router.post('/api/resources', requireCoordinator, upload, async (req, res) => {
    const input = readSubmission(submission, req.body, req.file);
    const published = await deps.publisher.publish(input, coordinatorOf(res));
    res.location(published.url);
    sendPublished(res.status(201), published);
  });

  router.put('/api/resources/:id', requireCoordinator, json, upload, async (req, res) => {
    const { id } = parseRequest(resourceIdSchema, req.params);
    const input = readSubmission(submission, req.body ?? {}, req.file);
    const published = await deps.publisher.replace(
      id,
      req.get('If-Match'),
      input,
      coordinatorOf(res),
    );
    sendPublished(res, published);
  });

  router.delete('/api/resources/:id', requireCoordinator, async (req, res) => {
    const { id } = parseRequest(resourceIdSchema, req.params);
    res.json(await deps.publisher.retire(id, req.get('If-Match'), coordinatorOf(res)));
  });

  router.get('/api/resources/:id/history', requireCoordinator, async (req, res) => {
    const { id } = parseRequest(resourceIdSchema, req.params);
    const revisions = await deps.publisher.history(id);
    res.json({ id, revisions } satisfies HistoryResponse);
  });

  router.post('/api/resources/:id/restore', requireCoordinator, json, upload, async (req, res) => {
    const { id } = parseRequest(resourceIdSchema, req.params);
    const { commit } = parseRequest(restoreSchema, req.body ?? {});
    sendPublished(res, await deps.publisher.restore(id, commit, coordinatorOf(res)));
  });

  router.get('/api/audit', requireCoordinator, async (req, res) => {
    const { page, limit } = parseRequest(auditQuerySchema, req.query);
    const { revisions, hasMore } = await deps.store.log(page, limit);
    res.json({ revisions, page, limit, hasMore } satisfies AuditResponse);
  });

  return router;
}

function sendPublished(res: Response, published: PublishedResource): void {
  res.setHeader('ETag', `"${published.version}"`);
  res.json(published satisfies PublishedResourceResponse);
}

/** The coordinator the auth middleware vouched for. */
function coordinatorOf(res: Response): Coordinator {
  const parsed = coordinatorSchema.safeParse(res.locals['coordinator']);
  // The middleware ran but set nobody: refused, not written anonymously.
  if (!parsed.success) throw new UnauthenticatedError();
  return parsed.data;
}

export function readSubmission(
  schema: ReturnType<typeof submissionSchema>,
  body: unknown,
  file: Express.Multer.File | undefined,
): Submission {
  const { markdown, type, ...metadata } = parseRequest(schema, body ?? {});
  if (file !== undefined && markdown !== undefined)
    throw new InvalidParameterError(
      'markdown: envoyez un fichier ou un texte Markdown, pas les deux',
      'markdown',
    );
  const content =
    file?.buffer ?? (markdown === undefined ? undefined : Buffer.from(markdown, 'utf8'));
  return {
    metadata: Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)),
    ...(content === undefined ? {} : { content }),
    ...(type === undefined ? {} : { type }),
  };
}

/** multer in memory, one file named `file`, bounded by MAX_FILE_BYTES; its errors in ours. */
export function uploadMiddleware(maxFileBytes: number): RequestHandler {
  const single = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxFileBytes, fieldSize: maxFileBytes, files: 1, fields: 30, parts: 40 },
  }).single('file');
  return (req, res, next) => {
    single(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE') {
          next(
            new PayloadTooLargeError(
              `Le fichier dépasse la taille acceptée (${formatBytes(maxFileBytes)}, MAX_FILE_BYTES).`,
            ),
          );
          return;
        }
        next(
          new InvalidParameterError(
            `${error.field ?? 'requête'}: formulaire refusé (${error.code})`,
            error.field,
          ),
        );
        return;
      }
      next(error);
    });
  };
}
