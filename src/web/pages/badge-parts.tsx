import type { Badge } from '../../core/entities.ts';
import { Icon, Pill } from '../components/index.ts';
import { badgeImagePath } from '../public-paths.ts';

/** The badge's public image; the version query makes an edited image show at once despite caching. */
export function badgeImageSrc(b: Badge): string | null {
  return b.imagePath ? `${badgeImagePath(b.id)}?v=${b.updatedAt.getTime().toString(36)}` : null;
}

export function expiryText(days: number | null): string {
  if (days === null) return 'Never expires';
  return `Expires ${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'} after issue`;
}

export function BadgeStatePill({ badge }: { badge: Badge }) {
  return badge.isActive ? (
    <Pill tone="success" icon="check-circle">
      Active
    </Pill>
  ) : (
    <Pill tone="neutral" icon="pause-circle">
      Deactivated
    </Pill>
  );
}

/** The image preview slot: the chosen (or current) image, or why it was refused. */
export function BadgePreview({
  src,
  error,
  note,
}: {
  src: string | null;
  error?: string | undefined;
  note?: string | undefined;
}) {
  return (
    <>
      <span className="badge-preview__frame">
        {src ? (
          <img src={src} alt="Preview of the badge image" width={144} height={144} />
        ) : (
          <Icon name="award" size="xl" />
        )}
      </span>
      {error ? (
        <p className="field__error">
          <Icon name="x-circle" size="sm" />
          <span>{error}</span>
        </p>
      ) : (
        <p className="badge-preview__caption">
          {note ?? (src ? 'Preview' : 'No image chosen yet')}
        </p>
      )}
    </>
  );
}
