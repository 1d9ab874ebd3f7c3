import { expect } from "@playwright/test";
import { hydrated, test } from "./helpers";

test("a visitor switches to English and back @nojs", async ({ page, javaScriptEnabled }) => {
  await page.goto("/");
  if (javaScriptEnabled) await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kerja sama desa");
  await expect(page.getByRole("link", { name: "Masuk" }).first()).toBeVisible();

  await page.getByRole("button", { name: "Switch the language to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Village partnerships");
  await expect(page.getByRole("heading", { name: "Headline figures" })).toBeVisible();

  // The choice persists: a fresh load is rendered in English by the server.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  if (javaScriptEnabled) await hydrated(page);
  await page.getByRole("button", { name: "Ganti bahasa ke Bahasa Indonesia" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { name: "Angka utama" })).toBeVisible();
});

test("the home page shows figures from the region registry", async ({ page }) => {
  await page.goto("/");
  const figures = page.locator(".figures");
  await expect(figures.getByText("Kabupaten/kota")).toBeVisible();
  await expect(figures.locator("div", { hasText: "Kecamatan" }).locator("dd")).toHaveText("105");
  await expect(figures.locator("div", { hasText: /^Desa/ }).locator("dd")).toHaveText("841");
});

test("an unknown address shows a helpful 404 page @nojs", async ({ page }) => {
  const response = await page.goto("/tidak-ada-halaman-ini");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  await page.getByRole("link", { name: "Ke beranda" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("the skip link and keyboard reach the content", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Langsung ke konten" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#konten$/);
});

test("pages fit a 360 px phone screen", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/masuk", "/daftar", "/peluang", "/penawaran", "/mitra", "/statistik", "/api/v1"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
