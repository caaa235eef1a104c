// Makes sure a release build of the app exists for the mock kit, with no server:
// reuses a build that is newer than every source of the app (the kit's own
// folder, or the one scripts/serve-test made for the Rust-backed suite), else
// builds target/e2e-dist-mock with Trunk. The folder chosen goes to the tests in
// MOCK_DIST.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
/** What a build is made from: a change to any of these makes a build stale. */
const SOURCES = ['src', 'style', 'public', 'embed', 'domain/src', 'index.html', 'Trunk.toml', 'Cargo.toml', 'Cargo.lock', 'domain/Cargo.toml', 'scripts/build-entry', 'scripts/write-embed'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs);
}

export default function globalSetup() {
  const sources = Math.max(...SOURCES.map((p) => newest(join(REPO, p))));
  const fresh = (dir: string) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'embed.js')) && statSync(join(dir, 'index.html')).mtimeMs >= sources;
  const own = join(REPO, 'target', 'e2e-dist-mock');
  const candidates = [process.env.MOCK_DIST, own, join(REPO, 'target', `e2e-dist-${process.env.E2E_PORT ?? 8181}`)].filter((d): d is string => !!d).map((d) => resolve(d));
  const found = candidates.find(fresh);
  if (found) {
    process.env.MOCK_DIST = found;
    return;
  }
  console.log(`mock kit: building the app into ${own} (trunk build --release --offline)`);
  execFileSync('trunk', ['build', '--release', '--offline', '--dist', own], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${join(REPO, 'tools', 'node_modules', '.bin')}:${process.env.PATH}` },
  });
  process.env.MOCK_DIST = own;
}
