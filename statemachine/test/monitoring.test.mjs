// Scenarios of the hourly monitoring state machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXECUTION_NAME, PLACEHOLDER_VALUES as P, World, awsError, runMachine } from './harness.mjs';

const INPUT = { scheduledTime: '2026-11-26T05:00:00Z' };
const TO_CAPTURE = ['ReadScheduledTime', 'PlanMonitoringWindow', 'WaitForHourToEnd', 'StartEndpointRetries', 'DescribeEndpoint',
  'DescribeEndpointConfig', 'DescribeModel', 'CheckModelFromRegistry', 'DescribeModelPackage', 'CheckPackageBaseline', 'ReadBaseline',
  'ListCaptureObjects', 'CheckCaptureData'];

const QUALITY = ['CheckQualityBaseline', 'PlanQualityWindow', 'WaitForLabels', 'ListGroundTruth', 'CheckGroundTruth', 'MonitorQuality',
  'ConfirmQualityCompleted', 'PublishQualityMetrics'];
const QUALITY_OUTPUT = 's3://rookery-artifacts-test/monitoring/rookery-penguins/model-quality/2026/11/26/05';
/** The hour's data capture as both jobs read it: [input name, S3 URI, local path]. */
const HOUR_CAPTURE_INPUT = ['endpointdata', 's3://rookery-capture-test/capture/rookery-penguins/AllTraffic/2026/11/26/05/',
  '/opt/ml/processing/endpointdata/rookery-penguins/AllTraffic/2026/11/26/05'];

/**
 * The Model Monitor container variables both jobs get for the hour starting 05:00 (it ends at the
 * hour's end plus 5 minutes), under the schedule each job stands for; each job adds its own.
 */
function hourEnvironment(scheduleName) {
  return {
    dataset_source: '/opt/ml/processing/endpointdata',
    output_path: '/opt/ml/processing/output',
    publish_cloudwatch_metrics: 'Disabled',
    sagemaker_endpoint_name: P.EndpointName,
    sagemaker_monitoring_schedule_name: scheduleName,
    start_time: '2026-11-26T05:00:00Z',
    end_time: '2026-11-26T06:05:00.000Z',
  };
}

/**
 * Checks a processing job the machine started: its name, its mode (the Rookery image's container
 * argument), its environment, its inputs as [input name, S3 URI, local path] and its output URI.
 */
function assertProcessingJob(job, { name, mode, environment, inputs, output }) {
  assert.match(job.ProcessingJobName, name);
  assert.deepEqual(job.AppSpecification, { ImageUri: P.ImageUri, ContainerArguments: [mode] });
  assert.deepEqual(job.Environment, environment);
  assert.deepEqual(job.ProcessingInputs.map((i) => [i.InputName, i.S3Input.S3Uri, i.S3Input.LocalPath]), inputs);
  assert.equal(job.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri, output);
}

test('with labels: after the label offset, the model-quality job joins the hour\'s capture with the ground truth, then publishes its metrics', async () => {
  // given
  const world = new World({ captureKeys: 3, groundTruthKeys: 2 });
  // when
  const run = await runMachine('monitoring', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(-9), [...QUALITY, 'MonitoringSucceeded']);
  const wait = run.events.find((e) => e.type === 'WaitStateEntered' || (e.type === 'StateEntered' && e.state.name === 'WaitForLabels'));
  assert.ok(wait, 'the label wait is entered');
  assert.equal(run.events.find((e) => e.type === 'StateEntered' && e.state.name === 'WaitForLabels').state.input.quality.labelWaitSeconds, 7200,
    'LabelOffsetSeconds (pipeline.json model_quality.label_offset) as a number for SecondsPath');
  assert.deepEqual(world.callsTo('ListGroundTruth')[0].input, { Bucket: P.ArtifactsBucket, Prefix: 'ground-truth/rookery-penguins/', MaxKeys: 1 });
  assertProcessingJob(world.callsTo('MonitorQuality')[0].input, {
    name: /^rk-quality-2026112605-[0-9a-f]{8}$/,
    mode: 'model-quality',
    environment: {
      ...hourEnvironment(P.ModelQualityScheduleName),
      ground_truth_source: '/opt/ml/processing/groundtruth',
      baseline_constraints: '/opt/ml/processing/baseline/model-quality/constraints.json',
      min_joined_records: '30',
    },
    inputs: [
      HOUR_CAPTURE_INPUT,
      ['groundtruth', 's3://rookery-artifacts-test/ground-truth/rookery-penguins/', '/opt/ml/processing/groundtruth'],
      ['baseline-constraints', `s3://${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/evaluation/model-quality/constraints.json`,
        '/opt/ml/processing/baseline/model-quality'],
    ],
    output: QUALITY_OUTPUT,
  });
  assert.deepEqual(world.callsTo('PublishQualityMetrics')[0].input, {
    FunctionName: P.PublishMetricsFunctionArn, Payload: { metricsUri: `${QUALITY_OUTPUT}/cloudwatch_metrics.json` },
  });
  assert.deepEqual(world.notifications, []);
});

