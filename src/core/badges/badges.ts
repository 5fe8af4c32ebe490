import { fieldErrors } from '../accounts/account-input.ts';
import type { CoreDeps } from '../deps.ts';
import type { Badge, Organization } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { authorize } from '../authz/access.ts';
import { actorUserId, type Actor } from '../authz/actor.ts';
import { slugify } from '../organizations/organization-input.ts';
import { effectivePlan, reachedLimit } from '../plans/plans.ts';
import type { BadgeChanges } from '../ports/stores/badges.ts';
import type { Stores } from '../ports/unit-of-work.ts';
import type { PreparedImage } from '../ports/image-processor.ts';
import { err, ok, type Result } from '../result.ts';
import {
  badgeImageKey,
  deleteStoredImage,
  prepareImage,
  storeThenRecord,
} from '../stored-images.ts';
import {
  BadgeCreateSchema,
  BadgeUpdateSchema,
  type BadgeCreateFields,
  type BadgeCreateInput,
  type BadgeUpdateFields,
  type BadgeUpdateInput,
} from './badge-input.ts';

/** A new badge's fields plus its image as uploaded (null when none was chosen). */
export type NewBadgeInput = BadgeCreateInput & { image: Buffer | null };

/** An edit; `image` is a newly uploaded image, absent to keep the current one. */
export type BadgeEdit = BadgeUpdateInput & { image?: Buffer };

export interface BadgeUpdated {
  badge: Badge;
  /** The stored image the edit replaced, already deleted; null when the image stayed. */
  replacedImagePath: string | null;
}

/** What deleting did: removed for good (its stored image too), or (credentials exist) deactivated. */
export type BadgeDeletion =
  { outcome: 'deleted'; imagePath: string | null } | { outcome: 'deactivated' };

type BadgeAction = 'badges.create' | 'badges.edit' | 'badges.delete';

const NOT_FOUND_MESSAGE = 'Badge not found.';
const IMAGE_REQUIRED = 'Upload a badge image: PNG, JPEG, WebP or SVG, at most 5 MB.';

/** Fields that change the signed credential payload (or its expiry terms), and how they are called. */
const LOCKED_AFTER_ISSUANCE = {
  description: 'description',
  criteria: 'criteria',
  tags: 'skills',
  expiresInDays: 'expires in days',
  image: 'image',
} as const;

function invalid(fields: Record<string, string>) {
  return err('VALIDATION_ERROR', 'Check the highlighted fields.', { fields });
}

/**
 * Whether the actor may do `action` to the organization's badges: for routes to ask before
 * an upload is read or stored. The use cases check again.
 */
export function authorizeBadgeAction(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  action: BadgeAction,
): Promise<Result<Organization, ErrorCode>> {
  return authorize(deps.uow.stores, organizationId, actor, action);
}

