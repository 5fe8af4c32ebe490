import type { PublicBadge } from '../../core/organizations/public-pages.ts';
import {
  Banner,
  BadgeThumb,
  Card,
  DescriptionList,
  OrgLogo,
  PageHeader,
  Pill,
  Stat,
  StatsRow,
} from '../components/index.ts';
import { achievementPath } from '../public-paths.ts';
import type { PageContext } from '../respond.tsx';
import { badgeImageSrc } from './badge-parts.tsx';
import { ExternalLink } from './org-parts.tsx';
import { organizationPublicPath } from '../public-paths.ts';
import { PublicPage, type OpenGraph } from './public-page-parts.tsx';
import { BadgeAboutCard } from './badge-about.tsx';

/** /o/{org}/badges/{badge}: what the badge stands for, how it is earned, and who awards it. */
export function PublicBadgePage({
  page,
  view,
  og,
}: {
  page: PageContext;
  view: PublicBadge;
  og: OpenGraph;
}) {
  const { organization: org, badge, issued } = view;
  const orgPath = organizationPublicPath(org.slug);
  const jsonPath = achievementPath(org.slug, badge.slug);
  return (
    <PublicPage page={page} title={`${badge.name} · ${org.name}`} og={og}>
      <div className="stack-lg">
        <PageHeader
          title={
            <span className="badge-title">
              <BadgeThumb src={badgeImageSrc(badge)} size="lg" />
              {badge.name}
            </span>
          }
          breadcrumbs={[{ label: org.name, href: orgPath }, { label: badge.name }]}
          badges={
            badge.isActive ? undefined : (
              <Pill tone="neutral" icon="pause-circle">
                No longer issued
              </Pill>
            )
          }
          subtitle={
            <>
              Awarded by <a href={orgPath}>{org.name}</a>
            </>
          }
        />
        {!badge.isActive ? (
          <Banner kind="info" title="No longer issued">
            {org.name} no longer awards this badge. Credentials already issued from it stay valid
            and verifiable.
          </Banner>
        ) : null}
        <div className="columns">
          <div className="stack">
            <BadgeAboutCard badge={badge} />
          </div>
          <div className="stack">
            <StatsRow>
              <Stat
                label="Credentials issued"
                value={issued.toLocaleString('en-US')}
                icon="shield-check"
              />
            </StatsRow>
            <Card title="Details" level={2}>
              <DescriptionList
                compact
                items={[
                  {
                    term: 'Issuer',
                    details: (
                      <span className="org-title">
                        <OrgLogo
                          name={org.name}
                          src={org.logoPath ? `/logos/${org.id}` : null}
                          size="sm"
                        />
                        <a href={orgPath}>{org.name}</a>
                      </span>
                    ),
                  },
                  ...(badge.externalUrl
                    ? [
                        {
                          term: 'More information',
                          details: <ExternalLink href={badge.externalUrl} />,
                        },
                      ]
                    : []),
                  {
                    term: 'Open Badges JSON',
                    details: (
                      <a className="mono break-all" href={jsonPath}>
                        {jsonPath}
                      </a>
                    ),
                  },
                ]}
              />
            </Card>
          </div>
        </div>
      </div>
    </PublicPage>
  );
}
