import { expect, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, publishedNeed, newPage, signIn, signOut, test } from "./helpers";

const PARTNER = "mitra@demo.mitradesa.id";
const PENDING_PARTNER = "mitra.baru@demo.mitradesa.id";

async function decide(page: Page, label: string) {
  await page.getByLabel(label).check();
  await page.getByRole("button", { name: "Simpan keputusan" }).click();
  await expect(page).toHaveURL(/\/moderasi$/);
}

test("a partner sees a suggested need with its explanation and expresses interest; staff introduce them live; both see each other's contacts", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const word = `kelulut${Date.now()}`;
  const needTitle = `Pelatihan budidaya madu ${word}`;
  const offerTitle = `Pelatihan madu kelulut hutan ${word}`;
  const page = await newPage(browser, "partner");

  // A published need of the demo village (written by its operator, approved by Kukar staff).
  const description = `Kelompok tani hutan membutuhkan pelatihan budidaya dan panen madu ${word} yang higienis.`;
  const needUrl = await publishedNeed(page, needTitle, description, "local_products");
  await page.goto(needUrl);
  const district = (await page.locator(".card-meta").first().innerText()).split("·")[1].trim();

  // The demo partner (verified) publishes a fitting offer for the village's district.
  await signIn(page, PARTNER, DEMO_PASSWORD);
  await page.goto("/tawarkan");
  await hydrated(page);
  await page.getByLabel("Judul").fill(offerTitle);
  await page.getByLabel("Uraian").fill(`Pelatihan budidaya dan panen madu ${word} untuk kelompok tani hutan, dengan peralatan.`);
  await page.getByLabel("Jenis dukungan").selectOption("training");
  await page.getByLabel("Produk unggulan lokal").check();
  const kukar = page.locator(".area-list > li").filter({ hasText: "Kutai Kartanegara" });
  await kukar.locator("summary").click();
  await kukar.getByLabel(district, { exact: true }).check();
  await page.getByLabel("Kapasitas (jumlah desa)").fill("5");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page).toHaveURL(/\/penawaran\/\d+$/);
  const offerUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByTestId("offer-status")).toHaveText("Menunggu moderasi");
  await signOut(page);
  await signIn(page, DEMO.province, DEMO_PASSWORD);
  await page.goto(offerUrl);
  await hydrated(page);
  await decide(page, "Setujui dan tayangkan");
  await signOut(page);

  // Staff and the operator keep their pages open (no reloads from here on).
  const staff = await newPage(browser, "staff");
  await signIn(staff, DEMO.kukar, DEMO_PASSWORD);
  await staff.goto("/moderasi");
  await hydrated(staff);
  const operator = await newPage(browser, "operator");
  await signIn(operator, DEMO.operator, DEMO_PASSWORD);
  // A whole page load: its bell is rendered with the count, so `before` is not read while a
  // client-side sign-in is still fetching it.
  await operator.goto("/dasbor");
  await hydrated(operator);
  const bell = operator.getByTestId("notification-count");
  const before = (await bell.count()) ? Number(await bell.textContent()) : 0;

  // The partner sees the need among the suggestions of its offer, with the explanation.
  await signIn(page, PARTNER, DEMO_PASSWORD);
  await page.goto(offerUrl);
  await hydrated(page);
  const suggestion = page.getByTestId("suggestions").getByRole("listitem").filter({ hasText: needTitle });
  await expect(suggestion).toBeVisible();
  await suggestion.getByText("Mengapa cocok").click();
  await expect(suggestion.getByText("Jenis dukungan sesuai")).toBeVisible();
  await expect(suggestion.getByText("Sektor yang sama")).toBeVisible();
  await suggestion.getByRole("link", { name: needTitle }).click();
  await expect(page).toHaveURL(new RegExp(`${needUrl}$`));
  await hydrated(page);
  await page.getByLabel("Melalui penawaran").selectOption({ label: offerTitle });
  await page.getByLabel("Pesan untuk desa dan DPMD (opsional)").fill("Kami siap melatih bulan depan.");
  await page.getByRole("button", { name: "Nyatakan minat" }).click();
  await expect(page).toHaveURL(/\/kecocokan\/\d+$/);
  const matchUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("match-status")).toHaveText("Mitra berminat");
  await expect(page.getByTestId("contacts-hidden")).toBeVisible();

  // Staff see it appear in their queue without reloading, and introduce the sides.
  const queued = staff.getByTestId("queue-matches").getByRole("link", { name: needTitle });
  await expect(queued).toBeVisible({ timeout: 15_000 });
  await queued.click();
  await expect(staff).toHaveURL(new RegExp(`${matchUrl}$`));
  await staff.getByRole("button", { name: "Perkenalkan kedua pihak" }).click();
  await expect(staff.getByTestId("match-status")).toHaveText("Diperkenalkan");

  // The operator's bell rises without reloading; both sides now see the contacts.
  await expect(bell).toHaveText(String(before + 2), { timeout: 15_000 });
  await operator.goto(matchUrl);
  await expect(operator.getByTestId("match-contacts")).toBeVisible();
  await expect(operator.getByTestId("match-contacts")).toContainText(/\d{4}/);
  await expect(page.getByTestId("match-status")).toHaveText("Diperkenalkan", { timeout: 15_000 });
  await expect(page.getByTestId("match-contacts")).toBeVisible();

  // A third partner cannot open the match.
  const third = await newPage(browser, "third");
  await signIn(third, PENDING_PARTNER, DEMO_PASSWORD);
  await third.goto(matchUrl);
  await expect(third.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  await expect(third.getByTestId("match-contacts")).toHaveCount(0);
});
