import type { Permissions } from '../../core/authz/permissions.ts';
import type { SigningKey } from '../../core/ports/stores/signing-keys.ts';
import { Button, Card, CsrfInput, DataTable, Pill } from '../components/index.ts';
import { organizationActionPath } from '../app-paths.ts';

/** The Signing keys section: generate once (Owner), then the public DID and its keys. */
export function SigningKeysCard(props: {
  orgId: string;
  may: Permissions;
  keys: SigningKey[];
  did: string;
  didUrl: string;
  csrfToken: string;
}) {
  const { keys } = props;
  return (
    <Card
      title="Signing keys"
      level={2}
      id="signing-keys"
      subtitle="Every credential is signed with your organization's Ed25519 key. The private key is encrypted and never leaves the server."
    >
      {keys.length === 0 ? (
        props.may['signing_keys.generate'] ? (
          <form method="post" action={organizationActionPath(props.orgId, 'signing-keys')}>
            <CsrfInput token={props.csrfToken} />
            <Button variant="primary" icon="key">
              Generate signing keys
            </Button>
          </form>
        ) : (
          <p>No signing keys yet. An owner generates them once for the organization.</p>
        )
      ) : (
        <>
          <p>
            Public keys are published at{' '}
            <a href={props.didUrl} className="mono">
              {props.didUrl}
            </a>
          </p>
          <p className="muted small">
            Issuer DID: <span className="mono">{props.did}</span>
          </p>
          <DataTable
            caption="Signing keys"
            rows={keys}
            rowKey={(k) => k.id}
            columns={[
              { key: 'id', header: 'Key', cell: (k) => <span className="mono">#{k.keyId}</span> },
              {
                key: 'status',
                header: 'Status',
                cell: (k) => (
                  <Pill tone={k.status === 'active' ? 'success' : 'neutral'} size="sm">
                    {k.status === 'active'
                      ? 'Active'
                      : k.status === 'retired'
                        ? 'Retired (still verifies)'
                        : 'Revoked'}
                  </Pill>
                ),
              },
              {
                key: 'created',
                header: 'Created',
                nowrap: true,
                cell: (k) => k.createdAt.toISOString().slice(0, 10),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
