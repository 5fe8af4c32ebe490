import type { VerificationReport } from '../../core/credentials/verification.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { Failure } from '../../core/result.ts';
import {
  Banner,
  Button,
  Card,
  CopyField,
  CsrfInput,
  LinkButton,
  TextAreaField,
} from '../components/index.ts';
import {
  bakedCredentialPath,
  credentialDocumentPath,
  qrCodePath,
  verifyPath,
} from '../public-paths.ts';
import { VerificationCheckList } from './verification-checks.tsx';

/* ─────────────── Detailed checks ─────────────── */

/** The four checks of the one verification function, under the verdict they add up to. */
export function VerificationChecks({ report }: { report: VerificationReport }) {
  return (
    <Card
      title="Detailed checks"
      subtitle={
        report.verified
          ? 'Every check passed: the credential is genuine, untampered and current.'
          : 'Not every check passed. Each check says why.'
      }
    >
      <VerificationCheckList report={report} />
    </Card>
  );
}

/* ─────────────── Claiming ─────────────── */

/** What the viewer can do about a pending credential: sign in (or sign up) first, or claim it. */
export function ClaimCard(props: {
  signedInEmail: string | null;
  shortId: string;
  csrfToken: string;
}) {
  const back = verifyPath(props.shortId);
  const redirect = `redirect=${encodeURIComponent(back)}`;
  return (
    <Card
      title="Is this yours?"
      subtitle="Claiming links this credential to your account for good."
    >
      {props.signedInEmail === null ? (
        <>
          <p>
            Sign in with the email address it was sent to, then claim it. New here? Create an
            account with that address.
          </p>
          <div className="button-row">
            <LinkButton href={`/login?${redirect}`} variant="primary" icon="log-in">
              Sign In to Claim
            </LinkButton>
            <LinkButton href={`/register?${redirect}`}>Create an Account</LinkButton>
          </div>
        </>
      ) : (
        <form method="post" action={`${back}/claim`} className="stack-sm">
          <CsrfInput token={props.csrfToken} />
          <p>
            You are signed in as <strong>{props.signedInEmail}</strong>. Only the account with the
            address the credential was sent to can claim it.
          </p>
          <div className="button-row">
            <Button variant="primary" icon="check-circle">
              Claim This Credential
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}

/** Why a claim was refused: the code, and what fixes it. */
export function ClaimRefusal({
  failure,
  issuerHref,
}: {
  failure: Failure<ErrorCode>;
  /** The issuer's public page; null while it has none (not approved). */
  issuerHref: string | null;
}) {
  const issuer = issuerHref ? (
    <a href={issuerHref}>the issuing organization</a>
  ) : (
    'the issuing organization'
  );
  return (
    <Banner kind="danger" role="alert" title="This credential could not be claimed">
      {failure.code === 'EMAIL_MISMATCH' ? (
        <>
          <p>
            <code>EMAIL_MISMATCH</code>: the email address you are signed in with is not the one
            this credential was issued to. Fix it by either:
          </p>
          <ul className="check-list mt-2">
            <li>Signing out, then signing in with the email address the credential was sent to.</li>
            <li>Asking the issuer to re-send it to the address you use.</li>
          </ul>
        </>
      ) : (
        <p>
          <code>{failure.code}</code>: {failure.message}
        </p>
      )}
      {failure.code === 'ALREADY_CLAIMED' ? (
        <p className="mt-2">If that is a mistake, contact {issuer}.</p>
      ) : null}
    </Banner>
  );
}

/* ─────────────── Sharing and downloads ─────────────── */

/** A copy button for a field: hidden until copy-link.js finds it; without script the field is copied by hand. */
function CopyButton({ target, label }: { target: string; label: string }) {
  return (
    <div className="copy-action" hidden data-copy-action="">
      <Button type="button" size="sm" icon="copy" attrs={{ 'data-copy-target': target }}>
        {label}
      </Button>
      <span className="copy-action__status text-sm text-secondary" role="status"></span>
    </div>
  );
}

/** The recipient's own ways to share (sharing-credentials.md: "a credential you own"). */
export interface RecipientShareLinks {
  addToProfile: string;
  linkedIn: string;
  x: string;
  embed: string;
}

/** Sharing of a public credential: the link for everyone, the rest for its recipient. */
export function ShareCard({
  verificationUrl,
  recipient,
}: {
  verificationUrl: string;
  /** Null unless the viewer is the credential's recipient. */
  recipient: RecipientShareLinks | null;
}) {
  return (
    <Card title="Share" subtitle="Anyone with the link can check this credential.">
      {recipient ? (
        <>
          <div className="stack-sm">
            <LinkButton href={recipient.addToProfile} variant="primary" external>
              Add to Profile
            </LinkButton>
            <p className="text-sm text-secondary">
              Opens LinkedIn in a new tab, with the certification’s name, issuer, dates, ID and this
              page filled in.
            </p>
          </div>
          <div className="button-row">
            <LinkButton href={recipient.linkedIn} external>
              Share to LinkedIn
            </LinkButton>
            <LinkButton href={recipient.x} external>
              Share to X
            </LinkButton>
          </div>
        </>
      ) : null}
      <div>
        <CopyField label="Verification link" name="verification-link" value={verificationUrl} />
        <CopyButton target="f-verification-link" label="Copy link" />
      </div>
      {recipient ? (
        <div>
          <TextAreaField
            label="Embed"
            name="embed-code"
            value={recipient.embed}
            rows={3}
            readOnly
            hint="Paste this HTML into a web page to show a live verification widget that links back here."
          />
          <CopyButton target="f-embed-code" label="Copy embed code" />
        </div>
      ) : null}
    </Card>
  );
}

/** Sharing of a private credential: its page shows to the recipient only, so links do not open for others. */
export function PrivateSharingCard({ verificationUrl }: { verificationUrl: string }) {
  return (
    <Card title="Share" subtitle="This credential is private.">
      <p>
        Its page shows only to its recipient and the issuing organization when signed in, so sharing
        is limited: others who open the link see only a notice, and there is no embed code or public
        post.
      </p>
      <div>
        <CopyField label="Verification link" name="verification-link" value={verificationUrl} />
        <CopyButton target="f-verification-link" label="Copy link" />
      </div>
    </Card>
  );
}

export function DownloadsCard(props: { shortId: string; hasImage: boolean; qrCodes: boolean }) {
  const { shortId } = props;
  return (
    <Card title="Downloads">
      <div className="button-row">
        {props.hasImage ? (
          <LinkButton href={bakedCredentialPath(shortId)} icon="download" download>
            Download Badge
          </LinkButton>
        ) : null}
        <LinkButton
          href={credentialDocumentPath(shortId)}
          icon="download"
          download={`${shortId}.json`}
        >
          Download JSON
        </LinkButton>
        {props.qrCodes ? (
          <LinkButton href={qrCodePath(shortId)} icon="qr-code" download={`${shortId}-qr.png`}>
            Download QR
          </LinkButton>
        ) : null}
      </div>
      <p className="text-sm text-secondary">
        {props.hasImage ? 'The badge image carries the signed credential inside it. ' : ''}The JSON
        is the signed Open Badges 3.0 credential exactly as issued.
      </p>
    </Card>
  );
}
