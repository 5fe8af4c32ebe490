import type { FastifyRequest } from 'fastify';

/** A multipart/form-data body as an endpoint expects it: named text fields and at most one file. */
interface MultipartForm {
  /** Each text field sent once, by name. */
  fields: Record<string, string>;
  /** Each repeatable field's values, in the order sent (absent when none was sent). */
  lists: Record<string, string[]>;
  /** The file's bytes; undefined when none was sent (or it was empty). */
  file: Buffer | undefined;
  /** What is wrong with the body, by field name: a VALIDATION_ERROR's `details.fields`. */
  problems: Record<string, string>;
}

interface MultipartFormSpec {
  /** Fields sent at most once. */
  fields: readonly string[];
  /** Fields that may be sent several times (`tags=a&tags=b`). */
  lists: readonly string[];
  /** The one file field. */
  file: string;
  /** Shown when the file is over the size limit @fastify/multipart is registered with. */
  fileTooLarge: string;
}

/**
 * Reads a multipart body to its end. Anything the endpoint does not take (an unknown field, a
 * field sent twice, a second file) is a problem to report rather than something to guess
 * about; so is a body that is not multipart at all, under `body`. The rules of the values
 * themselves are the use case's.
 */
export async function readMultipartForm(
  request: FastifyRequest,
  spec: MultipartFormSpec,
): Promise<MultipartForm> {
  const form: MultipartForm = { fields: {}, lists: {}, file: undefined, problems: {} };
  const problem = (name: string, message: string) => {
    form.problems[name] ??= message;
  };
  if (!request.isMultipart()) {
    problem('body', 'Send the request as multipart/form-data.');
    return form;
  }
  try {
    for await (const part of request.parts()) {
      const name = part.fieldname;
      if (part.type === 'file') {
        // Read even when refused, so the rest of the body is still parsed.
        const bytes = await part.toBuffer();
        if (name !== spec.file) problem(name, `Send the file in the "${spec.file}" field.`);
        else if (part.file.truncated) problem(name, spec.fileTooLarge);
        else if (bytes.length > 0) form.file = bytes;
      } else if (typeof part.value !== 'string' || part.valueTruncated) {
        problem(name, 'This value is too long.');
      } else if (name === spec.file) {
        problem(name, 'Send this field as a file, with a filename.');
      } else if (spec.lists.includes(name)) {
        (form.lists[name] ??= []).push(part.value);
      } else if (!spec.fields.includes(name)) {
        problem(name, 'Unknown field.');
      } else if (name in form.fields) {
        problem(name, 'Send this field once.');
      } else {
        form.fields[name] = part.value;
      }
    }
  } catch (error) {
    // @fastify/multipart's limits and malformed bodies: the client's to fix.
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (!statusCode || statusCode >= 500) throw error;
    if (code === 'FST_REQ_FILE_TOO_LARGE') problem(spec.file, spec.fileTooLarge);
    else if (code === 'FST_FILES_LIMIT') problem(spec.file, `Send one file, in "${spec.file}".`);
    else problem('body', `The multipart body could not be read: ${(error as Error).message}.`);
  }
  return form;
}
