// Deploy state machine: what it does when the account or the endpoint is not as expected (a Failed
// endpoint left by an earlier deployment, an instance quota, a throttled or vanished describe).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLACEHOLDER_VALUES as P, World, awsError, runMachine, sageMakerThrottling } from './harness.mjs';

// correlationId: the pipeline run that registered the package, logged by DeployHandler.
const INPUT = { modelPackageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/rookery-penguins/7', correlationId: 'rk-0123456789abcdef01234567' };
const DEPLOY = `arn:aws:states:::lambda:invoke#${P.DeployFunctionArn}`;
const FAILED = 'dev.rookery.functions.exceptions.EndpointFailedException';
const BUSY = 'dev.rookery.functions.exceptions.EndpointBusyException';
// What the Java runtime reports for an exception thrown by a handler: errorType is its class name.
const lambdaCause = (type, message) => JSON.stringify({ errorMessage: message, errorType: type, stackTrace: [] });
const QUOTA_MESSAGE = 'The account-level service limit \'ml.m5.large for endpoint usage\' is 2 Instances, with current utilization of'
  + ' 2 Instances and a request delta of 2 Instances. Please use AWS Service Quotas to request an increase for this quota.';

/** A DeployHandler that answers each call with the next behaviour, then like the default world. */
function scriptedDeploy(world, ...behaviours) {
  const normal = world.handlers()[DEPLOY];
  world.overrides[DEPLOY] = function scripted(input) {
    world.deployPayloads = [...(world.deployPayloads ?? []), input.Payload];
    const next = behaviours.shift();
    if (next) next(input.Payload);
    return normal.call(this, input);
  };
}

test('failed endpoint: a Failed endpoint left by an earlier deployment is deleted and created again once, and the notification says so', async () => {
  // given: the first deployment of this environment ended Failed (e.g. a bad image); DeployHandler
  // reports it, then (replaceFailedEndpoint) deletes it and is busy while SageMaker deletes it
  const world = new World({ endpointStatuses: ['Creating', 'InService'] });
  scriptedDeploy(world,
    () => { throw awsError(FAILED, lambdaCause(FAILED, 'endpoint rookery-penguins is Failed: Image does not exist or access is denied')); },
    () => { throw awsError(BUSY, lambdaCause(BUSY, 'endpoint rookery-penguins is Deleting; retry once it is InService')); });
  // when
  const run = await runMachine('deploy', INPUT, { world, executionName: 'rookery-penguins-7' });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(world.deployPayloads.map((p) => p.replaceFailedEndpoint), [false, true, true]);
  assert.deepEqual(run.visited.slice(0, 3), ['Deploy', 'ReplaceFailedEndpoint', 'StartPolling']);
  assert.deepEqual(run.visited.slice(-3), ['CheckReplacedEndpoint', 'NotifyReplacedEndpoint', 'DeploySucceeded']);
  assert.equal(world.notifications.length, 1);
  assert.match(world.notifications[0].message,
    /Endpoint rookery-penguins was Failed when this deployment started, so it was deleted and created again: it is now InService with model package .*\/7/);
  assert.match(world.notifications[0].message, /Image does not exist or access is denied/);
});

test('failed endpoint: the replacement is tried once; a second failure is notified, not looped', async () => {
  // given
  const world = new World();
  scriptedDeploy(world,
    () => { throw awsError(FAILED, lambdaCause(FAILED, 'endpoint rookery-penguins is Failed: Image does not exist')); },
    () => { throw awsError('software.amazon.awssdk.services.sagemaker.model.SageMakerException', 'User: arn:aws:sts::123456789012:assumed-role/x is not authorized to perform: sagemaker:DeleteEndpoint'); });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.deepEqual(run.visited, ['Deploy', 'ReplaceFailedEndpoint', 'CheckQuotaError', 'NotifyDeployFailure', 'DeployFailed']);
  assert.match(world.notifications[0].message, /not authorized to perform: sagemaker:DeleteEndpoint/);
});

test('quota: ResourceLimitExceeded from CreateEndpoint/UpdateEndpoint is not retried and the notification names the quota and blue/green\'s twice the instances', async () => {
  // given
  const type = 'software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException';
  const world = new World();
  scriptedDeploy(world, () => { throw awsError(type, lambdaCause(type, `${QUOTA_MESSAGE} (Service: SageMaker, Status Code: 400, Request ID: 1)`)); });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, type);
  assert.deepEqual(run.retried, []);
  assert.deepEqual(run.visited, ['Deploy', 'CheckQuotaError', 'NotifyQuotaExceeded', 'DeployFailed']);
  assert.equal(world.notifications.length, 1);
  assert.match(world.notifications[0].subject, /instance quota/);
  assert.match(world.notifications[0].message, /ResourceLimitExceeded.*needs twice the endpoint instance count.*Service Quotas/);
  assert.match(world.notifications[0].message, /ml\.m5\.large for endpoint usage/);
});

