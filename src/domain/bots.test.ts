// The one bot list, on real automation logins and on people whose names merely look like one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBotAccount, isBotName } from './bots.js';

test('automation: GitHub Apps, the -bot / bot- convention and the well-known services', () => {
  const bots = [
    'dependabot[bot]',
    'dependabot',
    'dependabot-preview[bot]',
    'renovate[bot]',
    'renovate-bot',
    'renovatebot',
    'github-actions[bot]',
    'github-actions',
    'pre-commit-ci[bot]',
    'pre-commit-ci',
    'codecov-commenter',
    'codecov[bot]',
    'mergify[bot]',
    'allcontributors[bot]',
    'copilot',
    'Copilot',
    'copilot-pull-request-reviewer[bot]',
    'copilot-swe-agent',
    'bot-ci',
    'stale',
    'stale[bot]',
    'web-flow',
    'imgbot',
    'semantic-release-bot',
    'facebook-github-bot',
    'pytorch-bot[bot]',
  ];
  for (const login of bots) assert.equal(isBotName(login), true, login);
});

test('people whose logins merely contain "bot" or a service name are not bots', () => {
  const people = [
    'abbot',
    'abbott',
    'talbot',
    'robotics-lab',
    'robot-arm-dev',
    'botond',
    'bottler',
    'cabotage',
    'zhyncs',
    'simon-mo',
    'youkaichao',
    'staleyj',
    'weblater',
    '',
  ];
  for (const login of people) assert.equal(isBotName(login), false, login);
});

test('an App is a bot by its account type, whatever its login', () => {
  assert.equal(isBotAccount('some-integration', 'Bot'), true);
  assert.equal(isBotAccount('zhyncs', 'User'), false);
  assert.equal(isBotAccount('dependabot[bot]', undefined), true);
  assert.equal(isBotAccount(undefined, undefined), false);
  assert.equal(isBotAccount(null, 'Organization'), false);
});
