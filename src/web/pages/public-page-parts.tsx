import type { ReactNode } from 'react';
import { Layout } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { appNav } from './shell.tsx';

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