/** A free slug within the organization: the one asked for must be free; a generated one gets -2, -3, … */
async function chooseBadgeSlug(
  s: Stores,
  organizationId: string,
  name: string,
  requested: string | undefined,
): Promise<Result<string, ErrorCode>> {
  if (requested) {
    if (await s.badges.slugTaken(organizationId, requested)) {
      const message = 'Another badge of this organization already uses that slug.';
      return err('CONFLICT', message, { reason: 'SLUG_TAKEN', fields: { slug: message } });
    }
    return ok(requested);
  }
  // A name with too few ASCII letters or digits (say, in another script) still gets a readable slug.
  const fromName = slugify(name);
  const base = fromName.length >= 3 ? fromName : `badge${fromName ? `-${fromName}` : ''}`;
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 55).replace(/-+$/, '')}-${n}`;
    if (!(await s.badges.slugTaken(organizationId, candidate))) return ok(candidate);
  }
  return err('CONFLICT', 'Choose a slug: every generated one is taken.', {
    reason: 'SLUG_TAKEN',
    fields: { slug: 'Choose a slug.' },
  });
}

/**
 * The uploaded image checked and prepared, or undefined without one. An unacceptable image
 * is refused on its own, before the other fields are judged: that is what the form shows.
 */
async function preparedBadgeImage(
  deps: CoreDeps,
  bytes: Buffer | undefined | null,
): Promise<Result<PreparedImage | undefined, ErrorCode>> {
  return bytes ? prepareImage(deps, 'badge', bytes) : ok(undefined);
}

/**
 * Creates a badge template (Issuer and up). The plan's badge-template limit counts active
 * badges; creations in one organization run one at a time, so concurrent ones cannot
 * overshoot it or pick the same slug. The image is stored before the badge is written, and
 * deleted again if the badge is not.
 */
export async function createBadge(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  input: NewBadgeInput,
): Promise<Result<Badge, ErrorCode>> {
  const image = await preparedBadgeImage(deps, input.image);
  if (!image.ok) return image;
  const parsed = BadgeCreateSchema.safeParse(input);
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (!image.value) fields.image = IMAGE_REQUIRED;
  if (!parsed.success || !image.value) return invalid(fields);
  const data = parsed.data;
  // Nothing is stored for a caller who may not create badges here.
  const allowed = await authorizeBadgeAction(deps, actor, organizationId, 'badges.create');
  if (!allowed.ok) return allowed;
  const imagePath = badgeImageKey(organizationId, image.value);
  return storeThenRecord(deps, imagePath, image.value, () =>
    insertBadge(deps, actor, organizationId, data, imagePath),
  );
}

/** The badge written, its image already stored under `imagePath`. */
function insertBadge(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  data: BadgeCreateFields,
  imagePath: string,
): Promise<Result<Badge, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const org = await authorize(s, organizationId, actor, 'badges.create');
    if (!org.ok) return org;
    // Held until commit: the count and the slug choice below stay true until this badge exists.
    await s.locks.hold(`badges:${organizationId}`);
    const plan = effectivePlan(org.value.subscription, now);
    const used = await s.badges.countActive(organizationId);
    const limit = reachedLimit(plan.badgeTemplates, used);
    if (limit !== undefined) {
      return err(
        'FORBIDDEN',
        `The ${plan.name} plan allows ${plan.badgeTemplates} badge templates per organization. Upgrade your plan to create more.`,
        { reason: 'PLAN_LIMIT', plan: plan.id, limit, used },
      );
    }
    const slug = await chooseBadgeSlug(s, organizationId, data.name, data.slug);
    if (!slug.ok) return slug;
    const badge = await s.badges.create(
      {
        organizationId,
        name: data.name,
        slug: slug.value,
        description: data.description,
        criteria: data.criteria,
        externalUrl: data.externalUrl,
        imagePath,
        expiresInDays: data.expiresInDays,
        tags: data.tags,
        createdBy: actorUserId(actor),
      },
      now,
    );
    return ok(badge);
  });
}

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * Edits a badge (Owner and Admin). Name and slug never change: a template cannot be
 * repurposed and its public URLs stay put. Once a credential has been issued from it, only
 * the external URL may change, since the rest is part of the signed payload or its expiry
 * terms. Sending a field with its current value is not a change. A new image is stored before
 * the edit is written and deleted again if it is not; the image it replaces is deleted after.
 */
export async function updateBadge(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  badgeId: string,
  changes: BadgeEdit,
): Promise<Result<BadgeUpdated, ErrorCode>> {
  const image = await preparedBadgeImage(deps, changes.image);
  if (!image.ok) return image;
  const parsed = BadgeUpdateSchema.safeParse(changes);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const data = parsed.data;
  if (!image.value) return editBadge(deps, actor, organizationId, badgeId, data, undefined);
  const allowed = await authorizeBadgeAction(deps, actor, organizationId, 'badges.edit');
  if (!allowed.ok) return allowed;
  const imagePath = badgeImageKey(organizationId, image.value);
  const updated = await storeThenRecord(deps, imagePath, image.value, () =>
    editBadge(deps, actor, organizationId, badgeId, data, imagePath),
  );
  if (updated.ok) await deleteStoredImage(deps, updated.value.replacedImagePath);
  return updated;
}

/** The edit itself, with the key of a new image already stored (or none). */
function editBadge(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  badgeId: string,
  data: BadgeUpdateFields,
  imagePath: string | undefined,
): Promise<Result<BadgeUpdated, ErrorCode>> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    const org = await authorize(s, organizationId, actor, 'badges.edit');
    if (!org.ok) return org;
    // Locked, so a credential being issued from it lands either before (and the locks below
    // apply) or after this edit.
    const badge = await s.badges.lock(organizationId, badgeId);
    if (!badge) return err('NOT_FOUND', NOT_FOUND_MESSAGE);

    const locked: Record<string, string> = {};
    if (data.name !== undefined && data.name !== badge.name)
      locked.name = 'The name of a badge never changes.';
    if (data.slug !== undefined && data.slug !== badge.slug)
      locked.slug = 'The slug of a badge never changes.';

    const edits: BadgeChanges = {};
    if (data.description !== undefined && data.description !== badge.description)
      edits.description = data.description;
    if (data.criteria !== undefined && data.criteria !== badge.criteria)
      edits.criteria = data.criteria;
    if (data.tags !== undefined && !sameTags(data.tags, badge.tags)) edits.tags = data.tags;
    if (data.expiresInDays !== undefined && data.expiresInDays !== badge.expiresInDays)
      edits.expiresInDays = data.expiresInDays;
    if (imagePath !== undefined) edits.imagePath = imagePath;
    const signedFields = (
      Object.keys(LOCKED_AFTER_ISSUANCE) as (keyof typeof LOCKED_AFTER_ISSUANCE)[]
    ).filter((f) => (f === 'image' ? edits.imagePath !== undefined : edits[f] !== undefined));
    const issued = signedFields.length > 0 && (await s.credentials.countForBadge(badge.id)) > 0;
    if (issued) {
      for (const f of signedFields)
        locked[f] = 'Locked: credentials have been issued from this badge.';
    }
    const lockedFields = Object.keys(locked);
    if (lockedFields.length > 0) {
      const labels = lockedFields.map((f) =>
        f in LOCKED_AFTER_ISSUANCE
          ? LOCKED_AFTER_ISSUANCE[f as keyof typeof LOCKED_AFTER_ISSUANCE]
          : f,
      );
      const message = issued
        ? `Credentials have been issued from this badge, so only its external URL can change (not its ${labels.join(', ')}). To change anything else, deactivate it and create a new badge.`
        : `A badge's name and slug never change, so it cannot be repurposed and its public URLs stay put. Create a new badge instead.`;
      return err('CONFLICT', message, {
        reason: 'FIELD_LOCKED',
        locked: lockedFields,
        fields: locked,
      });
    }

    if (data.externalUrl !== undefined && data.externalUrl !== badge.externalUrl)
      edits.externalUrl = data.externalUrl;
    if (Object.keys(edits).length === 0) return ok({ badge, replacedImagePath: null });
    await s.badges.update(badge.id, edits, now);
    return ok({
      badge: { ...badge, ...edits, updatedAt: now },
      replacedImagePath: edits.imagePath !== undefined ? badge.imagePath : null,
    });
  });
}

