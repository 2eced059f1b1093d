import type { Taxonomy } from '../../content/topics.ts';

/** The fields of a published resource's form: title, summary, topics, type, owner, review date. */

/** What the form shows: the values sent back on error, or the resource's own. */
export interface ResourceFormValues {
  title: string;
  summary: string;
  topics: string[];
  type: '' | 'guide' | 'pdf';
  owner: string;
  reviewed: string;
  markdown: string;
}

export const emptyFormValues: ResourceFormValues = {
  title: '',
  summary: '',
  topics: [],
  type: '',
  owner: '',
  reviewed: '',
  markdown: '',
};

export function ResourceFields(props: {
  taxonomy: Taxonomy;
  values: ResourceFormValues;
  /** On a publish the title is required; on an edit it may stay as it is. */
  titleRequired: boolean;
}) {
  const { values, taxonomy } = props;
  return (
    <>
      <div class="fr-input-group">
        <label class="fr-label" for="rp-title">
          Titre{props.titleRequired ? ' (obligatoire)' : ''}
          <span class="fr-hint-text">Le nom du fichier en est tiré.</span>
        </label>
        <input
          class="fr-input"
          type="text"
          id="rp-title"
          name="title"
          maxLength={200}
          required={props.titleRequired}
          value={values.title}
        />
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="rp-summary">
          Résumé
          <span class="fr-hint-text">Une ou deux phrases, montrées dans les résultats.</span>
        </label>
        <textarea
          class="fr-input"
          id="rp-summary"
          name="summary"
          rows={3}
          maxLength={1000}
          value={values.summary}
        />
      </div>
      <fieldset class="fr-fieldset" id="rp-topics" aria-labelledby="rp-topics-legend">
        <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="rp-topics-legend">
          Thèmes
          <span class="fr-hint-text">
            Sans thème coché, Repères les déduit du texte de la ressource.
          </span>
        </legend>
        {taxonomy.topics.map((topic) => (
          <div class="fr-fieldset__element fr-fieldset__element--inline" key={topic.slug}>
            <div class="fr-checkbox-group">
              <input
                type="checkbox"
                id={`rp-topic-${topic.slug}`}
                name="topics"
                value={topic.slug}
                checked={values.topics.includes(topic.slug)}
              />
              <label class="fr-label" for={`rp-topic-${topic.slug}`}>
                {topic.label}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <div class="fr-select-group">
        <label class="fr-label" for="rp-type">
          Type
          <span class="fr-hint-text">Vérifié d’après le contenu du fichier.</span>
        </label>
        <select class="fr-select" id="rp-type" name="type">
          <option value="" selected={values.type === ''}>
            Selon le fichier
          </option>
          <option value="guide" selected={values.type === 'guide'}>
            Guide (Markdown)
          </option>
          <option value="pdf" selected={values.type === 'pdf'}>
            PDF
          </option>
        </select>
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="rp-owner">
          Responsable
          <span class="fr-hint-text">Qui tient la ressource à jour.</span>
        </label>
        <input
          class="fr-input"
          type="text"
          id="rp-owner"
          name="owner"
          maxLength={200}
          value={values.owner}
        />
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="rp-reviewed">
          Dernière relecture
          <span class="fr-hint-text">Date au format AAAA-MM-JJ.</span>
        </label>
        <input
          class="fr-input"
          type="date"
          id="rp-reviewed"
          name="reviewed"
          value={values.reviewed}
        />
      </div>
    </>
  );
}

/** The file input: a PDF or a Markdown file, within the size limit. */
export function FileField(props: { label: string; hint: string }) {
  return (
    <div class="fr-upload-group fr-mb-3w">
      <label class="fr-label" for="rp-file">
        {props.label}
        <span class="fr-hint-text">{props.hint}</span>
      </label>
      <input
        class="fr-upload"
        type="file"
        id="rp-file"
        name="file"
        accept=".pdf,.md,.markdown,application/pdf,text/markdown"
      />
    </div>
  );
}
