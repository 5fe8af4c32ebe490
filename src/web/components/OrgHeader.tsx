import type { ReactNode } from 'react';
import type { OrganizationStatus } from '../../core/entities.ts';
import type { PlanId } from '../../core/plans/plans.ts';
import type { Role } from '../../core/authz/roles.ts';
import { OrgLogo } from './OrgLogo.tsx';
import { PlanBadge } from './PlanBadge.tsx';
import { RoleBadge } from './RoleBadge.tsx';
import { StatusPill } from './StatusPill.tsx';

export interface OrgHeaderProps {
  name: string;
  logoUrl?: string | null;
  status?: OrganizationStatus;
  plan?: PlanId;
  /** The viewer's role, shown as "You: Admin". */
  role?: Role;
  /** Small facts under the name (website, slug, member since). */
  meta?: ReactNode;
  actions?: ReactNode;
}

/** The top of every organization page: logo tile, name (h1), status, plan and actions. */
export function OrgHeader({ name, logoUrl, status, plan, role, meta, actions }: OrgHeaderProps) {
  return (
    <div className="org-header">
      <div className="org-header__main">
        <OrgLogo name={name} src={logoUrl} size="lg" />
        <div className="org-header__text">
          <div className="org-header__name">
            <h1>{name}</h1>
            {status && status !== 'approved' ? <StatusPill status={status} /> : null}
            {plan ? <PlanBadge plan={plan} /> : null}
          </div>
          {meta || role ? (
            <div className="org-header__meta">
              {role ? (
                <span className="org-header__meta-item">
                  Your role <RoleBadge role={role} size="sm" />
                </span>
              ) : null}
              {meta}
            </div>
          ) : null}
        </div>
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
