import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseSource } from '../../ingest/parsers/index.ts';
import { discoverFiles } from '../../ingest/sources.ts';
import { contentRoots } from '../../src/content/roots.ts';
import { renderMarkdown } from '../../src/resources/render-markdown.ts';
import { corpusDir, corpusExists } from '../helpers/ingest.ts';
import { projectRoot } from '../helpers/service.ts';

const options = { pdfMaxPages: 50, promotionOfYear: () => undefined };

/** Every anchor a parser gives must be the id of a heading on the rendered page. */
async function assertAnchorsRendered(relativePath: string, bytes: Buffer): Promise<void> {
  const parsed = await parseSource({ relativePath, bytes }, options);
  if (parsed.body === undefined) return;
  const html = await renderMarkdown(parsed.body);
  const ids = new Set([...html.matchAll(/<h[1-6] id="([^"]*)"/g)].map((match) => match[1]));
  for (const section of parsed.sections) {
    if (section.anchor !== undefined)
      assert.ok(ids.has(section.anchor), `#${section.anchor} is on the page of ${relativePath}`);
  }
}

describe('renderMarkdown', () => {
  it('gives headings the ids the ingester uses as anchors, raw HTML and accents included', async () => {
    const markdown =
      '# Titre\n\n## Partie <b>grasse</b> et <script>x()</script> deux\n\nTexte.\n\n## Les coûts\n\n## Les coûts\n';
    await assertAnchorsRendered('piege.md', Buffer.from(markdown));
    const html = await renderMarkdown(markdown);
    assert.match(html, /<h2 id="les-coûts">/);
    assert.match(html, /<h2 id="les-coûts-1">/);
    assert.doesNotMatch(html, /<script|<b>/);
  });

  it('drops raw HTML and dangerous links, keeps GFM tables', async () => {
    const html = await renderMarkdown(
      '[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    );
    assert.doesNotMatch(html, /javascript:|onerror|<img/);
    assert.match(html, /<table>/);
  });

  it('matches the anchors of every shipped guide and every corpus page', async () => {
    const folders = [path.join(projectRoot, 'guides')];
    if (await corpusExists()) folders.push(corpusDir);
    for (const root of contentRoots(folders)) {
      for (const file of await discoverFiles(root)) {
        if (!file.relativePath.endsWith('.md')) continue;
        await assertAnchorsRendered(file.relativePath, await fs.readFile(file.absolutePath));
      }
    }
  });
});
