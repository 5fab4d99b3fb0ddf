/// <reference types="vite/client" />

/** Base URL of the local SMS simulator, injected by vite.config.ts (only shown in development). */
declare const __SMS_SIM_URL__: string;
