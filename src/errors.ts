import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
} from 'meilisearch';

/** The few error classes the service raises, each with its HTTP status and stable code. */

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class BadRequestError extends AppError {
  constructor(
    message: string,
    code = 'invalid_request',
    /** The query or body parameter at fault, for programs. */
    readonly parameter?: string,
  ) {
    super(400, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Cette ressource n'existe pas.", code = 'not_found') {
    super(404, code, message);
  }
}

export class SearchUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(
      503,
      'search_unavailable',
      'Le moteur de recherche est momentanément indisponible. Réessayez dans quelques instants.',
      { cause },
    );
  }
}

/** True when the error means Meilisearch could not be reached (down, timed out, restarting). */
export function isEngineUnreachable(error: unknown): boolean {
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    return true;
  }
  // An index missing while a deployment (re)builds is also "not available yet".
  return error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found';
}

/** Maps any error to the status, code and message a client may see. */
export function toPublicError(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof AppError) {
    return { status: error.status, code: error.code, message: error.message };
  }
  if (isEngineUnreachable(error)) {
    const unavailable = new SearchUnavailableError(error);
    return { status: 503, code: unavailable.code, message: unavailable.message };
  }
  if (isHttpError(error)) {
    const status = error.status;
    if (status === 413) {
      return { status, code: 'payload_too_large', message: 'La requête est trop volumineuse.' };
    }
    if (status >= 400 && status < 500) {
      return { status, code: 'invalid_request', message: 'La requête est mal formée.' };
    }
  }
  return {
    status: 500,
    code: 'internal_error',
    message: 'Une erreur interne est survenue. Elle a été enregistrée.',
  };
}

function isHttpError(error: unknown): error is { status: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    typeof error.status === 'number'
  );
}
