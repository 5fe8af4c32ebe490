import type { CoreDeps } from '../deps.ts';
import type { ErrorCode } from '../errors.ts';
import { ok, type Result } from '../result.ts';
import { prepareImage } from '../stored-images.ts';

/** The preview's longer side in pixels: enough for a sharp 144px thumbnail on a 2x screen. */
const PREVIEW_SIZE = 288;

/**
 * The chosen badge image as it would be stored (an SVG rasterised), as a small PNG, or why it
 * would be refused. Stores nothing and reveals nothing, so it asks no permission of its own.
 */
export async function previewBadgeImage(
  deps: CoreDeps,
  bytes: Buffer,
): Promise<Result<Buffer, ErrorCode>> {
  const image = await prepareImage(deps, 'badge', bytes);
  if (!image.ok) return image;
  return ok(await deps.images.thumbnail(image.value, PREVIEW_SIZE));
}
