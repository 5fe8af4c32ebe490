import type { Organization } from '../../core/entities.ts';
import { Banner, Button, CsrfInput } from '../components/index.ts';
import { organizationActionPath } from '../app-paths.ts';

/** What the organization's status means for the team, and what they can do about it. */
export function OrganizationStatusBanner({
  org,
  canEdit,
  csrfToken,
}: {
  org: Organization;
  canEdit: boolean;
  csrfToken: string;
}) {
  switch (org.status) {
    case 'approved':
      return null;
    case 'pending_review':
      return (
        <Banner kind="info" title="Pending review">
          You can generate signing keys, create badge templates and invite your team now. Issuing
          credentials opens once a platform admin approves the organization; you will get an email
          when the status changes.
        </Banner>
      );
    case 'rejected':
      return (
        <Banner
          kind="danger"
          title="Rejected"
          actions={
            canEdit ? (
              <form method="post" action={organizationActionPath(org.id, 'resubmit')}>
                <CsrfInput token={csrfToken} />
                <Button variant="primary" size="sm" icon="send">
                  Resubmit for review
                </Button>
              </form>
            ) : null
          }
        >
          <p>Reason: {org.statusReason ?? 'No reason given.'}</p>
          <p>Update the details below, then resubmit the organization for review.</p>
        </Banner>
      );
    case 'suspended':
      return (
        <Banner kind="warning" title="Suspended">
          <p>Issuing is paused. Credentials already issued stay verifiable.</p>
          {org.statusReason ? <p>Reason: {org.statusReason}</p> : null}
        </Banner>
      );
  }
}
