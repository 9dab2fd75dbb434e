// What the three definitions retry, and how long the deploy machine can take in the worst case:
// computed from the definition JSON, never from hand-copied numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefinition, taskStates } from './harness.mjs';

const MACHINES = ['pipeline', 'deploy', 'monitoring'];

// AWS's recommended Retry for lambda:invoke (Step Functions developer guide, "Handling transient
// Lambda service exceptions"), plus what a SnapStart version returns while it is not ready yet
// (Lambda API reference, Invoke errors: SnapStartNotReadyException; ResourceConflictException while
// a just-published version is Pending). Every Rookery function has SnapStart on its published
// versions, and the machines invoke the `live` alias on them.
const LAMBDA_TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
  'Lambda.SnapStartNotReadyException',
  'Lambda.ResourceConflictException',
];

for (const name of MACHINES) {
  test(`${name}: every lambda:invoke Task retries Lambda's transient errors and SnapStart's not-ready errors`, () => {
    // given
    const lambdaTasks = taskStates(loadDefinition(name)).filter(([, s]) => s.Resource === 'arn:aws:states:::lambda:invoke');
    assert.ok(lambdaTasks.length > 0);
    // when
    const missing = lambdaTasks.flatMap(([stateName, state]) => {
      const retried = (state.Retry ?? []).flatMap((r) => r.ErrorEquals);
      return LAMBDA_TRANSIENT.filter((e) => !retried.includes(e)).map((e) => `${stateName}: ${e}`);
    });
    // then
    assert.deepEqual(missing, []);
  });

  test(`${name}: every lambda:invoke Task names its function only through a \${...FunctionArn} placeholder (the CDK app substitutes the live alias)`, () => {
    // given
    const raw = loadDefinition(name, new Proxy({}, { has: () => true, get: (_, key) => `\${${String(key)}}` }));
    // when
    const names = taskStates(raw).filter(([, s]) => s.Resource === 'arn:aws:states:::lambda:invoke')
      .map(([stateName, s]) => [stateName, s.Parameters.FunctionName]);
    // then: an unqualified literal ARN would run $LATEST, where SnapStart does not apply
    assert.deepEqual(names.filter(([, f]) => !/^\$\{[A-Za-z]+FunctionArn\}$/.test(f)), []);
  });
}

/** Seconds one Retry rule can wait in total: every interval, grown by BackoffRate, capped by MaxDelaySeconds. */
export function retryDelaySeconds(rule) {
  let total = 0;
  for (let attempt = 0; attempt < (rule.MaxAttempts ?? 3); attempt += 1) {
    const delay = (rule.IntervalSeconds ?? 1) * (rule.BackoffRate ?? 2) ** attempt;
    total += Math.min(delay, rule.MaxDelaySeconds ?? Infinity);
  }
  return total;
}

/**
 * The longest a Task can take: every attempt (the first plus each retrier's MaxAttempts: every
 * retrier counts on its own) up to the Task's TimeoutSeconds, plus every retry delay.
 */
export function taskWorstCaseSeconds(stateName, state) {
  assert.ok(Number.isInteger(state.TimeoutSeconds), `${stateName} has no TimeoutSeconds, so its worst case is unbounded`);
  const retries = state.Retry ?? [];
  const attempts = 1 + retries.reduce((n, r) => n + (r.MaxAttempts ?? 3), 0);
  return attempts * state.TimeoutSeconds + retries.reduce((s, r) => s + retryDelaySeconds(r), 0);
}

test('retryDelaySeconds: AWS\'s documented example (IntervalSeconds 3, MaxAttempts 3, BackoffRate 2: 3 + 6 + 12)', () => {
  assert.equal(retryDelaySeconds({ IntervalSeconds: 3, MaxAttempts: 3, BackoffRate: 2 }), 21);
  assert.equal(retryDelaySeconds({ IntervalSeconds: 60, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 100 }), 60 + 100 + 100);
  assert.equal(retryDelaySeconds({ ErrorEquals: ['X'] }), 1 + 2 + 4); // the ASL defaults
});

test('deploy: the worst case of retries and polling fits inside the machine\'s TimeoutSeconds', () => {
  // given
  const definition = loadDefinition('deploy');
  const states = definition.States;
  const worst = (name) => taskWorstCaseSeconds(name, states[name]);
  const { limit, intervalSeconds } = states.StartPolling.Result;
  // when: the longest path: Deploy fails on a Failed endpoint, ReplaceFailedEndpoint deletes and
  // recreates it, then limit + 1 polls (each a wait and a describeEndpoint), the baseline
  // publication, and a notification (the failure notification after the last poll is no longer)
  const deploy = worst('Deploy') + worst('ReplaceFailedEndpoint');
  const polling = (limit + 1) * (intervalSeconds + worst('DescribeEndpoint'));
  const publish = worst('DescribeDeployedPackage') + worst('PublishBaselineStatistics') + worst('PublishBaselineConstraints')
    + worst('PublishQualityConstraints');
  const notify = Math.max(...Object.entries(states).filter(([, s]) => s.Resource === 'arn:aws:states:::sns:publish')
    .map(([n]) => worst(n)));
  const total = deploy + polling + publish + notify;
  // then
  assert.ok(total < definition.TimeoutSeconds,
    `worst case ${total} s (deploy ${deploy}, polling ${polling}, publish ${publish}, notify ${notify}) >= TimeoutSeconds ${definition.TimeoutSeconds}`);
});

test('deploy: every Task has a TimeoutSeconds, so no attempt can hang until the machine times out', () => {
  const unbounded = taskStates(loadDefinition('deploy')).filter(([, s]) => !Number.isInteger(s.TimeoutSeconds)).map(([n]) => n);
  assert.deepEqual(unbounded, []);
});
