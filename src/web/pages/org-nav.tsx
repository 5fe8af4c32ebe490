/** The organization's sections. Later sections (badges, credentials, API keys) join this list. */
const SECTIONS = [
  { key: 'overview', label: 'Overview', path: '' },
  { key: 'team', label: 'Team', path: '/team' },
] as const;

export type OrgSection = (typeof SECTIONS)[number]['key'];

export function OrgNav({ orgId, active }: { orgId: string; active: OrgSection }) {
  return (
    <nav className="tabs" aria-label="Organization sections">
      <ul className="tabs__list">
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <a className="tabs__link" href={`/organizations/${orgId}${s.path}`} aria-current={s.key === active ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
