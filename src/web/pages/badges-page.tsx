import type { Permissions } from '../../core/authz/permissions.ts';
import type { Badge, Organization } from '../../core/entities.ts';
import { effectivePlan } from '../../core/plans/plans.ts';
import { BadgeThumb, EmptyState, Icon, LinkButton, Pagination } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { OrgSubpageTop } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { SkillList } from './skill-list.tsx';
import { BadgeStatePill, badgeImageSrc, expiryText } from './badge-parts.tsx';
import { badgePath, badgesActionPath, badgesPath, issueCredentialPath } from '../app-paths.ts';

export interface BadgesPageProps {
  page: PageContext;
  org: Organization;
  /** What the viewer may do in the organization (the core's answer, not decided here). */
  may: Permissions;
  showing: 'active' | 'deactivated';
  badges: Badge[];
  counts: { active: number; deactivated: number };
  pageNumber: number;
  pageSize: number;
  now: Date;
}

export function BadgesPage(props: BadgesPageProps) {
  const { page, org, may, showing, badges, counts } = props;
  const plan = effectivePlan(org.subscription, props.now);
  const canCreate = may['badges.create'];
  const canIssue = may['credentials.issue'];
  const total = showing === 'active' ? counts.active : counts.deactivated;
  const first = (props.pageNumber - 1) * props.pageSize;
  const query = (n: number) =>
    `${badgesPath(org.id)}?${showing === 'deactivated' ? 'status=deactivated&' : ''}page=${n}`;
  const limitText =
    plan.badgeTemplates === null
      ? `Unlimited badge templates on the ${plan.name} plan.`
      : `${counts.active.toLocaleString('en-US')} of ${plan.badgeTemplates.toLocaleString('en-US')} active badge templates on the ${plan.name} plan.`;
  return (
    <AppPage page={page} title={`Badge templates · ${org.name}`}>
      <OrgSubpageTop
        org={org}
        may={may}
        section="badges"
        title="Badge templates"
        subtitle="The things you award. Issue as many credentials from each as you like."
        crumbs={[{ label: 'Badge templates' }]}
        actions={
          canCreate ? (
            <LinkButton href={badgesActionPath(org.id, 'new')} variant="primary" icon="plus">
              New badge
            </LinkButton>
          ) : undefined
        }
      />
      <div className="stack">
        <div className="list-toolbar">
          <nav className="segmented" aria-label="Badge status">
            <a
              className="segmented__item"
              href={badgesPath(org.id)}
              aria-current={showing === 'active' ? 'page' : undefined}
            >
              Active <span className="segmented__count">{counts.active}</span>
            </a>
            <a
              className="segmented__item"
              href={`${badgesPath(org.id)}?status=deactivated`}
              aria-current={showing === 'deactivated' ? 'page' : undefined}
            >
              Deactivated <span className="segmented__count">{counts.deactivated}</span>
            </a>
          </nav>
          <p className="text-secondary text-sm">{limitText}</p>
        </div>
        {badges.length === 0 ? (
          showing === 'active' ? (
            <EmptyState
              bordered
              icon="award"
              title="No badge templates yet"
              actions={
                canCreate ? (
                  <LinkButton href={badgesActionPath(org.id, 'new')} variant="primary" icon="plus">
                    New badge
                  </LinkButton>
                ) : undefined
              }
            >
              A badge is a template: its image, name, description and criteria. Create one, then
              issue credentials from it.
            </EmptyState>
          ) : (
            <EmptyState bordered icon="pause-circle" title="No deactivated badges">
              Deleting a badge that has credentials deactivates it instead: it shows up here, its
              credentials stay valid.
            </EmptyState>
          )
        ) : (
          <ul
            className="badge-grid"
            aria-label={
              showing === 'active' ? 'Active badge templates' : 'Deactivated badge templates'
            }
          >
            {badges.map((b) => (
              <li key={b.id} className="badge-card">
                <BadgeThumb src={badgeImageSrc(b)} size="lg" />
                <h2 className="badge-card__title">
                  <a href={badgePath(org.id, b.id)}>{b.name}</a>
                </h2>
                <p className="badge-card__meta">
                  <Icon name="clock" size="sm" />
                  {expiryText(b.expiresInDays)}
                </p>
                <SkillList tags={b.tags} max={3} />
                <div className="badge-card__actions">
                  {b.isActive && canIssue ? (
                    <LinkButton
                      href={issueCredentialPath(org.id, b.id)}
                      size="sm"
                      variant="secondary"
                      icon="send"
                    >
                      Issue<span className="visually-hidden"> {b.name}</span>
                    </LinkButton>
                  ) : null}
                  {!b.isActive ? <BadgeStatePill badge={b} /> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        {total > props.pageSize ? (
          <Pagination
            summary={`Showing ${first + 1}–${first + badges.length} of ${total}`}
            prevHref={props.pageNumber > 1 ? query(props.pageNumber - 1) : null}
            nextHref={first + badges.length < total ? query(props.pageNumber + 1) : null}
          />
        ) : null}
      </div>
    </AppPage>
  );
}
