// The app's mount API, for a host page and for the app's own index.html:
//
//   import { mount } from 'https://<app origin>/embed.js';
//   const app = await mount(document.querySelector('#whatsapp'), { basePath: '/portal/whatsapp', ... });
//   app.unmount();
//
// The build (scripts/write-embed, a Trunk post_build hook) writes the hashed file
// names below; everything is loaded relative to this module, wherever it is served.
const GLUE = '__GLUE__';
const WASM = '__WASM__';
const STYLES = [__STYLES__];

const here = (name) => new URL(name, import.meta.url).href;
let started;
// Every app mounted and not unmounted. The wasm side frees an app whose handle the
// page lets go of, so a host that keeps no handle would lose the app at the next
// garbage collection: holding them here keeps it until unmount().
const live = new Set();

/**
 * Starts the app inside `element` with `config` (every setting has a default; see
 * the README's "Embedding the app"). Resolves to `{ unmount(), resume() }`.
 */
export async function mount(element, config = {}) {
  if (!(element instanceof HTMLElement)) {
    throw new TypeError('whatsapp-onboarding: mount(element, config) needs an element of the page');
  }
  started ??= import(here(GLUE)).then(async (glue) => {
    await glue.default({ module_or_path: here(WASM) });
    return glue;
  });
  const glue = await started;
  const handle = glue.mount(element, {
    embedded: true,
    ...config,
    styles: STYLES.map(here),
  });
  let mounted = true;
  const app = {
    /** Removes the app and everything it added to the page. */
    unmount() {
      if (mounted) {
        mounted = false;
        live.delete(app);
        handle.unmount();
        handle.free();
      }
    },
    /** After the host logged the user in again (auth: 'host'): carry on. */
    resume() {
      if (mounted) handle.resume();
    },
  };
  live.add(app);
  return app;
}
