import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement, ReactNode } from 'react';
import type { ErrorCode } from '../../core/errors.ts';
import type { OrgAccess } from '../../core/authz/access.ts';
import type { UserActor } from '../../core/authz/actor.ts';
import { getOrganizationForMember } from '../../core/organizations/organizations.ts';
import type { Failure } from '../../core/result.ts';
import type { AppContext } from '../../http/context.ts';
import { MessagePage } from '../pages/message-page.tsx';
import { failureStatus, pageContext, sendFragment, sendPage } from '../respond.tsx';

const NOT_FOUND = 'This page does not exist, or you are not a member of its organization.';

/** 404: missing, or another organization's (the two look the same). */
export function sendNotFound(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AppContext,
  message = NOT_FOUND,
) {
  return sendPage(
    reply,
    <MessagePage
      page={pageContext(request, reply, ctx)}
      title="Not found"
      kind="neutral"
      actions={[{ href: '/dashboard', label: 'Go to dashboard' }]}
    >
      {message}
    </MessagePage>,
    404,
  );
}

/** The member's view of the organization, or undefined with a 404 page sent. */
export async function memberOrNotFound(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AppContext,
  orgId: string,
  actor: UserActor,
): Promise<OrgAccess | undefined> {
  const access = await getOrganizationForMember(ctx.deps, actor, orgId);
  if (access.ok) return access.value;
  await sendNotFound(request, reply, ctx);
  return undefined;
}

/** A refused action as a short page with the use case's message, and a way back. */
export function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AppContext,
  failure: Failure<ErrorCode>,
  back: { href: string; label: string },
) {
  const status = failureStatus(failure);
  if (status === 404) return sendNotFound(request, reply, ctx);
  return sendPage(
    reply,
    <MessagePage
      page={pageContext(request, reply, ctx)}
      title={status === 403 ? 'Not allowed' : 'That did not work'}
      kind="danger"
      actions={[back]}
    >
      {failure.message}
    </MessagePage>,
    status,
  );
}

/** Requests made by htmx (partials and dialogs) rather than by a page load. */
function isHtmx(request: FastifyRequest): boolean {
  return request.headers['hx-request'] === 'true';
}

/**
 * A confirm dialog (see DialogLink): htmx loads the modal into #dialog-root; without JS the
 * same question is a page of its own.
 */
export function sendDialog(
  request: FastifyRequest,
  reply: FastifyReply,
  dialog: { modal: ReactNode; page: ReactElement },
) {
  return isHtmx(request) ? sendFragment(reply, dialog.modal) : sendPage(reply, dialog.page);
}

export interface MultipartForm {
  fields: Record<string, string>;
  /** The one uploaded file's bytes; undefined when none was chosen. */
  file: Buffer | undefined;
  /** A file over the size limit, or a second file. */
  tooLarge: boolean;
}

/**
 * Reads a multipart form (the badge forms): its text fields and at most one file. A file input
 * left empty arrives as a part with no bytes: that is "no file".
 */
export async function readMultipartForm(request: FastifyRequest): Promise<MultipartForm> {
  const out: MultipartForm = { fields: {}, file: undefined, tooLarge: false };
  if (!request.isMultipart()) return out;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // Read by hand rather than with toBuffer, which throws past the size limit: the stream
        // is cut there (truncated) and the fields after the file still come, so a refused
        // upload shows the rest of the form as it was filled in.
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        if (part.file.truncated) out.tooLarge = true;
        else if (bytes.length > 0) out.file = bytes;
      } else if (typeof part.value === 'string' && !(part.fieldname in out.fields)) {
        out.fields[part.fieldname] = part.value;
      }
    }
  } catch {
    out.tooLarge = true;
  }
  return out;
}

/** A positive page number from the query; 1 for anything else. */
export function pageNumber(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return n >= 1 ? n : 1;
}