/**
 * Deletes a badge (Owner and Admin). Without credentials the row goes for good, and then its
 * stored image; with credentials it is deactivated instead:
 * hidden from the gallery, closed to new issuance, its credentials intact and verifiable.
 */
export async function deleteBadge(
  deps: CoreDeps,
  actor: Actor,
  organizationId: string,
  badgeId: string,
): Promise<Result<BadgeDeletion, ErrorCode>> {
  const now = deps.clock.now();
  const deletion = await deps.uow.transaction(
    async (s): Promise<Result<BadgeDeletion, ErrorCode>> => {
      const org = await authorize(s, organizationId, actor, 'badges.delete');
      if (!org.ok) return org;
      // Locked first, so a credential being issued from it is counted below (and none slips in after).
      const badge = await s.badges.lock(organizationId, badgeId);
      if (!badge) return err('NOT_FOUND', NOT_FOUND_MESSAGE);
      if ((await s.credentials.countForBadge(badge.id)) === 0) {
        await s.badges.delete(badge.id);
        return ok({ outcome: 'deleted', imagePath: badge.imagePath });
      }
      if (badge.isActive) await s.badges.setActive(badge.id, false, now);
      return ok({ outcome: 'deactivated' });
    },
  );
  if (deletion.ok && deletion.value.outcome === 'deleted')
    await deleteStoredImage(deps, deletion.value.imagePath);
  return deletion;
}
