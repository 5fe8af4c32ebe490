import type { CredentialWithBadge, Organization } from '../../core/entities.ts';
import { ConfirmDialog, TextAreaField } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { credentialActionPath, credentialsPath } from '../app-paths.ts';

export function RevokeDialog(props: {
  org: Organization;
  credential: CredentialWithBadge;
  csrfToken: string;
  mode: 'modal' | 'page';
  reason?: string | undefined;
  error?: string | undefined;
}) {
  const { org, credential: c } = props;
  return (
    <ConfirmDialog
      title={`Revoke ${c.shortId}?`}
      action={credentialActionPath(org.id, c.id, 'revoke')}
      csrfToken={props.csrfToken}
      confirmLabel="Confirm Revoke"
      tone="danger"
      icon="ban"
      mode={props.mode}
      cancelHref={credentialsPath(org.id)}
    >
      <p>
        <strong>{c.badgeName}</strong>, issued to {c.recipientName} ({c.recipientEmail}) on{' '}
        {formatDay(c.issuedAt)}. Its verification page will show it as revoked. Revocation cannot be
        undone; issuing again later creates a renewal.
      </p>
      <TextAreaField
        label="Reason"
        name="reason"
        id={`revoke-reason-${c.id}`}
        required
        rows={3}
        maxLength={500}
        value={props.reason}
        error={props.error}
        hint="Stored on the credential and may be shown publicly on the verification page, e.g. “Issued in error — wrong recipient email.”"
      />
    </ConfirmDialog>
  );
}

export function RevokePage(props: {
  page: PageContext;
  org: Organization;
  credential: CredentialWithBadge;
  reason?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <AppPage
      page={props.page}
      title={`Revoke ${props.credential.shortId} · ${props.org.name}`}
      narrow
    >
      <RevokeDialog
        org={props.org}
        credential={props.credential}
        csrfToken={props.page.csrfToken}
        mode="page"
        reason={props.reason}
        error={props.error}
      />
    </AppPage>
  );
}
