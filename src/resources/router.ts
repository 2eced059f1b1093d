import { createHash } from 'node:crypto';
import path from 'node:path';
import { create as contentDisposition } from 'content-disposition';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import {
  openContentFile,
  UnsafeContentFileError,
  type OpenedContentFile,
} from '../content/content-file.ts';
import type { ResourceSource } from '../content/model.ts';
import { resourceVersion } from '../content/resource-version.ts';
import type { ContentRoot } from '../content/roots.ts';
import type { Taxonomy } from '../content/topics.ts';
import { FileUnavailableError, NotFoundError } from '../errors.ts';
import { parseQuery, parseRequest } from '../http/validate.ts';
import { searchQuerySchema } from '../search/search-query.ts';
import { formatBytes } from '../text/format-bytes.ts';
import { presentRelated, presentResource, presentSection } from './present.ts';
import { findRelated } from './related.ts';
import type { ResourceDetailResponse, ResourceListResponse } from './resource-response.ts';
import { findResource, sectionsOf } from '../index-lookup/index-lookup.ts';
import { listResources, type ResourceStoreDeps } from './resource-store.ts';

export const resourceIdSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9_-]{1,511}$/i, 'identifiant de ressource invalide')
    .meta({
      description: 'L’identifiant de la ressource (`id` des résultats de recherche)',
      example: 'guides-heberger-un-service-public',
    }),
});

const contentTypes = {
  markdown: 'text/markdown; charset=utf-8',
  yaml: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/**
 * GET /api/resources, /api/resources/:id and /api/resources/:id/file (the indexed version
 * of the original file: 409 once it changed, 404 when it is gone or not a regular file).
 */
export function resourcesRouter(
  deps: ResourceStoreDeps & {
    taxonomy: Taxonomy;
    roots: ContentRoot[];
    config: Pick<Config, 'maxFileBytes' | 'followSymlinks'>;
    now: () => Date;
  },
): Router {
  const router = Router();
  const listSchema = searchQuerySchema(deps.taxonomy).omit({ group: true, sort: true });

  router.get('/api/resources', async (req, res) => {
    const filters = parseQuery(listSchema, req);
    const now = deps.now();
    const { resources, total, page, limit, facets } = await listResources(deps, filters, now);
    res.json({
      resources: resources.map((resource) => presentResource(resource, now)),
      facets,
      total,
      page,
      limit,
    } satisfies ResourceListResponse);
  });

  router.get('/api/resources/:id', async (req, res) => {
    const { id } = parseRequest(resourceIdSchema, req.params);
    const resource = await findResource(deps, id);
    if (resource === undefined) throw new NotFoundError(`Aucune ressource « ${id} ».`);
    const sections = await sectionsOf(deps, id);
    const related = await findRelated(deps, resource, sections);
    // The version of the source (file, and a PDF's metadata file): what If-Match names on a write.
    res.setHeader(
      'ETag',
      `"${resourceVersion(resource.source.sha256, resource.source.metadataSha256)}"`,
    );
    res.json({
      resource: presentResource(resource, deps.now()),
      sections: sections.map(presentSection),
      html: resource.html ?? null,
      related: related.map(presentRelated),
    } satisfies ResourceDetailResponse);
  });

  router.get('/api/resources/:id/file', async (req, res) => {
    const { id } = parseRequest(resourceIdSchema, req.params);
    const resource = await findResource(deps, id);
    if (resource === undefined) throw new NotFoundError(`Aucune ressource « ${id} ».`);
    const { source } = resource;
    const root = deps.roots.find((candidate) => candidate.key === source.root);
    if (root === undefined) throw fileMissing();
    const content = await readIndexedVersion(root, source, deps.config);
    res.setHeader('Content-Type', contentTypes[source.format]);
    res.setHeader(
      'Content-Disposition',
      contentDisposition(path.posix.basename(source.path), {
        type: source.format === 'pdf' ? 'inline' : 'attachment',
      }),
    );
    // A PDF opens in the browser, but in an opaque origin: its scripts (actions) can
    // reach nothing of the site. Other files are downloaded.
    res.setHeader('Content-Security-Policy', "sandbox; frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-cache');
    // The indexed hash is the version: a browser revalidates it without a download.
    res.setHeader('ETag', `"${source.sha256}"`);
    res.send(content);
  });

  return router;
}

function fileMissing(): NotFoundError {
  return new NotFoundError(
    "Le fichier d'origine n'est pas disponible sur ce serveur.",
    'file_missing',
  );
}

/**
 * The bytes of a resource's file, only when they are the version that was indexed (same
 * size and SHA-256) and within MAX_FILE_BYTES, read from a regular file inside its folder.
 */
async function readIndexedVersion(
  root: ContentRoot,
  source: ResourceSource,
  config: Pick<Config, 'maxFileBytes' | 'followSymlinks'>,
): Promise<Buffer> {
  let opened: OpenedContentFile;
  try {
    opened = await openContentFile(root, source.path, config.followSymlinks);
  } catch (error) {
    // A link, a path leading out of the folder, a file gone: all the same to a client.
    if (error instanceof UnsafeContentFileError) throw fileMissing();
    throw error;
  }
  try {
    if (opened.bytes > config.maxFileBytes) {
      throw new FileUnavailableError(
        'file_too_large',
        `Le fichier d'origine dépasse la taille que ce serveur accepte (${formatBytes(config.maxFileBytes)}) : il n'est pas servi.`,
      );
    }
    const content = opened.bytes === source.bytes ? await opened.handle.readFile() : undefined;
    if (
      content === undefined ||
      content.length !== source.bytes ||
      createHash('sha256').update(content).digest('hex') !== source.sha256
    ) {
      throw new FileUnavailableError(
        'file_changed',
        "Le fichier d'origine a changé depuis son indexation : il sera de nouveau servi après la prochaine synchronisation du contenu.",
      );
    }
    return content;
  } finally {
    await opened.handle.close();
  }
}
