import { MINUTE } from '../core/clock.ts';
import { runHousekeeping } from '../core/housekeeping.ts';
import type { Config } from './config.ts';
import { createHttpApp, createLaurel, type Laurel } from './laurel.ts';

/** Periodic housekeeping that every worker process runs; each step is safe to run twice. */
function startHousekeeping(laurel: Laurel): () => void {
  const run = () => {
    runHousekeeping(laurel.deps).catch((e: unknown) =>
      laurel.logger.error({ err: e }, 'housekeeping failed'),
    );
  };
  run();
  const timer = setInterval(run, 10 * MINUTE);
  timer.unref();
  return () => clearInterval(timer);
}

/** Resolves when SIGINT or SIGTERM arrives. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export async function runServer(config: Config): Promise<number> {
  const laurel = await createLaurel(config);
  const app = await createHttpApp(laurel);
  await app.listen({ port: config.port, host: config.host });
  const stopHousekeeping = config.runWorkerInServer ? startHousekeeping(laurel) : () => undefined;
  if (config.runWorkerInServer) laurel.worker.start();
  laurel.logger.info(
    { url: config.publicUrl, database: config.database.dialect, mail: laurel.transport.kind },
    `Laurel is running at ${config.publicUrl}`,
  );
  await untilSignal();
  stopHousekeeping();
  await app.close();
  await laurel.close();
  return 0;
}

export async function runWorker(config: Config): Promise<number> {
  const laurel = await createLaurel(config);
  const stopHousekeeping = startHousekeeping(laurel);
  laurel.worker.start();
  laurel.logger.info({ mail: laurel.transport.kind }, 'Laurel worker is running');
  await untilSignal();
  stopHousekeeping();
  await laurel.close();
  return 0;
}
