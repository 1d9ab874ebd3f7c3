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
  // The list is not empty (the demo data has Kukar training needs), and every card fits.
  const cards = page.getByRole("list").filter({ has: page.getByRole("heading", { level: 2 }) }).getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(cards.nth(i)).toContainText("Kutai Kartanegara");
    await expect(cards.nth(i)).toContainText("Pelatihan");
  }

  // The link carries only what was chosen, the same with and without JavaScript.
  const url = page.url();
  expect(new URL(url).search).toBe("?kabupaten=64.02&dukungan=training");
  // The copied link opens the same view, filters selected.
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByLabel("Kabupaten/kota")).toHaveValue("64.02");
  await expect(other.getByLabel("Jenis dukungan")).toHaveValue("training");
  await expect(other.getByRole("status").first()).toHaveText((await filtered.textContent())!);
});
