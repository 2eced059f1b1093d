import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource, ParseError } from '../../../ingest/parsers/index.ts';
import { testParseOptions } from './options.ts';

/** A parcours file is a searchable document: its title, description and one section per note. */

const parcours = `
title: Bien démarrer
audience: nouvelle promotion
description: Par où commencer quand on arrive.
steps:
  - resource: guides-premieres-semaines-eig
    anchor: rencontrer
    semaine: 1
    note: Rencontrer les mentors avant tout.
  - resource: guides-outils-collaboratifs-etat
    note: Puis choisir ses outils.
`;

const parse = (relativePath: string, text: string) =>
  parseSource({ relativePath, bytes: Buffer.from(text) }, testParseOptions);

describe('parsing a parcours file', () => {
  it('gives a parcours document: the description, then one section per step with its note', async () => {
    const document = await parse('parcours/bien-demarrer.yml', parcours);
    assert.equal(document.type, 'parcours');
    assert.equal(document.format, 'yaml');
    assert.equal(document.title, 'Bien démarrer');
    assert.deepEqual(
      document.sections.map((section) => [section.anchor, section.heading, section.text]),
      [
        [
          'presentation',
          'Bien démarrer',
          'Par où commencer quand on arrive. Public : nouvelle promotion.',
        ],
        ['etape-1', 'Étape 1', 'Rencontrer les mentors avant tout.'],
        ['etape-2', 'Étape 2', 'Puis choisir ses outils.'],
      ],
    );
  });

  it('refuses a file whose shape is wrong with invalid_parcours, naming the file and the step', async () => {
    const broken = parcours.replace('    note: Puis choisir ses outils.\n', '');
    await assert.rejects(parse('parcours/bien-demarrer.yml', broken), (error: unknown) => {
      assert.ok(error instanceof ParseError);
      assert.equal(error.code, 'invalid_parcours');
      assert.match(
        error.message,
        /^Parcours parcours\/bien-demarrer\.yml, étape 2 : steps\.1\.note : /,
      );
      return true;
    });
  });

  it('leaves a YAML file outside parcours/ unsupported, as before', async () => {
    await assert.rejects(parse('notes/bien-demarrer.yml', parcours), { code: 'unsupported' });
  });
});