test('no ground truth uploaded for the endpoint: drift is published, no model-quality job, no notification', async () => {
  const world = new World({ groundTruthKeys: 0 });
  const run = await runMachine('monitoring', INPUT, { world });
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(-6), ['PublishMetrics', ...QUALITY.slice(0, 5), 'SkipQualityWithoutLabels'].slice(-6));
  assert.equal(world.callsTo('MonitorQuality').length, 0);
  assert.equal(world.callsTo('PublishMetrics').length, 1);
  assert.deepEqual(world.notifications, []);
});

test('a package registered without ModelMetrics.ModelQuality: drift only, quietly', async () => {
  const world = new World({ qualityBaseline: null });
  const run = await runMachine('monitoring', INPUT, { world });
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(-3), ['PublishMetrics', 'CheckQualityBaseline', 'SkipQualityWithoutBaseline']);
  assert.equal(world.callsTo('ListGroundTruth').length, 0);
  assert.deepEqual(world.notifications, []);
});

test('a model-quality job that ends Stopped goes down the notified failure path, after drift was published', async () => {
  const world = new World();
  const normal = world.handlers()['arn:aws:states:::sagemaker:createProcessingJob.sync'];
  world.overrides['arn:aws:states:::sagemaker:createProcessingJob.sync'] = function stoppedQuality(input) {
    const job = normal.call(this, input);
    return input.AppSpecification.ContainerArguments[0] === 'model-quality' ? { ...job, ProcessingJobStatus: 'Stopped' } : job;
  };
  const run = await runMachine('monitoring', INPUT, { world });
  assert.equal(run.error, 'Rookery.JobNotCompleted');
  assert.equal(world.callsTo('PublishMetrics').length, 1);
  assert.equal(world.callsTo('PublishQualityMetrics').length, 0);
  assert.equal(world.notifications[0].subject, 'Rookery: monitoring failed');
  assert.match(world.notifications[0].message, /SageMaker job rk-quality-2026112605-[0-9a-f]{8} ended with status Stopped/);
});

test('with data: runs the monitor job over the hour with the BYOC environment, then publishes metrics', async () => {
  // given
  const world = new World({ captureKeys: 3 });
  // when
  const run = await runMachine('monitoring', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited, [...TO_CAPTURE, 'Monitor', 'ConfirmMonitorCompleted', 'PublishMetrics', ...QUALITY, 'MonitoringSucceeded']);
  assert.deepEqual(world.callsTo('ListCaptureObjects')[0].input,
    { Bucket: P.CaptureBucket, Prefix: 'capture/rookery-penguins/AllTraffic/2026/11/26/05/', MaxKeys: 1 });
  assertProcessingJob(world.callsTo('Monitor')[0].input, {
    name: /^rk-monitor-2026112605-[0-9a-f]{8}$/,
    mode: 'monitor',
    environment: {
      ...hourEnvironment(P.MonitoringScheduleName),
      dataset_format: '{"sagemakerCaptureJson":{"captureIndexNames":["endpointInput","endpointOutput"]}}',
      baseline_statistics: '/opt/ml/processing/baseline/statistics/statistics.json',
      baseline_constraints: '/opt/ml/processing/baseline/constraints/constraints.json',
    },
    inputs: [
      HOUR_CAPTURE_INPUT,
      ['baseline-statistics', `s3://${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/baseline/statistics.json`, '/opt/ml/processing/baseline/statistics'],
      ['baseline-constraints', `s3://${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/baseline/constraints.json`, '/opt/ml/processing/baseline/constraints'],
    ],
    output: 's3://rookery-artifacts-test/monitoring/rookery-penguins/2026/11/26/05',
  });
  assert.deepEqual(world.callsTo('PublishMetrics')[0].input, {
    FunctionName: P.PublishMetricsFunctionArn,
    Payload: { metricsUri: 's3://rookery-artifacts-test/monitoring/rookery-penguins/2026/11/26/05/cloudwatch_metrics.json' },
  });
  assert.deepEqual(world.notifications, []);
});

test('without data: an hour with no capture ends quietly, with no job and no notification', async () => {
  // given
  const world = new World({ captureKeys: 0 });
  // when
  const run = await runMachine('monitoring', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited, [...TO_CAPTURE, 'SkipHourWithoutData']);
  assert.equal(world.callsTo('Monitor').length, 0);
  assert.deepEqual(world.notifications, []);
});

test('a model created with Containers[] also leads to its package baseline', async () => {
  const world = new World({ modelContainers: 'containers' });
  const run = await runMachine('monitoring', INPUT, { world });
  assert.equal(run.status, 'SUCCEEDED');
  assert.equal(world.callsTo('DescribeModelPackage')[0].input.ModelPackageName,
    'arn:aws:sagemaker:eu-west-1:123456789012:model-package/rookery-penguins/7');
});

