import { Router, type Request, type RequestHandler, type Response } from 'express';
import { h } from 'preact';
import { z } from 'zod';
import { NotFoundError, UnauthenticatedError } from '../../errors.ts';
import { isoDay } from '../../freshness/review-policy.ts';
import { buildReviewQueue, type ReviewQueueDeps } from '../../freshness/review-queue.ts';
import { toPublicError } from '../../http/http-error.ts';
import type { ContentStore } from '../../publishing/content-store.ts';
import type { Publisher } from '../../publishing/publisher.ts';
import { resourceIdSchema } from '../../resources/router.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { ReviewQueuePage } from '../pages/coordination-review.tsx';
import { sendPage } from '../render.ts';

/**
 * GET /coordination/a-revoir: the review queue as a page; POST …/:id/relu records today's
 * review of a published resource (a commit through the content store) and comes back.
 */

export interface ReviewPagesDeps extends PageConfigDeps, ReviewQueueDeps {
  requireCoordinator: RequestHandler;
  /** The content store and its writer; absent: nothing can be marked as reviewed here. */
  publishing?: { publisher: Publisher; store: ContentStore };
}

const doneSchema = z.object({ relu: resourceIdSchema.shape.id });

export function reviewPagesRouter(deps: ReviewPagesDeps): Router {
  const router = Router();
  const guard = deps.requireCoordinator;
  const store = deps.publishing?.store;
  // Only what this workspace published can be changed here: shipped guides live in the repository.
  const editable = (id: string) => store?.candidatePaths(id) !== undefined;

  async function sendQueue(req: Request, res: Response, extra: { error?: string }, status = 200) {
    const items = await buildReviewQueue(deps);
    const done = doneSchema.safeParse(req.query);
    sendPage(
      res,
      h(ReviewQueuePage, {
        context: pageContext(deps, req),
        items,
        soonDays: deps.policy.soonDays,
        editable,
        ...(done.success && extra.error === undefined
          ? { done: { title: 'Relecture enregistrée' } }
          : {}),
        ...extra,
      }),
      status,
    );
  }

  router.get('/coordination/a-revoir', guard, async (req, res) => {
    await sendQueue(req, res, {});
  });

  router.post('/coordination/a-revoir/:id/relu', guard, async (req, res) => {
    const id = resourceIdSchema.safeParse(req.params);
    const publisher = deps.publishing?.publisher;
    try {
      if (publisher === undefined || !id.success)
        throw new NotFoundError('Aucune ressource publiée ne porte cet identifiant.');
      await publisher.markReviewed(id.data.id, isoDay(deps.now()), coordinatorOf(res));
      res.redirect(303, `/coordination/a-revoir?relu=${encodeURIComponent(id.data.id)}`);
    } catch (error) {
      const refused = toPublicError(error);
      if (refused.status >= 500) throw error;
      await sendQueue(req, res, { error: refused.message }, refused.status);
    }
  });

  return router;
}

function coordinatorOf(res: Response): { name: string; email: string } {
  const coordinator = res.locals.coordinator;
  if (coordinator === undefined) throw new UnauthenticatedError();
  return coordinator;
}
