// Starts the app on its own page, through the same mount API a host page uses
// (embed.js, written by the build). An external module keeps the Content Security
// Policy free of 'unsafe-inline'.

/**
 * On /login, index.html's own login form is on screen from the first paint
 * (public/prerendered.js). Resolves once the browser has reported that paint as the
 * page's largest contentful paint (or after half a second), so the app's takeover
 * never races it: a takeover in the same moment could make the app's copy of the
 * form the page's LCP, which Lighthouse then charges with the wasm's download.
 * Elsewhere, at once.
 */
function prerenderedFormPainted() {
  if (document.getElementById('prerendered-login')?.hidden !== false) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 500);
    try {
      new PerformanceObserver((_, observer) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    } catch {
      // No LCP in this browser: the timer alone.
    }
  });
}

try {
  const [{ mount }] = await Promise.all([import(new URL('./embed.js', import.meta.url).href), prerenderedFormPainted()]);
  const api = document.querySelector('meta[name="api-base-url"]');
  await mount(document.getElementById('app'), {
    embedded: false,
    apiBaseUrl: api ? api.content : '',
  });
} catch (error) {
  // The app's code could not be had: say so in index.html's own words, in place of
  // "Loading…" or its prerendered login form, with "Try again" (a reload).
  const failed = document.getElementById('page-not-loaded');
  for (const other of failed.parentElement.children) other.hidden = other !== failed;
  failed.querySelector('button').addEventListener('click', () => location.reload());
  console.error('whatsapp-onboarding: the app could not be loaded:', error);
}
