import { expect, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, scrollsSideways, seriousViolations, signIn, test } from "./helpers";

// On a 360 px phone: no serious accessibility violation (axe), nothing wider than the screen.
// Each test checks a dozen pages or more, one axe run (a second or two) each: they get the
// time for that rather than the single journey's 30 s.
test.use({ viewport: { width: 360, height: 740 } });
test.describe.configure({ timeout: 120_000 });

async function check(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
  expect(await seriousViolations(page), path).toEqual([]);
  expect(await scrollsSideways(page), `${path} scrolls sideways`).toBe(false);
}

test("public pages pass axe on a 360 px phone", async ({ page, request }) => {
  const need = (await (await request.get("/api/v1/needs?per_page=1")).json()).items[0];
  const offer = (await (await request.get("/api/v1/offers")).json()).items[0];
  const cooperation = (await (await request.get("/api/v1/agreements?status=completed")).json()).items[0];
  for (const path of [
    "/",
    "/peluang",
    "/peluang?ditutup=1",
    `/peluang/${need.need_id}`,
    "/penawaran",
    "/penawaran?ditutup=1",
    `/penawaran/${offer.offer_id}`,
    "/mitra",
    `/desa/${need.village_code}`,
    "/kerja-sama",
    `/kerja-sama/${cooperation.agreement_id}`,
    "/statistik",
    "/statistik?kabupaten=64.02&periode=month&peta=never_served",
    "/statistik/kamus-data",
    "/masuk",
    "/daftar",
    "/luring",
  ]) {
    await check(page, path);
  }
});

test("an operator's and a staff member's pages pass axe on a 360 px phone", async ({ page, request }) => {
  const first = async (status: string) =>
    (await (await request.get(`/api/v1/agreements?status=${status}`)).json()).items[0].agreement_id;
  const [active, completed] = [await first("active"), await first("completed")];
  await signIn(page, DEMO.operator, DEMO_PASSWORD);
  for (const path of ["/dasbor", "/kebutuhan/baru", "/profil-desa", "/kerja-sama"]) {
    await check(page, path);
  }
  await page.context().clearCookies();
  await signIn(page, DEMO.province, DEMO_PASSWORD);
  for (const path of [
    "/dasbor",
    "/moderasi",
    "/akun",
    "/audit",
    "/pengaturan",
    "/statistik",
    "/laporan-ppm",
    `/kerja-sama/${active}`,
    `/kerja-sama/${active}/cetak`,
    `/kerja-sama/${completed}/laporan`,
  ]) {
    await check(page, path);
  }
});
