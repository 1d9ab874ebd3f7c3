import { expect, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, publishedNeed, newPage, signIn, signOut, test } from "./helpers";

const PARTNER = "mitra@demo.mitradesa.id";

/** A published need of the demo village, a partner's interest, the staff's introduction: the match's path. */
async function introducedMatch(page: Page, title: string): Promise<string> {
  const description = `Pemuda desa membutuhkan ${title.toLowerCase()} agar wisata air terjun dikelola dengan baik.`;
  const needUrl = await publishedNeed(page, title, description, "nature_tourism");
  await signIn(page, PARTNER, DEMO_PASSWORD);
  await page.goto(needUrl);
  await hydrated(page);
  await page.getByRole("button", { name: "Nyatakan minat" }).click();
  await expect(page).toHaveURL(/\/kecocokan\/\d+$/);
  const matchUrl = new URL(page.url()).pathname;
  await signOut(page);
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await page.goto(matchUrl);
  await hydrated(page);
  await page.getByRole("button", { name: "Perkenalkan kedua pihak" }).click();
  await expect(page.getByTestId("match-status")).toHaveText("Diperkenalkan");
  await signOut(page);
  return matchUrl;
}

const CLAUSES = [
  "Ruang lingkup",
  "Bidang kerja sama",
  "Tata cara dan ketentuan pelaksanaan",
  "Jangka waktu",
  "Hak dan kewajiban",
  "Pendanaan",
  "Tata cara perubahan, penundaan dan pembatalan",
  "Penyelesaian perselisihan",
];

test("an introduced match becomes a signed, registered, followed and completed cooperation that visitors see without contacts", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const title = `Pelatihan pemandu wisata ${Date.now()}`;
  const page = await newPage(browser, "journey");
  const matchUrl = await introducedMatch(page, title);

  // The operator drafts the cooperation from the match and writes the village's part.
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await page.goto(matchUrl);
  await hydrated(page);
  await page.getByLabel("Prakarsa").selectOption("village");
  await page.getByRole("button", { name: "Mulai kerja sama" }).click();
  await expect(page).toHaveURL(/\/kerja-sama\/\d+$/);
  const url = new URL(page.url()).pathname;
  await expect(page.getByTestId("cooperation-status")).toHaveText("Rancangan");
  await page.getByLabel("Tanggal Musyawarah Desa").fill("2026-10-05");
  await page.getByLabel("Nomor berita acara Musyawarah Desa").fill("BA-MUSDES/07/2026");
  await page.getByLabel("Kepala Desa (penanda tangan)").fill("Hj. Siti Rahmah");
  await page.getByRole("button", { name: "Simpan", exact: true }).click();
  await expect(page.getByLabel("Kepala Desa (penanda tangan)")).toHaveValue("Hj. Siti Rahmah");
  await expect(page.getByTestId("sign-blockers")).toContainText("Ruang lingkup");
  await signOut(page);

  // The partner completes the clauses and its side.
  await signIn(page, PARTNER, DEMO_PASSWORD);
  await page.goto(url);
  await hydrated(page);
  for (const clause of CLAUSES) {
    await page.getByLabel(clause, { exact: true }).fill(`Ketentuan ${clause.toLowerCase()} sesuai Kerangka Acuan Kerja.`);
  }
  await page.getByLabel("Wakil pihak ketiga (penanda tangan)").fill("Ir. Bambang Wijaya");
  await page.getByLabel("Jabatan wakil pihak ketiga").fill("Manajer CSR");
  await page.getByLabel("Tanggal penandatanganan").fill("2026-11-20");
  await page.getByLabel("Tanggal mulai").fill("2026-11-25");
  await page.getByLabel("Tanggal selesai").fill("2027-05-31");
  await page.getByLabel("Nilai (rupiah)").fill("150.000.000");
  await page.getByRole("button", { name: "Simpan", exact: true }).click();
  await expect(page.getByTestId("clause-checklist").getByText("belum diisi")).toHaveCount(0);
  await expect(page.getByTestId("sign-blockers")).toHaveCount(0);
  await signOut(page);

  // The regency's staff register it as signed; its start has come, so it is active.
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await page.goto(url);
  await hydrated(page);
  await page.getByRole("button", { name: "Daftarkan sebagai ditandatangani" }).click();
  await expect(page.getByTestId("cooperation-status")).toHaveText("Berjalan");
  await signOut(page);

  // The partner reports progress.
  await signIn(page, PARTNER, DEMO_PASSWORD);
  await page.goto(url);
  await hydrated(page);
  await page.getByLabel("Apa yang sudah dikerjakan").fill("Pelatihan tahap pertama selesai, 20 peserta.");
  await page.getByLabel("Kemajuan (persen, boleh kosong)").fill("50");
  await page.getByRole("button", { name: "Tambahkan perkembangan" }).click();
  await expect(page.getByTestId("progress")).toContainText("Pelatihan tahap pertama selesai");
  await signOut(page);

  // The operator completes it with the outcome and the report dates.
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await page.goto(url);
  await hydrated(page);
  const outcome = `Dua puluh pemandu wisata terlatih untuk ${title}.`;
  await page.getByLabel("Tanggal berakhir").fill("2026-12-01");
  await page.getByLabel("Hasil").fill(outcome);
  await page.getByLabel("Penerima manfaat").fill("20");
  await page.getByLabel("Tanggal laporan Kepala Desa kepada BPD").fill("2026-12-01");
  await page.getByLabel("Tanggal tembusan kepada Bupati/Wali Kota melalui Camat").fill("2026-12-01");
  await page.getByRole("button", { name: "Selesaikan kerja sama" }).click();
  await expect(page.getByTestId("cooperation-status")).toHaveText("Selesai");
  await expect(page.getByTestId("report-due")).toHaveCount(0);

  // The printable agreement holds the eight articles.
  await page.getByRole("link", { name: "Cetak Perjanjian Bersama" }).click();
  const document = page.getByTestId("agreement-document");
  await expect(document.getByRole("heading", { name: "PERJANJIAN BERSAMA" })).toBeVisible();
  for (let n = 1; n <= 8; n++) {
    await expect(document.getByRole("heading", { name: new RegExp(`^Pasal ${n}\\b`) })).toBeVisible();
  }
  await signOut(page);

  // A visitor sees it on the village's page, with its outcome and no contact.
  const visitor = await newPage(browser, "visitor");
  await visitor.goto(url);
  await expect(visitor.getByTestId("cooperation-public")).toBeVisible();
  await visitor.getByTestId("cooperation-public").getByRole("link").first().click();
  await expect(visitor).toHaveURL(/\/desa\//);
  const listed = visitor.getByTestId("cooperations").getByRole("listitem").filter({ hasText: title });
  await expect(listed).toContainText(outcome);
  await expect(listed).toContainText("Selesai");
  await expect(visitor.locator("a[href^='tel:'], a[href^='mailto:']")).toHaveCount(0);
});

test("the cooperation list keeps its filters in the URL and works without JavaScript @nojs", async ({ page }) => {
  await page.goto("/kerja-sama");
  await expect(page.getByRole("heading", { name: "Kerja sama", level: 1 })).toBeVisible();
  await page.getByLabel("Status").selectOption("completed");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/\/kerja-sama\?status=completed$/);
  const cards = page.getByTestId("cooperations").getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  for (const badge of await page.getByTestId("cooperation-status").allInnerTexts()) {
    expect(badge).toBe("Selesai");
  }
});
