import { Router } from 'express';
import type { Taxonomy } from '../content/topics.ts';
import { countByTopic, type ResourceStoreDeps } from '../resources/resource-store.ts';
import type { TopicListResponse } from './topics-response.ts';

/** GET /api/topics: the taxonomy with how many resources each topic has. */
export function topicsRouter(deps: ResourceStoreDeps & { taxonomy: Taxonomy }): Router {
  const router = Router();
  router.get('/api/topics', async (_req, res) => {
    const counts = await countByTopic(deps);
    res.json({
      topics: deps.taxonomy.topics.map((topic) => ({
        slug: topic.slug,
        label: topic.label,
        description: topic.description,
        count: counts[topic.slug] ?? 0,
      })),
    } satisfies TopicListResponse);
  });
  return router;
}
