// Starts the app on its own page, through the same mount API a host page uses
// (embed.js, written by the build). An external module keeps the Content Security
// Policy free of 'unsafe-inline'.
try {
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
