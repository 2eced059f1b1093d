import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProgrammeData } from '../../../ingest/programme/programme-data.ts';

const skills = 'dev: Développement\ndesign: Design\n';
const promos = '"EIG 2":\n  slug: EIG 2\n  promotion: 2\n"DIG":\n  slug: DIG\n  promotion: dig\n';

const defis = `
Archifiltre:
  title: Archifiltre
  link_to: /defis/2018/archifiltre.html
  skills: ["dev", "magie"]
  description: Trier les archives
  year: 2018
  promotion: 2
  administration: "Ministères sociaux, "
  eigs: ["Emmanuel Laine", "Inconnu Total"]
  mentors: ["Ada Martin"]
Sans équipe:
  title: Sans équipe
  skills: []
  year: 2019
  promotion: dig
  administration: Cour des comptes
  eigs:
  mentors:
Cassé:
  title: Cassé
  year: bientôt
  promotion: 2
  administration: Quelque part
`;

const personnes = `
Emmanuel Laine:
  title: Emmanuel Laine
  profil: Développeur
  class: [eig-2, eig, webdev]
  annees: ["2018 2019"]
  defis: [Archifiltre]
  github: elaine
  twitter: elaine_tw
  image_url: /img/communaute/elaine.png
  linkedin: https://www.linkedin.com/in/elaine/
Ada Martin:
  title: Ada Martin
  profil: Mentor
  class: [mentor, eig-2]
  annees: [2018]
  defis: []
Ada–Martin:
  title: Ada Martin
  profil: Data scientist
  class: [dig, datascientist]
  annees: [2019]
  defis: [Sans équipe]
`;

describe('parseProgrammeData', () => {
  it('gives an administration written in several cases one spelling, the most used one', () => {
    const entry = (title: string, administration: string) =>
      `${title}:\n  title: ${title}\n  year: 2019\n  promotion: 2\n  administration: ${administration}\n  eigs: [Ada Martin]\n`;
    const data = parseProgrammeData({
      defis: [
        entry('Un', 'Cour de Cassation'),
        entry('Deux', 'Cour de cassation'),
        entry('Trois', 'Cour de cassation'),
        entry('Quatre', 'Cour des comptes'),
      ].join(''),
      skills,
      promos,
    });
    assert.deepEqual(
      data?.defis.map((defi) => defi.fields.administration),
      ['Cour de cassation', 'Cour de cassation', 'Cour de cassation', 'Cour des comptes'],
    );
  });

  it('joins défis and people: each team member links to their person, and each person to their défis', () => {
    const data = parseProgrammeData({ defis, personnes, skills, promos });
    assert.ok(data);
    const archifiltre = data.defis.find((defi) => defi.fields.key === 'Archifiltre');
    assert.deepEqual(archifiltre?.fields.team, [
      { name: 'Emmanuel Laine', role: 'eig', slug: 'emmanuel-laine' },
      { name: 'Inconnu Total', role: 'eig' },
      { name: 'Ada Martin', role: 'mentor', slug: 'ada-martin' },
    ]);
    assert.equal(archifiltre?.fields.promotion, 'EIG 2');
    assert.equal(archifiltre?.fields.administration, 'Ministères sociaux');
    const ada = data.persons.find((person) => person.fields.slug === 'ada-martin');
    assert.deepEqual(
      ada?.defis.map((defi) => defi.key),
      ['Sans équipe', 'Archifiltre'],
    );
  });

  it('names the entry of an unknown skill, of a défi naming nobody and of an invalid entry, and loads the others', () => {
    const data = parseProgrammeData({ defis, personnes, skills, promos });
    assert.ok(data);
    const messages = data.warnings.map((warning) => `${warning.path} ${warning.message}`);
    assert.ok(
      messages.some((message) =>
        message.startsWith('data/defis.yml défi « Archifiltre » : compétence inconnue « magie »'),
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes(
        'data/defis.yml défi « Sans équipe » : aucune personne nommée (ni eigs ni mentors)',
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((message) =>
        message.startsWith('data/defis.yml entrée « Cassé » ignorée : year'),
      ),
      messages.join('\n'),
    );
    assert.deepEqual(
      data.defis.map((defi) => defi.fields.key),
      ['Archifiltre', 'Sans équipe'],
    );
    assert.deepEqual(
      data.defis[0]?.fields.skills.map((skill) => skill.code),
      ['dev'],
    );
  });

  it('keeps a person’s name, profile, promotions, défis and professional links, never a photo or Twitter', () => {
    const data = parseProgrammeData({ defis, personnes, skills, promos });
    const emmanuel = data?.persons.find((person) => person.fields.slug === 'emmanuel-laine');
    assert.deepEqual(emmanuel?.fields, {
      slug: 'emmanuel-laine',
      name: 'Emmanuel Laine',
      profile: 'Développeur',
      promotions: ['EIG 2'],
      years: [2018, 2019],
      skills: ['dev'],
      links: [
        { kind: 'github', url: 'https://github.com/elaine' },
        { kind: 'linkedin', url: 'https://www.linkedin.com/in/elaine/' },
      ],
    });
    assert.doesNotMatch(JSON.stringify(data), /elaine_tw|img\/communaute|twitter|image/);
  });

  it('merges two entries of one person (the data lists a returning EIG again as a mentor)', () => {
    const data = parseProgrammeData({ defis, personnes, skills, promos });
    const adas = data?.persons.filter((person) => person.fields.name.startsWith('Ada')) ?? [];
    assert.equal(adas.length, 1);
    assert.equal(adas[0]?.fields.profile, 'Mentor, Data scientist');
    assert.deepEqual(adas[0]?.fields.promotions, ['DIG', 'EIG 2']);
  });

  it('removes the people of the opt-out list, by name or slug, from the people and every team', () => {
    for (const retraits of ['- Emmanuel Laine\n', 'retraits:\n  - emmanuel-laine\n']) {
      const data = parseProgrammeData({ defis, personnes, skills, promos, retraits });
      assert.ok(data);
      assert.equal(data.withdrawn, 1);
      assert.ok(!data.persons.some((person) => person.fields.slug === 'emmanuel-laine'));
      assert.ok(
        !data.defis.some((defi) =>
          defi.fields.team.some((member) => member.name === 'Emmanuel Laine'),
        ),
      );
      assert.doesNotMatch(JSON.stringify(data.persons), /Laine/);
    }
  });

  it('publishes nobody when the opt-out list cannot be read, and says so', () => {
    const data = parseProgrammeData({
      defis,
      personnes,
      skills,
      promos,
      retraits: 'retraits: 3\n',
    });
    assert.ok(data);
    assert.deepEqual(data.persons, []);
    assert.ok(data.defis.every((defi) => defi.fields.team.length === 0));
    assert.ok(
      data.warnings.some(
        (warning) =>
          warning.path === 'data/retraits.yml' &&
          warning.message.includes("aucune personne n'est publiée"),
      ),
      JSON.stringify(data.warnings),
    );
  });

  it('is absent without défis nor people, and a file that is not a mapping is a warning', () => {
    assert.equal(parseProgrammeData({ skills }), undefined);
    const data = parseProgrammeData({ defis: '- a\n- b\n', skills });
    assert.deepEqual(data?.defis, []);
    assert.match(data?.warnings[0]?.message ?? '', /dictionnaire YAML/);
  });
});
