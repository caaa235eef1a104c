// The app's mount API, for a host page and for the app's own index.html:
//
//   import { mount } from 'https://<app origin>/embed.js';
//   const app = await mount(document.querySelector('#whatsapp'), { basePath: '/portal/whatsapp', ... });
//   app.unmount();
//
// or, to have the code ready before the user opens the app: `preload()`.
//
// The build (scripts/write-embed, a Trunk post_build hook) writes the hashed file
// names below; everything is loaded relative to this module, wherever it is served.
const GLUE = '__GLUE__';
const WASM = '__WASM__';
// The first-load builds (release builds only; none otherwise): each has a few
// pages (`pages`: the addresses, under the base path, it is loaded for), in a
// first download well under the full app's.
// Any other address makes it hand the page over to the full app, fetched meanwhile.
// A build marked `alone` has pages the full app leaves out (the login, say:
// Cargo.toml's `full`); any build hands those pages over to it.
const FIRST_LOADS = [__FIRST_LOADS__];
const STYLES = [__STYLES__];

const here = (name) => new URL(name, import.meta.url).href;
// Each build's glue module, once its wasm is instantiated, by the glue's name.
const builds = new Map();
// Every app mounted and not unmounted. The wasm side frees an app whose handle the
// page lets go of, so a host that keeps no handle would lose the app at the next
// garbage collection: holding them here keeps it until unmount().
const live = new Set();
let failures = 0;

/**
 * Loads a build once: its glue module, with its wasm fetched side by side (no
 * waiting for the glue to ask). A failure is forgotten, so the next call tries
 * again; a module address that failed to import stays failed in the page, so
 * that try imports the same file under a new address.
 */
function load(glueName, wasmName) {
  let started = builds.get(glueName);
  if (!started) {
    const wasm = fetch(here(wasmName));
    wasm.catch(() => {});
    const address = failures ? `${here(glueName)}?try=${failures}` : here(glueName);
    started = import(address).then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      // The app starts in a task of its own, not in the one that finished compiling
      // its code: two shorter tasks, so the page answers input in between.
      await new Promise((resolve) => setTimeout(resolve));
      return glue;
    });
    started.catch(() => {
      builds.delete(glueName);
      failures += 1;
    });
    builds.set(glueName, started);
  }
  return started;
}

/** An address of the app's without its trailing slashes (as the app's router reads it). */
const plain = (address) => address.replace(/\/+$/, '') || '/';

/** The page's address under `basePath`. */
function pageAddress(basePath) {
  const path = location.pathname;
  const base = typeof basePath === 'string' ? basePath.replace(/\/+$/, '') : '';
  return plain(base && (path === base || path.startsWith(`${base}/`)) ? path.slice(base.length) : path);
}

/**
 * The first-load build `mount()` starts at `address`, if any: none once the full
 * app is loaded or on its way (after an earlier mount), as it has
 * nearly every page, and hands the others over.
 */
function firstLoad(address) {
  return builds.has(GLUE) ? undefined : FIRST_LOADS.find((build) => build.pages.test(address));
}

/**
 * Resolves once no pointer is pressed on index.html's own login form inside
 * `element`: taken over between a press and its release, the press would go down
 * on the page's "Log in" and come up on the app's, which clicks neither, and the
 * user's "Log in" would be lost. The release's click has been handled by then (the
 * page's form keeps it as a "Log in" pressed, which the app then does).
 */
async function released(element) {
  while (element.querySelector('#prerendered-login :active')) {
    await new Promise((resolve) => {
      const done = new AbortController();
      const end = () => {
        done.abort();
        resolve();
      };
      // A press by the keyboard (Space on the button) ends with its key.
      for (const type of ['pointerup', 'pointercancel', 'keyup', 'blur']) addEventListener(type, end, { capture: true, signal: done.signal });
    });
    await new Promise((resolve) => setTimeout(resolve));
  }
}

/** Runs `task` once the page is idle (soon at the latest). */
function whenIdle(task) {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 200);
}

/** How long no answer may come in before the network counts as quiet. */
const QUIET_MS = 1000;

/**
 * Runs `task` once no answer (of the page's or anyone's) has come in for
 * `QUIET_MS`, and the page is then idle. The page is idle as soon as it waits for
 * its first answers: the full app's download and compile then ran while they
 * came in and were drawn (the 1,000-channel list, median of 38 loads at 1x: 37 ms
 * with it at once, 27 ms with it after the quiet). An answer slower than
 * `QUIET_MS` still meets it.
 */
function whenQuiet(task) {
  let timer;
  const settle = () => {
    quiet.disconnect();
    whenIdle(task);
  };
  const quiet = new PerformanceObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(settle, QUIET_MS);
  });
  quiet.observe({ type: 'resource' });
  timer = setTimeout(settle, QUIET_MS);
}

