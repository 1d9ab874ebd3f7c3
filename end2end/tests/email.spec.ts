import { expect } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, mailFor, signIn, signOut, signUpPartner, test, uniqueEmail, verifyOrganisation } from "./helpers";

test("a partner who chose a daily digest gets one e-mail, grouped by what to do, when staff verify the organisation", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const email = uniqueEmail("ringkasan");
  const organisation = `Yayasan Ringkasan ${Date.now()}`;

  await signUpPartner(page, "Rina Kartika", email, organisation);
  await hydrated(page);
  // The choice is kept: weekly first, then daily (the page comes back with what was saved).
  const label = "Kirimi saya e-mail tentang yang perlu saya tindak lanjuti";
  for (const [choice, value] of [
    ["Ringkasan mingguan", "weekly"],
    ["Ringkasan harian", "daily"],
  ]) {
    const setting = page.getByRole("region", { name: "E-mail", exact: true });
    await setting.getByLabel(label).selectOption({ label: choice });
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/set_email_frequency"));
    await setting.getByRole("button", { name: "Simpan" }).click();
    await saved;
    await expect(page).toHaveURL(/\/dasbor$/);
    await page.reload();
    await expect(page.getByRole("region", { name: "E-mail", exact: true }).getByLabel(label)).toHaveValue(value);
  }
  expect(mailFor(email), "nothing to act on yet: no e-mail").toEqual([]);
  await signOut(page);

  await signIn(page, DEMO.province, DEMO_PASSWORD);
  await hydrated(page);
  await verifyOrganisation(page, organisation);

  await expect.poll(() => mailFor(email).length, { timeout: 20_000 }).toBe(1);
  const [digest] = mailFor(email);
  expect(digest).toContain("Subject: Ringkasan harian Mitra Desa: 1 hal menunggu Anda");
  expect(digest).toContain("Halo Rina Kartika");
  expect(digest).toContain("Akun dan organisasi");
  expect(digest).toContain("Organisasi Anda sudah diverifikasi.");
  expect(digest).toMatch(/http:\/\/[^\s]+\/dasbor/);
});
