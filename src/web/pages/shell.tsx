import type { ReactNode } from 'react';
import { Layout } from '../components/index.ts';
import type { NavItem } from '../components/types.ts';
import type { PageContext } from '../respond.tsx';

/** The signed-in app's navigation: what every member has, plus the admin area for platform admins. */
export function appNav(page: PageContext): NavItem[] {
  if (!page.user) return [];
  const items: NavItem[] = [{ href: '/dashboard', label: 'Dashboard', icon: 'layout-dashboard' }];
  if (page.user.isPlatformAdmin) {
    items.push({ href: '/admin', label: 'Organizations review', icon: 'shield' });
    items.push({ href: '/admin/mailbox', label: 'Mailbox', icon: 'mail' });
  }
  return items;
}

function activeSection(path: string): string | undefined {
  if (path.startsWith('/admin/mailbox')) return '/admin/mailbox';
  if (path.startsWith('/admin')) return '/admin';
  if (path.startsWith('/dashboard') || path.startsWith('/organizations')) return '/dashboard';
  return undefined;
}

/** Layout wired to the request: user, CSRF token for sign-out, flash, navigation. */
export function AppPage({
  page,
  title,
  narrow,
  head,
  children,
}: {
  page: PageContext;
  title: string;
  narrow?: boolean;
  /** Extra <head> tags, e.g. Open Graph on public pages. */
  head?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Layout
      title={`${title} · Laurel`}
      user={page.user}
      csrfToken={page.csrfToken}
      flash={page.flash}
      nav={appNav(page)}
      activeNav={activeSection(page.path)}
      userMenu={[
        { href: '/profile/edit', label: 'Profile', icon: 'user' },
        { href: '/account', label: 'Account settings', icon: 'settings' },
      ]}
      narrow={narrow}
      head={head}
    >
      {children}
    </Layout>
  );
}
