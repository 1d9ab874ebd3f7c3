import { expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO, DEMO_PASSWORD, hydrated, signIn, test } from "./helpers";

test("regency staff open the statistics, narrow them to their regency by district and see their moderation backlog", async ({
  page,
}) => {
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await hydrated(page);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Statistik" }).click();
  await expect(page.getByRole("heading", { name: "Statistik", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Moderasi di wilayah Anda" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Menurut kabupaten/kota" })).toBeVisible();

  const filters = page.getByRole("form", { name: "Saring" });
  await filters.getByLabel("Kabupaten/kota").selectOption({ label: "Kutai Kartanegara" });
  await filters.getByLabel("Kelompokkan waktu per").selectOption({ label: "Triwulan" });
  await filters.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/\/statistik\?kabupaten=64\.02&periode=quarter$/);
  await expect(page.getByRole("heading", { name: "Menurut kecamatan" })).toBeVisible();
  const funnel = page.getByRole("img", { name: /Dari kebutuhan sampai kerja sama selesai/ });
  await expect(funnel).toBeVisible();
  // The same figures as a table, for screen readers.
  const table = page.getByRole("table", { name: "Dari kebutuhan sampai kerja sama selesai" });
  await expect(table.getByRole("rowheader").first()).toHaveText("Diajukan");
  await expect(page.getByRole("table", { name: "Dari waktu ke waktu" }).getByRole("rowheader").first()).toHaveText(/^\d{4}-Q[1-4]$/);

  // The map: every regency drawn, the one chosen among them, the villages with needs as dots.
  const map = page.getByRole("group", { name: /Peta Kalimantan Timur/ });
  await expect(map).toBeVisible();
  await expect(map.getByRole("link", { name: /^Kutai Kartanegara: / })).toBeVisible();
  await expect(map.locator("circle.dot").first()).toBeAttached();

  // The regency's needs as a spreadsheet, with the filters of the view.
  const exports = page.getByRole("table", { name: "Ekspor data" });
  const link = exports.getByRole("link", { name: "XLSX Kebutuhan" });
  await expect(link).toHaveAttribute("href", "/ekspor/kebutuhan.xlsx?kabupaten=64.02");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^mitra-desa-kebutuhan-64\.02-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = readFileSync(await download.path());
  expect(file.subarray(0, 2).toString()).toBe("PK"); // a ZIP container, as XLSX is
  expect(file.includes("xl/worksheets/sheet1.xml")).toBe(true);
  expect(file.includes("xl/worksheets/sheet2.xml")).toBe(true); // the data dictionary
  // The page followed the file while it was prepared, and says it is ready.
  await expect(page.getByRole("status").filter({ hasText: "Kebutuhan (XLSX)" })).toHaveText(
    "Kebutuhan (XLSX) siap: unduhan dimulai.",
  );
  await page.getByRole("link", { name: "Kamus data" }).click();
  await expect(page.getByRole("heading", { name: "Kamus data", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Kebutuhan", exact: true }).getByRole("rowheader", { name: "id_kebutuhan" })).toBeVisible();
});

test("a visitor groups the statistics by month without JavaScript @nojs", async ({ page }) => {
  await page.goto("/statistik");
  await expect(page.getByRole("heading", { name: "Statistik", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Moderasi di wilayah Anda" })).toHaveCount(0);
  await page.getByLabel("Kelompokkan waktu per").selectOption({ label: "Bulan" });
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/\/statistik\?periode=month$/);
  const months = page.getByRole("table", { name: "Dari waktu ke waktu" }).getByRole("rowheader");
  await expect(months.first()).toHaveText(/^\d{4}-\d{2}$/);
  await expect(page.getByRole("img", { name: /Menurut sektor/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "/api/v1/statistics?periode=month" })).toBeVisible();
  // Visitors get no exports; the map is there, and its figure is a filter like the others.
  await expect(page.getByRole("heading", { name: "Ekspor data" })).toHaveCount(0);
  await page.getByLabel("Peta menurut").selectOption({ label: "Kerja sama" });
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/\/statistik\?periode=month&peta=cooperations$/);
  await expect(page.getByRole("group", { name: /Peta Kalimantan Timur: Kerja sama per kabupaten\/kota/ })).toBeVisible();
});
