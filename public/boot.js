// Starts the app on its own page, through the same mount API a host page uses
// (embed.js, written by the build). An external module keeps the Content Security
// Policy free of 'unsafe-inline'.
const { mount } = await import(new URL('./embed.js', import.meta.url).href);
const api = document.querySelector('meta[name="api-base-url"]');
await mount(document.getElementById('app'), {
  embedded: false,
  apiBaseUrl: api ? api.content : '',
});
