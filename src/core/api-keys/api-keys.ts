import { randomBytes } from 'node:crypto';
import { MINUTE } from '../clock.ts';
import type { CoreDeps } from '../deps.ts';
import type { ApiKey, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { authorize } from '../authz/access.ts';
import { actorUserId, type ApiKeyActor, type Actor } from '../authz/actor.ts';
import { effectivePlan, reachedLimit } from '../plans/plans.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import { err, ok, type Result } from '../result.ts';
import { hashToken } from '../tokens.ts';

/** Every key starts with this, so secret scanners (and people) recognise one in a log or a commit. */
const API_KEY_PREFIX = 'crd_live_';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62^43 > 2^256: 43 base62 characters hold all 256 random bits. */
const SECRET_LENGTH = 43;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${SECRET_LENGTH}}$`);

export const MAX_API_KEY_NAME_LENGTH = 100;

/** last_used_at is a hint for the keys page; writing it more often than this only adds load. */
const TOUCH_INTERVAL_MS = MINUTE;

/** A new key: the secret to show once, and what is stored of it. */
export interface GeneratedApiKey {
  key: string;
  keyHash: string;
  prefix: string;
  last4: string;
}

/**
 * 256 random bits as 43 base62 characters (letters and digits only, so a double-click selects
 * the whole key). The number is written out in full, padded, so every character is unbiased.
 */
export function generateApiKey(): GeneratedApiKey {
  let n = BigInt(`0x${randomBytes(32).toString('hex')}`);
  let secret = '';
  for (let i = 0; i < SECRET_LENGTH; i++) {
    secret = BASE62[Number(n % 62n)] + secret;
    n /= 62n;
  }
  const key = `${API_KEY_PREFIX}${secret}`;
  return {
    key,
    keyHash: hashApiKey(key),
    prefix: `${API_KEY_PREFIX}${secret.slice(0, 4)}`,
    last4: secret.slice(-4),
  };
}

/** What keys are stored and looked up by: the SHA-256 of the whole key (a 256-bit secret needs no slow hash). */
export const hashApiKey = hashToken;

/** A key as the owner sees it right after creating it: the only time the full key exists outside the caller. */
export interface CreatedApiKey {
  apiKey: ApiKey;
  key: string;
}

function checkName(name: string): Result<string, ErrorCode> {
  const trimmed = name.trim();
  if (trimmed === '')
    return err('VALIDATION_ERROR', 'Give the key a name.', {
      fields: { name: 'Give the key a name, such as production.' },
    });
  if (trimmed.length > MAX_API_KEY_NAME_LENGTH) {
    const message = `The name must be at most ${MAX_API_KEY_NAME_LENGTH} characters.`;
    return err('VALIDATION_ERROR', message, { fields: { name: message } });
  }
  return ok(trimmed);
}

/**
 * Whether an organization's plan includes the v1 API. Asked on every API request, so a
 * downgrade (or a granted plan running out) takes effect at once.
 */
export function apiAccess(organization: Organization, now: Date): Result<void, ErrorCode> {
  if (!effectivePlan(organization.subscription, now).features.api) {
    return err('FORBIDDEN', 'API access is available on the Professional and Enterprise plans.', {
      reason: 'PLAN_REQUIRED',
    });
  }
  return ok(undefined);
}

/**
 * The plan rules of creating a key, in the caller's transaction: the organization's row is
 * locked first, so concurrent creations count one after another and the cap holds.
 */
async function addKey(
  s: Stores,
  organizationId: string,
  name: string,
  createdBy: string | null,
  now: Date,
): Promise<Result<CreatedApiKey, ErrorCode>> {
  await s.organizations.lock(organizationId);
  const organization = await s.organizations.findById(organizationId);
  if (!organization) return err('NOT_FOUND', 'Organization not found.');
  const access = apiAccess(organization, now);
  if (!access.ok) return access;
  const plan = effectivePlan(organization.subscription, now);
  const limit = reachedLimit(plan.activeApiKeys, await s.apiKeys.countActive(organizationId));
  if (limit !== undefined) {
    return err(
      'FORBIDDEN',
      `The ${plan.name} plan allows ${plan.activeApiKeys} active API key${plan.activeApiKeys === 1 ? '' : 's'}. Revoke one first, or upgrade.`,
      {
        reason: 'API_KEY_LIMIT',
        limit,
      },
    );
  }
  const generated = generateApiKey();
  const apiKey = await s.apiKeys.create(
    {
      organizationId,
      name,
      keyHash: generated.keyHash,
      prefix: generated.prefix,
      last4: generated.last4,
      createdBy,
    },
    now,
  );
  return ok({ apiKey, key: generated.key });
}

/**
 * "Generate new key" on the API Keys page (Owners only), and `laurel apikey:create <slug>` by
 * the operator: on a plan with the API, within its key cap.
 */
export async function createApiKey(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  name: string,
): Promise<Result<CreatedApiKey, ErrorCode>> {
  const checked = checkName(name);
  if (!checked.ok) return checked;
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const access = await authorize(s, organizationId, actor, 'api_keys.manage');
    if (!access.ok) return access;
    return addKey(s, organizationId, checked.value, actorUserId(actor), now);
  });
}

/** The organization's keys, revoked ones too, newest first: prefix and last four only. */
export async function listApiKeys(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
): Promise<Result<ApiKey[], ErrorCode>> {
  const s = deps.uow.stores;
  const access = await authorize(s, organizationId, actor, 'api_keys.manage');
  if (!access.ok) return access;
  return ok(await s.apiKeys.listForOrganization(organizationId));
}

const NO_ACTIVE_KEY = 'No such active API key in this organization.';

/** One key of the organization that is still active (the revoke dialog shows it); NOT_FOUND otherwise. */
export async function activeApiKey(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  keyId: string,
): Promise<Result<ApiKey, ErrorCode>> {
  const keys = await listApiKeys(deps, actor, organizationId);
  if (!keys.ok) return keys;
  const key = keys.value.find((k) => k.id === keyId && !k.revokedAt);
  return key ? ok(key) : err('NOT_FOUND', NO_ACTIVE_KEY);
}

/** Revokes a key at once: its next request answers 401. Allowed on any plan, so a downgraded organization can still clean up. */
export async function revokeApiKey(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  keyId: string,
): Promise<Result<void, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const access = await authorize(s, organizationId, actor, 'api_keys.manage');
    if (!access.ok) return access;
    if (!(await s.apiKeys.revoke(organizationId, keyId, now)))
      return err('NOT_FOUND', NO_ACTIVE_KEY);
    return ok(undefined);
  });
}

/** Who an API request acts as. */
export interface ApiKeyAuthentication {
  apiKey: ApiKey;
  organization: Organization;
  actor: ApiKeyActor;
}

/**
 * The key of an `Authorization: Bearer crd_live_…` request: its record and organization, or
 * UNAUTHORIZED when it is malformed, unknown or revoked (one answer for all three). Whether
 * the plan allows the API is a separate question, `apiAccess`, asked after the per-key rate
 * limit has counted the request.
 */
export async function authenticateApiKey(
  deps: CoreDeps,
  rawKey: string,
): Promise<Result<ApiKeyAuthentication, ErrorCode>> {
  const unauthorized = err('UNAUTHORIZED', 'The API key is missing, invalid or revoked.');
  if (!KEY_PATTERN.test(rawKey)) return unauthorized;
  const s = deps.uow.stores;
  const apiKey = await s.apiKeys.findActiveByHash(hashApiKey(rawKey));
  if (!apiKey) return unauthorized;
  const organization = await s.organizations.findById(apiKey.organizationId);
  if (!organization) return unauthorized;
  const now = deps.clock.now();
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await s.apiKeys.touch(apiKey.id, now);
  }
  return ok({
    apiKey,
    organization,
    actor: { kind: 'api_key', apiKeyId: apiKey.id, organizationId: organization.id },
  });
}
