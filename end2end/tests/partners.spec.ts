import { expect } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, signIn, signOut, signUpPartner, test, uniqueEmail, verifyOrganisation } from "./helpers";

test("a partner signs up and drafts an offer; province staff verify it and approve the offer; it appears in /penawaran", async ({
  page,
}) => {
  const stamp = Date.now();
  const organisation = `Universitas Uji ${stamp}`;
  const title = `KKN tematik desa wisata ${stamp}`;
  const email = uniqueEmail("kkn");

  // 1. Sign up as a partner.
  await signUpPartner(page, "Dr. Sari Wulandari", email, organisation);

  // 2. Keep the profile (with a private contact).
  await page.getByRole("link", { name: "Profil organisasi" }).click();
  await expect(page.getByRole("heading", { name: "Profil organisasi", level: 1 })).toBeVisible();
  await page.getByLabel("Tentang organisasi").fill("Lembaga Penelitian dan Pengabdian kepada Masyarakat, program KKN tematik.");
  await page.getByLabel("Pendidikan").check();
  await page.getByLabel("Seluruh Provinsi Kalimantan Timur").check();
  await page.getByLabel("Telepon / WhatsApp").fill("0541-749000");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/dasbor$/);

  // 3. Draft an offer: a mistake is reported next to its field, the ticks are kept.
  await page.getByRole("link", { name: "Tulis penawaran baru" }).click();
  await expect(page.getByRole("heading", { name: "Tulis penawaran baru", level: 1 })).toBeVisible();
  await page.getByLabel("Judul").fill(title);
  await page
    .getByLabel("Uraian")
    .fill("Dua belas kelompok mahasiswa KKN mendampingi desa menyusun paket wisata dan promosi digital selama 45 hari.");
  await page.getByLabel("Jenis dukungan").selectOption("technical_assistance");
  await page.getByLabel("Wisata alam").check();
  await page.getByLabel("Layanan digital komunitas").check();
  await page.getByLabel("Kutai Kartanegara", { exact: true }).check();
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.locator("#f-capacity-error")).toBeVisible();
  await expect(page.getByLabel("Wisata alam")).toBeChecked();
  await expect(page.getByLabel("Kutai Kartanegara", { exact: true })).toBeChecked();
  await page.getByLabel("Kapasitas (jumlah desa)").fill("12");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/penawaran\/\d+$/);
  const offerUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("offer-status")).toHaveText("Draf");
  await expect(page.getByTestId("organisation-unverified")).toBeVisible();
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByTestId("offer-status")).toHaveText("Menunggu moderasi");
  await signOut(page);

  // Nothing of it is public yet.
  await page.goto(offerUrl);
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();

  // 4. Province staff verify the organisation and approve the offer.
  await signIn(page, DEMO.province, DEMO_PASSWORD);
  await hydrated(page);
  await verifyOrganisation(page, organisation);
  await page.getByTestId("queue-offers").getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${offerUrl}$`));
  await page.getByLabel("Setujui dan tayangkan").check();
  await page.getByRole("button", { name: "Simpan keputusan" }).click();
  await expect(page).toHaveURL(/\/moderasi$/);
  await signOut(page);

  // 5. A visitor finds it in /penawaran by regency and sector, and sees no contact.
  await page.goto("/penawaran?kabupaten=64.02&sektor=nature_tourism");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: organisation })).toBeVisible();
  await expect(page.getByText("0541-749000")).toHaveCount(0);
  await page.goto("/penawaran?kabupaten=64.03");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
});

test("an operator keeps the village profile; visitors see it without the contact", async ({ page }) => {
  const phone = `0812-${String(Date.now()).slice(-8, -4)}-${String(Date.now()).slice(-4)}`;
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await hydrated(page);
  await page.getByRole("link", { name: "Ubah profil desa" }).click();
  await expect(page.getByRole("heading", { name: "Ubah profil desa", level: 1 })).toBeVisible();
  await page.getByLabel("Gambaran desa").fill("Desa di tepi Sungai Mahakam dengan kebun karet rakyat dan air terjun.");
  await page.getByLabel("Pertanian").check();
  await page.getByLabel("Status desa").selectOption("berkembang");
  await page.getByLabel("Jumlah penduduk").fill("banyak");
  await page.getByLabel("Telepon / WhatsApp").fill(phone);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.locator("#f-population-error")).toBeVisible();
  await expect(page.getByLabel("Telepon / WhatsApp")).toHaveValue(phone);
  await page.getByLabel("Jumlah penduduk").fill("2.340");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/desa\/64\.02\.[\d.]+$/);
  const villageUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("village-status")).toContainText("Berkembang");
  await expect(page.getByTestId("village-contact")).toContainText(phone);
  await signOut(page);

  await page.goto(villageUrl);
  await expect(page.getByText("Sungai Mahakam")).toBeVisible();
  await expect(page.getByTestId("village-status")).toContainText("Berkembang");
  await expect(page.getByText(phone)).toHaveCount(0);
  await expect(page.getByTestId("village-contact")).toHaveCount(0);
});
