// Mitra Desa's service worker: keeps the site's files and the pages last read, so that
// they can be read without a connection; a page never read offline gets /luring.
//
// - Build outputs (/pkg/, hashed names) and site files: from the cache, else the network.
// - Pages: from the network, kept for later; without a connection, the kept page, else
//   the offline page. Both full loads and the islands router's fetches are kept.
// - Signing in or out empties the kept pages: a shared phone shows nobody's pages to the
//   next person.
// - Everything else (server functions, the live stream, the JSON API) is not touched.
const VERSION = "1";
const FILES = `files-${VERSION}`;
const PAGES = `pages-${VERSION}`;
const MAX_FILES = 40;
const MAX_PAGES = 30;
const OFFLINE = "/luring";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(PAGES).then((cache) => cache.add(OFFLINE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== FILES && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && /^\/api\/sign_(in|out)/.test(url.pathname)) {
    event.waitUntil(caches.delete(PAGES).then(() => caches.open(PAGES)).then((c) => c.add(OFFLINE)).catch(() => {}));
    return;
  }
  if (request.method !== "GET" || url.pathname.startsWith("/api/") || url.pathname === "/sw.js") return;
  if (url.pathname.startsWith("/pkg/") || /\.(svg|png|webmanifest)$/.test(url.pathname)) {
    event.respondWith(fromCache(request));
  } else if (request.mode === "navigate" || request.headers.has("Islands-Router")) {
    event.respondWith(page(request));
  }
});

async function fromCache(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await keep(FILES, request, response.clone(), MAX_FILES);
  return response;
}

async function page(request) {
  try {
    const response = await fetch(request);
    const html = (response.headers.get("content-type") || "").startsWith("text/html");
    if (response.ok && html && !response.redirected) {
      await keep(PAGES, new Request(request.url), response.clone(), MAX_PAGES);
    }
    return response;
  } catch (offline) {
    const kept = (await caches.match(new Request(request.url), { cacheName: PAGES })) || (await caches.match(OFFLINE));
    if (kept) return kept;
    throw offline;
  }
}

/** Puts a response in a cache that keeps at most `max` entries, the last used ones. */
async function keep(name, request, response, max) {
  const cache = await caches.open(name);
  await cache.delete(request);
  await cache.put(request, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - max))) {
    if (new URL(old.url).pathname !== OFFLINE) await cache.delete(old);
  }
}
