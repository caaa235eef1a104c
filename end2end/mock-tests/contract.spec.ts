// The kit's own checks: every scenario's fixtures are valid against
// contract/openapi.json, and an answer or request the document does not describe
// is refused (thrown, which fails the test, or handed to onContractViolation).
import { test, expect } from './guard';
import { test as plain } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mockBackend, contract, ContractError, SCENARIOS, buildScenario, validateFixture, type ContractError as Violation } from '../mock/index';

test.describe('the mock kit against the contract', () => {
  for (const name of SCENARIOS) {
    plain(`the ${name} scenario's fixtures match contract/openapi.json`, () => {
      expect(() => validateFixture(name)).not.toThrow();
    });
  }

  plain('a fixture the contract does not allow is refused, naming the scenario and the field', () => {
    const s = buildScenario('channel-timeline');
    (s.channels[0].channel as { state: string }).state = 'pending';
    expect(() => validateFixture('channel-timeline', s)).toThrow(ContractError);
    expect(() => validateFixture('channel-timeline', s)).toThrow(/scenario channel-timeline: channel ch_1 does not match the contract's ChannelOverview.*state/);
  });

  plain('answers and requests the contract does not describe are refused', () => {
    const c = contract();
    const list = c.byId('listChannels');
    // Valid.
    expect(() => c.checkResponse(list, 200, {}, [])).not.toThrow();
    expect(() => c.checkResponse(list, 401, {}, { code: 'unauthorized', message: 'Log in again.' })).not.toThrow();
    // A channel without its number and ready_by, an unknown error code, an undocumented status.
    expect(() => c.checkResponse(list, 200, {}, [{ channel: { id: 'ch_1', name: 'A', routing_script: 'R', reference: 'CM-1', state: 'requested', requested_at: 0 } }]))
      .toThrow(/listChannels.*must have required property 'number'/);
    expect(() => c.checkResponse(list, 500, {}, { code: 'oops', message: 'x' })).toThrow(ContractError);
    expect(() => c.checkResponse(list, 409, {}, { code: 'conflict', message: 'x' })).toThrow(/does not document status 409/);
    // A 429 must say when to try again; a 204 has no body.
    expect(() => c.checkResponse(c.byId('logIn'), 429, {}, { code: 'rate_limited', message: 'Wait.' })).toThrow(/Retry-After/);
    expect(() => c.checkResponse(c.byId('logIn'), 429, { 'Retry-After': '30' }, { code: 'rate_limited', message: 'Wait.' })).not.toThrow();
    expect(() => c.checkResponse(c.byId('checkProfile'), 204, {}, { ok: true })).toThrow(/no body/);
    // The app's side: a draft patch whose value is not text.
    expect(() => c.checkRequest(c.byId('saveProfile'), { fields: { tagline: 5 } })).toThrow(/saveProfile.*must be string/);
    expect(() => c.checkRequest(c.byId('saveProfile'), { fields: { tagline: 'Fresh' } })).not.toThrow();
    expect(() => c.checkRequest(c.byId('saveProfile'), { fields: { tagline: 'Fresh' } }, 'text/plain')).toThrow(/type text\/plain/);
    expect(() => c.checkRequest(c.byId('uploadPicture'), { bytes: 1200 }, 'image/jpeg')).not.toThrow();
    expect(() => c.checkRequest(c.byId('requestTerms'), { any: 'body' })).toThrow(/takes no body/);
  });

  test('a wrong answer in the browser is refused: the app never sees it, and the test hears of it', async ({ page }) => {
    const violations: Violation[] = [];
    const kit = await mockBackend(page, {
      scenario: 'returning-customer',
      // A channel list whose channel has no name, state or number: not what the contract says.
      faults: { listChannels: { status: 200, body: [{ channel: { id: 'ch_support' } }] } },
      onContractViolation: (e) => violations.push(e),
    });
    await page.goto(kit.url('/channels'));
    await expect(page.getByRole('alert').filter({ hasText: 'We could not load your channels.' })).toBeVisible();
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0].message).toMatch(/answer 200 to GET \/api\/channels \(listChannels\) does not match the contract/);
  });
});

// Without onContractViolation the kit throws inside its route handler, and Playwright
// fails the test. Proved by running such a test (wrong-answer/) in a Playwright of its own.
plain('without a handler, a wrong answer fails the test that got it', async () => {
  plain.setTimeout(60_000);
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('TEST_') || k.startsWith('PW_')) delete env[k];
  const run = spawnSync('npx', ['playwright', 'test', '-c', 'mock-tests/wrong-answer/playwright.config.ts'], { cwd: join(__dirname, '..'), env, encoding: 'utf8' });
  const out = run.stdout + run.stderr;
  expect(run.status, out).toBe(1);
  expect(out).toContain('1 failed');
  expect(out).toMatch(/ContractError: the kit's answer 200 to GET \/api\/eligibility \(getEligibility\) does not match the contract: body must have required property 'terms'/);
});
