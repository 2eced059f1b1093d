import type { Response } from 'express';
import { z } from 'zod';
import {
  IndexSyncingError,
  InvalidParameterError,
  isEngineUnreachable,
  isIndexNotReady,
  ReperesError,
  SearchUnavailableError,
} from '../errors.ts';

/**
 * The one mapping from errors to HTTP: error code → status, and what a client may read.
 * The errors whose code is listed here write their messages for clients (they name a
 * parameter or a resource, never an address or a raw cause); every other error becomes
 * `internal_error`, its detail left to the log.
 */

export const errorStatuses = {
  invalid_parameter: 400,
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  file_missing: 404,
  method_not_allowed: 405,
  file_changed: 409,
  file_too_large: 409,
  slug_taken: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_type: 415,
  unprocessable: 422,
  invalid_parcours: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal_error: 500,
  search_unavailable: 503,
  index_missing: 503,
  index_syncing: 503,
} as const;

export type PublicErrorCode = keyof typeof errorStatuses;
export type ErrorStatus = (typeof errorStatuses)[PublicErrorCode];

/** What a client may see of an error. */
export interface PublicError {
  status: ErrorStatus;
  code: PublicErrorCode;
  message: string;
  parameter?: string;
}

const INTERNAL_MESSAGE = 'Une erreur interne est survenue. Elle a été enregistrée.';

/** Maps any error to the status, code and French message a client may see. */
export function toPublicError(error: unknown): PublicError {
  if (error instanceof ReperesError && isPublicCode(error.code)) {
    return {
      status: errorStatuses[error.code],
      code: error.code,
      message: error.message,
      ...(error instanceof InvalidParameterError && error.parameter !== undefined
        ? { parameter: error.parameter }
        : {}),
    };
  }
  if (isEngineUnreachable(error))
    return toPublicError(new SearchUnavailableError({ cause: error }));
  if (isIndexNotReady(error)) return toPublicError(new IndexSyncingError());
  // Errors Express itself raises (a malformed address, a body too large) carry a 4xx status.
  if (hasStatus(error) && error.status >= 400 && error.status < 500) {
    return error.status === 413
      ? { status: 413, code: 'payload_too_large', message: 'La requête est trop volumineuse.' }
      : { status: 400, code: 'invalid_request', message: 'La requête est mal formée.' };
  }
  return { status: 500, code: 'internal_error', message: INTERNAL_MESSAGE };
}

/** The `{ error: { code, message } }` body of a public error. */
export function errorResponse(error: PublicError): ErrorResponse {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.parameter === undefined ? {} : { parameter: error.parameter }),
    },
  };
}

/** Sends an error in the API's shape. */
export function sendApiError(res: Response, error: PublicError): void {
  res.status(error.status).json(errorResponse(error));
}

function isPublicCode(code: string): code is PublicErrorCode {
  return Object.hasOwn(errorStatuses, code);
}

function hasStatus(error: unknown): error is { status: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    typeof error.status === 'number'
  );
}

const errorCodes = Object.keys(errorStatuses) as [PublicErrorCode, ...PublicErrorCode[]];

const errorDetail = (codes: readonly [PublicErrorCode, ...PublicErrorCode[]]) =>
  z.strictObject({
    code: z.enum(codes).meta({ description: 'Code stable, pour les programmes' }),
    message: z.string().meta({ description: 'Message en français, pour les personnes' }),
    parameter: z
      .string()
      .optional()
      .meta({ description: 'Le paramètre en cause, quand la requête est invalide' }),
  });

/** Any API error; the document names each status's own (`Error404`…). */
export const errorResponseSchema = z.strictObject({ error: errorDetail(errorCodes) });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The error body of one status, its codes narrowed to those that status carries. */
export const errorResponseSchemas = Object.fromEntries(
  [...new Set(Object.values(errorStatuses))].map((status) => {
    const codes = errorCodes.filter((code) => errorStatuses[code] === status);
    return [
      status,
      z
        .strictObject({ error: errorDetail(codes as [PublicErrorCode, ...PublicErrorCode[]]) })
        .meta({ id: `Error${status}` }),
    ];
  }),
) as Record<ErrorStatus, typeof errorResponseSchema>;
