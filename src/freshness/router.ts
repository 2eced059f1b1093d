import { Router, type RequestHandler } from 'express';
import { presentItem, type ReviewQueueResponse } from './review-queue-response.ts';
import { buildReviewQueue, type ReviewQueueDeps } from './review-queue.ts';

/** GET /api/review-queue: the coordinators' to-do list of stale content, as JSON. */
export function reviewQueueRouter(
  deps: ReviewQueueDeps & { requireCoordinator: RequestHandler },
): Router {
  const router = Router();
  router.get('/api/review-queue', deps.requireCoordinator, async (_req, res) => {
    const items = await buildReviewQueue(deps);
    res.json({
      generatedAt: deps.now().toISOString(),
      soonDays: deps.policy.soonDays,
      items: items.map(presentItem),
    } satisfies ReviewQueueResponse);
  });
  return router;
}
