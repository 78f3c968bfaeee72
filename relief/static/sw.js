/* Relief's service worker: the pages and files a commune officer needs without a signal.
   Pages: network first, the last copy when offline (for a household's damage form, another
   household's copy). Files: the kept copy, refreshed behind it. Posts are never touched
   here: offline.js keeps unsent forms in the outbox and sends them once. */
"use strict";
const CACHE = "relief-v2"; // offline.js names the same
const DAMAGE = /^\/households\/\d+\/damage$/;
const VISIT = /^\/visits\/\d+$/;
const SHELL = [
  "/offline", "/households/new", "/static/relief.css", "/static/offline.js",
  "/static/offline-list.js",
];

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(SHELL.map((url) => cache.add(url).catch(() => null))),
    ),
  );
});

self.addEventListener("activate", (event) =>
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  ),
);

async function keep(request, response) {
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
}

async function page(request) {
  try {
    const response = await fetch(request);
    // A redirect to the login page is not the page asked for: keep the last good copy.
    // Only pages are kept: a photo opened on its own (private, "no-store") never is.
    const html = (response.headers.get("content-type") || "").startsWith("text/html");
    if (response.ok && !response.redirected && html) keep(request, response.clone());
    return response;
  } catch (err) {
    const copy = await caches.match(request, { ignoreVary: true });
    if (copy) return copy;
    // A visit's page searched for another name: the kept copy, searched on the phone.
    if (VISIT.test(new URL(request.url).pathname)) {
      const visit = await caches.match(request, { ignoreVary: true, ignoreSearch: true });
      if (visit) return visit;
    }
    // Any household's damage form stands for this one's: offline.js makes it this household's.
    if (DAMAGE.test(new URL(request.url).pathname)) {
      const cache = await caches.open(CACHE);
      const other = (await cache.keys()).find((r) => DAMAGE.test(new URL(r.url).pathname));
      if (other) return cache.match(other, { ignoreVary: true });
    }
    const shell = await caches.match("/offline", { ignoreVary: true });
    return shell || new Response("Offline", { status: 503 });
  }
}

async function file(request) {
  // The kept copy at once, and a new one fetched meanwhile for the next page: a script or
  // style changed on the server reaches the phone at the next page instead of never.
  const copy = await caches.match(request, { ignoreVary: true });
  const fresh = fetch(request).then((response) => {
    if (response.ok) keep(request, response.clone());
    return response;
  });
  if (copy) {
    fresh.catch(() => null);
    return copy;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) event.respondWith(file(request));
  else if (request.mode === "navigate") event.respondWith(page(request));
});
