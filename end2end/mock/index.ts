/**
 * @whatsapp-onboarding/mock: the WhatsApp onboarding app's backend, answered inside
 * Playwright, with no server at all.
 *
 * `mockBackend(page, { scenario, faults, host })` serves the built app (a Trunk
 * release `dist`) and, if asked, the example portal page on a made-up https
 * origin, answers every call of the JSON API from a stateful scenario, and answers
 * the Facebook sign-up dialog with a one-page stand-in. Every answer it sends, and
 * every request the app makes, is checked against contract/openapi.json: an
 * answer the contract does not describe throws and fails the test.
 *
 * ```ts
 * import { test, expect } from '@playwright/test';
 * import { mockBackend } from '../mock';
 *
 * test('the portal hears of the linked number', async ({ page }) => {
 *   const kit = await mockBackend(page, { scenario: 'number-registered', host: true });
 *   await page.goto(kit.url('/portal/whatsapp/channels/ch_support/confirm'));
 *   ...
 * });
 * ```
 *
 * The scenarios, faults and the call record are described on their types and in
 * the repository README ("Testing your portal with the app").
 */
export { mockBackend, defaultDistDir } from './backend';
export type { MockBackend, MockOptions, FaultSpec, Endpoint, ApiCall } from './backend';
export {
  SCENARIOS, buildScenario, validateFixture, overviews, profileOf, workingDaysAfter, displayOf,
  MOCK_EMAIL, MOCK_PASSWORD, NEW_CUSTOMER_LINK, DEFAULT_CLOCK, REGISTERED_NUMBER, PROFILE,
} from './scenarios';
export type { ScenarioName } from './scenarios';
export { contract, Contract, ContractError, contractPath } from './contract';
export type * from './types';
