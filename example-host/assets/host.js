// The example portal: logs its user in (a stand-in for the portal's own login),
// mounts the app under /portal/whatsapp with the portal's brand, theme and login,
// and lists the events the app sends. `?theme=dark`, `?locale=en-GB` and
// `?facebook=redirect` change the settings; window.portal is there for tests and the curious.
import { mount } from '/embed.js';

const params = new URLSearchParams(location.search);
const element = document.getElementById('whatsapp');
const list = document.getElementById('events');
const user = document.getElementById('portal-user');
const events = [];

function show(event) {
  events.push(event);
  const item = document.createElement('li');
  item.textContent = JSON.stringify(event);
  list.append(item);
}

async function logIn(email = 'admin@northwind.example') {
  const r = await fetch('/dev/portal-session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  user.textContent = r.ok ? `Logged in as ${email}` : 'Not logged in';
  return r.ok;
}

const settings = {
  basePath: '/portal/whatsapp',
  auth: 'host',
  locale: params.get('locale') ?? 'en-US',
  brand: {
    product: 'Example Contact Center',
    partner: 'Example Co',
    messagingPlatform: 'Example messaging portal',
    configurationManager: 'Example channel manager',
    supportUrl: 'https://support.example.com',
    numberSetupUrl: 'https://support.example.com/whatsapp-numbers',
    ratesUrl: 'https://developers.facebook.com/docs/whatsapp/pricing',
  },
  appearance: {
    theme: params.get('theme') === 'dark' ? 'dark' : 'light',
    colorPrimary: params.get('theme') === 'dark' ? '#c4b5fd' : '#5b21b6',
    fontFamily: 'system-ui, sans-serif',
    borderRadius: '8px',
  },
  // Facebook's sign-up opens in a popup inside a portal unless told otherwise.
  facebook: params.get('facebook') ?? undefined,
  onEvent: show,
};

let app = null;
async function start() {
  app = await mount(element, settings);
}
function stop() {
  app?.unmount();
  app = null;
}

document.getElementById('portal-login').addEventListener('click', async (e) => {
  e.preventDefault();
  if (await logIn()) app?.resume();
});
document.getElementById('portal-toggle').addEventListener('click', async (e) => {
  e.preventDefault();
  if (app) {
    stop();
    e.target.textContent = 'Mount the app';
  } else {
    await start();
    e.target.textContent = 'Unmount the app';
  }
});

await logIn();
// Once the portal's user is logged in, so a test that waits for it finds the portal's session there.
window.portal = { events, logIn, start, stop, get app() { return app; } };
// ?manual=1: the page waits for window.portal.start(), so a test can look at the page first.
if (!params.has('manual')) await start();
