import type { VerificationLog } from '../../src/core/ports/verification-log.ts';

/** The verification logs of this test file's running apps and cores. */
const logs = new Set<VerificationLog>();

/**
 * Registers a verification log until `untrack` is called (before it closes), so a table
 * snapshot writes what the log noted first: views noted before a refused request are then in
 * both snapshots, and a view the refused request noted shows as a change.
 */
export function trackVerificationLog(log: VerificationLog): () => void {
  logs.add(log);
  return () => logs.delete(log);
}

/** Writes what every running verification log of this file has noted. */
export async function flushVerificationLogs(): Promise<void> {
  await Promise.all([...logs].map((log) => log.flush()));
}
