import type { Badge, Organization } from '../../core/entities.ts';
import { ConfirmDialog } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { AppPage } from './shell.tsx';
import { badgePath } from '../app-paths.ts';

export function BadgeDeleteDialog(props: {
  org: Organization;
  badge: Badge;
  issued: number;
  csrfToken: string;
  mode: 'modal' | 'page';
}) {
  const { org, badge, issued } = props;
  const deactivate = issued > 0;
  return (
    <ConfirmDialog
      title={deactivate ? `Deactivate ${badge.name}?` : `Delete ${badge.name}?`}
      action={badgePath(org.id, badge.id, 'delete')}
      csrfToken={props.csrfToken}
      confirmLabel={deactivate ? 'Deactivate badge' : 'Delete badge'}
      tone="danger"
      icon={deactivate ? 'pause-circle' : 'trash'}
      mode={props.mode}
      cancelHref={badgePath(org.id, badge.id)}
    >
      {deactivate ? (
        <p>
          {issued.toLocaleString('en-US')} {issued === 1 ? 'credential has' : 'credentials have'}{' '}
          been issued from this badge, so it will be <strong>deactivated</strong> instead of
          deleted: hidden from the gallery and closed to new issuance. Existing credentials stay
          intact and verifiable.
        </p>
      ) : (
        <p>
          No credentials have been issued from this badge, so it will be deleted permanently, with
          its image.
        </p>
      )}
    </ConfirmDialog>
  );
}

/** The confirm box inside a page of its own, for browsers without JavaScript. */
export function BadgeDeletePage(props: {
  page: PageContext;
  org: Organization;
  badge: Badge;
  issued: number;
}) {
  const { page, org, badge } = props;
  return (
    <AppPage page={page} title={`Delete ${badge.name} · ${org.name}`} narrow>
      <BadgeDeleteDialog
        org={org}
        badge={badge}
        issued={props.issued}
        csrfToken={page.csrfToken}
        mode="page"
      />
    </AppPage>
  );
}
