import {
  apiKeysPath,
  badgesPath,
  credentialsPath,
  organizationPath,
  teamPath,
} from '../app-paths.ts';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';

const ORG_SECTIONS = ['overview', 'team', 'badges', 'credentials', 'api-keys'] as const;
export type OrgSection = (typeof ORG_SECTIONS)[number];

const SECTION: Record<
  OrgSection,
  { label: string; path: (orgId: string) => string; icon: IconName }
> = {
  overview: { label: 'Overview', path: organizationPath, icon: 'layout-dashboard' },
  team: { label: 'Team', path: teamPath, icon: 'users' },
  badges: { label: 'Badge templates', path: badgesPath, icon: 'award' },
  credentials: {
    label: 'Credentials',
    path: (orgId) => credentialsPath(orgId),
    icon: 'shield-check',
  },
  'api-keys': { label: 'API keys', path: apiKeysPath, icon: 'key' },
};

export interface OrgTabsProps {
  orgId: string;
  active: OrgSection;
  /** Small counters after the labels. */
  counts?: Partial<Record<OrgSection, number>>;
  /** Sections to leave out (e.g. API keys for viewers, or on the Free plan). */
  hide?: readonly OrgSection[];
}

/** The organization sub-navigation: Overview, Team, Badge templates, Credentials, API keys. */
export function OrgTabs({ orgId, active, counts, hide = [] }: OrgTabsProps) {
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
                href={look.path(orgId)}
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
