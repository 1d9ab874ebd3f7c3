import { expect } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, signIn, test, uniqueEmail } from "./helpers";

test("a partner signs up, sees the pending state, signs out and in again @nojs", async ({ page, javaScriptEnabled }) => {
  const email = uniqueEmail("mitra");
  const password = "kata-sandi-yang-panjang";
  await page.goto("/daftar");
  if (javaScriptEnabled) await hydrated(page);

  // A first attempt with mistakes shows the messages next to the fields.
  await page.getByLabel("Nama lengkap").fill("Budi Santoso");
  await page.getByLabel("Email").fill("bukan-email");
  await page.getByLabel("Kata sandi").fill("pendek");
  await page.getByLabel("Nama organisasi").fill("PT Kaltim Lestari");
  await page.getByLabel("Jenis organisasi").selectOption("company");
  await page.getByRole("button", { name: "Daftar" }).click();
  if (javaScriptEnabled) {
    await expect(page.getByText("Format email tidak valid")).toBeVisible();
    await expect(page.getByText("Minimal 10 karakter.", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  } else {
    await expect(page.getByRole("alert")).toContainText("Ada isian yang perlu diperbaiki");
    await page.goto("/daftar");
  }

  await page.getByLabel("Nama lengkap").fill("Budi Santoso");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByLabel("Nama organisasi").fill("PT Kaltim Lestari");
  await page.getByLabel("Jenis organisasi").selectOption("company");
  await page.getByRole("button", { name: "Daftar" }).click();

  await expect(page).toHaveURL(/\/dasbor$/);
  await expect(page.getByText("Selamat datang, Budi Santoso.")).toBeVisible();
  await expect(page.getByTestId("role")).toHaveText("Mitra");
  await expect(page.getByText("Menunggu verifikasi", { exact: true })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("menunggu verifikasi");

  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Masuk" }).first()).toBeVisible();
  await page.goto("/dasbor");
  await expect(page.getByText("Silakan masuk untuk melihat dasbor Anda.")).toBeVisible();

  await signIn(page, email, password);
  await expect(page.getByTestId("scope")).toHaveText("PT Kaltim Lestari");
  await expect(page.getByRole("link", { name: "Akun" })).toHaveCount(0);
});

test("a wrong password is refused with a clear message @nojs", async ({ page }) => {
  await page.goto("/masuk");
  await page.getByLabel("Email").fill("provinsi@demo.mitradesa.id");
  await page.getByLabel("Kata sandi").fill("bukan-kata-sandinya");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("alert")).toContainText("Email atau kata sandi salah");
  await expect(page).toHaveURL(/\/masuk/);
});

test("province staff sign in with a demo account and see staff navigation @nojs", async ({ page }) => {
  await signIn(page, "provinsi@demo.mitradesa.id", DEMO_PASSWORD);
  await expect(page.getByTestId("role")).toHaveText("Staf DPMD provinsi");
  await expect(page.getByTestId("scope")).toHaveText("DPMD Provinsi Kalimantan Timur");
  const nav = page.getByRole("navigation", { name: "Navigasi utama" });
  await nav.getByRole("link", { name: "Akun" }).click();
  await expect(page).toHaveURL(/\/akun$/);
  await expect(page.getByRole("heading", { name: "Akun", level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: "kukar@demo.mitradesa.id" })).toBeVisible();
});

test("a visitor opening the accounts page is asked to sign in", async ({ page }) => {
  await page.goto("/akun");
  await expect(page.getByText("Silakan masuk terlebih dahulu")).toBeVisible();
});