test('quota: a blue/green update that SageMaker rolled back for the quota (InService on the old config, FailureReason) names the quota', async () => {
  // given
  const world = new World({ endpointStatuses: ['Updating', 'InService'], servedConfigWhenInService: 'rookery-penguins-v6-20261120t0100' });
  const describe = world.handlers()['arn:aws:states:::aws-sdk:sagemaker:describeEndpoint'];
  world.overrides['arn:aws:states:::aws-sdk:sagemaker:describeEndpoint'] = function withReason(input) {
    const response = describe.call(this, input);
    return response.EndpointStatus === 'InService' ? { ...response, FailureReason: QUOTA_MESSAGE } : response;
  };
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.error, 'Rookery.EndpointNotServing');
  assert.match(run.cause, /is InService with endpoint config rookery-penguins-v6-20261120t0100, expected .*: the update failed: The account-level service limit/);
  assert.deepEqual(run.visited.slice(-4), ['RecordUpdateFailure', 'CheckQuotaError', 'NotifyQuotaExceeded', 'DeployFailed']);
  assert.match(world.notifications[0].message, /twice the endpoint instance count/);
});

test('quota: any other failure keeps the plain failure notification', async () => {
  const world = new World({ endpointStatuses: ['Creating', 'Failed'], failureReason: 'Image does not exist' });
  const run = await runMachine('deploy', INPUT, { world });
  assert.deepEqual(run.visited.slice(-3), ['CheckQuotaError', 'NotifyDeployFailure', 'DeployFailed']);
  assert.doesNotMatch(world.notifications[0].message, /quota/i);
});

test('polling: a throttled describeEndpoint uses up one poll and polling goes on', async () => {
  // given
  const world = new World({ endpointStatuses: ['Creating', 'InService'] });
  const describe = world.handlers()['arn:aws:states:::aws-sdk:sagemaker:describeEndpoint'];
  let calls = 0;
  world.overrides['arn:aws:states:::aws-sdk:sagemaker:describeEndpoint'] = function throttled(input) {
    calls += 1;
    if (calls === 2) throw sageMakerThrottling();
    return describe.call(this, input);
  };
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(1, 10), ['StartPolling', 'WaitForEndpoint', 'DescribeEndpoint', 'CheckEndpointStatus', 'CountPoll',
    'WaitForEndpoint', 'DescribeEndpoint', 'CheckDescribeError', 'CountPoll']);
});

test('polling: an endpoint that vanished (ValidationException "Could not find endpoint") fails at the first describe, not after retries', async () => {
  // given
  const world = new World({ endpointExists: false });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'SageMaker.SageMakerException');
  assert.equal(world.callsTo('DescribeEndpoint').length, 1);
  assert.deepEqual(run.retried, []);
  assert.deepEqual(run.visited.slice(-4), ['CheckDescribeError', 'CheckQuotaError', 'NotifyDeployFailure', 'DeployFailed']);
});

test('DeployHandler: a SnapStart version that is not ready yet is retried, then deploys', async () => {
  // given
  const world = new World();
  scriptedDeploy(world, () => { throw awsError('Lambda.SnapStartNotReadyException', 'Lambda is initializing your function. It will be ready to invoke shortly.'); },
    () => { throw awsError('Lambda.ResourceConflictException', 'The operation cannot be performed at this time. The function is currently in the following state: Pending'); });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.retried, ['Deploy', 'Deploy']);
});
