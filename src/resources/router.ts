import path from 'node:path';
import { create as contentDisposition } from 'content-disposition';
import { Router } from 'express';
import { z } from 'zod';
import type { ContentRoot } from '../content/roots.ts';
import type { Taxonomy } from '../content/topics.ts';
import { NotFoundError } from '../errors.ts';
import { parseQuery, parseRequest } from '../http/validate.ts';
import { searchQuerySchema } from '../search/search-query.ts';
import { presentRelated, presentResource, presentSection } from './present.ts';
import { findRelated } from './related.ts';
import type { ResourceDetailResponse, ResourceListResponse } from './resource-response.ts';
import {
  findResource,
  listResources,
  sectionsOf,
  type ResourceStoreDeps,
} from './resource-store.ts';

export const resourceIdSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,511}$/i, 'identifiant de ressource invalide'),
});

const contentTypes = {
  markdown: 'text/markdown; charset=utf-8',
  yaml: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/** GET /api/resources, /api/resources/:id and /api/resources/:id/file */
export function resourcesRouter(
  deps: ResourceStoreDeps & { taxonomy: Taxonomy; roots: ContentRoot[] },
): Router {
  const router = Router();
  const listSchema = searchQuerySchema(deps.taxonomy).omit({ group: true });

  router.get('/api/resources', async (req, res) => {
    const filters = parseQuery(listSchema, req);
    const { resources, total, page, limit, facets } = await listResources(deps, filters);
    res.json({
      resources: resources.map(presentResource),
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
    res.json({
      resource: presentResource(resource),
      sections: sections.map(presentSection),
      html: resource.html ?? null,
      related: related.map(presentRelated),
    } satisfies ResourceDetailResponse);
  });

  router.get('/api/resources/:id/file', async (req, res) => {
    const { id } = parseRequest(resourceIdSchema, req.params);
    const resource = await findResource(deps, id);
    if (resource === undefined) throw new NotFoundError(`Aucune ressource « ${id} ».`);
    const root = deps.roots.find((candidate) => candidate.key === resource.source.root);
    const file = root === undefined ? undefined : path.resolve(root.path, resource.source.path);
    // The stored path must stay inside its content folder.
    if (root === undefined || file === undefined || !file.startsWith(root.path + path.sep)) {
      throw new NotFoundError(
        "Le fichier d'origine n'est pas disponible sur ce serveur.",
        'file_missing',
      );
    }
    const format = resource.source.format;
    res.setHeader('Content-Type', contentTypes[format]);
    res.setHeader(
      'Content-Disposition',
      contentDisposition(path.basename(file), { type: format === 'pdf' ? 'inline' : 'attachment' }),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await new Promise<void>((resolve, reject) => {
      res.sendFile(
        file,
        { dotfiles: 'deny', headers: { 'Cache-Control': 'no-cache' } },
        (error) => {
          if (error === undefined) resolve();
          else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(
              new NotFoundError(
                "Le fichier d'origine n'est pas disponible sur ce serveur.",
                'file_missing',
              ),
            );
          } else reject(error);
        },
      );
    });
  });

  return router;
}
