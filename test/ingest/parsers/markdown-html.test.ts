import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource, type ParsedDocument } from '../../../ingest/parsers/index.ts';
import { testParseOptions } from './options.ts';

/** The HTML a Markdown page is stored with (and shown as), made once at ingestion. */

async function parse(markdown: string, relativePath = 'page.md'): Promise<ParsedDocument> {
  return parseSource({ relativePath, bytes: Buffer.from(markdown) }, testParseOptions);
}

function idsOf(html: string): string[] {
  return [...html.matchAll(/ id="([^"]*)"/g)].map((match) => match[1] ?? '');
}

describe('stored HTML of a Markdown page', () => {
  it('gives headings the ids the sections use as anchors, raw HTML and accents included', async () => {
    const document = await parse(
      '# Titre\n\n## Partie <b>grasse</b> et <script>x()</script> deux\n\nTexte.\n\n## Les coûts\n\nUn.\n\n## Les coûts\n\nDeux.\n',
    );
    const html = document.html ?? '';
    assert.match(html, /<h2 id="les-coûts">/);
    assert.match(html, /<h2 id="les-coûts-1">/);
    assert.doesNotMatch(html, /<script|x\(\)/);
    const anchors = document.sections.flatMap((section) => section.anchor ?? []);
    // "Titre" has no text of its own: no section.
    assert.deepEqual(anchors, ['partie-grasse-et--deux', 'les-coûts', 'les-coûts-1']);
    for (const anchor of anchors) assert.ok(idsOf(html).includes(anchor), `#${anchor}`);
  });

  it('drops dangerous links and event handlers, keeps GFM tables', async () => {
    const { html = '' } = await parse(
      '# T\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> <a href="#" onclick="alert(1)">y</a>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    );
    assert.doesNotMatch(html, /javascript:|onerror|onclick/);
    assert.match(html, /<table>/);
  });

  it('shows a VuePress container as a <div>, its title as a bold first paragraph', async () => {
    const { html = '' } = await parse('# T\n\n::: tip Bon à savoir\nLe conseil.\n:::\n');
    assert.match(html, /<div><p><strong>Bon à savoir<\/strong><\/p><p>Le conseil\.<\/p><\/div>/);
    assert.doesNotMatch(html, /:::/);
  });

  it('turns directives read in ordinary prose back into their text (`voir :ici`, `10:30`)', async () => {
    const document = await parse('# T\n\nRendez-vous à 10:30, voir :ici et :là[bas].\n');
    assert.equal(document.sections[0]?.text, 'Rendez-vous à 10:30, voir :ici et :là[bas].');
    assert.match(document.html ?? '', /<p>Rendez-vous à 10:30, voir :ici et :là\[bas\]\.<\/p>/);
  });

  it('leaves abbreviation lines out of the page and keeps their expansion as keywords', async () => {
    const document = await parse('# T\n\nLe RGAA.\n\n*[RGAA]: Référentiel général\n');
    assert.doesNotMatch(document.html ?? '', /\*\[RGAA\]|Référentiel/);
    assert.deepEqual(document.keywords, ['RGAA : Référentiel général']);
  });

  it('makes a Liquid {% highlight %} block a code block, its content as written', async () => {
    const { html = '' } = await parse(
      '# T\n\n{% highlight ruby %}\n# pas un titre\nputs "*pas* en italique"\n{% endhighlight %}\n',
    );
    assert.match(
      html,
      /<pre><code class="language-ruby"># pas un titre\nputs "\*pas\* en italique"\n<\/code><\/pre>/,
    );
  });

  it('names the check-boxes of a task list « À faire » or « Fait », its text unchanged', async () => {
    const document = await parse('# T\n\n## Avant\n\n- [ ] Relire le guide\n- [x] Signer\n');
    const boxes = [...(document.html ?? '').matchAll(/<input[^>]*>/g)].map((match) => match[0]);
    assert.deepEqual(boxes, [
      '<input type="checkbox" disabled aria-label="À faire">',
      '<input type="checkbox" checked disabled aria-label="Fait">',
    ]);
    assert.equal(document.sections[0]?.text, 'Relire le guide\nSigner');
  });
});

describe('parser warnings', () => {
  it('point at the line and column of the file, front matter counted', async () => {
    const document = await parse(
      '---\ntitle: T\ndate: printemps\n---\n\nTexte.\n\n  ::: warning Jamais fermé\nSuite.\n',
    );
    assert.deepEqual(document.warnings, [
      {
        reason: 'date illisible dans le front matter : « printemps » (attendu AAAA-MM-JJ)',
        line: 3,
        column: 1,
      },
      {
        reason:
          "conteneur « ::: warning » jamais fermé par une ligne ::: : il s'étend jusqu'à la fin du bloc",
        line: 8,
        column: 3,
      },
    ]);
  });

  it('are plain objects, as a worker thread passes them on', async () => {
    const document = await parse('---\ndate: demain\n---\n\nTexte.\n');
    assert.deepEqual(structuredClone(document.warnings), document.warnings);
    assert.equal(Object.getPrototypeOf(document.warnings[0]), Object.prototype);
  });
});

describe('front matter owner and reviewed', () => {
  it('keeps who owns the page and when it was last reviewed', async () => {
    const document = await parse(
      '---\nowner: "Équipe EIG Link"\nreviewed: 2026-11-21\n---\n\nTexte.\n',
    );
    assert.equal(document.owner, 'Équipe EIG Link');
    assert.equal(document.reviewed, '2026-11-21');
  });

  it('warns at its key about a review date it cannot read', async () => {
    const document = await parse('---\ntitle: T\nreviewed: hier\n---\n\nTexte.\n');
    assert.equal(document.reviewed, undefined);
    assert.deepEqual(document.warnings, [
      {
        reason: 'date de relecture illisible dans le front matter : « hier » (attendu AAAA-MM-JJ)',
        line: 3,
        column: 1,
      },
    ]);
  });
});
