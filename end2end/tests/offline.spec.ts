import { expect } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, seriousViolations, signIn, test } from "./helpers";

test("the app can be installed, in the page's language", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest-id.webmanifest");
  for (const lang of ["id", "en"]) {
    const response = await request.get(`/manifest-${lang}.webmanifest`);
    expect(response.ok()).toBe(true);
    const manifest = await response.json();
    expect(manifest.lang).toBe(lang);
    expect(manifest.short_name).toBe("Mitra Desa");
    expect(manifest.display).toBe("standalone");
    for (const icon of manifest.icons) {
      const file = await request.get(icon.src);
      expect(file.headers()["content-type"], icon.src).toBe("image/png");
    }
  }
});

test("pages read before can be read offline, and others say what can be done", async ({ page, context }) => {
  await page.goto("/");
  await hydrated(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Controlled by the service worker from this load on; this page is kept.
  await page.goto("/peluang");
  await expect(page.getByRole("heading", { name: "Peluang kerja sama", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await context.setOffline(true);
  await page.goto("/peluang");
  await expect(page.getByRole("heading", { name: "Peluang kerja sama", level: 1 })).toBeVisible();
  await page.goto("/mitra?halaman=9");
  await expect(page.getByRole("heading", { name: "Tidak ada koneksi", level: 1 })).toBeVisible();
  await expect(page.getByText("Halaman yang baru saja Anda buka tetap bisa dibaca")).toBeVisible();
  await context.setOffline(false);
  await page.goto("/mitra");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Tidak ada koneksi");
});

test("a need written without a signal stays on the phone and is sent once when the signal returns", async ({
  page,
  context,
}) => {
  const title = `Pelatihan pengolahan kopi tanpa sinyal ${Date.now()}`;
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await hydrated(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto("/kebutuhan/baru");
  await hydrated(page);
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  // No signal: what is typed is kept on the phone, even across a reload.
  await context.setOffline(true);
  await page.getByLabel("Judul").fill(title);
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Judul")).toHaveValue(title);
  await expect(page.getByRole("status").filter({ hasText: "dipulihkan" })).toBeVisible();
  await page.getByLabel("Uraian").fill("Kami membutuhkan pelatihan pengolahan kopi robusta bagi kelompok tani desa.");
  await page.getByLabel("Jenis dukungan").selectOption("training");
  await page.getByLabel("Sektor").selectOption("agriculture");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tersimpan di ponsel ini" })).toBeVisible();
  const drafts = page.getByTestId("phone-drafts");
  await expect(drafts.getByRole("listitem").filter({ hasText: title })).toContainText("Di ponsel ini");
  await expect(page.getByLabel("Judul")).toHaveValue("");
  expect(await seriousViolations(page)).toEqual([]);
  await page.reload();
  await hydrated(page);
  await expect(drafts.getByRole("listitem").filter({ hasText: title })).toContainText("Di ponsel ini");

  // The signal returns: it is sent by itself, once.
  await context.setOffline(false);
  await expect(drafts.getByRole("listitem").filter({ hasText: title })).toContainText("Terkirim");
  await page.reload();
  await hydrated(page);
  await page.goto("/dasbor");
  await expect(page.getByTestId("my-needs").getByRole("link", { name: title })).toHaveCount(1);
  await expect(page.getByTestId("phone-drafts").getByRole("listitem").filter({ hasText: title })).toContainText(
    "Terkirim",
  );
});
