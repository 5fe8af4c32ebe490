import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { ApiKeyAuthentication } from '../../core/api-keys/api-keys.ts';
import type { Failure } from '../../core/result.ts';
import type { AppContext } from '../context.ts';
import { errorBody, httpStatus, type HttpErrorCode } from '../errors.ts';
import { ErrorSchema } from './schemas.ts';

/** The v1 plugin's Fastify instance: zod schemas validate requests and strip responses. */
export type ApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** One endpoint: a function that adds its route to the authenticated v1 context. */
export type ApiEndpoint = (api: ApiInstance, ctx: AppContext) => void;

/** Errors every authenticated endpoint can answer, whatever it does. */
const SHARED_ERRORS = {
  401: 'UNAUTHORIZED: the API key is missing, invalid or revoked.',
  403: 'FORBIDDEN: the organization’s plan does not include the API (`details.reason` PLAN_REQUIRED), or the action is not allowed.',
  429: 'RATE_LIMITED: too many requests in this minute, for this API key or from this address. Wait `Retry-After` seconds.',
  500: 'INTERNAL_ERROR: something failed on our side. Retry with backoff.',
} as const;

/** Errors an endpoint adds when it can answer them, with what they mean for it. */
type EndpointErrors = Partial<Record<400 | 404 | 409, string>>;

type SharedStatus = keyof typeof SHARED_ERRORS;

interface OperationSpec {
  /** A stable name for generated clients, e.g. listBadges. */
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  querystring?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
  /** Success responses by status, e.g. `{ 200: BadgeSchema.describe('The badge.') }`. */
  response: Record<number, z.ZodType>;
  errors?: EndpointErrors;
}

type OperationSchema<S extends OperationSpec> = Omit<S, 'errors' | 'response'> & {
  security: { apiKey: string[] }[];
  response: S['response'] &
    Record<SharedStatus | keyof NonNullable<S['errors']>, typeof ErrorSchema>;
};

/**
 * The route schema of an endpoint: its own success responses, the errors it names, and the
 * errors every endpoint shares, each described. The same object validates the request,
 * strips the response and becomes the endpoint's entry in the OpenAPI document.
 */
export function operation<const S extends OperationSpec>(spec: S): OperationSchema<S> {
  const { errors, response, ...rest } = spec;
  const described: Record<number, z.ZodType> = {};
  for (const [status, description] of Object.entries({ ...SHARED_ERRORS, ...errors })) {
    described[Number(status)] = ErrorSchema.describe(description);
  }
  return {
    ...rest,
    security: [{ apiKey: [] }],
    response: { ...described, ...response },
  } as unknown as OperationSchema<S>;
}

/** Who is calling: the API key, its organization and the actor to hand to use cases. */
export function apiCaller(request: FastifyRequest): ApiKeyAuthentication {
  // Only routes outside the authenticated context (openapi.json, docs) run without one.
  if (!request.apiAuth)
    throw new Error(`${request.method} ${request.url} ran without API authentication`);
  return request.apiAuth;
}

/** A use case's failure as the documented error body, with the status of the one mapper. */
export function sendApiError(reply: FastifyReply, failure: Failure<HttpErrorCode>): FastifyReply {
  return reply.code(httpStatus(failure.code)).send(errorBody(failure));
}
