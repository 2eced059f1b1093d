import { Router } from 'express';
import { h } from 'preact';
import type { SearchLog } from '../../analytics/search-log.ts';
import type { Taxonomy } from '../../content/topics.ts';
import type { ReviewPolicy } from '../../freshness/review-policy.ts';
import { skillLabels } from '../../community/skill-labels.ts';
import { countByTopic } from '../../resources/resource-store.ts';
import { cachedDidYouMean } from '../../search/did-you-mean.ts';
import { recordSearch } from '../../search/record-search.ts';
import { searchQuerySchema } from '../../search/search-query.ts';
import { searchSections, type SearchDeps } from '../../search/search-sections.ts';
import { taxonomyVocabulary } from '../../search/spelling.ts';
import { hitCards } from '../community/hit-cards.ts';
import { MAX_TOTAL_HITS } from '../../engine/indexes.ts';
import { isPastLastPage, pageCountOf } from '../components/pagination.tsx';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { describeIssues, rawState, stateOf } from '../page-params.ts';
import { ResultsPage } from '../pages/results.tsx';
import { sendPage } from '../render.ts';

/** Sent by search-as-you-type: such intermediate searches are not logged. */
export const LIVE_SEARCH_HEADER = 'x-live-search';

export interface SearchPageDeps extends PageConfigDeps, SearchDeps {
  taxonomy: Taxonomy;
  searchLog: SearchLog;
  now: () => Date;
  /** Review intervals per type: hits past theirs show « À revoir ». */
  reviewPolicy: ReviewPolicy;
}

/** GET /recherche: the results page, with help when nothing is found. */
export function searchPageRouter(deps: SearchPageDeps): Router {
  const router = Router();
  const schema = searchQuerySchema(deps.taxonomy);
  const spelling = { ...deps, vocabulary: taxonomyVocabulary(deps.taxonomy) };

  router.get('/recherche', async (req, res) => {
    const parsed = schema.safeParse(req.query);
    const base = {
      context: pageContext(deps, req),
      taxonomy: deps.taxonomy,
      suggestions: [],
      topicCounts: {},
    };
    if (!parsed.success) {
      sendPage(
        res,
        h(ResultsPage, {
          ...base,
          state: rawState(req.query),
          error: describeIssues(parsed.error),
        }),
        400,
      );
      return;
    }
    const query = parsed.data;
    const result = await searchSections(deps, query);
    const queryId =
      req.get(LIVE_SEARCH_HEADER) === undefined ? recordSearch(deps, query, result) : undefined;
    // Few or nothing found: other spellings (one round trip, only then); nothing at all:
    // the topics to browse instead; défis among the results: their skills' labels; défi and
    // person hits: their cards. All at once.
    const skillsShown = Object.keys(result.facets.skills).length + query.competence.length > 0;
    const [suggestions, topicCounts, labels, cards] = await Promise.all([
      cachedDidYouMean(spelling, query, result.total),
      result.total === 0 ? countByTopic(deps) : {},
      skillsShown ? skillLabels(deps) : new Map<string, string>(),
      hitCards(deps, result.hits),
    ]);
    sendPage(
      res,
      h(ResultsPage, {
        ...base,
        state: stateOf(query, req),
        result,
        suggestions,
        topicCounts,
        cards,
        ...(queryId === undefined ? {} : { queryId }),
        skillLabel: (code) => labels.get(code) ?? code,
        freshness: { policy: deps.reviewPolicy, now: deps.now() },
      }),
      // Past the last page: the page says so and links to the last one, but such an
      // address names nothing (404), so that crawlers and link checks drop it.
      isPastLastPage(result.page, pageCountOf(result.total, result.limit, MAX_TOTAL_HITS))
        ? 404
        : 200,
    );
  });

  return router;
}
