// Where the e2e run's servers listen (see playwright.config.ts). Fixed ports, away from the dev defaults.
export const CONSOLE_PORT = Number(process.env.E2E_PORT ?? 3100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const CONSOLE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
export const SANDBOX_KEY = "sandbox";
export const E2E_DATA_DIR = ".e2e-data";
