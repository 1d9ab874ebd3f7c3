import { test as base, expect, Browser, BrowserContext, Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

/** Uncaught errors of the watched browser contexts during the current test. */
const uncaught: string[] = [];

/** Pages on which a test itself provokes the Content-Security-Policy's refusal. */
export const expectedRefusals = new Set<Page | null>();

/** Collects the uncaught errors of a context's pages (a failed hydration panics there). */
export function watch(context: BrowserContext) {
  context.on("weberror", (e) => {
    const message = e.error().message;
    // The islands router animates each navigation with a view transition; one that starts
    // before the last has finished skips it, and Chromium reports the skipped one's `ready`
    // promise as unhandled. The page is fine: the newer navigation wins, as it should.
    if (message.startsWith("Transition was skipped")) return;
    uncaught.push(`${e.page()?.url() ?? "?"}: ${message}`);
  });
  // A panic's message (and a hydration error's details) reach only the console, and so do
  // the Content-Security-Policy's refusals: a page whose own code the policy refuses fails.
  context.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
      console.log(`[console ${msg.page()?.url() ?? "?"}] ${msg.text()}`);
      if (msg.text().includes("Content Security Policy") && !expectedRefusals.has(msg.page())) {
        uncaught.push(`${msg.page()?.url() ?? "?"}: ${msg.text()}`);
      }
    }
  });
}

/**
 * Playwright's `test`, failing any test whose pages threw: a hydration mismatch leaves a
 * page that looks right but no longer reacts, which a journey may not otherwise notice.
 */
export const test = base.extend<{ noUncaughtErrors: void }>({
  noUncaughtErrors: [
    async ({ context }, use) => {
      uncaught.length = 0;
      watch(context);
      await use();
      expect(uncaught, "uncaught errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export const DEMO_PASSWORD = "mitra-desa-demo";

/** A unique e-mail per test run, so tests never collide with earlier data. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@contoh.id`;
}

/** Waits until the WASM has hydrated (the app marks <html> when it has). */
export async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/masuk");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL(/\/dasbor$/);
}

/** Signs out through the navigation's button and waits for the home page. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/$/);
}

export const DEMO = {
  operator: "operator@demo.mitradesa.id",
  kukar: "kukar@demo.mitradesa.id",
  berau: "berau@demo.mitradesa.id",
  province: "provinsi@demo.mitradesa.id",
};

/** Prints the page's uncaught errors and console errors (a failed hydration shows here). */
export function reportErrors(page: Page, name = "page") {
  page.on("pageerror", (err) => console.log(`[${name} ${page.url()}] pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") console.log(`[${name} ${page.url()}] console: ${msg.text()}`);
  });
}

/** A page in a new browser context (its own cookies: another person), watched for errors. */
export async function newPage(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext();
  watch(context);
  const page = await context.newPage();
  reportErrors(page, name);
  return page;
}

/**
 * The serious and critical accessibility violations axe finds on the page as it is now,
 * one line each (rule and elements): `[]` when there are none.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Whether the page is wider than the phone's screen (it would scroll sideways). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/**
 * A need of the demo village written and sent by its operator, approved by the Kutai
 * Kartanegara staff: its path. Leaves nobody signed in.
 */
export async function publishedNeed(page: Page, title: string, description: string, sector: string): Promise<string> {
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await page.goto("/kebutuhan/baru");
  await hydrated(page);
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Uraian").fill(description);
  await page.getByLabel("Jenis dukungan").selectOption("training");
  await page.getByLabel("Sektor").selectOption(sector);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/peluang\/\d+$/);
  const needUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByTestId("need-status")).toHaveText("Menunggu moderasi");
  await signOut(page);
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await page.goto(needUrl);
  await hydrated(page);
  await page.getByLabel("Setujui dan tayangkan").check();
  await page.getByRole("button", { name: "Simpan keputusan" }).click();
  await expect(page).toHaveURL(/\/moderasi$/);
  await signOut(page);
  return needUrl;
}

/**
 * Signs up as a partner with a new organisation (`university`) and lands on the dashboard,
 * signed in.
 */
export async function signUpPartner(page: Page, name: string, email: string, organisation: string) {
  await page.goto("/daftar");
  await hydrated(page);
  await page.getByLabel("Nama lengkap").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill("kata-sandi-yang-kuat");
  await page.getByLabel("Nama organisasi").fill(organisation);
  await page.getByLabel("Jenis organisasi").selectOption("university");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page).toHaveURL(/\/dasbor$/);
}

/** Province staff, signed in, verify a pending organisation from the moderation queue. */
export async function verifyOrganisation(page: Page, organisation: string) {
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Moderasi" }).click();
  const pending = page.getByTestId("queue-organisations").getByRole("listitem").filter({ hasText: organisation });
  await pending.getByRole("button", { name: "Verifikasi" }).click();
  await expect(page.getByTestId("queue-organisations").getByText(organisation)).toHaveCount(0);
}

/** Decodes quoted-printable text: soft line breaks joined, `=C3=A9` as UTF-8 bytes. */
function quotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * The e-mails that the SMTP sink of the test command (scripts/test: aiosmtpd, keeping mail
 * in the Maildir `TEST_MAILDIR`) received for an address, oldest first, decoded.
 */
export function mailFor(address: string): string[] {
  const maildir = process.env.TEST_MAILDIR;
  if (!maildir) throw new Error("TEST_MAILDIR is not set: run the README's test command (scripts/test)");
  const box = path.join(maildir, "new");
  return fs
    .readdirSync(box)
    .map((name) => path.join(box, name))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs)
    .map((file) => fs.readFileSync(file, "utf8"))
    .filter((message) =>
      message
        .split("\n\n")[0]
        .split("\n")
        .some((line) => line.startsWith("X-RcptTo: ") && line.slice(10).split(",").some((to) => to.trim().toLowerCase() === address.toLowerCase())),
    )
    .map(quotedPrintable);
}
