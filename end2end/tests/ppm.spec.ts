import { expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO, DEMO_PASSWORD, seriousViolations, signIn, signOut, test } from "./helpers";

const COMPANY = "PT Borneo Hijau Lestari"; // the demo partner's organisation
const VILLAGE_CODE = "64.02.01.2001"; // a desa of Kutai Kartanegara

test("a company records a ring-1 village, the regency's staff confirm it and the village shows the company", async ({
  page,
}) => {
  await signIn(page, "mitra@demo.mitradesa.id", DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "PPM/TJSL" }).click();
  await expect(page.getByRole("heading", { name: `Laporan PPM/TJSL: ${COMPANY}`, level: 1 })).toBeVisible();
  await page.getByLabel("Kode desa").fill(VILLAGE_CODE);
  await page.getByLabel("Ring", { exact: true }).selectOption({ label: "Ring 1" });
  await page.getByRole("button", { name: "Catat desa" }).click();
  const villages = page.getByRole("region", { name: "Desa di wilayah operasi" });
  const row = villages.getByRole("row").filter({ has: page.locator(`a[href="/desa/${VILLAGE_CODE}"]`) });
  await expect(row.getByRole("cell", { name: "Menunggu konfirmasi staf" })).toBeVisible();
  const village = (await row.getByRole("link").first().textContent())!.trim();
  expect(await seriousViolations(page)).toEqual([]);
  // A mistake is named at its field.
  await page.getByLabel("Kode desa").fill("64.02");
  await page.getByLabel("Ring", { exact: true }).selectOption({ label: "Ring 2" });
  await page.getByRole("button", { name: "Catat desa" }).click();
  await expect(page.getByLabel("Kode desa")).toHaveAttribute("aria-invalid", "true");
  await signOut(page);

  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "PPM/TJSL" }).click();
  await expect(page.getByRole("heading", { name: "Cakupan PPM/TJSL", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: `Konfirmasi ${village}` }).first().click();
  await expect(page.getByRole("button", { name: `Konfirmasi ${village}` })).toHaveCount(0);
  const coverage = page.getByRole("region", { name: "Cakupan ring 1 per perusahaan" });
  await coverage.getByRole("link", { name: COMPANY }).click();
  await expect(page.getByRole("heading", { name: `Laporan PPM/TJSL: ${COMPANY}`, level: 1 })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Dikonfirmasi" })).toBeVisible();
  // The report as a workbook, for the company's own reporting.
  const [report] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Unduh laporan (XLSX)" }).click(),
  ]);
  expect(report.suggestedFilename()).toMatch(/^mitra-desa-laporan-ppm-\d+-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(readFileSync(await report.path()).subarray(0, 2).toString()).toBe("PK");

  await page.goto(`/desa/${VILLAGE_CODE}`);
  const section = page.getByRole("region", { name: "Wilayah operasi perusahaan" });
  await expect(section.getByRole("listitem").filter({ hasText: COMPANY })).toContainText("Ring 1");
});
