// Scenarios of the deploy state machine (DeployHandler + describeEndpoint poll loop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLACEHOLDER_VALUES as P, World, awsError, runMachine } from './harness.mjs';

const INPUT = { modelPackageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/rookery-penguins/7' };
const NEW_CONFIG = 'rookery-penguins-v7-20261126t0530';

test('endpoint polling: Creating, Creating, InService ends with the deployment as output', async () => {
  // given
  const world = new World({ endpointStatuses: ['Creating', 'Creating', 'InService'] });
  // when
  const run = await runMachine('deploy', INPUT, { world, executionName: 'rookery-penguins-7' });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited, ['Deploy', 'StartPolling',
    'WaitForEndpoint', 'DescribeEndpoint', 'CheckEndpointStatus', 'CountPoll',
    'WaitForEndpoint', 'DescribeEndpoint', 'CheckEndpointStatus', 'CountPoll',
    'WaitForEndpoint', 'DescribeEndpoint', 'CheckEndpointStatus', 'NotifyDeploySuccess', 'DeploySucceeded']);
  assert.deepEqual(run.output, { endpointName: P.EndpointName, endpointConfigName: NEW_CONFIG, modelName: NEW_CONFIG, action: 'UPDATE' });
  assert.deepEqual(world.callsTo('Deploy')[0].input, { FunctionName: P.DeployFunctionArn, Payload: INPUT });
  assert.deepEqual(world.callsTo('DescribeEndpoint')[0].input, { EndpointName: P.EndpointName });
  assert.equal(world.notifications.length, 1);
  assert.match(world.notifications[0].message, /Endpoint rookery-penguins is InService with model package .*rookery-penguins\/7/);
});

test('endpoint Failed: fails with SageMaker FailureReason and notifies it', async () => {
  // given
  const world = new World({ endpointStatuses: ['Creating', 'Failed'], failureReason: 'Image does not exist or access is denied' });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'Rookery.EndpointFailed');
  assert.equal(run.cause, 'Endpoint rookery-penguins is Failed: Image does not exist or access is denied');
  assert.deepEqual(run.visited.slice(-4), ['CheckEndpointStatus', 'RecordEndpointFailure', 'NotifyDeployFailure', 'DeployFailed']);
  assert.match(world.notifications[0].message, /Error: Rookery\.EndpointFailed\. Cause: Endpoint rookery-penguins is Failed: Image does not exist/);
});

test('endpoint RollingBack: fails with the FailureReason', async () => {
  const world = new World({ endpointStatuses: ['Updating', 'RollingBack'], failureReason: 'Alarm rookery-5xx went off during baking' });
  const run = await runMachine('deploy', INPUT, { world });
  assert.equal(run.error, 'Rookery.EndpointFailed');
  assert.match(run.cause, /is RollingBack: Alarm rookery-5xx/);
});

test('rolled back: InService on the old endpoint config is a failed deployment', async () => {
  // given
  const world = new World({ endpointStatuses: ['Updating', 'InService'], servedConfigWhenInService: 'rookery-penguins-v6-20261120t0100' });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.error, 'Rookery.EndpointNotServing');
  assert.equal(run.cause, `Endpoint rookery-penguins is InService with endpoint config rookery-penguins-v6-20261120t0100, expected ${NEW_CONFIG}`);
});

test('overall timeout: an endpoint that never settles fails after the poll limit', async () => {
  // given
  const world = new World({ endpointStatuses: ['Updating'] });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.error, 'Rookery.DeployTimeout');
  assert.equal(run.cause, 'Endpoint rookery-penguins still Updating after 120 polls of 60 s');
  assert.equal(world.callsTo('DescribeEndpoint').length, 121);
});

test('endpoint busy: DeployHandler EndpointBusyException is retried with backoff, then deploys', async () => {
  // given
  const world = new World();
  const handlers = world.handlers();
  let attempts = 0;
  world.overrides[`arn:aws:states:::lambda:invoke#${P.DeployFunctionArn}`] = function busy(input) {
    if (++attempts <= 2) throw awsError('dev.rookery.functions.exceptions.EndpointBusyException', 'Endpoint rookery-penguins is Updating');
    return handlers[`arn:aws:states:::lambda:invoke#${P.DeployFunctionArn}`].call(this, input);
  };
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.retried, ['Deploy', 'Deploy']);
});

test('DeployHandler error that is not retryable goes straight to the failure path', async () => {
  const world = new World({ overrides: { [`arn:aws:states:::lambda:invoke#${P.DeployFunctionArn}`]() {
    throw awsError('dev.rookery.functions.exceptions.InvalidInputException', 'modelPackageArn: not a model package ARN');
  } } });
  const run = await runMachine('deploy', INPUT, { world });
  assert.deepEqual(run.visited, ['Deploy', 'NotifyDeployFailure', 'DeployFailed']);
  assert.equal(run.error, 'dev.rookery.functions.exceptions.InvalidInputException');
  assert.deepEqual(run.retried, []);
});
