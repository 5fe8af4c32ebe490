import type { ReactNode } from 'react';
import { Layout } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { OpenGraphTags, type OpenGraph } from './open-graph.tsx';
import { appNav } from './shell.tsx';

// The public organization and badge pages take their Open Graph data through this module.
export type { OpenGraph } from './open-graph.tsx';

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
      head={<OpenGraphTags og={og} />}
    >
      {children}
    </Layout>
  );
}
