import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (/usr/bin/chromium); Playwright never downloads a browser here
// (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1). scripts/test starts the release server and sets BASE_URL.
const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:3000";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL, trace: "off", locale: "id-ID" },
  projects: [
    { name: "chromium", use: chromium },
    { name: "chromium-no-js", use: { ...chromium, javaScriptEnabled: false }, grep: /@nojs/ },
  ],
});
