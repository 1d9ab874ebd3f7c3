import { expect, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, signIn, test } from "./helpers";

// Issue 11's budget: the JavaScript + WASM a first-time visitor downloads before a page is
// interactive, as encoded on the wire (brotli), until the network is quiet.
const PUBLIC_BUDGET = 250 * 1024;
const SIGNED_IN_BUDGET = 400 * 1024;

/** Loads `path` in a fresh context's page and sums the encoded .js and .wasm bodies. */
async function codeBytes(page: Page, path: string): Promise<number> {
  const sizes: Promise<number>[] = [];
  page.on("requestfinished", (request) => {
    if (/\.(js|wasm)(\?|$)/.test(new URL(request.url()).pathname)) {
      sizes.push(request.sizes().then((s) => s.responseBodySize));
    }
  });
  await page.goto(path, { waitUntil: "networkidle" });
  await hydrated(page);
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  console.log(`js+wasm ${path}: ${total} B`);
  return total;
}

test("public pages download little code, and a second visit none", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const first = await page.request.get("/api/v1/needs?per_page=1");
  const need = (await first.json()).items[0];
  const cooperation = (await (await page.request.get("/api/v1/agreements")).json()).items[0];
  for (const path of [
    "/",
    "/peluang",
    `/peluang/${need.need_id}`,
    "/penawaran",
    "/mitra",
    `/desa/${need.village_code}`,
    "/kerja-sama",
    `/kerja-sama/${cooperation.agreement_id}`,
    "/statistik",
    "/masuk",
    "/daftar",
  ]) {
    const fresh = await browser.newContext();
    const bytes = await codeBytes(await fresh.newPage(), path);
    expect(bytes, path).toBeGreaterThan(0);
    expect(bytes, path).toBeLessThanOrEqual(PUBLIC_BUDGET);
    await fresh.close();
  }
  // The same context again: the hashed files come from the browser's cache.
  await page.goto("/peluang", { waitUntil: "networkidle" });
  await hydrated(page);
  const again: string[] = [];
  page.on("requestfinished", async (request) => {
    const response = await request.response();
    if (/\.(js|wasm|css)$/.test(new URL(request.url()).pathname) && !response?.fromServiceWorker()) {
      if ((await request.sizes()).responseBodySize > 0) again.push(request.url());
    }
  });
  await page.goto("/penawaran", { waitUntil: "networkidle" });
  await page.reload({ waitUntil: "networkidle" });
  expect(again, "files downloaded again").toEqual([]);
  await context.close();
});

test("the heaviest signed-in page stays within its budget", async ({ page }) => {
  await signIn(page, DEMO.province, DEMO_PASSWORD);
  // For each page another context with the same session: signed in, the browser's cache
  // empty (one context for all would serve the later pages from its cache: nothing measured).
  const cookies = await page.context().cookies();
  for (const path of ["/dasbor", "/moderasi", "/akun", "/kerja-sama"]) {
    const fresh = await page.context().browser()!.newContext();
    await fresh.addCookies(cookies);
    const bytes = await codeBytes(await fresh.newPage(), path);
    expect(bytes, path).toBeGreaterThan(0);
    expect(bytes, path).toBeLessThanOrEqual(SIGNED_IN_BUDGET);
    await fresh.close();
  }
});

test("after the first page, navigation stays in the page", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as { kept: number }).kept = 42));
  const nav = page.getByRole("navigation", { name: "Navigasi utama" });
  await nav.getByRole("link", { name: "Peluang" }).click();
  await expect(page.getByRole("heading", { name: "Peluang kerja sama", level: 1 })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Peluang" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Beranda" })).not.toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Penawaran" }).click();
  await expect(page).toHaveURL(/\/penawaran$/);
  await expect(nav.getByRole("link", { name: "Peluang" })).not.toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page).toHaveURL(/\/peluang$/);
  await expect(page.getByRole("heading", { name: "Peluang kerja sama", level: 1 })).toBeVisible();
  // The same document all along: no full page load happened.
  expect(await page.evaluate(() => (window as unknown as { kept?: number }).kept)).toBe(42);
});
