import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { createTopicAssigner, type TopicInput } from '../../ingest/assign-topics.ts';
import { loadTaxonomy, parseTaxonomy } from '../../src/content/topics.ts';
import { projectRoot } from '../helpers/service.ts';

/** A two-topic taxonomy, with the assignment settings a test needs. */
function assigner(assignment: Record<string, unknown> = {}) {
  return createTopicAssigner(
    parseTaxonomy(
      {
        assignment: {
          weights: { title: 4, heading: 2, text: 1 },
          minScore: 3,
          relativeToBest: 0.5,
          maxTopics: 2,
          maxTextHitsPerSignal: 3,
          ...assignment,
        },
        topics: [
          {
            slug: 'demarrage',
            label: 'Bien démarrer',
            description: 'Les premières semaines.',
            synonyms: [['eig', "entrepreneurs d'intérêt général"]],
            signals: ['arrivée', 'accueil'],
          },
          {
            slug: 'donnees',
            label: 'Données',
            description: 'Les données.',
            synonyms: [['données', 'data']],
            signals: ['data science'],
          },
        ],
      },
      'test',
    ),
  );
}

const page = (input: Partial<TopicInput>): TopicInput => ({
  title: 'Un défi',
  headings: [],
  text: '',
  ...input,
});

describe('createTopicAssigner', () => {
  it('files a page under a topic its words signal', () => {
    const assign = assigner();
    assert.deepEqual(assign(page({ text: "L'EIG prépare son arrivée et son accueil." })).topics, [
      'demarrage',
    ]);
  });

  it('does not count a stop-signal, though it stays a synonym', () => {
    const text = "L'EIG et les EIG : un défi d'EIG.";
    assert.deepEqual(assigner()(page({ text })).topics, ['demarrage']);
    assert.deepEqual(assigner({ stopSignals: ['eig'] })(page({ text })).topics, []);
  });

  it("counts a défi's skills like its title, by skillWeight", () => {
    const input = page({ text: 'Compétences : Data science.', skills: ['Data science'] });
    assert.deepEqual(assigner({ skillWeight: 0 })(input).topics, []);
    assert.deepEqual(assigner({ skillWeight: 4 })(input).topics, ['donnees']);
  });

  it('keeps only the topics near the best one', () => {
    // Données: title (4) + text (1) = 5; Bien démarrer: text 2 < 5 × 0.5.
    const input = page({ title: 'Les données', text: 'Données, arrivée, accueil.' });
    assert.deepEqual(assigner({ minScore: 1 })(input).topics, ['donnees']);
    assert.deepEqual(assigner({ minScore: 1, relativeToBest: 0.3 })(input).topics, [
      'donnees',
      'demarrage',
    ]);
  });

  it('ranks topics named by the front matter above those it finds, and first above second', () => {
    const assign = assigner();
    const declared = assign(page({ declared: ['donnees', 'demarrage'] }));
    const found = assign(page({ title: 'Les données', text: 'Arrivée, accueil, accueil.' }));
    assert.deepEqual(declared.topics, ['donnees', 'demarrage']);
    assert.ok((declared.ranks.demarrage ?? 0) > (found.ranks.donnees ?? 0));
    assert.ok((found.ranks.donnees ?? 0) > (found.ranks.demarrage ?? 0));
  });

  describe('with the shipped taxonomy', () => {
    let assign: ReturnType<typeof createTopicAssigner>;
    before(async () => {
      assign = createTopicAssigner(await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml')));
    });

    it('does not file a défi under « Bien démarrer » for naming its promotion, mentors and host', () => {
      const { topics } = assign({
        title: 'Polygraphe',
        headings: ['Polygraphe', 'Équipe'],
        text: "Améliorer la confiance des consommateurs en détectant des faux avis. Défi de la promotion EIG 3 (2019), accueilli par la direction générale de la concurrence, ministère de l'Économie. Compétences : Data science, Développement. EIG : Gabriel Bastard. Mentors : Audrey Istace.",
        skills: ['Data science', 'Développement'],
      });
      assert.deepEqual(topics, ['donnees']);
    });

    it('files the arrival checklist under « Bien démarrer »', () => {
      const { topics } = assign({
        title: 'Checklist arrivée des EIG',
        headings: ['Checklist arrivée des EIG'],
        text: "Date d'arrivée des EIG. Accès aux données. Accueil dans les locaux.",
      });
      assert.equal(topics[0], 'demarrage');
    });
  });
});
