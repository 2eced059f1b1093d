import fs from 'node:fs/promises';
import path from 'node:path';
import { contentFolder, corpusDir } from '../../helpers/ingest.ts';
import { startSite, type RunningSite } from './site.ts';

/**
 * A running Repères on the programme's real data: the corpus's défi pages and data files
 * (défis, people, skills, promotions) and its blog posts, with a removal list naming the
 * people who asked to be left out.
 */

/** Someone who asked to be removed, and a teammate of theirs on MonitorFish who did not. */
export const removed = { name: 'Adeline Celier', slug: 'adeline-celier' };
export const teammate = { name: 'Loup Theron', slug: 'loup-theron' };

export async function startProgrammeSite(): Promise<RunningSite> {
  const dir = await contentFolder({
    'data/retraits.yml': `retraits:\n  - ${removed.name}\n`,
  });
  for (const folder of ['defis', 'posts']) {
    await fs.cp(path.join(corpusDir, folder), path.join(dir, folder), { recursive: true });
  }
  for (const file of ['defis.yml', 'personnes.yml', 'skills.yml', 'promos.yml']) {
    await fs.copyFile(path.join(corpusDir, 'data', file), path.join(dir, 'data', file));
  }
  return startSite({ contentDir: dir });
}
