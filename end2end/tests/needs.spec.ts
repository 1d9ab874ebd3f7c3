import { expect, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, seriousViolations, signIn, signOut, test } from "./helpers";

/** Fills the need form; `title` and `description` vary, the rest is a plausible need. */
async function fillNeed(page: Page, title: string, description: string) {
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Uraian").fill(description);
  await page.getByLabel("Jenis dukungan").selectOption("training");
  await page.getByLabel("Sektor").selectOption("nature_tourism");
  await page.getByLabel("Penerima manfaat (opsional)").fill("20 pemuda karang taruna");
  await page.getByLabel("Perkiraan nilai dalam rupiah (opsional)").fill("15.000.000");
}

/** Kutai Kartanegara's staff approve the submitted need at `needUrl`. */
async function publishAsStaff(page: Page, needUrl: string) {
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await page.goto(needUrl);
  await page.getByLabel("Setujui dan tayangkan").check();
  await page.getByRole("button", { name: "Simpan keputusan" }).click();
  await expect(page).toHaveURL(/\/moderasi$/);
  await signOut(page);
}

test("an operator posts a need, staff return it, the operator fixes it, staff publish it and a visitor finds it", async ({
  page,
}) => {
  const word = `ulin${Date.now()}`;
  const title = `Pelatihan pemandu wisata air terjun ${word}`;

  // 1. The operator writes a need; a mistake is shown next to its field, the rest is kept.
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await hydrated(page);
  await page.getByRole("link", { name: "Tulis kebutuhan baru" }).click();
  await expect(page.getByRole("heading", { name: "Tulis kebutuhan baru", level: 1 })).toBeVisible();
  await fillNeed(page, "Pendek", "Kami membutuhkan pelatihan pemandu wisata bagi pemuda desa.");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByText("Minimal 10 karakter.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Judul")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Uraian")).toHaveValue(/pemandu wisata/);
  await page.getByLabel("Judul").fill(title);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/peluang\/\d+$/);
  const needUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("need-status")).toHaveText("Draf");
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByTestId("need-status")).toHaveText("Menunggu moderasi");
  await signOut(page);

  // 2. Staff of another regency neither see it in their queue nor at its address.
  await signIn(page, DEMO.berau, DEMO_PASSWORD);
  await page.goto("/moderasi");
  await expect(page.getByRole("heading", { name: "Moderasi", level: 1 })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await page.goto(needUrl);
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  await signOut(page);

  // 3. Regency staff return it with a reason.
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await hydrated(page);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Moderasi" }).click();
  await page.getByTestId("queue-needs").getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${needUrl}$`));
  await page.getByLabel("Kembalikan untuk diperbaiki").check();
  await page.getByRole("button", { name: "Simpan keputusan" }).click();
  await expect(page.getByText("Wajib diisi.")).toBeVisible();
  await page.getByLabel(/^Alasan/).fill("Sebutkan nama air terjun dan jadwal pelatihan yang diinginkan.");
  await page.getByRole("button", { name: "Simpan keputusan" }).click();
  await expect(page).toHaveURL(/\/moderasi$/);
  await expect(page.getByText(title)).toHaveCount(0);
  await signOut(page);

  // 4. The operator is notified, reads the reason, fixes the need and submits it again.
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await hydrated(page);
  await page.getByTestId("notifications").getByRole("link", { name: new RegExp(word) }).first().click();
  await expect(page.getByTestId("status-reason")).toContainText("Sebutkan nama air terjun");
  await page.getByRole("link", { name: "Ubah" }).click();
  await expect(page.getByLabel("Judul")).toHaveValue(title);
  await page
    .getByLabel("Uraian")
    .fill(`Air Terjun Tanah Merah ramai dikunjungi. Kami membutuhkan pelatihan pemandu ${word} bagi 20 pemuda pada bulan Maret.`);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(new RegExp(`${needUrl}$`));
  await page.getByRole("button", { name: "Kirim ulang untuk ditinjau" }).click();
  await expect(page.getByTestId("need-status")).toHaveText("Menunggu moderasi");
  await signOut(page);

  // 5. Staff approve it.
  await publishAsStaff(page, needUrl);

  // 6. A visitor finds it by a word of its description and by filters; the link reproduces the view.
  await page.goto("/peluang");
  await hydrated(page);
  await page.getByLabel("Kata kunci").fill(`Tanah Merah ${word}`);
  await page.getByLabel("Kabupaten/kota").selectOption("64.02");
  await page.getByLabel("Sektor").selectOption("nature_tourism");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/q=Tanah/);
  await expect(page).toHaveURL(/kabupaten=64\.02/);
  await expect(page.getByRole("status").first()).toHaveText("1 kebutuhan");
  await expect(page.locator(".card")).toContainText(title);
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByLabel("Kata kunci")).toHaveValue(`Tanah Merah ${word}`);
  await expect(other.getByLabel("Sektor")).toHaveValue("nature_tourism");
  await expect(other.locator(".card")).toContainText(title);
  await other.getByRole("link", { name: title }).click();
  await expect(other.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(other.getByRole("link", { name: "Bagikan lewat WhatsApp" })).toHaveAttribute("href", /^https:\/\/wa\.me\/\?text=/);
  await expect(other.locator('meta[property="og:title"]')).toHaveAttribute("content", `${title} · Mitra Desa`);
  await expect(other.getByTestId("need-status")).toHaveCount(0);
});

test("the need form works without JavaScript and keeps what was typed @nojs", async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, "the JavaScript path is covered by the journey above");
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await page.goto("/kebutuhan/baru");
  await fillNeed(page, "Pengadaan perahu ketinting untuk nelayan", "Terlalu pendek");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("alert")).toContainText("Ada isian yang perlu diperbaiki");
  await expect(page.getByText("Minimal 30 karakter.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Judul")).toHaveValue("Pengadaan perahu ketinting untuk nelayan");
  await expect(page.getByLabel("Sektor")).toHaveValue("nature_tourism");
  await page.getByLabel("Uraian").fill("Nelayan desa membutuhkan dua perahu ketinting untuk menjangkau lokasi tangkap baru.");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/peluang\/\d+$/);
  await expect(page.getByTestId("need-status")).toHaveText("Draf");
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByTestId("need-status")).toHaveText("Menunggu moderasi");
});

/** `YYYY-MM-DD`, `days` from today (Kalimantan Timur's date is close enough here). */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("the owner is asked whether a need whose window ends soon is still needed, extends it, and it stays published", async ({
  page,
}) => {
  const title = `Pelatihan pembukuan BUMDes ${Date.now()}`;
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await page.goto("/kebutuhan/baru");
  await fillNeed(page, title, "Kami membutuhkan pelatihan pembukuan sederhana bagi pengurus BUMDes desa kami.");
  await page.getByLabel("Selesai (opsional)").fill(dateIn(10));
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/peluang\/\d+$/);
  const needUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByTestId("need-status")).toHaveText("Menunggu moderasi");
  await signOut(page);

  await publishAsStaff(page, needUrl);

  // Its window ends in ten days: the page asks its owner, with one action per answer.
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await page.goto(needUrl);
  const question = page.getByRole("region", { name: "Masih dibutuhkan?" });
  await expect(question).toBeVisible();
  await expect(question.getByRole("button", { name: "Ya, masih berlaku" })).toBeVisible();
  await expect(question.getByRole("button", { name: "Sudah terpenuhi" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // A date before the current end is not taken (the browser says so; the server checks too).
  const until = question.getByLabel("Perpanjang sampai");
  await until.fill(dateIn(5));
  await question.getByRole("button", { name: "Perpanjang" }).click();
  expect(await until.evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow)).toBe(true);
  await expect(page.getByTestId("need-status")).toHaveText("Tayang");
  await page.getByRole("region", { name: "Masih dibutuhkan?" }).getByLabel("Perpanjang sampai").fill(dateIn(90));
  await page.getByRole("region", { name: "Masih dibutuhkan?" }).getByRole("button", { name: "Perpanjang" }).click();
  await expect(page).toHaveURL(new RegExp(`${needUrl}$`));
  await expect(page.getByRole("region", { name: "Masih dibutuhkan?" })).toHaveCount(0);
  await expect(page.getByTestId("need-status")).toHaveText("Tayang");
  const [y, m, d] = dateIn(90).split("-");
  await expect(page.getByText(`${d}-${m}-${y}`)).toBeVisible();
});
