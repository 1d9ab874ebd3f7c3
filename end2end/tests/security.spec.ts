import { expect } from "@playwright/test";
import { expectedRefusals, hydrated, test } from "./helpers";

// Issue 15: the pages' Content-Security-Policy lets the site's own code run (the islands
// hydrate, the service worker registers) and nothing injected into a page. Every other
// journey fails on any refusal the policy reports (helpers.ts), so this one only has to
// show that the policy is there and refuses what it must.
test("a page's own code runs and an injected script does not", async ({ page }) => {
  await page.goto("/peluang");
  await hydrated(page);
  const policy = (await page.request.get("/peluang")).headers()["content-security-policy"];
  expect(policy).toContain("script-src 'self' 'nonce-");
  expect(policy).not.toContain("unsafe-inline");
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready))).toBe(true);

  expectedRefusals.add(page);
  const refused = page.waitForEvent("console", (msg) => msg.text().includes("Content Security Policy"));
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.body.append(script);
  });
  await refused;
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  // Still working: a filter through the form (the islands router) updates the list.
  await page.getByLabel("Jenis dukungan").selectOption("training");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/dukungan=training/);
  await expect(page.getByRole("status").first()).toContainText("kebutuhan");
});

test("another site's form cannot sign anybody in", async ({ page }) => {
  const response = await page.request.post("/api/sign_in", {
    form: { email: "provinsi@demo.mitradesa.id", password: "mitra-desa-demo" },
    headers: { Origin: "https://contoh-jahat.example" },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("situs lain");
});
