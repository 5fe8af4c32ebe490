import type { ImportedCredential } from '../../core/entities.ts';
import { importedImagePath } from '../../core/wallet/images.ts';
import {
  Banner,
  BadgeThumb,
  Button,
  Card,
  CsrfInput,
  EmptyState,
  FileField,
  FormActions,
  LinkButton,
  PageHeader,
  Pill,
  SectionHeader,
  TextAreaField,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { FormError } from './form-error.tsx';
import { formatDay } from './org-parts.tsx';
import { AppPage } from './shell.tsx';

export interface ImportPageProps {
  page: PageContext;
  imported: ImportedCredential[];
  now: Date;
  /** What the last action did: "Imported: …" or "Removed …". */
  notice?: string;
  /** Why the last import was refused. */
  error?: string;
  /** What was pasted into a refused import, to fix and send again. */
  pasted?: string;
}

export const EXPORT_PATH = '/api/credentials/export';

function validity(c: ImportedCredential, now: Date) {
  if (c.validUntil && c.validUntil.getTime() <= now.getTime()) {
    return (
      <p className="list__sub">
        <Pill tone="warning" icon="clock" size="sm">
          Expired {formatDay(c.validUntil)}
        </Pill>
      </p>
    );
  }
  const parts = [
    c.validFrom ? `Issued ${formatDay(c.validFrom)}` : null,
    c.validUntil ? `Expires ${formatDay(c.validUntil)}` : null,
  ].filter((p) => p !== null);
  return parts.length > 0 ? <p className="list__sub">{parts.join(' · ')}</p> : null;
}

function ImportedList({ page, imported, now }: Pick<ImportPageProps, 'page' | 'imported' | 'now'>) {
  if (imported.length === 0) {
    return (
      <EmptyState icon="award" title="Nothing imported yet" bordered level={3}>
        Credentials you import appear here and in the Imported section of your public profile.
      </EmptyState>
    );
  }
  return (
    <Card flush>
      <ul className="list">
        {imported.map((c) => (
          <li key={c.id} className="list__item">
            <BadgeThumb src={importedImagePath(c)} />
            <div className="list__main">
              <p className="list__title">{c.achievementName}</p>
              <p className="list__sub">Issued by {c.issuerName}</p>
              {validity(c, now)}
            </div>
            <div className="list__end">
              <LinkButton
                href={`/credentials/imported/${c.id}/json`}
                size="sm"
                icon="download"
                download
              >
                Download JSON<span className="visually-hidden"> of {c.achievementName}</span>
              </LinkButton>
              <form method="post" action={`/credentials/imported/${c.id}/remove`}>
                <CsrfInput token={page.csrfToken} />
                <Button size="sm" variant="danger-outline" icon="trash">
                  Remove<span className="visually-hidden"> {c.achievementName}</span>
                </Button>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** /credentials/import: add another platform's Open Badges 3.0 credential, and the imported ones. */
export function ImportPage(props: ImportPageProps) {
  const { page, imported, now, notice, error, pasted } = props;
  // Uploads carry the CSRF token in the URL: a multipart body is read only after the check.
  const action = `/credentials/import?_csrf=${encodeURIComponent(page.csrfToken)}`;
  return (
    <AppPage page={page} title="Import credentials">
      <PageHeader
        title="Import credentials"
        subtitle="Add Open Badges 3.0 credentials from other platforms to your wallet. Each one is verified against its issuer’s published key before it is stored."
        actions={
          <LinkButton href={EXPORT_PATH} icon="download" download>
            Export all credentials (JSON)
          </LinkButton>
        }
      />
      {notice || error ? (
        <div className="stack">
          {notice ? (
            <Banner kind="success" role="status">
              {notice}
            </Banner>
          ) : null}
          <FormError message={error} />
        </div>
      ) : null}
      <section aria-labelledby="import-ways" className="stack">
        <SectionHeader
          id="import-ways"
          title="Add a credential"
          description="Choose one of three ways."
        />
        <div className="grid grid--3">
          <Card
            title="Upload a baked image"
            subtitle="A PNG or SVG badge image with the credential inside it, at most 5 MB."
            level={3}
          >
            <form className="form" method="post" action={action} encType="multipart/form-data">
              <input type="hidden" name="source" value="image" />
              <FileField
                label="Baked badge image"
                name="image"
                accept="image/png,image/svg+xml"
                required
              />
              <FormActions>
                <Button variant="primary" icon="upload">
                  Import image
                </Button>
              </FormActions>
            </form>
          </Card>
          <Card
            title="Upload a JSON file"
            subtitle="The credential’s JSON as its issuer gave it, at most 1 MB."
            level={3}
          >
            <form className="form" method="post" action={action} encType="multipart/form-data">
              <input type="hidden" name="source" value="file" />
              <FileField
                label="Credential JSON file"
                name="file"
                accept=".json,application/json,application/ld+json"
                required
              />
              <FormActions>
                <Button variant="primary" icon="upload">
                  Import file
                </Button>
              </FormActions>
            </form>
          </Card>
          <Card title="Paste JSON" subtitle="Paste the whole credential, proof included." level={3}>
            <form className="form" method="post" action={action} encType="multipart/form-data">
              <input type="hidden" name="source" value="paste" />
              <TextAreaField label="Credential JSON" name="json" rows={8} required value={pasted} />
              <FormActions>
                <Button variant="primary" icon="file-text">
                  Import JSON
                </Button>
              </FormActions>
            </form>
          </Card>
        </div>
      </section>
      <section aria-labelledby="imported-title" className="stack">
        <SectionHeader
          id="imported-title"
          title="Imported credentials"
          description="Shown in the Imported section of your public profile. Removing one takes it out of your wallet; you can import it again."
        />
        <ImportedList page={page} imported={imported} now={now} />
      </section>
    </AppPage>
  );
}
