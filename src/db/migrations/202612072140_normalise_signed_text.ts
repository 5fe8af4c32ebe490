import type { Kysely } from 'kysely';

// Frozen in time: never edit after it has landed; add a new migration instead.
//
// Text that goes into signed credentials is now normalised on input (core/signed-text.ts)
// and a document builder refuses a control character as a bug. Organizations and badges
// written before that rule may hold one: an organization description typed in a textarea
// holds CRLF, a name may hold a tab. Their next credential, and their public achievement
// documents, would fail to build; so the stored text gets the same treatment input gets
// now: CRLF and CR become LF, a tab a space, and any other C0 control or DEL, which no input
// ever meant and which shows as nothing, is dropped. The rule is copied here, not imported,
// so this migration does what it did the day it landed. Signed credentials keep their bytes.

const OTHER_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function normalised(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(OTHER_CONTROLS, '');
}

/** A skill list as stored (JSON text), each skill normalised as the skills field does. */
function normalisedTags(json: string): string {
  const tags = JSON.parse(json) as string[];
  return JSON.stringify(
    tags.map((tag) => normalised(tag).trim().replace(/\s+/g, ' ')).filter((tag) => tag !== ''),
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  const organizations = (await db
    .selectFrom('organizations')
    .select(['id', 'name', 'description'])
    .execute()) as { id: string; name: string; description: string | null }[];
  for (const o of organizations) {
    const name = normalised(o.name);
    const description = o.description === null ? null : normalised(o.description);
    if (name !== o.name || description !== o.description)
      await db
        .updateTable('organizations')
        .set({ name, description })
        .where('id', '=', o.id)
        .execute();
  }

  const badges = (await db
    .selectFrom('badges')
    .select(['id', 'name', 'description', 'criteria', 'tags'])
    .execute()) as {
    id: string;
    name: string;
    description: string;
    criteria: string;
    tags: string;
  }[];
  for (const b of badges) {
    const after = {
      name: normalised(b.name),
      description: normalised(b.description),
      criteria: normalised(b.criteria),
      tags: normalisedTags(b.tags),
    };
    if (
      after.name !== b.name ||
      after.description !== b.description ||
      after.criteria !== b.criteria ||
      after.tags !== b.tags
    )
      await db.updateTable('badges').set(after).where('id', '=', b.id).execute();
  }
}

/** Nothing to undo: the text it rewrote reads the same, and the old bytes are not kept. */
export async function down(): Promise<void> {}