test('a model not created from a package has no baseline: failure path notifies', async () => {
  const world = new World({ modelContainers: 'image' });
  const run = await runMachine('monitoring', INPUT, { world });
  assert.equal(run.error, 'Rookery.NoBaseline');
  assert.deepEqual(run.visited.slice(-3), ['RecordModelWithoutPackage', 'NotifyMonitoringFailure', 'MonitoringFailed']);
  assert.match(world.notifications[0].message, /hour starting 2026-11-26T05:00:00Z failed\. Error: Rookery\.NoBaseline/);
});

test('a package registered without DriftCheckBaselines reaches the notified failure path, not a runtime error', async () => {
  // given: the served model's package (e.g. registered outside Rookery) has no ModelDataQuality baseline
  const world = new World({ packageBaselines: null });
  // when
  const run = await runMachine('monitoring', INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'Rookery.NoBaseline');
  assert.deepEqual(run.visited.slice(-5),
    ['DescribeModelPackage', 'CheckPackageBaseline', 'RecordPackageWithoutBaseline', 'NotifyMonitoringFailure', 'MonitoringFailed']);
  assert.equal(world.callsTo('Monitor').length, 0);
  assert.match(world.notifications[0].message,
    /Error: Rookery\.NoBaseline\. Cause: Model package arn:aws:sagemaker:eu-west-1:123456789012:model-package\/rookery-penguins\/7 served by endpoint rookery-penguins has no DriftCheckBaselines/);
});

test('a monitor job that ends Stopped is a failure', async () => {
  const world = new World();
  const normal = world.handlers()['arn:aws:states:::sagemaker:createProcessingJob.sync'];
  world.overrides['arn:aws:states:::sagemaker:createProcessingJob.sync'] = function stopped(input) {
    return { ...normal.call(this, input), ProcessingJobStatus: 'Stopped' };
  };
  const run = await runMachine('monitoring', INPUT, { world });
  assert.equal(run.error, 'Rookery.JobNotCompleted');
  assert.equal(world.callsTo('PublishMetrics').length, 0);
});

test('midnight: the hour 00 of the first day of a month gives its own folder', async () => {
  const world = new World();
  const run = await runMachine('monitoring', { scheduledTime: '2027-01-01T00:00:00Z' }, { world });
  assert.equal(run.status, 'SUCCEEDED');
  assert.equal(world.callsTo('ListCaptureObjects')[0].input.Prefix, 'capture/rookery-penguins/AllTraffic/2027/01/01/00/');
  assert.equal(world.callsTo('Monitor')[0].input.Environment.start_time, '2027-01-01T00:00:00Z');
});

test('before any endpoint exists: the missing-endpoint error ends the run quietly, no job and no notification', async () => {
  // given: nothing deployed yet, so DescribeEndpoint answers "Could not find endpoint ..."
  const world = new World({ endpointExists: false });
  // when
  const run = await runMachine('monitoring', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(-3), ['DescribeEndpoint', 'CheckEndpointMissing', 'SkipHourWithoutEndpoint']);
  assert.equal(world.callsTo('DescribeEndpoint').length, 1, 'the missing endpoint is not retried');
  assert.equal(world.callsTo('Monitor').length, 0);
  assert.deepEqual(world.notifications, []);
});

test('another SageMaker error on DescribeEndpoint still goes down the failure path', async () => {
  // given: same error name, another cause (e.g. a missing permission)
  const world = new World({ overrides: { 'arn:aws:states:::aws-sdk:sagemaker:describeEndpoint'() {
    throw awsError('SageMaker.SageMakerException', 'User: arn:aws:sts::123456789012:assumed-role/rookery-monitoring/x is not authorized to perform: sagemaker:DescribeEndpoint (Service: SageMaker, Status Code: 400, Request ID: 9a1b)');
  } } });
  // when
  const run = await runMachine('monitoring', INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'SageMaker.SageMakerException');
  assert.deepEqual(run.visited.slice(-4), ['DescribeEndpoint', 'CheckEndpointMissing', 'NotifyMonitoringFailure', 'MonitoringFailed']);
  assert.equal(world.callsTo('DescribeEndpoint').length, 5, 'the first call and 4 retries');
  assert.match(world.notifications[0].message, /not authorized to perform: sagemaker:DescribeEndpoint/);
});

test('DescribeEndpoint throttled twice: retried through the loop, then the hour is monitored', async () => {
  // given: an unmodelled ThrottlingException, reported under the same name as the missing endpoint
  const world = new World();
  world.throttleFirst('arn:aws:states:::aws-sdk:sagemaker:describeEndpoint', 2);
  // when
  const run = await runMachine('monitoring', INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.equal(world.callsTo('DescribeEndpoint').length, 3);
  assert.deepEqual(run.visited.slice(3, 12), ['StartEndpointRetries', 'DescribeEndpoint', 'CheckEndpointMissing', 'CountEndpointRetry',
    'WaitBeforeDescribeEndpoint', 'DescribeEndpoint', 'CheckEndpointMissing', 'CountEndpointRetry', 'WaitBeforeDescribeEndpoint']);
  assert.equal(world.callsTo('Monitor').length, 1);
  assert.deepEqual(world.notifications, []);
});
