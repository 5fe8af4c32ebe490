import { createHash } from 'node:crypto';
import { fullName } from '../../core/entities.ts';
import type { PublicProfile } from '../../core/profiles/public-profile.ts';
import {
  Avatar,
  EmptyState,
  LinkButton,
  SectionHeader,
  Stat,
  StatsRow,
} from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { OpenGraphTags } from './open-graph.tsx';
import { AppPage } from './shell.tsx';
import { ImportedCredentialCard, WalletCredentialCard, WalletGrid } from './wallet-parts.tsx';

/** The avatar's public URL; the version changes with every upload, so a new one shows at once despite caching. */
function avatarSrc(userId: string, avatarPath: string): string {
  const version = createHash('sha256').update(avatarPath).digest('base64url').slice(0, 10);
  return `/avatars/${userId}?v=${version}`;
}

/** The uploaded picture, or initials. Decorative: the name is always beside it. */
export function ProfileAvatar({
  person,
}: {
  person: { id: string; firstName: string; lastName: string; avatarPath: string | null };
}) {
  return person.avatarPath ? (
    <img
      className="profile-avatar"
      src={avatarSrc(person.id, person.avatarPath)}
      alt=""
      width={96}
      height={96}
    />
  ) : (
    <span className="profile-avatar profile-avatar--initials">
      <Avatar firstName={person.firstName} lastName={person.lastName} size="xl" />
    </span>
  );
}

export function PublicProfilePage({
  page,
  profile,
  url,
  now,
}: {
  page: PageContext;
  profile: PublicProfile;
  url: string;
  now: Date;
}) {
  const { person, credentials, imported, stats, isOwner } = profile;
  const name = fullName(person);
  const head = (
    <>
      <OpenGraphTags
        og={{
          type: 'profile',
          title: name,
          description: `Credentials earned by ${name}, each verifiable on Laurel.`,
          url,
          // The avatar route answers on the profile's own origin, so it resolves against its URL.
          image: person.avatarPath
            ? new URL(avatarSrc(person.id, person.avatarPath), url).href
            : null,
          imageAlt: name,
        }}
      />
      <link rel="canonical" href={url} />
    </>
  );
  return (
    <AppPage page={page} title={name} head={head}>
      <div className="profile-header">
        <ProfileAvatar person={person} />
        <div className="profile-header__text">
          <h1>{name}</h1>
          {person.linkedinUrl ? (
            <div className="button-row">
              <LinkButton href={person.linkedinUrl} external size="sm">
                LinkedIn Profile
              </LinkButton>
            </div>
          ) : null}
        </div>
        {isOwner ? (
          <div className="page-header__actions">
            <LinkButton href="/profile/edit" icon="edit">
              Edit profile
            </LinkButton>
            <LinkButton href="/api/credentials/export" icon="download">
              Export all credentials (JSON)
            </LinkButton>
            <LinkButton href="/credentials/import" icon="upload">
              Import credentials
            </LinkButton>
          </div>
        ) : null}
      </div>

      <section aria-label="Quick stats">
        <StatsRow>
          <Stat label="Credentials" value={stats.credentials} icon="award" />
          <Stat label="Issuers" value={stats.issuers} icon="building" />
        </StatsRow>
      </section>

      <section aria-labelledby="credentials-title" className="stack">
        <SectionHeader id="credentials-title" title="Credentials" />
        {credentials.length === 0 ? (
          <EmptyState icon="award" title="No credentials to show yet" bordered level={3}>
            {isOwner
              ? 'Credentials you claim appear here when their issuer made them public.'
              : `${person.firstName} has no public credentials yet.`}
          </EmptyState>
        ) : (
          <WalletGrid label="Credentials">
            {credentials.map((c) => (
              <WalletCredentialCard key={c.id} credential={c} now={now} />
            ))}
          </WalletGrid>
        )}
      </section>

      {imported.length > 0 || isOwner ? (
        <section aria-labelledby="imported-title" className="stack">
          <SectionHeader
            id="imported-title"
            title="Imported"
            description="Open Badges from other platforms."
          />
          {imported.length === 0 ? (
            <EmptyState
              icon="upload"
              title="No imported credentials"
              bordered
              level={3}
              actions={
                <LinkButton href="/credentials/import" icon="upload">
                  Import credentials
                </LinkButton>
              }
            >
              Bring in Open Badges 3.0 credentials you earned elsewhere: a baked PNG or the JSON.
            </EmptyState>
          ) : (
            <WalletGrid label="Imported credentials">
              {imported.map((c) => (
                <ImportedCredentialCard key={c.id} credential={c} />
              ))}
            </WalletGrid>
          )}
        </section>
      ) : null}
    </AppPage>
  );
}
