import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import path from 'node:path';
import { loadTaxonomy, organisationNamer } from '../../src/content/topics.ts';
import { projectRoot } from '../helpers/service.ts';

// The project's own table (guides/topics.yml): MCC, MI and HAS are in it.
const namer = organisationNamer(await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml')));

describe('organisationNamer', () => {
  it('gives the full names of an organisation known by its acronym', () => {
    assert.deepEqual(namer('MCC'), ['ministère de la Culture']);
  });

  it('gives the acronym of an organisation named in full, whatever its case, accents and apostrophe', () => {
    assert.deepEqual(namer('Haute Autorité de Santé'), ['HAS']);
    assert.deepEqual(namer('Bibliothèque nationale de France'), ['BNF']);
    assert.deepEqual(namer('Ministère de l’Interieur'), ['MI']);
  });

  it('gives the acronym of an organisation named within a longer name', () => {
    assert.deepEqual(
      namer('Ministère de la Culture, Direction générale de la création artistique'),
      ['MCC'],
    );
  });

  it('gives nothing for an organisation the table does not know, nor for a partial word', () => {
    assert.deepEqual(namer('Cour de cassation'), []);
    assert.deepEqual(namer('Ministère de la Culturelle'), []);
  });
});
