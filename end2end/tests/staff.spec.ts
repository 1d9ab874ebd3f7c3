import { expect, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, signIn, signOut, test, uniqueEmail } from "./helpers";

async function writeAndSubmitNeed(page: Page, title: string) {
  await page.goto("/kebutuhan/baru");
  await hydrated(page);
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Uraian").fill("Kami membutuhkan pendampingan pengolahan kopi liberika bagi kelompok tani desa.");
  await page.getByLabel("Jenis dukungan").selectOption("technical_assistance");
  await page.getByLabel("Sektor").selectOption("agriculture");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/peluang\/\d+$/);
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByTestId("need-status")).toHaveText("Menunggu moderasi");
}

test("regency staff see the queue count and approve a selection at once", async ({ page }) => {
  const stamp = Date.now();
  const titles = [`Pendampingan kopi liberika ${stamp} satu`, `Pendampingan kopi liberika ${stamp} dua`];
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  for (const title of titles) {
    await writeAndSubmitNeed(page, title);
  }
  await signOut(page);

  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await hydrated(page);
  const count = page.getByTestId("queue-count");
  await expect(count).toBeVisible();
  expect(Number(await count.textContent())).toBeGreaterThanOrEqual(2);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Moderasi" }).click();
  for (const title of titles) {
    await page.getByRole("checkbox", { name: `Pilih «${title}»` }).check();
  }
  await page.getByRole("button", { name: "Setujui yang dipilih" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 disetujui" })).toBeVisible();
  // The approvals' own live events do not refresh the page away from its one-time message.
  await page.waitForTimeout(1500);
  await expect(page.getByRole("status").filter({ hasText: "2 disetujui" })).toBeVisible();
  for (const title of titles) {
    await expect(page.getByTestId("queue-needs").getByText(title)).toHaveCount(0);
  }
  await signOut(page);

  // Both are public now.
  await page.goto(`/peluang?q=${stamp}`);
  for (const title of titles) {
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  }
});

test("regency staff invite a village operator, who sets a password and is signed in", async ({ page }) => {
  const email = uniqueEmail("operator");
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await hydrated(page);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Akun" }).click();
  await expect(page.getByRole("heading", { name: "Undang operator desa" })).toBeVisible();
  await page.getByLabel("Desa/kelurahan").selectOption({ index: 5 });
  await page.getByLabel("Nama lengkap").fill("Siti Aminah");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Buat undangan" }).click();
  const link = page.getByTestId("invite-link").getByRole("textbox");
  await expect(link).toHaveValue(/\/undangan\/[0-9a-f]{64}$/);
  const url = new URL(await link.inputValue());
  await signOut(page);

  await page.goto(url.pathname);
  await hydrated(page);
  await expect(page.getByText("Selamat datang, Siti Aminah.")).toBeVisible();
  await page.getByLabel("Kata sandi baru").fill("pendek");
  await page.getByRole("button", { name: "Aktifkan dan masuk" }).click();
  await expect(page.getByText("Minimal 10 karakter.", { exact: true })).toBeVisible();
  await page.getByLabel("Kata sandi baru").fill("kata-sandi-siti-2026");
  await page.getByRole("button", { name: "Aktifkan dan masuk" }).click();
  await expect(page).toHaveURL(/\/dasbor$/);
  await expect(page.getByTestId("role")).toHaveText("Operator desa");
  await signOut(page);

  // The link works once.
  await page.goto(url.pathname);
  await expect(page.getByRole("alert")).toContainText("tidak berlaku");
});

test("province staff filter the audit log; regency staff cannot open it", async ({ page }) => {
  // Something to find: the operator saves the village profile as it is.
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await page.goto("/profil-desa");
  await hydrated(page);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/desa\//);
  await signOut(page);

  await signIn(page, DEMO.province, DEMO_PASSWORD);
  await page.goto("/audit");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Log audit", level: 1 })).toBeVisible();
  await page.getByLabel("Jenis data").selectOption("village");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/entitas=village/);
  const rows = page.getByTestId("audit-table").locator("tbody tr");
  await expect(rows.first()).toContainText("village_profile.edited");
  await page.getByLabel("Sampai tanggal").fill("2020-01-01");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByText("Tidak ada entri yang cocok dengan filter ini.")).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await page.goto("/audit");
  await expect(page.getByText("Akun Anda tidak memiliki akses ke halaman ini.")).toBeVisible();
});
