import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';

export const ORG_SECTIONS = ['overview', 'team', 'badges', 'credentials', 'api-keys'] as const;
export type OrgSection = (typeof ORG_SECTIONS)[number];

const SECTION: Record<OrgSection, { label: string; path: string; icon: IconName }> = {
  overview: { label: 'Overview', path: '', icon: 'layout-dashboard' },
  team: { label: 'Team', path: '/team', icon: 'users' },
  badges: { label: 'Badge templates', path: '/badges', icon: 'award' },
  credentials: { label: 'Credentials', path: '/credentials', icon: 'shield-check' },
  'api-keys': { label: 'API keys', path: '/api-keys', icon: 'key' },
};

export interface OrgTabsProps {
  orgId: string;
  active: OrgSection;
  /** Where the organization's pages live; "/organizations/{orgId}" by default. */
  basePath?: string;
  /** Small counters after the labels. */
  counts?: Partial<Record<OrgSection, number>>;
  /** Sections to leave out (e.g. API keys for viewers, or on the Free plan). */
  hide?: readonly OrgSection[];
}

/** The organization sub-navigation: Overview, Team, Badge templates, Credentials, API keys. */
export function OrgTabs({ orgId, active, basePath, counts, hide = [] }: OrgTabsProps) {
  const base = basePath ?? `/organizations/${encodeURIComponent(orgId)}`;
  return (
    <nav className="tabs" aria-label="Organization sections">
      <ul className="tabs__list">
        {ORG_SECTIONS.filter((s) => !hide.includes(s)).map((s) => {
          const look = SECTION[s];
          const count = counts?.[s];
          return (
            <li key={s}>
              <a
                className="tabs__link"
                href={`${base}${look.path}`}
                aria-current={s === active ? 'page' : undefined}
              >
                <Icon name={look.icon} size="sm" />
                {look.label}
                {count !== undefined ? <span className="tabs__count">{count}</span> : null}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
