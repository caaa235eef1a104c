// Starts the app on its own page, through the same mount API a host page uses
// (embed.js, written by the build). An external module keeps the Content Security
// Policy free of 'unsafe-inline'.

/**
 * On /login, resolves once the page has painted for the first time: index.html's
 * own login form (public/prerendered.js), which the user can type into at once.
 * Nothing is fetched before: in headless Chromium, every request the page started
 * before its first paint held that paint up (the mount API's preload and the three
 * stylesheets' put it about 28 ms later at 1x). Also, the app's takeover never races
 * that paint: in the same moment it could make the app's copy of the form the page's
 * largest contentful paint, which Lighthouse then charges with the wasm's download.
 * At once in a hidden tab (which does not paint), and after half a second if the
 * browser reports no paint. Elsewhere at once: what the user came for is the app
 * itself, not the "Loading…" it replaces.
 */
function painted() {
  if (document.getElementById('prerendered-login')?.hidden !== false) return Promise.resolve();
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 500);
    try {
      new PerformanceObserver((_, observer) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }).observe({ type: 'paint', buffered: true });
    } catch {
      // No paint timing in this browser: the timer alone.
    }
  });
}

try {
  await painted();
  const { mount } = await import(new URL('./embed.js', import.meta.url).href);
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
