// Starts the app through the mount API a host page uses (embed.js). Inline in
// index.html: its comment there says why, and what each step waits for.

// On /login, once the page has painted (or after 500 ms; at once in a hidden tab).
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
  const base = document.querySelector('meta[name="app-base"]')?.content || '/';
  const { mount } = await import(new URL(`${base}embed.js`, location.href).href);
  const api = document.querySelector('meta[name="api-base-url"]');
  await mount(document.getElementById('app'), {
    embedded: false,
    apiBaseUrl: api ? api.content : '',
  });
} catch (error) {
  // The app's code could not be had: index.html's "We could not load this page"
  // in place of "Loading…" or the login form, with "Try again" (a reload).
  const failed = document.getElementById('page-not-loaded');
  for (const other of failed.parentElement.children) other.hidden = other !== failed;
  failed.querySelector('button').addEventListener('click', () => location.reload());
  console.error('whatsapp-onboarding: the app could not be loaded:', error);
}
