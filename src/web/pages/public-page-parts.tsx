import type { ReactNode } from 'react';
import { Layout } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { appNav } from './shell.tsx';

/** An organization's public page: /o/{slug}. */
export function organizationPagePath(slug: string): string {
  return `/o/${slug}`;
}

/** What a link to the page shows when it is shared (Open Graph); every URL absolute. */
export interface OpenGraph {
  title: string;
  description: string;
  url: string;
  image: string | null;
}

/**
 * A page anyone may open, signed in or not. Signed-in people keep their navigation; the
 * description and Open Graph tags make shared links preview well.
 */
export function PublicPage({
  page,
  title,
  og,
  children,
}: {
  page: PageContext;
  title: string;
  og: OpenGraph;
  children: ReactNode;
}) {
  return (
    <Layout
      title={title}
      user={page.user}
      csrfToken={page.csrfToken}
      flash={page.flash}
      nav={appNav(page)}
      description={og.description}
      head={
        <>
          <meta property="og:type" content="website" />
          <meta property="og:site_name" content="Laurel" />
          <meta property="og:title" content={og.title} />
          <meta property="og:description" content={og.description} />
          <meta property="og:url" content={og.url} />
          {og.image ? <meta property="og:image" content={og.image} /> : null}
        </>
      }
    >
      {children}
    </Layout>
  );
}

/** A badge's skills as small tags; `max` shows the first few and how many more there are. */
export function SkillList({ tags, max }: { tags: readonly string[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = max === undefined ? tags : tags.slice(0, max);
  return (
    <ul className="tag-list" aria-label="Skills">
      {shown.map((t) => (
        <li key={t} className="tag">
          {t}
        </li>
      ))}
      {tags.length > shown.length ? <li className="tag tag--more">+{tags.length - shown.length} more</li> : null}
    </ul>
  );
}
