import { expect } from "@playwright/test";
import { hydrated, test } from "./helpers";

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
