import { startFxSimulator } from './fx-simulator';

/** `node dist/simulator/run.js` — starts the FX feed simulator on FX_SIM_PORT (1343). Refuses NODE_ENV=production. */
async function main(): Promise<void> {
  const sim = await startFxSimulator();
  // eslint-disable-next-line no-console
  console.log(`[fx-sim] CFETS/ECB feeds on http://127.0.0.1:${sim.port}`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // eslint-disable-next-line no-console
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
