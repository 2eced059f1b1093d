import { z } from 'zod';

/**
 * What `GET /api/analytics` returns, written once: the aggregation is typed from these
 * schemas and the OpenAPI document is generated from them.
 */

/** The windows coordinators choose from, in days. */
export const analyticsWindows = [7, 30, 90] as const;
export type AnalyticsWindow = (typeof analyticsWindows)[number];

const rate = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .meta({ description: 'Entre 0 et 1 ; null quand il n’y a rien à rapporter' });

const meanRank = z.number().nullable().meta({
  description: 'Rang moyen (1 = premier résultat) des résultats cliqués ; null sans clic',
});

/** A group of queries that read the same once normalised (case, accents, plural `s`). */
const queryGroupShape = {
  key: z.string().meta({
    description:
      'La forme normalisée qui regroupe les requêtes (minuscules, sans accents ni « s » final)',
  }),
  query: z.string().meta({ description: 'L’écriture la plus fréquente du groupe' }),
  variants: z
    .array(z.string())
    .meta({ description: 'Les écritures rencontrées, de la plus à la moins fréquente' }),
  searches: z.number().int(),
};

export const topQuerySchema = z
  .strictObject({
    ...queryGroupShape,
    zeroResult: z.number().int().meta({ description: 'Recherches sans aucun résultat' }),
    clicks: z.number().int(),
    clickThroughRate: rate.meta({
      description: 'Part des recherches avec résultats suivies d’au moins un clic',
    }),
    meanClickedRank: meanRank,
  })
  .meta({ id: 'AnalyticsQuery' });
export type TopQuery = z.infer<typeof topQuerySchema>;

export const zeroResultQuerySchema = z
  .strictObject({
    ...queryGroupShape,
    lastSearchedAt: z.string().meta({ description: 'Dernière recherche sans résultat (ISO 8601)' }),
    handledAt: z.string().optional().meta({
      description: 'Quand un coordinateur l’a marquée comme traitée (ISO 8601)',
    }),
    handled: z.boolean().meta({
      description: 'Marquée comme traitée, et pas cherchée sans résultat depuis',
    }),
  })
  .meta({ id: 'AnalyticsZeroResultQuery' });
export type ZeroResultQuery = z.infer<typeof zeroResultQuerySchema>;

export const unclickedQuerySchema = z
  .strictObject(queryGroupShape)
  .meta({ id: 'AnalyticsUnclickedQuery' });
export type UnclickedQuery = z.infer<typeof unclickedQuerySchema>;

export const filterUseSchema = z
  .strictObject({
    filter: z.string().meta({ description: 'Le paramètre de recherche (topic, type, promotion…)' }),
    value: z.string(),
    searches: z.number().int(),
  })
  .meta({ id: 'AnalyticsFilterUse' });
export type FilterUse = z.infer<typeof filterUseSchema>;

export const analyticsDaySchema = z
  .strictObject({
    day: z.string().meta({ description: 'Le jour (AAAA-MM-JJ, UTC)' }),
    searches: z.number().int(),
    zeroResult: z.number().int(),
    zeroResultRate: rate,
  })
  .meta({ id: 'AnalyticsDay' });
export type AnalyticsDay = z.infer<typeof analyticsDaySchema>;

export const pageFeedbackSchema = z
  .strictObject({
    url: z.string().meta({ description: 'La page (chemin d’une ressource de ce site)' }),
    yes: z.number().int().meta({ description: 'Réponses « oui » : la page a été utile' }),
    no: z.number().int().meta({ description: 'Réponses « non »' }),
    noRate: z.number().min(0).max(1).meta({ description: 'Part des « non » parmi les réponses' }),
  })
  .meta({ id: 'AnalyticsPageFeedback' });
export type PageFeedback = z.infer<typeof pageFeedbackSchema>;

export const analyticsReportSchema = z
  .strictObject({
    days: z.literal(analyticsWindows),
    from: z.string().meta({ description: 'Début de la période (ISO 8601, inclus)' }),
    to: z.string().meta({ description: 'Fin de la période (ISO 8601)' }),
    totals: z.strictObject({
      searches: z.number().int().meta({
        description: 'Recherches (premières pages seulement : changer de page n’est pas chercher)',
      }),
      zeroResult: z.number().int(),
      zeroResultRate: rate,
      clicks: z.number().int(),
      clickThroughRate: rate.meta({
        description: 'Part des recherches avec résultats suivies d’au moins un clic',
      }),
      meanClickedRank: meanRank,
      feedbackYes: z.number().int().meta({ description: 'Réponses « oui » sur la période' }),
      feedbackNo: z.number().int().meta({ description: 'Réponses « non » sur la période' }),
    }),
    topQueries: z.array(topQuerySchema).meta({ description: 'Les plus fréquentes d’abord' }),
    zeroResultQueries: z
      .array(zeroResultQuerySchema)
      .meta({ description: 'Requêtes sans résultat, les plus fréquentes d’abord' }),
    unclickedQueries: z.array(unclickedQuerySchema).meta({
      description:
        'Requêtes avec résultats mais jamais suivies d’un clic, les plus fréquentes d’abord',
    }),
    filters: z
      .array(filterUseSchema)
      .meta({ description: 'Filtres (thématique, type…) utilisés, les plus fréquents d’abord' }),
    feedback: z.array(pageFeedbackSchema).meta({
      description:
        'Réponses à « Cette page vous a-t-elle été utile ? », par page : le plus de « non » d’abord',
    }),
    perDay: z.array(analyticsDaySchema).meta({
      description:
        'Un élément par jour de la période, jours sans recherche compris, du plus ancien au plus récent',
    }),
  })
  .meta({ id: 'AnalyticsReport' });
export type AnalyticsReport = z.infer<typeof analyticsReportSchema>;
