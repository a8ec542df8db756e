// Chainrule's service worker: once the app has loaded, it works with no network. Every response
// from this site is cached as it passes; when the network fails, the cached copy answers.
// Network first, so a rebuilt app is picked up at the next load while online.

const CACHE = 'chainrule-v1';

self.addEventListener('install', (event) => {
  // Cache the page and everything it links to now, so the first visit already works offline.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch('./', { cache: 'reload' });
      await cache.put('./', page.clone());
      const html = await page.text();
      const links = [...html.matchAll(/(?:href|src)="([^"#]+)"/g)].map((m) => m[1]);
      // The training worker's script, which the page names only in its code.
      links.push('./static/trainer.js');
      await Promise.all(links.filter((l) => !l.startsWith('http')).map((l) => cache.add(l).catch(() => {})));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) cache.put(request, response.clone());
        return response;
      } catch (error) {
        const cached = (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match('./'));
        if (cached) return cached;
        throw error;
      }
    })(),
  );
});
