// Scenarios of the deploy state machine (DeployHandler + describeEndpoint poll loop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXECUTION_NAME, PLACEHOLDER_VALUES as P, World, awsError, runMachine } from './harness.mjs';

// correlationId: the pipeline run that registered the package, logged by DeployHandler.
const INPUT = { modelPackageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/rookery-penguins/7', correlationId: 'rk-0123456789abcdef01234567' };
const NEW_CONFIG = 'rookery-penguins-v7-20261126t0530';
const PUBLISH_BASELINE = ['DescribeDeployedPackage', 'CheckPackageBaseline', 'LocateBaseline', 'CheckBaselineLocation',
  'PublishBaselineStatistics', 'PublishBaselineConstraints', 'CheckQualityBaseline', 'LocateQualityBaseline',
  'CheckQualityBaselineLocation', 'PublishQualityConstraints'];
const RUN_BASELINE = `${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/baseline`;
const FIXED = `${P.ArtifactsBucket}/${P.MonitoringBaselinePrefix}`;

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
    'WaitForEndpoint', 'DescribeEndpoint', 'CheckEndpointStatus', ...PUBLISH_BASELINE, 'CheckReplacedEndpoint', 'NotifyDeploySuccess', 'DeploySucceeded']);
  assert.deepEqual(run.output, { endpointName: P.EndpointName, endpointConfigName: NEW_CONFIG, modelName: NEW_CONFIG, action: 'UPDATE' });
  assert.deepEqual(world.callsTo('Deploy')[0].input, { FunctionName: P.DeployFunctionArn, Payload: { ...INPUT, replaceFailedEndpoint: false } });
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
  assert.deepEqual(run.visited.slice(-5), ['CheckEndpointStatus', 'RecordEndpointFailure', 'CheckQuotaError', 'NotifyDeployFailure', 'DeployFailed']);
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
  world.failFirst(`arn:aws:states:::lambda:invoke#${P.DeployFunctionArn}`, 2,
    'dev.rookery.functions.exceptions.EndpointBusyException', 'Endpoint rookery-penguins is Updating');
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.retried, ['Deploy', 'Deploy']);
});

test('DeployHandler error that is not retryable goes straight to the failure path', async () => {
  const world = new World({ overrides: { [`arn:aws:states:::lambda:invoke#${P.DeployFunctionArn}`]() {
    throw awsError('dev.rookery.functions.exceptions.InvalidEventException', 'invalid event: modelPackageArn: not a model package ARN');
  } } });
  const run = await runMachine('deploy', INPUT, { world });
  assert.deepEqual(run.visited, ['Deploy', 'CheckQuotaError', 'NotifyDeployFailure', 'DeployFailed']);
  assert.equal(run.error, 'dev.rookery.functions.exceptions.InvalidEventException');
  assert.deepEqual(run.retried, []);
});

test('baseline: after InService the package\'s drift baseline is copied to the fixed place the Model Monitor schedule reads', async () => {
  // given
  const world = new World({ endpointStatuses: ['Updating', 'InService'] });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  const inService = run.visited.lastIndexOf('CheckEndpointStatus');
  assert.ok(run.visited.indexOf('DescribeDeployedPackage') > inService, 'the baseline is published after InService');
  assert.deepEqual(world.callsTo('DescribeDeployedPackage')[0].input, { ModelPackageName: INPUT.modelPackageArn });
  assert.deepEqual(world.callsTo('PublishBaselineStatistics')[0].input,
    { Bucket: P.ArtifactsBucket, Key: 'monitoring/baseline/statistics.json', CopySource: `${RUN_BASELINE}/statistics.json` });
  assert.deepEqual(world.callsTo('PublishBaselineConstraints')[0].input,
    { Bucket: P.ArtifactsBucket, Key: 'monitoring/baseline/constraints.json', CopySource: `${RUN_BASELINE}/constraints.json` });
  assert.equal(world.s3.get(`${FIXED}/statistics.json`), world.s3.get(`${RUN_BASELINE}/statistics.json`));
  assert.equal(world.s3.get(`${FIXED}/constraints.json`), world.s3.get(`${RUN_BASELINE}/constraints.json`));
  assert.deepEqual(run.output, { endpointName: P.EndpointName, endpointConfigName: NEW_CONFIG, modelName: NEW_CONFIG, action: 'UPDATE' });
});

