import type { VerificationReport } from '../../core/credentials/verification.ts';
import {
  Banner,
  Button,
  Card,
  DescriptionList,
  Field,
  FileField,
  Form,
  FormActions,
  LinkButton,
  PageHeader,
} from '../components/index.ts';
import { statedNames } from '../../core/wallet/credential-facts.ts';
import type { PageContext } from '../respond.tsx';
import { formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';
import { VerificationCheckList } from './verification-checks.tsx';

export const LOOKUP_PATH = '/verify-lookup';

/** What an uploaded image held and how it verified; `verifyPath` when it is one of our credentials. */
interface ImageVerificationResult {
  credential: Record<string, unknown>;
  report: VerificationReport;
  verifyPath: string | undefined;
}

export interface VerifyLookupPageProps {
  page: PageContext;
  /** The ID form as submitted, with its error. */
  lookup?: { value: string; error: string } | undefined;
  /** Why the uploaded image could not be verified. */
  uploadError?: string | undefined;
  result?: ImageVerificationResult | undefined;
}

/**
 * The claims a visitor reads first, as the document states them (any issuer's shape: OB 3.0 on
 * VC 2.0 or 1.1). They are only as trustworthy as the checks shown beside them.
 */
function claims(credential: Record<string, unknown>) {
  const issued = [credential.validFrom, credential.issuanceDate].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  const issuedAt = issued ? new Date(issued) : undefined;
  return {
    ...statedNames(credential),
    issued: issuedAt && !Number.isNaN(issuedAt.getTime()) ? formatDay(issuedAt) : issued,
  };
}

function ResultCard({ result }: { result: ImageVerificationResult }) {
  const c = claims(result.credential);
  const { report } = result;
  const unknown = <span className="text-muted">Not stated</span>;
  return (
    <Card title="Verification result" level={2} id="result">
      <div className="stack">
        {report.verified ? (
          <Banner kind="success" title="Verified" role="status">
            Every check passed: the credential is genuine, unchanged since it was signed, and
            currently valid.
          </Banner>
        ) : (
          <Banner kind="danger" title="Not verified" role="status">
            At least one check did not pass. Do not rely on this credential; see which check below.
          </Banner>
        )}
        <DescriptionList
          items={[
            { term: 'Badge', details: c.achievement ?? unknown },
            { term: 'Issuer', details: c.issuer ?? unknown },
            ...(c.recipient ? [{ term: 'Recipient', details: c.recipient }] : []),
            { term: 'Issued', details: c.issued ?? unknown },
            ...(report.issuerId
              ? [
                  {
                    term: 'Issuer ID',
                    details: <span className="mono text-sm">{report.issuerId}</span>,
                  },
                ]
              : []),
          ]}
        />
        <h3 className="text-md font-semibold">Checks</h3>
        <VerificationCheckList report={report} />
        {result.verifyPath ? (
          <div>
            <LinkButton href={result.verifyPath} icon="shield-check">
              View the verification page
            </LinkButton>
          </div>
        ) : null}
      </div>
    </Card>
  );
}

/** /verify-lookup (verifying-a-credential.md): by credential ID, or by uploading a baked badge image. */
export function VerifyLookupPage({ page, lookup, uploadError, result }: VerifyLookupPageProps) {
  return (
    <AppPage page={page} title="Verify a credential">
      <PageHeader
        title="Verify a credential"
        subtitle="Check that a credential is genuine, unchanged and currently valid. No account needed."
      />
      <div className="stack-lg">
        {result ? <ResultCard result={result} /> : null}
        <div className="grid grid--2">
          <Card title="Look up a credential ID" level={2}>
            <Form action={LOOKUP_PATH} method="get" noValidate label="Look up a credential ID">
              <Field
                label="Credential ID"
                name="id"
                value={lookup?.value}
                error={lookup?.error}
                required
                mono
                autoComplete="off"
                spellCheck={false}
                placeholder="CRD-ZBUYQMTA"
                hint="The ID printed on the certificate, starting with CRD-."
                maxLength={64}
              />
              <FormActions>
                <Button variant="primary" icon="search">
                  Look up
                </Button>
              </FormActions>
            </Form>
          </Card>
          <Card title="Upload a baked badge image" level={2}>
            {/* A multipart body is read after the CSRF check, so the token travels in the URL. */}
            <Form
              action={`${LOOKUP_PATH}?_csrf=${encodeURIComponent(page.csrfToken)}`}
              multipart
              noValidate
              label="Upload a baked badge image"
            >
              <FileField
                label="Badge image"
                name="image"
                accept="image/png,image/svg+xml"
                required
                error={uploadError}
                hint="A PNG or SVG badge with its credential embedded, up to 5 MB. Badges from any Open Badges 3.0 issuer work. Nothing is stored."
              />
              <FormActions>
                <Button variant="primary" icon="upload">
                  Verify image
                </Button>
              </FormActions>
            </Form>
          </Card>
        </div>
      </div>
    </AppPage>
  );
}
