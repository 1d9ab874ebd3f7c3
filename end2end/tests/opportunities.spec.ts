import { expect } from "@playwright/test";
import { hydrated, test } from "./helpers";

test("a visitor filters opportunities and the link reproduces the view @nojs", async ({ page, javaScriptEnabled }) => {
  await page.goto("/");
  if (javaScriptEnabled) await hydrated(page);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Peluang" }).click();
  await expect(page.getByRole("heading", { name: "Peluang kerja sama", level: 1 })).toBeVisible();
  const everything = await page.getByRole("status").first().textContent();

  await page.getByLabel("Kabupaten/kota").selectOption({ label: "Kutai Kartanegara" });
  await page.getByLabel("Jenis dukungan").selectOption("training");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/kabupaten=64\.02/);
  await expect(page).toHaveURL(/dukungan=training/);
  const filtered = page.getByRole("status").first();
  await expect(filtered).toContainText("kebutuhan");
  expect(await filtered.textContent()).not.toEqual(everything);
  const cards = page.locator(".card");
  const count = await cards.count();
  for (let i = 0; i < count; i++) {
    await expect(cards.nth(i)).toContainText("Kutai Kartanegara");
    await expect(cards.nth(i)).toContainText("Pelatihan");
  }

  // The copied link opens the same view, filters selected.
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByLabel("Kabupaten/kota")).toHaveValue("64.02");
  await expect(other.getByLabel("Jenis dukungan")).toHaveValue("training");
  await expect(other.getByRole("status").first()).toHaveText((await filtered.textContent())!);
});