for (const [what, options] of [
  ['Failed', { endpointStatuses: ['Creating', 'Failed'], failureReason: 'Image does not exist' }],
  ['rolled back to the old config', { endpointStatuses: ['Updating', 'InService'], servedConfigWhenInService: 'rookery-penguins-v6-20261120t0100' }],
  ['timed out', { endpointStatuses: ['Updating'] }],
]) {
  test(`baseline: an endpoint that ${what} publishes nothing (the fixed baseline stays the served model's)`, async () => {
    // given
    const world = new World(options);
    // when
    const run = await runMachine('deploy', INPUT, { world });
    // then
    assert.equal(run.status, 'FAILED');
    assert.equal(world.callsTo('DescribeDeployedPackage').length, 0);
    assert.equal(world.calls.filter((c) => c.resource.endsWith('s3:copyObject')).length, 0);
    assert.equal([...world.s3.keys()].some((k) => k.startsWith(FIXED)), false);
  });
}

test('model-quality baseline: the package\'s ModelMetrics.ModelQuality constraints are copied where the model-quality schedule reads them', async () => {
  const world = new World();
  const run = await runMachine('deploy', INPUT, { world });
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(world.callsTo('PublishQualityConstraints')[0].input, {
    Bucket: P.ArtifactsBucket, Key: 'monitoring/baseline/model-quality/constraints.json',
    CopySource: `${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/evaluation/model-quality/constraints.json`,
  });
  assert.equal(world.s3.get(`${FIXED}/model-quality/constraints.json`), '{"version":0,"multiclass_classification_constraints":{}}');
});

test('model-quality baseline: a package without one (registered before it existed) deploys and leaves the fixed one alone', async () => {
  const world = new World({ qualityBaseline: null });
  const run = await runMachine('deploy', INPUT, { world });
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(-5), ['PublishBaselineConstraints', 'CheckQualityBaseline', 'CheckReplacedEndpoint', 'NotifyDeploySuccess', 'DeploySucceeded']);
  assert.equal(world.callsTo('PublishQualityConstraints').length, 0);
});

test('model-quality baseline: one outside runs/<execution>/evaluation/model-quality/ is not copied, and the failure says so', async () => {
  const world = new World({ qualityBaseline: { statistics: 's3://elsewhere/q/statistics.json', constraints: 's3://elsewhere/q/constraints.json' } });
  const run = await runMachine('deploy', INPUT, { world });
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'Rookery.BaselineNotInArtifacts');
  assert.match(run.cause, /model-quality baseline as s3:\/\/elsewhere\/q\/constraints\.json/);
  assert.equal(world.callsTo('PublishQualityConstraints').length, 0);
});

test('baseline: a package registered without DriftCheckBaselines fails the deployment with Rookery.NoBaseline and notifies', async () => {
  // given
  const world = new World({ packageBaselines: null });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.error, 'Rookery.NoBaseline');
  assert.match(run.cause, /rookery-penguins\/7 has no DriftCheckBaselines\.ModelDataQuality.*endpoint rookery-penguins serves it/);
  assert.deepEqual(run.visited.slice(-5), ['CheckPackageBaseline', 'RecordMissingBaseline', 'CheckQuotaError', 'NotifyDeployFailure', 'DeployFailed']);
  assert.equal(world.calls.filter((c) => c.resource.endsWith('s3:copyObject')).length, 0);
  assert.match(world.notifications[0].message, /Error: Rookery\.NoBaseline/);
});

test('baseline: a baseline outside runs/<execution>/baseline/ of the artefacts bucket is not copied', async () => {
  // given: a package registered by hand with its baseline elsewhere
  const world = new World({ packageBaselines: {
    statistics: 's3://someone-elses-bucket/runs/x/baseline/statistics.json',
    constraints: `s3://${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/baseline/constraints.json`,
  } });
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.error, 'Rookery.BaselineNotInArtifacts');
  assert.match(run.cause, /s3:\/\/someone-elses-bucket\/runs\/x\/baseline\/statistics\.json/);
  assert.equal(world.calls.filter((c) => c.resource.endsWith('s3:copyObject')).length, 0);
});

test('baseline: a copy that fails (the run\'s baseline was deleted) goes down the failure path', async () => {
  // given
  const world = new World();
  world.s3.delete(`${RUN_BASELINE}/constraints.json`);
  // when
  const run = await runMachine('deploy', INPUT, { world });
  // then
  assert.equal(run.error, 'S3.NoSuchKeyException');
  assert.deepEqual(run.visited.slice(-4), ['PublishBaselineConstraints', 'CheckQuotaError', 'NotifyDeployFailure', 'DeployFailed']);
});