/**
 * Downloads and starts the app's code without showing anything, for a host page
 * that expects the user to open the app soon: call it when your page is idle.
 * It loads the small build `mount()` starts at `page`, the address (under the base
 * path) the user will open, such as '/channels/new'; without it, at the app's home,
 * '/' (the channels page). The full app, which has nearly every page and is over
 * the first load's budget, is never preloaded: it comes once that page is up, as
 * without a preload. A `mount()` at that address afterwards has nothing left to
 * download (at another, it loads that page's build). Resolves once
 * the code is ready, and also when it could not be had: `mount()` then tries again
 * (and rejects if it still cannot). Rejects only options that are not `{ page }`
 * with a string.
 */
export function preload(options = {}) {
  const page = options?.page;
  // preload('/channels/new') would otherwise load the home's build without a word.
  if (typeof options !== 'object' || (page !== undefined && typeof page !== 'string')) {
    return Promise.reject(new TypeError("whatsapp-onboarding: preload({ page }) needs the app's address as a string, such as '/channels'"));
  }
  const build = firstLoad(plain((page ?? '/').split(/[?#]/)[0]));
  return (build ? load(build.glue, build.wasm) : load(GLUE, WASM)).then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Starts the app inside `element` with `config` (every setting has a default; see
 * the README's "Embedding the app"). Resolves to `{ unmount(), resume() }`.
 */
export async function mount(element, config = {}) {
  if (!(element instanceof HTMLElement)) {
    throw new TypeError('whatsapp-onboarding: mount(element, config) needs an element of the page');
  }
  const settings = (more) => ({ embedded: true, ...config, ...more, styles: STYLES.map(here) });
  let mounted = true;
  let handle;
  // The stylesheets the app's shadow root links, downloaded beside its code rather
  // than after it: the app shows once they are there. Taken out again at unmount.
  const preloads = STYLES.map((name) => {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'style';
    link.href = here(name);
    return document.head.appendChild(link);
  });
  const unpreload = () => preloads.forEach((link) => link.remove());
  // index.html's own login form (on /login), which the user may be typing into, is
  // taken over only once the styles are there too: the app's form then shows, and
  // takes the focus and the cursor, in the moment the page's goes. (Taken over while
  // hidden for its styles, the app's field could not take the focus, and what the
  // user typed next went nowhere.)
  const takingOver = element.querySelector('#prerendered-login:not([hidden])') !== null;
  const styled = Promise.all(
    preloads.map((link) => new Promise((settle) => {
      link.addEventListener('load', settle);
      link.addEventListener('error', settle);
    })),
  );
  const code = async (glueName, wasmName) => {
    const [glue] = await Promise.all([load(glueName, wasmName), takingOver && styled]);
    if (takingOver) await released(element);
    return glue;
  };
  const first = firstLoad(pageAddress(config?.basePath));
  // The build mounted now: a first-load build, or the full app (undefined).
  let current = first;
  // A build hands the page over by calling this (with whether it told the host page
  // it was ready, as JSON what it already had, and the Facebook window it was
  // listening to, if one is open): to the `alone` build with the page if the full
  // app leaves it out (the login, say), otherwise, from a first-load build, to the
  // full app. The next build is mounted in its place, at the address the first
  // moved to, before the first goes, so nothing flashes and no message from the
  // window falls between the two.
  const handOver = async (readyTold, carried, popup) => {
    const at = pageAddress(config?.basePath);
    const next = FIRST_LOADS.find((build) => build.alone && build !== current && build.pages.test(at));
    if (!current && !next) throw new Error(`whatsapp-onboarding: no build has the page at ${at}`);
    const glue = await (next ? load(next.glue, next.wasm) : load(GLUE, WASM));
    if (!mounted) return;
    const mountedNext = glue.mount(element, settings({
      _readyTold: readyTold, _carried: carried, _stylesLoaded: true, _popup: popup, _handOver: handOver,
    }));
    handle.unmount();
    handle.free();
    handle = mountedNext;
    current = next;
  };
  try {
    if (first) {
      handle = (await code(first.glue, first.wasm)).mount(element, settings({ _handOver: handOver }));
      // The user moves on from here next: fetch the full app meanwhile, once this
      // page has its answers and has drawn them.
      whenQuiet(() => load(GLUE, WASM).catch(() => {}));
    } else {
      handle = (await code(GLUE, WASM)).mount(element, settings({ _handOver: handOver }));
    }
  } catch (error) {
    unpreload();
    throw error;
  }
  const app = {
    /** Removes the app and everything it added to the page. */
    unmount() {
      if (mounted) {
        mounted = false;
        live.delete(app);
        handle.unmount();
        handle.free();
        unpreload();
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
