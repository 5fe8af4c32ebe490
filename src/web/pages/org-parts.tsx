import type { ReactNode } from 'react';
import type { Permissions } from '../../core/authz/permissions.ts';
import type { Organization } from '../../core/entities.ts';
import { OrgTabs, PageHeader, type Crumb, type OrgSection } from '../components/index.ts';
import { hiddenSections } from './org-sections.ts';
import { organizationPath } from '../app-paths.ts';

const DAY = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Mar 12, 2025": dates as issuers read them; UTC, like every date the server stores. */
export function formatDay(d: Date): string {
  return DAY.format(d);
}

/** Only http(s) links are ever rendered as links; anything else shows as text. */
function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** An outside link (evidence, website, external URL): http(s) only, never a referrer or an opener. */
export function ExternalLink({
  href,
  children,
}: {
  href: string | null | undefined;
  children?: ReactNode;
}) {
  const safe = safeHref(href);
  if (!safe) return <>{children ?? href ?? '—'}</>;
  return (
    <a href={safe} rel="noopener noreferrer nofollow" className="break-all">
      {children ?? safe}
    </a>
  );
}

/**
 * The top of every organization sub-page: breadcrumbs (Dashboard › org › section › …), the
 * page's h1 and actions, then the organization's tabs.
 */
export function OrgSubpageTop(props: {
  org: Organization;
  may: Permissions;
  section: OrgSection;
  title: ReactNode;
  subtitle?: ReactNode;
  /** Crumbs after the organization's; the last is the current page. */
  crumbs: readonly Crumb[];
  badges?: ReactNode;
  meta?: ReactNode;
  actions?: ReactNode;
}) {
  const { org } = props;
  return (
    <>
      <PageHeader
        title={props.title}
        subtitle={props.subtitle}
        breadcrumbs={[
          { label: 'Dashboard', href: '/dashboard' },
          { label: org.name, href: organizationPath(org.id) },
          ...props.crumbs,
        ]}
        badges={props.badges}
        meta={props.meta}
        actions={props.actions}
      />
      <OrgTabs orgId={org.id} active={props.section} hide={hiddenSections(props.may)} />
    </>
  );
}
