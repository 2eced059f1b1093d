import express, { Router, type RequestHandler, type Response } from 'express';
import { parse as parseYaml } from 'yaml';
import { InvalidParameterError, UnauthenticatedError } from '../errors.ts';
import { parseRequest } from '../http/validate.ts';
import { parcoursSlugSchema } from '../parcours/parcours-response.ts';
import type { Coordinator } from './coordinator.ts';
import type { ParcoursPublisher } from './parcours-publisher.ts';
import {
  draftOfInput,
  parcoursInputSchema,
  type SavedParcoursResponse,
} from './parcours-write-schemas.ts';

/** The YAML media types a parcours may be sent as. */
export const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/**
 * PUT /api/parcours/:slug (create, or replace with If-Match) and DELETE
 * /api/parcours/:slug: a coordinator first (session or token), then zod.
 */
export function parcoursWriteRouter(deps: {
  parcoursPublisher: ParcoursPublisher;
  requireCoordinator: RequestHandler;
}): Router {
  const router = Router();
  const json = express.json({ limit: '256kb' });
  const yaml = express.text({ type: yamlTypes, limit: '256kb' });

  router.put('/api/parcours/:slug', deps.requireCoordinator, json, yaml, async (req, res) => {
    const { slug } = parseRequest(parcoursSlugSchema, req.params);
    const input = parseRequest(parcoursInputSchema, bodyOf(req.body));
    const saved = await deps.parcoursPublisher.save(
      slug,
      draftOfInput(input),
      { ifMatch: req.get('If-Match') },
      coordinatorOf(res),
    );
    const { created, ...answer } = saved;
    res.setHeader('ETag', `"${saved.version}"`);
    if (created) res.status(201).location(saved.url);
    res.json(answer satisfies SavedParcoursResponse);
  });

  router.delete('/api/parcours/:slug', deps.requireCoordinator, async (req, res) => {
    const { slug } = parseRequest(parcoursSlugSchema, req.params);
    res.json(await deps.parcoursPublisher.retire(slug, req.get('If-Match'), coordinatorOf(res)));
  });

  return router;
}

/** A JSON object as it came, or a YAML text read (safely: YAML is data). */
function bodyOf(body: unknown): unknown {
  if (typeof body !== 'string') return body ?? {};
  try {
    return parseYaml(body) ?? {};
  } catch (error) {
    throw new InvalidParameterError(`requête: YAML illisible (${(error as Error).message})`);
  }
}

function coordinatorOf(res: Response): Coordinator {
  const coordinator = res.locals.coordinator;
  if (coordinator === undefined) throw new UnauthenticatedError();
  return coordinator;
}
