import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../../core/authz/actor.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { err, ok, type Failure, type Result } from '../../core/result.ts';
import { exportWallet } from '../../core/wallet/export.ts';
import { importCredential, type ImportInput } from '../../core/wallet/import.ts';
import {
  importedDocument,
  importedPicture,
  listImported,
  removeImported,
} from '../../core/wallet/wallet.ts';
import type { AppContext } from '../../http/context.ts';
import { credentialTextFromImage } from '../../http/public/baked-image-verification.ts';
import { sendPublicError, sendPublicImage } from '../../http/reply.ts';
import { EXPORT_PATH, ImportPage } from '../pages/import-page.tsx';
import { failureStatus, pageContext, requireUser, sendPage } from '../respond.tsx';
import { readMultipartForm, sendNotFound, type MultipartForm } from './org-route-helpers.tsx';
import { verificationUploadRefusal } from './verification-uploads.ts';

const IMPORT_PATH = '/credentials/import';
/** A credential's JSON is a few kilobytes; a megabyte leaves room for embedded images. */
const MAX_JSON_BYTES = 1024 * 1024;
const NOT_FOUND = 'This imported credential does not exist, or it is not in your wallet.';

type IdParams = { Params: { id: string } };

function refused(message: string): Result<never, ErrorCode> {
  return err('VALIDATION_ERROR', message);
}

/** The credential's JSON from a baked PNG or SVG; the image itself becomes its picture. */
function fromBakedImage(bytes: Buffer): Result<ImportInput, ErrorCode> {
  const text = credentialTextFromImage(bytes);
  return text.ok ? ok({ text: text.value, bakedImage: bytes }) : text;
}

function fromJsonFile(bytes: Buffer): Result<ImportInput, ErrorCode> {
  if (bytes.length > MAX_JSON_BYTES) return refused('The JSON file must be at most 1 MB.');
  try {
    // A byte-order mark is not part of the JSON.
    return ok({ text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) });
  } catch {
    return refused('The file is not UTF-8 text. Upload the credential’s .json file.');
  }
}

/** What one of the three import forms sent, as text to import (and a picture, for a baked image). */
function importInput(form: MultipartForm): Result<ImportInput, ErrorCode> {
  switch (form.fields.source ?? '') {
    case 'image':
      if (form.tooLarge) return refused('The image must be at most 5 MB.');
      return form.file
        ? fromBakedImage(form.file)
        : refused('Choose a baked PNG or SVG badge image to import.');
    case 'file':
      if (form.tooLarge) return refused('The JSON file must be at most 1 MB.');
      return form.file ? fromJsonFile(form.file) : refused('Choose a .json file to import.');
    case 'paste': {
      const text = form.fields.json ?? '';
      // Multipart cuts a field at 1 MB without saying so: at the limit, it is too long.
      if (Buffer.byteLength(text) >= MAX_JSON_BYTES)
        return refused('The pasted JSON must be under 1 MB.');
      return text.trim() ? ok({ text }) : refused('Paste the credential’s JSON to import it.');
    }
    default:
      return refused('Choose one of the three ways to import a credential.');
  }
}

/** The wallet's import page, an imported credential's JSON and picture, and the wallet's export (recipients/public-profile.md). */
export function registerWalletImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { deps } = ctx;

  async function showImportPage(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    state: {
      importedId?: string;
      removed?: boolean;
      failure?: Failure<ErrorCode>;
      pasted?: string;
    } = {},
  ) {
    const imported = await listImported(deps, actor);
    // The confirmation names the credential from the wallet itself, never words from the address.
    const added = state.importedId ? imported.find((c) => c.id === state.importedId) : undefined;
    const notice = added
      ? `Imported: ${added.achievementName}`
      : state.removed
        ? 'Removed from your wallet.'
        : undefined;
    return sendPage(
      reply,
      <ImportPage
        page={pageContext(request, reply, ctx)}
        imported={imported}
        now={deps.clock.now()}
        notice={notice}
        error={state.failure?.message}
        pasted={state.pasted}
      />,
      state.failure ? failureStatus(state.failure) : 200,
    );
  }

  app.get<{ Querystring: { imported?: string; removed?: string } }>(
    IMPORT_PATH,
    async (request, reply) => {
      const auth = requireUser(request, reply);
      if (!auth) return reply;
      const { imported, removed } = request.query;
      return showImportPage(request, reply, auth.actor, {
        importedId: typeof imported === 'string' ? imported : undefined,
        removed: removed === '1',
      });
    },
  );

  app.post(IMPORT_PATH, async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const limited = await verificationUploadRefusal(deps, request, reply);
    if (limited) return showImportPage(request, reply, auth.actor, { failure: limited });
    const form = await readMultipartForm(request);
    const pasted = form.fields.source === 'paste' ? form.fields.json : undefined;
    const input = importInput(form);
    const result = input.ok ? await importCredential(deps, auth.actor, input.value) : input;
    if (!result.ok)
      return showImportPage(request, reply, auth.actor, { failure: result.error, pasted });
    return reply.code(303).redirect(`${IMPORT_PATH}?imported=${result.value.id}`);
  });

  app.post<IdParams>('/credentials/imported/:id/remove', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const result = await removeImported(deps, auth.actor, request.params.id);
    if (!result.ok) return sendNotFound(request, reply, ctx, NOT_FOUND);
    return reply.code(303).redirect(`${IMPORT_PATH}?removed=1`);
  });

  // The owner's copy exactly as imported; to anyone else it does not exist.
  app.get<IdParams>('/credentials/imported/:id/json', async (request, reply) => {
    const auth = requireUser(request, reply);
    if (!auth) return reply;
    const result = await importedDocument(deps, auth.actor, request.params.id);
    if (!result.ok) return sendNotFound(request, reply, ctx, NOT_FOUND);
    return reply
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-disposition',
        `attachment; filename="imported-credential-${request.params.id}.json"`,
      )
      .type('application/json')
      .send(result.value);
  });

  // Public, like the profile that shows it.
  app.get<IdParams>('/imported-images/:id', async (request, reply) => {
    return sendPublicImage(reply, await importedPicture(deps, request.params.id));
  });

  app.get(EXPORT_PATH, async (request, reply) => {
    if (!request.auth)
      return sendPublicError(reply, {
        code: 'UNAUTHORIZED',
        message: 'Sign in to export your wallet.',
      });
    const presentation = await exportWallet(deps, request.auth.actor);
    const day = deps.clock.now().toISOString().slice(0, 10);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="laurel-wallet-${day}.json"`)
      .type('application/json')
      .send(JSON.stringify(presentation, null, 2));
  });
}
