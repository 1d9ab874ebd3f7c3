import { expect } from "@playwright/test";
import { hydrated, test } from "./helpers";

test("a visitor browses offers by regency, opens one and its partner @nojs", async ({ page, javaScriptEnabled }) => {
  await page.goto("/");
  if (javaScriptEnabled) await hydrated(page);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Penawaran" }).click();
  await expect(page.getByRole("heading", { name: "Penawaran mitra", level: 1 })).toBeVisible();
  await expect(page.getByRole("status").first()).toContainText("penawaran");

  // With JavaScript the address changes before the list is patched: the count tells when it was.
  const everywhere = (await page.getByRole("status").first().textContent())!;
  await page.getByLabel("Kabupaten/kota").selectOption({ label: "Berau" });
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/kabupaten=64\.03/);
  await expect(page.getByRole("status").first()).not.toHaveText(everywhere);
  const first = page.locator(".card").first();
  const title = (await first.getByRole("heading").textContent())!.trim();
  const partner = (await first.locator(".card-meta a").textContent())!.trim();

  await first.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText(/Seluruh Kalimantan Timur|Berau/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Bagikan lewat WhatsApp" })).toHaveAttribute("href", /^https:\/\/wa\.me\//);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", `${title} · Mitra Desa`);

  await page.getByRole("link", { name: partner }).click();
  await expect(page.getByRole("heading", { name: partner, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Penawaran yang tayang" })).toBeVisible();
  await expect(page.locator(".card").getByRole("link", { name: title })).toBeVisible();
  // Nothing private: no e-mail address or phone number on a public partner page.
  const text = await page.locator("main").textContent();
  expect(text).not.toMatch(/@|\b08\d{8,}/);
});
