import { z } from 'zod';

/** What `GET /api/topics` returns, written once (presenter type and OpenAPI document). */
export const topicListSchema = z
  .strictObject({
    topics: z.array(
      z.strictObject({
        slug: z.string(),
        label: z.string(),
        description: z.string(),
        count: z.number().int().meta({ description: 'Nombre de ressources de la thématique' }),
      }),
    ),
  })
  .meta({ id: 'TopicList' });
export type TopicListResponse = z.infer<typeof topicListSchema>;
