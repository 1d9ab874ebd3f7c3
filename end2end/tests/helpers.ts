import { expect, Page } from "@playwright/test";

export const DEMO_PASSWORD = "mitra-desa-demo";

/** A unique e-mail per test run, so tests never collide with earlier data. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@contoh.id`;
}

/** Waits until the WASM has hydrated (the app marks <html> when it has). */
export async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/masuk");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL(/\/dasbor$/);
}

/** Signs out through the navigation's button and waits for the home page. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/$/);
}

export const DEMO = {
  operator: "operator@demo.mitradesa.id",
  kukar: "kukar@demo.mitradesa.id",
  berau: "berau@demo.mitradesa.id",
  province: "provinsi@demo.mitradesa.id",
};
