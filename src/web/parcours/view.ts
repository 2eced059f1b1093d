/**
 * What the parcours pages show, whatever stores the parcours: the web side's view of the
 * parcours module (src/parcours/), filled from it where the app is wired.
 */

export interface ParcoursSummaryView {
  slug: string;
  title: string;
  /** Who it is for, e.g. "nouvelle promotion". */
  audience: string;
  description: string;
  /** Estimated from the steps' word counts. */
  readingMinutes: number;
  stepCount: number;
}

export interface ParcoursStepView {
  resourceId: string;
  /** The resource's title. */
  title: string;
  type: string;
  /** The section's heading, when the step is one section of the resource. */
  heading?: string | undefined;
  /** Its page in the UI, with `#anchor` or `#page-N` (never from user input). */
  url: string;
  /** A PDF step's page. */
  page?: number | undefined;
  note: string;
  /** Week of the programme, when the parcours follows the calendar. */
  week?: number | undefined;
  readingMinutes: number;
}

export interface ParcoursView extends Omit<ParcoursSummaryView, 'stepCount'> {
  steps: ParcoursStepView[];
}

/** Where the pages read parcours from. */
export interface ParcoursCatalogue {
  list: () => Promise<ParcoursSummaryView[]>;
  /** Undefined when no parcours has this slug. */
  get: (slug: string) => Promise<ParcoursView | undefined>;
}
