// What a credential, its achievement and its issuer state, as plain data: the input of every
// document builder here (credential-document.ts, achievement.ts, issuer-profile.ts), kept
// apart from them so the builders can use one another without importing each other's types.

export interface IssuerFacts {
  did: string;
  name: string;
  url: string | null;
  description: string | null;
  imageUrl: string | null;
  email: string | null;
}

export interface AchievementFacts {
  /** Absolute URL /achievements/{org}/{badge}. */
  id: string;
  name: string;
  description: string;
  criteria: string;
  imageUrl: string | null;
  tags: readonly string[];
  /** Shown only in the standalone Achievement document, never in a credential. */
  externalUrl: string | null;
}

export interface CredentialFacts {
  /** A lowercase UUID; the document id is `urn:uuid:${id}`. */
  id: string;
  issuer: IssuerFacts;
  validFrom: Date;
  validUntil: Date | null;
  recipient: { name: string; email: string; salt: string };
  achievement: AchievementFacts;
  evidenceUrl: string | null;
  /** The revocation BitstringStatusListEntry: bit `index` of the list at `listUrl`. */
  status: { listUrl: string; index: number };
}
