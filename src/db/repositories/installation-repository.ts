import type { DbOrTrx } from '../database.ts';

/** Reads one installation fact. */
async function readInstallationValue(db: DbOrTrx, name: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('installation')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return r?.value;
}

/** Stores a fact unless one is there already (two processes starting together agree on the first). */
export async function writeInstallationValueOnce(
  db: DbOrTrx,
  name: string,
  value: string,
): Promise<string> {
  await db
    .insertInto('installation')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await readInstallationValue(db, name)) ?? value;
}
