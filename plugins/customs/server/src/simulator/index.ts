export { startDdtSimulator, optionsFromEnv, verifyConfig } from './ddt-simulator';
export type { DdtSimulator, DdtSimulatorOptions } from './ddt-simulator';
