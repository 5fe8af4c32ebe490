import type {
  CheckOutcome,
  CheckResult,
  VerificationReport,
} from '../../core/credentials/verification.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { Failure } from '../../core/result.ts';
import {
  Banner,
  Button,
  Card,
  CopyField,
  CsrfInput,
  Icon,
  LinkButton,
  TextAreaField,
  type IconName,
} from '../components/index.ts';

/* ─────────────── Detailed checks ─────────────── */

const OUTCOME: Record<CheckOutcome, { label: string; icon: IconName }> = {
  passed: { label: 'Passed', icon: 'check-circle' },
  failed: { label: 'Failed', icon: 'x-circle' },
  could_not_check: { label: 'Could not check', icon: 'help-circle' },
};

const CHECKS: { key: keyof Omit<VerificationReport, 'verified' | 'issuerId'>; label: string }[] = [
  { key: 'signature', label: 'Signature' },
  { key: 'expiration', label: 'Expiration' },
  { key: 'revocation', label: 'Revocation' },
  { key: 'issuerStatus', label: 'Issuer status' },
];

function Check({ label, result }: { label: string; result: CheckResult }) {
  const look = OUTCOME[result.outcome];
  return (
    <li className={`verify-check verify-check--${result.outcome.replaceAll('_', '-')}`}>
      <Icon name={look.icon} />
      <div>
        <p className="verify-check__title">
          {label}: <span className="verify-check__outcome">{look.label}</span>
        </p>
        {result.reason ? <p className="verify-check__reason">{result.reason}</p> : null}
      </div>
    </li>
  );
}

/** The four checks of the one verification function, each in words and with an icon, never colour alone. */
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
      <ul className="verify-checks">
        {CHECKS.map((c) => (
          <Check key={c.key} label={c.label} result={report[c.key]} />
        ))}
      </ul>
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
  const back = `/verify/${props.shortId}`;
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
  issuerHref: string;
}) {
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
        <p className="mt-2">
          If that is a mistake, contact <a href={issuerHref}>the issuing organization</a>.
        </p>
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

export interface ShareLinks {
  verificationUrl: string;
  /** For the recipient only: LinkedIn's add-to-profile link. */
  addToProfile: string | null;
  linkedIn: string;
  x: string;
  /** Public credentials only. */
  embed: string | null;
}

export function ShareCard({ links }: { links: ShareLinks }) {
  return (
    <Card title="Share" subtitle="Anyone with the link can check this credential.">
      {links.addToProfile ? (
        <div className="stack-sm">
          <LinkButton href={links.addToProfile} variant="primary" external>
            Add to Profile
          </LinkButton>
          <p className="text-sm text-secondary">
            Opens LinkedIn in a new tab, with the certification’s name, issuer, dates, ID and this
            page filled in.
          </p>
        </div>
      ) : null}
      <div className="button-row">
        <LinkButton href={links.linkedIn} external>
          Share to LinkedIn
        </LinkButton>
        <LinkButton href={links.x} external>
          Share to X
        </LinkButton>
      </div>
      <div>
        <CopyField
          label="Verification link"
          name="verification-link"
          value={links.verificationUrl}
        />
        <CopyButton target="f-verification-link" label="Copy link" />
      </div>
      {links.embed ? (
        <div>
          <TextAreaField
            label="Embed"
            name="embed-code"
            value={links.embed}
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
          <LinkButton href={`/api/credentials/${shortId}/baked`} icon="download" download>
            Download Badge
          </LinkButton>
        ) : null}
        <LinkButton
          href={`/credentials/${shortId}/ob3`}
          icon="download"
          download={`${shortId}.json`}
        >
          Download JSON
        </LinkButton>
        {props.qrCodes ? (
          <LinkButton
            href={`/api/credentials/${shortId}/qr`}
            icon="qr-code"
            download={`${shortId}-qr.png`}
          >
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
