import { expect, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, seriousViolations, signIn, signOut, test } from "./helpers";

/** How many matches wait for an introduction in the staff member's queue. */
async function waitingMatches(page: Page): Promise<number> {
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Moderasi" }).click();
  await expect(page).toHaveURL(/\/moderasi$/);
  // The islands router sets the address before it patches the page in: wait for the page.
  await expect(page.getByRole("heading", { name: "Moderasi", level: 1 })).toBeVisible();
  const queue = page.getByTestId("queue-matches");
  if ((await queue.count()) === 0) return 0;
  return Number(await queue.locator(".count").first().textContent());
}

test("regency staff run a matching round, accept part of it and find the matches in moderation @nojs", async ({
  page,
  javaScriptEnabled,
}) => {
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  const before = await waitingMatches(page);

  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Putaran" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Putaran pencocokan" })).toBeVisible();
  if (javaScriptEnabled) await hydrated(page);
  // The scope lives in the address: training needs of the staff member's regency.
  await page.getByRole("group", { name: "Jenis dukungan (kosong: semua)" }).getByLabel("Pelatihan").check();
  await page.getByRole("button", { name: "Tampilkan lingkup" }).click();
  await expect(page).toHaveURL(/dukungan=training/);
  await expect(page.getByTestId("round-scope")).toContainText("kebutuhan tayang");
  await page.getByRole("button", { name: "Jalankan putaran" }).click();

  await expect(page).toHaveURL(/\/putaran\/\d+$/);
  await expect(page.getByTestId("round-status")).toHaveText("Menunggu keputusan");
  const totals = page.getByTestId("round-totals");
  await expect(totals.getByRole("columnheader", { name: "Usulan" })).toBeVisible();
  await expect(totals.getByRole("columnheader", { name: "Terbaik-dulu" })).toBeVisible();
  await expect(page.getByTestId("round-bound")).toContainText("optimal");
  if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);

  const choices = page.getByRole("checkbox", { name: /^Pilih: / });
  expect(await choices.count()).toBeGreaterThanOrEqual(2);
  await choices.nth(0).check();
  await choices.nth(1).check();
  await page.getByRole("button", { name: "Terima pasangan yang dipilih" }).click();
  await expect(page.getByTestId("round-accepted")).toContainText("2 pasangan menjadi usulan kecocokan staf");
  await expect(page.getByTestId("round-status")).toHaveText("Diterima");

  // Each accepted pair is a staff proposal waiting for its introduction.
  await page.getByTestId("round-pairs").getByRole("link", { name: "Diusulkan" }).first().click();
  await expect(page).toHaveURL(/\/kecocokan\/\d+$/);
  await expect(page.getByRole("button", { name: "Perkenalkan kedua pihak" })).toBeVisible();
  expect(await waitingMatches(page)).toBe(before + 2);
  await signOut(page);
});

test("only staff reach the matching rounds", async ({ page }) => {
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Putaran" })).toHaveCount(0);
  await page.goto("/putaran");
  await expect(page.getByText("Akun Anda tidak memiliki akses ke halaman ini.").first()).toBeVisible();
  await signOut(page);
});

test("a verified partner expresses interest in part of a cluster and staff introduce the group together @nojs", async ({
  page,
  javaScriptEnabled,
}) => {
  await signIn(page, "mitra@demo.mitradesa.id", DEMO_PASSWORD);
  // The cluster card sits above the list, for the view's regency and sector.
  await page.goto("/peluang?kabupaten=64.02&sektor=nature_tourism");
  if (javaScriptEnabled) await hydrated(page);
  const clusters = page.getByTestId("clusters");
  const card = clusters.getByRole("link", { name: /desa di Kutai Kartanegara membutuhkan Pelatihan · Wisata alam/ });
  await expect(card.first()).toBeVisible();
  await card.first().click();
  await expect(page).toHaveURL(/\/peluang\/klaster\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("membutuhkan Pelatihan");
  if (javaScriptEnabled) await hydrated(page);

  // Every need not yet matched with this partner is ticked (other journeys may have matched
  // some): keep at most two.
  const needs = page.getByRole("group", { name: "Kebutuhan yang Anda minati" }).getByRole("checkbox", { disabled: false });
  const count = await needs.count();
  expect(count).toBeGreaterThanOrEqual(1);
  const kept = Math.min(count, 2);
  for (let i = kept; i < count; i++) await needs.nth(i).uncheck();
  const chosen: string[] = [];
  for (let i = 0; i < kept; i++) chosen.push((await needs.nth(i).getAttribute("value")) ?? "");
  await page.getByLabel("Pesan untuk desa dan DPMD (opsional)").fill("Kami punya program pelatihan homestay tiga hari.");
  await page.getByRole("button", { name: "Nyatakan minat pada kebutuhan yang dipilih" }).click();
  await expect(page.getByTestId("cluster-interest")).toContainText(`Minat Anda tercatat untuk ${kept} kebutuhan`);
  for (const id of chosen) {
    await expect(page.locator(`input[type="checkbox"][value="${id}"]`)).toBeDisabled();
  }
  if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
  await signOut(page);

  // The regency's staff find the group waiting and introduce it at once.
  await signIn(page, DEMO.kukar, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Moderasi" }).click();
  const groups = page.getByTestId("queue-groups");
  const group = groups.getByRole("listitem").filter({ hasText: `${kept} kecocokan menunggu` }).last();
  await expect(group).toBeVisible();
  await group.getByRole("button", { name: "Perkenalkan semua" }).click();
  await expect(page.getByTestId("group-introduced")).toContainText(`${kept} kecocokan diperkenalkan`);
  await signOut(page);
});
