import type { EmailTransportKind } from '../../core/mailbox/mailbox.ts';
import type { MailboxEntry, MailboxMessage } from '../../core/ports/stores/mailbox.ts';
import {
  Banner,
  Card,
  CellPrimary,
  DataTable,
  DescriptionList,
  EmptyState,
  Field,
  LinkButton,
  PageHeader,
  Pill,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { AppPage } from './shell.tsx';

const STATUS_TONE = {
  queued: 'info',
  sending: 'info',
  sent: 'success',
  failed: 'danger',
  suppressed: 'neutral',
} as const;

function when(d: Date | null): string {
  return d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
}

export function AdminMailboxPage(props: {
  page: PageContext;
  messages: MailboxEntry[];
  total: number;
  pageNumber: number;
  pageSize: number;
  to: string | undefined;
  transport: EmailTransportKind;
}) {
  const { page, messages, total, pageNumber, pageSize, to } = props;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const qs = (p: number) => `/admin/mailbox?page=${p}${to ? `&to=${encodeURIComponent(to)}` : ''}`;
  return (
    <AppPage page={page} title="Mailbox">
      <PageHeader title="Mailbox" subtitle={`Every email Laurel has queued, ${total} in all.`} />
      <Banner kind="info">
        {props.transport === 'mailbox'
          ? 'No SMTP server is configured, so emails are delivered to this local mailbox and written as .eml files in the data folder.'
          : 'Emails are sent through the configured SMTP server; this is the delivery log.'}
      </Banner>
      <form method="get" action="/admin/mailbox" className="inline-form filter-bar" role="search">
        <Field
          label="Recipient"
          name="to"
          type="email"
          value={to}
          placeholder="someone@example.org"
        />
        <button className="btn btn--secondary" type="submit">
          Filter
        </button>
      </form>
      {messages.length === 0 ? (
        <EmptyState icon="mail" title="No emails" bordered>
          Nothing has been sent{to ? ` to ${to}` : ''} yet.
        </EmptyState>
      ) : (
        <Card flush>
          <DataTable
            caption="Emails"
            rows={messages}
            rowKey={(m) => m.id}
            columns={[
              {
                key: 'subject',
                header: 'Subject',
                cell: (m) => (
                  <CellPrimary
                    title={<a href={`/admin/mailbox/${m.id}`}>{m.subject}</a>}
                    sub={m.to}
                  />
                ),
              },
              {
                key: 'kind',
                header: 'Kind',
                cell: (m) => <span className="mono small">{m.kind}</span>,
              },
              {
                key: 'status',
                header: 'Status',
                cell: (m) => (
                  <>
                    <Pill tone={STATUS_TONE[m.status]} size="sm">
                      {m.status}
                    </Pill>
                    {m.lastError ? <div className="muted small">{m.lastError}</div> : null}
                  </>
                ),
              },
              { key: 'created', header: 'Queued', nowrap: true, cell: (m) => when(m.createdAt) },
            ]}
          />
        </Card>
      )}
      {last > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {pageNumber > 1 ? <a href={qs(pageNumber - 1)}>Previous</a> : null}
          <span>
            Page {pageNumber} of {last}
          </span>
          {pageNumber < last ? <a href={qs(pageNumber + 1)}>Next</a> : null}
        </nav>
      ) : null}
    </AppPage>
  );
}

export function AdminMailboxMessagePage({
  page,
  message: m,
  bodyHidden,
}: {
  page: PageContext;
  message: MailboxMessage;
  bodyHidden: boolean;
}) {
  return (
    <AppPage page={page} title={m.subject}>
      <PageHeader
        title={m.subject}
        breadcrumbs={[{ label: 'Mailbox', href: '/admin/mailbox' }, { label: 'Message' }]}
        actions={
          <>
            {bodyHidden ? null : (
              <LinkButton href={`/admin/mailbox/${m.id}/html`} variant="secondary" external>
                View HTML version
              </LinkButton>
            )}
            <LinkButton href="/admin/mailbox" variant="secondary" icon="arrow-left">
              Back to mailbox
            </LinkButton>
          </>
        }
      />
      <Card>
        <DescriptionList
          compact
          items={[
            { term: 'To', details: m.to },
            { term: 'Kind', details: <span className="mono">{m.kind}</span> },
            {
              term: 'Status',
              details: `${m.status}${m.attempts ? ` after ${m.attempts} attempt${m.attempts === 1 ? '' : 's'}` : ''}`,
            },
            { term: 'Queued', details: when(m.createdAt) },
            { term: 'Sent', details: when(m.sentAt) },
            ...(m.lastError ? [{ term: 'Last error', details: m.lastError }] : []),
          ]}
        />
      </Card>
      {bodyHidden ? (
        <Banner kind="info">
          This email holds a personal sign-in or invitation link, so only its recipient can read it.
        </Banner>
      ) : (
        <Card title="Plain text" level={2}>
          <pre className="email-text" data-testid="email-text">
            {m.text}
          </pre>
        </Card>
      )}
    </AppPage>
  );
}
