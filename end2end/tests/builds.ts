// Which of the app's builds a page downloads (scripts/build-entry's first-load
// builds, or the full app, `whatsapp-onboarding`), and holding the full app back,
// so a journey shows that a page opened cold needs nothing but its own build.
import type { Page } from './fixtures';

/** The builds whose code the page asked for, in order, by name (`channels`, `whatsapp-onboarding`). */
export function wasmBuilds(page: Page): string[] {
  const builds: string[] = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/^\/(?:.*\/)?([a-z-]+)-[0-9a-f]+_bg\.wasm$/);
    if (m) builds.push(m[1]);
  });
  return builds;
}

/**
 * The builds asked for, but for the full app: embed.js asks for it once the page
 * is quiet (`whenQuiet`), which a slow step of a journey may or may not reach, and
 * `holdTheFullApp` keeps it from arriving; until then, these are the page's code.
 */
export function besidesTheFullApp(builds: string[]): string[] {
  return builds.filter((build) => build !== 'whatsapp-onboarding');
}

/** Holds the full app's code back until the returned function is called. */
export async function holdTheFullApp(page: Page) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/whatsapp-onboarding-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * The headings, labels, buttons, links, legends, options and list items shown in `scope` that
 * have no words: a first-load build leaves out the texts of the areas its pages do
 * not show (src/i18n/mod.rs), so a page reading one of them would show it empty.
 */
export async function wordless(scope: Page | ReturnType<Page['locator']>): Promise<string[]> {
  return scope.locator('h1, h2, h3, label, button, a, legend, option, summary, li').evaluateAll((elements) =>
    elements
      .filter((e) => (e.tagName === 'OPTION' || (e as HTMLElement).checkVisibility()) && !(e.textContent ?? '').trim() && !e.getAttribute('aria-label'))
      .map((e) => e.outerHTML.slice(0, 120)),
  );
}
