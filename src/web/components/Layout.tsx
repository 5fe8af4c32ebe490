import type { ReactNode } from 'react';
import { Avatar } from './Avatar.tsx';
import { CsrfInput } from './CsrfInput.tsx';
import { cx } from './cx.ts';
import { Document } from './Document.tsx';
import { Flash } from './Flash.tsx';
import { Icon } from './Icon.tsx';
import { Logo } from './Logo.tsx';
import type { FlashMessage, LayoutUser, NavItem } from './types.ts';

/** The default top navigation for a signed-in person. */
function defaultNav(user: LayoutUser | null | undefined): NavItem[] {
  if (!user) return [];
  const items: NavItem[] = [{ href: '/dashboard', label: 'Dashboard', icon: 'layout-dashboard' }];
  if (user.isPlatformAdmin) items.push({ href: '/admin', label: 'Platform admin', icon: 'shield' });
  return items;
}

const DEFAULT_USER_MENU: NavItem[] = [
  { href: '/account', label: 'Account settings', icon: 'settings' },
];

export interface LayoutProps {
  title: string;
  user?: LayoutUser | null;
  /** Needed for the sign-out form. */
  csrfToken: string;
  flash?: FlashMessage | readonly FlashMessage[] | null;
  /** Top navigation; defaults to defaultNav(user). */
  nav?: readonly NavItem[];
  /** href of the current section in `nav` (gets aria-current="page"). */
  activeNav?: string;
  /** Links in the user menu above "Sign out". */
  userMenu?: readonly NavItem[];
  /** Footer links (e.g. verify, API docs). */
  footerLinks?: readonly NavItem[];
  /** Narrow column (forms, settings). */
  narrow?: boolean;
  description?: string;
  head?: ReactNode;
  children: ReactNode;
}

function UserMenu({
  user,
  csrfToken,
  items,
}: {
  user: LayoutUser;
  csrfToken: string;
  items: readonly NavItem[];
}) {
  const name = `${user.firstName} ${user.lastName}`.trim() || user.email;
  return (
    <details className="user-menu">
      <summary aria-label={`Account menu for ${name}`}>
        <Avatar firstName={user.firstName} lastName={user.lastName} />
        <span className="user-menu__name">{user.firstName || user.email}</span>
        <Icon name="chevron-down" size="sm" className="user-menu__chevron" />
      </summary>
      <div className="user-menu__panel">
        <div className="user-menu__header">
          <div className="user-menu__fullname">{name}</div>
          <div className="user-menu__email">{user.email}</div>
        </div>
        <ul className="user-menu__list">
          {items.map((item) => (
            <li key={item.href}>
              <a className="user-menu__item" href={item.href}>
                {item.icon ? <Icon name={item.icon} size="sm" /> : null}
                {item.label}
              </a>
            </li>
          ))}
          <li>
            <form className="user-menu__form" method="post" action="/logout">
              <CsrfInput token={csrfToken} />
              <button className="user-menu__item" type="submit">
                <Icon name="log-out" size="sm" />
                Sign out
              </button>
            </form>
          </li>
        </ul>
      </div>
    </details>
  );
}

/**
 * The signed-in app shell: top bar (logo, navigation, user menu), <main id="main"> with the
 * flash region first, and the footer. Also renders signed-out visitors a Sign in / Create
 * account pair, so public pages can use it too.
 */
export function Layout(props: LayoutProps) {
  const { title, user, csrfToken, flash, activeNav, narrow, description, head, children } = props;
  const nav = props.nav ?? defaultNav(user);
  const userMenu = props.userMenu ?? DEFAULT_USER_MENU;
  const footerLinks = props.footerLinks ?? [];
  return (
    <Document title={title} description={description} head={head}>
      <div className="app">
        <header className="topbar">
          <div className="container topbar__inner">
            <Logo href={user ? (nav[0]?.href ?? '/') : '/'} />
            {nav.length > 0 ? (
              <nav className="mainnav" aria-label="Main">
                <ul className="mainnav__list">
                  {nav.map((item) => (
                    <li key={item.href}>
                      <a
                        className="mainnav__link"
                        href={item.href}
                        aria-current={item.href === activeNav ? 'page' : undefined}
                      >
                        {item.icon ? <Icon name={item.icon} size="sm" /> : null}
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <div className="topbar__end">
              {user ? (
                <UserMenu user={user} csrfToken={csrfToken} items={userMenu} />
              ) : (
                <>
                  <a className="btn btn--ghost btn--sm" href="/login">
                    Sign in
                  </a>
                  <a className="btn btn--primary btn--sm" href="/register">
                    Create account
                  </a>
                </>
              )}
            </div>
          </div>
        </header>
        <main id="main" className="main" tabIndex={-1}>
          <div className={cx('container', narrow && 'container--narrow')}>
            <Flash flash={flash} />
            {children}
          </div>
        </main>
        <footer className="footer">
          <div className="container footer__inner">
            <span className="footer__brand">
              <Icon name="laurel" size="sm" />
              Laurel · verifiable Open Badges 3.0 credentials
            </span>
            {footerLinks.length > 0 ? (
              <nav aria-label="Footer">
                <ul className="footer__links">
                  {footerLinks.map((item) => (
                    <li key={item.href}>
                      <a href={item.href}>{item.label}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
        </footer>
      </div>
      <div id="dialog-root"></div>
    </Document>
  );
}
