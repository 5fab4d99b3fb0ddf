import { startDdtSimulator } from './ddt-simulator';

/**
 * `node dist/simulator/run.js` — starts the 点点通 simulator from the environment
 * (DDT_SIM_PORT 1342, DDT_SIM_LATENCY_MS, DDT_SIM_FAILURE_RATE, DDT_SIM_STEP_MS). Refuses NODE_ENV=production.
 */
async function main(): Promise<void> {
  const sim = await startDdtSimulator();
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
