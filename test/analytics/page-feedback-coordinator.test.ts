import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAnalytics, type Analytics } from '../../src/analytics/analytics.ts';
import {
  coordinationApp,
  signInAsLocalCoordinator,
  type CoordinationFixture,
} from '../helpers/coordination.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, silentLogger, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { feedbackLines as readFeedbackLines } from '../helpers/feedback-log.ts';

/**
 * « Cette page vous a-t-elle été utile ? » answered by a signed-in coordinator: the form
 * carries their anti-forgery token, so their answer is recorded like anyone's; the same post
 * with another token is refused, and nothing is recorded.
 */

const { client } = testMeili();
const folder = temporaryFolders('feedback-coordinator');
const { prefix } = uniqueIndexes('feedback-coord');
after(() => dropIndexes(client, prefix));

const page = '/ressources/guides-heberger';
let fx: CoordinationFixture;
let dataDir: string;
let analytics: Analytics;

before(async () => {
  const guides = await contentFolder(
    {
      'heberger.md':
        '---\ntitle: Héberger un service\n---\n\n# Héberger un service\n\nLe cloud souverain pour héberger un service public.\n',
    },
    'guides',
  );
  assert.deepEqual((await sync(await pipelineDeps(client, prefix), [guides])).failed, []);
  dataDir = await folder();
  analytics = createAnalytics({
    dir: path.join(dataDir, 'analytics'),
    maxBytes: 1_000_000,
    logger: silentLogger,
  });
  fx = await coordinationApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    tokensDir: await folder(),
    env: { DATA_DIR: dataDir },
    deps: { analytics },
  });
});

/** The answers recorded so far. */
const feedbackLines = () => readFeedbackLines(analytics, dataDir);

describe('POST /avis by a signed-in coordinator', () => {
  it('sends the token the page’s form carries, and the answer is recorded (303 back to the page)', async () => {
    const { agent } = await signInAsLocalCoordinator(fx);
    const html = (await agent.get(page).expect(200)).text;
    const form = /<form method="post" action="\/avis"[\s\S]*?<\/form>/.exec(html)?.[0];
    assert.ok(form, 'the page ends with the feedback form');
    const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
    assert.ok(token, 'the form carries the coordinator’s anti-forgery token');

    const before = (await feedbackLines()).length;
    const response = await agent
      .post('/avis')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send(new URLSearchParams({ _csrf: token, page, reponse: 'oui' }).toString())
      .expect(303);
    assert.equal(response.headers.location, `${page}?avis=merci#avis`);
    const lines = await feedbackLines();
    assert.equal(lines.length, before + 1);
    assert.equal(lines.at(-1)?.url, page);
    assert.equal(lines.at(-1)?.answer, 'oui');
  });

  it('is refused (403) with a token that is not the session’s, and records nothing', async () => {
    const { agent } = await signInAsLocalCoordinator(fx);
    const before = (await feedbackLines()).length;
    const response = await agent
      .post('/avis')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send(new URLSearchParams({ _csrf: 'pas-le-bon-jeton', page, reponse: 'non' }).toString());
    assert.equal(response.status, 403);
    assert.equal((await feedbackLines()).length, before);
  });
});
