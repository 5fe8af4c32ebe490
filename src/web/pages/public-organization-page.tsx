import type { PublicOrganization } from '../../core/organizations/public-pages.ts';
import {
  BadgeThumb,
  EmptyState,
  Icon,
  MetaItem,
  OrgHeader,
  SectionHeader,
  Stat,
  StatsRow,
} from '../components/index.ts';
import { badgePagePath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { badgeImageSrc } from './badge-parts.tsx';
import { ExternalLink } from './org-parts.tsx';
import { PublicPage, type OpenGraph } from './public-page-parts.tsx';
import { SkillList } from './skill-list.tsx';

const count = (n: number) => n.toLocaleString('en-US');

/** A website as people read it: no scheme, no trailing slash. */
function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
}

/** /o/{slug}: who the organization is, what it has issued, and the badges it awards. */
export function PublicOrganizationPage({
  page,
  view,
  og,
}: {
  page: PageContext;
  view: PublicOrganization;
  og: OpenGraph;
}) {
  const { organization: org, badges, stats } = view;
  return (
    <PublicPage page={page} title={org.name} og={og}>
      <div className="stack-lg">
        {/* The Verified mark of domain verification belongs beside the name, in this header, once domains can be verified. */}
        <OrgHeader
          name={org.name}
          logoUrl={org.logoPath ? `/logos/${org.id}` : null}
          meta={
            org.website ? (
              <MetaItem icon="globe">
                <ExternalLink href={org.website}>{displayUrl(org.website)}</ExternalLink>
              </MetaItem>
            ) : undefined
          }
        />
        {org.description ? <p className="prose pre-line">{org.description}</p> : null}
        <section aria-labelledby="org-stats">
          <h2 id="org-stats" className="visually-hidden">
            In numbers
          </h2>
          <StatsRow>
            <Stat label="Badges" value={count(stats.badges)} icon="award" />
            <Stat
              label="Credentials issued"
              value={count(stats.credentialsIssued)}
              icon="shield-check"
            />
            <Stat label="Recipients" value={count(stats.recipients)} icon="users" />
          </StatsRow>
        </section>
        <section aria-labelledby="org-badges" className="stack">
          <SectionHeader
            id="org-badges"
            title="Badges"
            description={`The badges ${org.name} awards.`}
          />
          {badges.length === 0 ? (
            <EmptyState bordered level={3} icon="award" title="No badges yet">
              {org.name} has not published any badges yet.
            </EmptyState>
          ) : (
            <ul className="badge-grid" aria-labelledby="org-badges">
              {badges.map(({ badge, issued }) => (
                <li key={badge.id} className="badge-card">
                  <BadgeThumb src={badgeImageSrc(badge)} size="lg" />
                  <h3 className="badge-card__title">
                    <a href={badgePagePath(org.slug, badge.slug)}>{badge.name}</a>
                  </h3>
                  <p className="badge-card__summary">{badge.description}</p>
                  <SkillList tags={badge.tags} max={3} />
                  <p className="badge-card__meta">
                    <Icon name="shield-check" size="sm" />
                    {count(issued)} issued
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </PublicPage>
  );
}
