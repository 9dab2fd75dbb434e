// Scenarios of the pipeline state machine, run offline against the fake AWS world.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXECUTION_NAME, PIPELINE_INPUT, PLACEHOLDER_VALUES as P, World, awsError, registered, runMachine } from './harness.mjs';

const TO_GATE = ['PrepareRun', 'CheckPinned', 'PinDataset', 'Preprocess', 'ConfirmPreprocessCompleted', 'Tune', 'ConfirmTuningCompleted',
  'ListTrials', 'LocateBestModel', 'Evaluate', 'ConfirmEvaluateCompleted', 'ReadEvaluation', 'GateOnAccuracy'];
const RUN = `s3://${P.ArtifactsBucket}/runs/${EXECUTION_NAME}`;

test('happy path: trains, registers, deploys through the deploy state machine to InService, notifies', async () => {
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT);
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited, [...TO_GATE, 'CheckMustBeatApproved', 'Register', 'CheckApprovalStatus', 'Deploy', 'NotifySuccess', 'PipelineSucceeded']);
  assert.equal(run.world.callsTo('FindApprovedModel').length, 0, 'gate.must_beat_approved is false in config/pipeline.json');
  const child = run.world.childExecutions[0];
  assert.equal(child.name, 'rookery-penguins-7');
  assert.equal(child.status, 'SUCCEEDED');
  assert.deepEqual(child.visited.filter((s) => s === 'DescribeEndpoint').length, 2);
  assert.deepEqual(run.output.deployment.endpointName, 'rookery-penguins');
  const [deployed, pipeline] = run.world.notifications;
  assert.equal(deployed.subject, 'Rookery: endpoint updated');
  assert.equal(pipeline.subject, 'Rookery: new model deployed');
  assert.match(pipeline.message, /model package version 7 \(test accuracy 0\.98, threshold 0\.9\) to endpoint rookery-penguins/);
});

test('happy path: the jobs get the documented container modes, paths and settings', async () => {
  // when
  const { world } = await runMachine('pipeline', PIPELINE_INPUT);
  // then
  const preprocess = world.callsTo('Preprocess')[0].input;
  assert.equal(preprocess.ProcessingJobName, `${EXECUTION_NAME}-preprocess`);
  assert.deepEqual(preprocess.AppSpecification, { ImageUri: P.ImageUri,
    ContainerArguments: ['preprocess', '--target', 'species', '--seed', '42', '--split', '0.7,0.15,0.15'] });
  assert.deepEqual(preprocess.ProcessingInputs[0].S3Input.S3Uri, `${RUN}/input/`);
  assert.deepEqual(preprocess.ProcessingInputs[0].S3Input.LocalPath, '/opt/ml/processing/input');
  assert.deepEqual(preprocess.ProcessingOutputConfig.Outputs.map((o) => [o.S3Output.LocalPath, o.S3Output.S3Uri]), [
    ['/opt/ml/processing/train', `${RUN}/train`], ['/opt/ml/processing/validation', `${RUN}/validation`],
    ['/opt/ml/processing/test', `${RUN}/test`], ['/opt/ml/processing/baseline', `${RUN}/baseline`]]);

  const tune = world.callsTo('Tune')[0].input;
  assert.equal(tune.HyperParameterTuningJobName.length <= 32, true);
  assert.deepEqual(tune.HyperParameterTuningJobConfig.ParameterRanges, PIPELINE_INPUT.settings.tuning.parameter_ranges);
  assert.deepEqual(tune.HyperParameterTuningJobConfig.HyperParameterTuningJobObjective, { Type: 'Maximize', MetricName: 'validation:accuracy' });
  assert.deepEqual(tune.HyperParameterTuningJobConfig.ResourceLimits, { MaxNumberOfTrainingJobs: 9, MaxParallelTrainingJobs: 3 });
  assert.deepEqual(tune.TrainingJobDefinition.StaticHyperParameters, { seed: '42', cv_folds: '5', target: 'species' });
  assert.deepEqual(tune.TrainingJobDefinition.InputDataConfig.map((c) => [c.ChannelName, c.DataSource.S3DataSource.S3Uri]),
    [['train', `${RUN}/train`], ['validation', `${RUN}/validation`]]);
  const [metric] = tune.TrainingJobDefinition.AlgorithmSpecification.MetricDefinitions;
  assert.equal(new RegExp(metric.Regex).exec('epoch 5 validation:accuracy=0.9804;')[1], '0.9804');

  const evaluate = world.callsTo('Evaluate')[0].input;
  const args = evaluate.AppSpecification.ContainerArguments;
  assert.deepEqual(args.filter((a, i) => i !== args.indexOf('--started-at') + 1), ['evaluate', '--run-id', EXECUTION_NAME, '--started-at',
    '--dataset-uri', PIPELINE_INPUT.dataset.uri, '--chosen-trial', `${EXECUTION_NAME}-tune-002-3f9c2a1b`, '--strategy', 'Bayesian',
    '--accuracy-tolerance', '0.05']);
  assert.ok(!Number.isNaN(Date.parse(args[args.indexOf('--started-at') + 1])), 'the execution start time');
  assert.deepEqual(evaluate.ProcessingInputs.map((i) => [i.S3Input.LocalPath, i.S3Input.S3Uri]), [
    ['/opt/ml/processing/model', `${RUN}/models/${EXECUTION_NAME}-tune-002-3f9c2a1b/output/model.tar.gz`],
    ['/opt/ml/processing/test', `${RUN}/test`], ['/opt/ml/processing/input', `${RUN}/input/`],
    ['/opt/ml/processing/train', `${RUN}/train`], ['/opt/ml/processing/validation', `${RUN}/validation`]]);
  assert.deepEqual(evaluate.ProcessingOutputConfig.Outputs.map((o) => [o.S3Output.LocalPath, o.S3Output.S3Uri]), [
    ['/opt/ml/processing/evaluation', `${RUN}/evaluation`], ['/opt/ml/processing/run', RUN]]);

  const register = world.callsTo('Register')[0].input;
  assert.equal(register.FunctionName, P.RegisterFunctionArn);
  assert.deepEqual(register.Payload, {
    executionName: EXECUTION_NAME,
    correlationId: EXECUTION_NAME,
    dataset: { uri: PIPELINE_INPUT.dataset.uri, version: PIPELINE_INPUT.dataset.version },
    trainingJobName: `${EXECUTION_NAME}-tune-002-3f9c2a1b`,
    hyperparameters: { algorithm: 'logistic', seed: '42', cv_folds: '5', target: 'species', learning_rate: '0.31', epochs: '17', _tuning_objective_metric: 'validation:accuracy' },
    modelDataUrl: `${RUN}/models/${EXECUTION_NAME}-tune-002-3f9c2a1b/output/model.tar.gz`,
    evaluation: { uri: `${RUN}/evaluation/evaluation.json`, accuracy: 0.98 },
    baseline: { statisticsUri: `${RUN}/baseline/statistics.json`, constraintsUri: `${RUN}/baseline/constraints.json` },
    run: { uri: `${RUN}/run.json`, settings: PIPELINE_INPUT.settings, trials: [{
      TrainingJobName: `${EXECUTION_NAME}-tune-002-3f9c2a1b`,
      TrainingJobArn: `arn:aws:sagemaker:eu-west-1:123456789012:training-job/${EXECUTION_NAME}-tune-002-3f9c2a1b`,
      TuningJobName: `${EXECUTION_NAME}-tune`, TrainingJobStatus: 'Completed',
      TunedHyperParameters: { algorithm: 'logistic', learning_rate: '0.31', epochs: '17' },
      FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:accuracy', Value: 0.98 },
      ObjectiveStatus: 'Succeeded', CreationTime: '2026-11-26T05:11:00.000Z' }] },
  });
  assert.deepEqual(world.callsTo('Deploy')[0].input.Input, {
    modelPackageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/rookery-penguins/7',
    correlationId: EXECUTION_NAME,
  });
  // The child deploy machine hands the run's correlation id on to DeployHandler, which logs it.
  const deployHandler = world.calls.filter((c) => c.input?.FunctionName === P.DeployFunctionArn);
  assert.equal(deployHandler.length, 1);
  assert.equal(deployHandler[0].input.Payload.correlationId, EXECUTION_NAME);
});

test('run.json: the evaluate job writes it under runs/<execution>/, the register step gets its path, the settings and every trial', async () => {
  // when
  const { world, status } = await runMachine('pipeline', PIPELINE_INPUT);
  // then
  assert.equal(status, 'SUCCEEDED');
  assert.deepEqual(world.callsTo('ListTrials')[0].input, { HyperParameterTuningJobName: `${EXECUTION_NAME}-tune`, MaxResults: 100 });
  const written = world.s3.get(`${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/run.json`);
  assert.equal(JSON.parse(written).run_id, EXECUTION_NAME, 'evaluate --run-id is the execution name');
  const { run } = world.callsTo('Register')[0].input.Payload;
  assert.equal(run.uri, `s3://${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/run.json`);
  assert.deepEqual(run.trials.map((t) => t.TrainingJobName), [`${EXECUTION_NAME}-tune-002-3f9c2a1b`]);
  assert.equal(run.trials[0].FinalHyperParameterTuningJobObjectiveMetric.Value, 0.98);
  assert.equal(run.settings.gate.accuracy_threshold, PIPELINE_INPUT.settings.gate.accuracy_threshold);
});

test('run.json missing where the register step looks: the run fails through NotifyFailure, nothing registered', async () => {
  // given: an evaluate job that wrote no run record
  const world = new World();
  world.overrides['arn:aws:states:::sagemaker:createProcessingJob.sync'] = function (input) {
    const result = world.handlers()['arn:aws:states:::sagemaker:createProcessingJob.sync'].call(world, input);
    world.s3.delete(`${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/run.json`);
    return result;
  };
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.ok(run.visited.includes('NotifyFailure'));
  assert.equal(run.world.callsTo('Deploy').length, 0);
});

test('tuning: the configured strategy and the algorithm ranges reach CreateHyperParameterTuningJob unchanged', async () => {
  for (const strategy of ['Bayesian', 'Random', 'Grid', 'Hyperband']) {
    // given: config/pipeline.json's tuning (algorithm as a categorical range), with this strategy
    const input = structuredClone(PIPELINE_INPUT);
    input.settings.tuning.strategy = strategy;
    if (strategy === 'Grid') input.settings.tuning.parameter_ranges.ContinuousParameterRanges = []; // SageMaker's Grid takes none
    // when
    const { world, status } = await runMachine('pipeline', input);
    // then
    assert.equal(status, 'SUCCEEDED', strategy);
    const config = world.callsTo('Tune')[0].input.HyperParameterTuningJobConfig;
    assert.equal(config.Strategy, strategy);
    assert.deepEqual(config.ParameterRanges.CategoricalParameterRanges, [{ Name: 'algorithm', Values: ['logistic_l2', 'forest'] }]);
    assert.deepEqual(config.ParameterRanges.IntegerParameterRanges.map((r) => r.Name), ['max_depth', 'num_trees']);
    assert.deepEqual(config.ParameterRanges.ContinuousParameterRanges.map((r) => r.Name),
      strategy === 'Grid' ? [] : ['c', 'feature_fraction', 'min_child_weight']);
    assert.deepEqual(config.ParameterRanges, input.settings.tuning.parameter_ranges);
  }
});

test('the validated version is pinned: copied to runs/<execution>/input/ first, and Preprocess reads only that', async () => {
  // given: the data bucket holds the validated version and, since, a newer upload of the same key
  const world = new World();
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(0, 4), ['PrepareRun', 'CheckPinned', 'PinDataset', 'Preprocess']);
  assert.deepEqual(world.callsTo('PinDataset')[0].input, {
    Bucket: P.ArtifactsBucket,
    Key: `runs/${EXECUTION_NAME}/input/dataset.csv`,
    CopySource: 'rookery-data-test/incoming/penguins.csv?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
    CopySourceIfMatch: '"b1946ac92492d2347c6235b4d2611184"',
    TaggingDirective: 'REPLACE',
  });
  assert.equal(world.s3.get(`${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/input/dataset.csv`), 'species,island\nAdelie,Torgersen\n');
  const [input] = world.callsTo('Preprocess')[0].input.ProcessingInputs;
  assert.deepEqual(input, { InputName: 'dataset', S3Input: {
    S3Uri: `${RUN}/input/`, LocalPath: '/opt/ml/processing/input',
    S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' } });
});

test('upload over 5 GiB: the trigger already copied it in parts (dataset.pinned), so the pipeline does not copy it again', async () => {
  // given: what TriggerService starts for an upload over CopyObject's 5 GiB, after its multipart copy
  const world = new World();
  world.s3.set(`${P.ArtifactsBucket}/runs/${EXECUTION_NAME}/input/dataset.csv`, 'species,island\nAdelie,Torgersen\n');
  const dataset = { ...PIPELINE_INPUT.dataset, pinned: true };
  // when
  const run = await runMachine('pipeline', { ...PIPELINE_INPUT, dataset }, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(0, 3), ['PrepareRun', 'CheckPinned', 'Preprocess']);
  assert.equal(world.callsTo('PinDataset').length, 0);
  assert.equal(world.callsTo('Preprocess')[0].input.ProcessingInputs[0].S3Input.S3Uri, `${RUN}/input/`);
});

test('dataset.pinned false (or absent, as for every upload up to 5 GiB) still pins the dataset', async () => {
  const run = await runMachine('pipeline', { ...PIPELINE_INPUT, dataset: { ...PIPELINE_INPUT.dataset, pinned: false } });
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(0, 4), ['PrepareRun', 'CheckPinned', 'PinDataset', 'Preprocess']);
});

test('unversioned bucket: the ETag guards the copy, so an overwritten object fails the run instead of training on it', async () => {
  // given: no versionId (the trigger then names the run by ETag); the key now holds other content
  const dataset = { ...PIPELINE_INPUT.dataset, version: 'b1946ac92492d2347c6235b4d2611184',
    copySource: 'rookery-data-test/incoming/penguins.csv' };
  // when
  const run = await runMachine('pipeline', { ...PIPELINE_INPUT, dataset });
  // then
  assert.equal(run.status, 'FAILED');
  assert.deepEqual(run.visited, ['PrepareRun', 'CheckPinned', 'PinDataset', 'NotifyFailure', 'PipelineFailed']);
  assert.match(run.cause, /pre-conditions you specified did not hold/);
  assert.equal(run.world.callsTo('Preprocess').length, 0);
});

test('S3 blips: a transient error on PinDataset and on ReadEvaluation is retried, then the run succeeds', async () => {
  // given: the first CopyObject and the first GetObject of evaluation.json fail as S3 does under load
  const world = new World();
  world.failFirst('arn:aws:states:::aws-sdk:s3:copyObject', 1,
    'S3.S3Exception', 'Please reduce your request rate. (Service: S3, Status Code: 503, Request ID: 7Q2R)');
  world.failFirst('arn:aws:states:::aws-sdk:s3:getObject', 1,
    'S3.SdkClientException', 'Unable to execute HTTP request: Connection reset');
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.retried.filter((s) => s === 'PinDataset' || s === 'ReadEvaluation'), ['PinDataset', 'ReadEvaluation']);
  assert.equal(world.callsTo('PinDataset').length, 2);
  assert.equal(world.callsTo('ReadEvaluation').length, 2);
  assert.equal(world.notifications.some((n) => /failed/.test(n.subject)), false);
});

test('S3 errors that persist on PinDataset end in the failure path after 3 retries', async () => {
  // given
  const world = new World({ overrides: { 'arn:aws:states:::aws-sdk:s3:copyObject'() {
    throw awsError('S3.S3Exception', 'We encountered an internal error. Please try again. (Service: S3, Status Code: 500)');
  } } });
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(world.callsTo('PinDataset').length, 4);
  assert.deepEqual(run.visited.slice(-2), ['NotifyFailure', 'PipelineFailed']);
  assert.match(world.notifications.at(-1).message, /internal error/);
});

test('preprocess gets the seed and split fractions of the run\'s settings, as options its mode accepts', async () => {
  // given: settings other than config/pipeline.json's
  const settings = { ...PIPELINE_INPUT.settings, target: 'island', seed: 7, split: { train: 0.6, validation: 0.25, test: 0.15 } };
  // when
  const { world } = await runMachine('pipeline', { ...PIPELINE_INPUT, settings });
  // then: PreprocessMode's --target NAME, --seed N, --split a,b,c (all strings, as ContainerArguments must be)
  assert.deepEqual(world.callsTo('Preprocess')[0].input.AppSpecification.ContainerArguments,
    ['preprocess', '--target', 'island', '--seed', '7', '--split', '0.6,0.25,0.15']);
});

test('gate rejects: accuracy below the threshold notifies both numbers and fails AccuracyBelowThreshold', async () => {
  // given
  const world = new World({ accuracy: 0.8571 });
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'Rookery.AccuracyBelowThreshold');
  assert.deepEqual(run.visited, [...TO_GATE, 'NotifyGateRejected', 'AccuracyBelowThreshold']);
  assert.equal(world.notifications.length, 1);
  assert.match(world.notifications[0].message, /test accuracy 0\.8571 is below the gate threshold 0\.9/);
  assert.equal(world.callsTo('Register').length, 0);
});

test('gate: accuracy exactly at the threshold passes', async () => {
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world: new World({ accuracy: 0.9 }) });
  assert.equal(run.status, 'SUCCEEDED');
});

test('gate: an evaluation without a numeric accuracy goes down the failure path', async () => {
  // given
  const world = new World({ accuracy: 'n/a' });
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.error, 'Rookery.InvalidEvaluation');
  assert.deepEqual(run.visited.slice(-4), ['GateOnAccuracy', 'RecordInvalidEvaluation', 'NotifyFailure', 'PipelineFailed']);
});

test('pending approval: registers, tells how to approve, ends successfully without deploying', async () => {
  // given
  const world = new World({ approvalStatus: 'PendingManualApproval' });
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited, [...TO_GATE, 'CheckMustBeatApproved', 'Register', 'CheckApprovalStatus', 'NotifyPendingApproval', 'AwaitManualApproval']);
  assert.equal(world.callsTo('Deploy').length, 0);
  assert.equal(world.notifications.length, 1);
  assert.match(world.notifications[0].message,
    /PendingManualApproval.*aws sagemaker update-model-package --model-package-arn arn:aws:sagemaker:eu-west-1:123456789012:model-package\/rookery-penguins\/7 --model-approval-status Approved/);
});

test('unexpected approval status: goes down the failure path', async () => {
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world: new World({ approvalStatus: 'Rejected' }) });
  assert.equal(run.error, 'Rookery.UnexpectedApprovalStatus');
  assert.deepEqual(run.visited.slice(-3), ['RecordUnexpectedApprovalStatus', 'NotifyFailure', 'PipelineFailed']);
});

test('tuning fails: the failure path publishes error and cause, then fails with them', async () => {
  // given: the .sync integration fails the task when the tuning job fails
  const world = new World({
    overrides: {
      'arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync'() {
        throw awsError('States.TaskFailed', 'HyperParameterTuningJobStatus Failed: All training jobs failed. ClientError: Unknown hyperparameter foo');
      },
    },
  });
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'States.TaskFailed');
  assert.match(run.cause, /All training jobs failed/);
  assert.deepEqual(run.visited, ['PrepareRun', 'CheckPinned', 'PinDataset', 'Preprocess', 'ConfirmPreprocessCompleted', 'Tune', 'NotifyFailure', 'PipelineFailed']);
  assert.equal(world.notifications.length, 1);
  assert.equal(world.notifications[0].subject, 'Rookery: pipeline failed');
  assert.match(world.notifications[0].message, /pipeline rk-0123456789abcdef01234567 failed\. Error: States\.TaskFailed\. Cause: .*Unknown hyperparameter foo/);
});

test('tuning stopped: a job that returns Stopped is a failure too', async () => {
  // given
  const world = new World();
  const normal = world.handlers()['arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync'];
  world.overrides['arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync'] = function stopped(input) {
    const result = normal.call(this, input);
    delete result.BestTrainingJob;
    return { ...result, HyperParameterTuningJobStatus: 'Stopped' };
  };
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.error, 'Rookery.JobNotCompleted');
  assert.equal(run.cause, 'SageMaker job rk-0123456789abcdef01234567-tune ended with status Stopped');
  assert.deepEqual(run.visited.slice(-4), ['ConfirmTuningCompleted', 'RecordUnfinishedJob', 'NotifyFailure', 'PipelineFailed']);
  assert.match(world.notifications[0].message, /ended with status Stopped/);
});

test('throttling: SageMaker and Lambda throttling are retried, then the run succeeds', async () => {
  // given: the first CreateProcessingJob hits the account limit, the first Register invoke is throttled
  const world = new World();
  world.failFirst('arn:aws:states:::sagemaker:createProcessingJob.sync', 1, 'SageMaker.ResourceLimitExceededException',
    'The account-level service limit ml.t3.medium for processing job usage is 2 Instances',
    (input) => input.ProcessingJobName.endsWith('-preprocess'));
  world.failFirst(`arn:aws:states:::lambda:invoke#${P.RegisterFunctionArn}`, 1,
    'Lambda.TooManyRequestsException', 'Rate Exceeded.');
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.retried, ['Preprocess', 'Register']);
  assert.equal(world.callsTo('Preprocess').length, 2);
  assert.equal(world.callsTo('Register').length, 2);
  assert.equal(world.notifications.some((n) => /failed/.test(n.subject)), false);
});

test('throttling on an aws-sdk call: SageMaker.SageMakerException (unmodelled ThrottlingException) is retried', async () => {
  // given: DescribeTrainingJob is throttled twice; the aws-sdk integration reports the unmodelled error as the base exception
  const world = new World();
  world.throttleFirst('arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob', 2);
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.retried, ['LocateBestModel', 'LocateBestModel']);
});

test('deploy fails: a Failed endpoint fails the deploy execution and the pipeline, both notify', async () => {
  // given
  const world = new World({ endpointStatuses: ['Updating', 'Failed'], failureReason: 'The primary container for production variant AllTraffic did not pass the ping health check.' });
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.deepEqual(run.visited.slice(-3), ['Deploy', 'NotifyFailure', 'PipelineFailed']);
  assert.deepEqual(world.notifications.map((n) => n.subject), ['Rookery: deployment failed', 'Rookery: pipeline failed']);
  assert.match(world.notifications[1].message, /did not pass the ping health check/);
});

const BEATS = { ...PIPELINE_INPUT, settings: { ...PIPELINE_INPUT.settings, gate: { accuracy_threshold: 0.9, must_beat_approved: true } } };
const TO_APPROVED = [...TO_GATE, 'CheckMustBeatApproved', 'FindApprovedModel', 'CheckApprovedModelExists', 'DescribeApprovedModel',
  'CheckApprovedAccuracy', 'ReadApprovedAccuracy', 'GateOnApprovedModel'];

test('must_beat_approved: a model more accurate than the newest approved one is registered', async () => {
  // given: approved version 5 registered with accuracy 0.95; the new model scores 0.98
  const world = new World({ accuracy: 0.98, approvedModel: { version: 5, metadata: registered(0.95) } });
  // when
  const run = await runMachine('pipeline', BEATS, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(0, TO_APPROVED.length + 1), [...TO_APPROVED, 'Register']);
  assert.deepEqual(world.callsTo('FindApprovedModel')[0].input, { ModelPackageGroupName: P.ModelPackageGroupName,
    ModelApprovalStatus: 'Approved', SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 1 });
  assert.deepEqual(world.callsTo('DescribeApprovedModel')[0].input,
    { ModelPackageName: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/rookery-penguins/5' });
  assert.equal(run.output.approved.accuracy, 0.95);
});

test('must_beat_approved: a model that only ties the approved one is rejected with both numbers, as local mode does', async () => {
  // given: RegisterHandler wrote every digit of 51/52, and the new model scores exactly that
  const world = new World({ accuracy: 0.9807692307692307, approvedModel: { version: 5, metadata: registered(0.9807692307692307) } });
  // when
  const run = await runMachine('pipeline', BEATS, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'Rookery.NotBetterThanApproved');
  assert.deepEqual(run.visited, [...TO_APPROVED, 'NotifyNotBetterThanApproved', 'NotBetterThanApproved']);
  assert.equal(world.callsTo('Register').length, 0);
  assert.equal(world.notifications.length, 1);
  assert.match(world.notifications[0].message,
    /test accuracy 0\.9807692307692307 does not beat the approved model version 5 \(arn:aws:sagemaker:eu-west-1:123456789012:model-package\/rookery-penguins\/5\), accuracy 0\.9807692307692307/);
});

test('must_beat_approved: a less accurate model is rejected too', async () => {
  const world = new World({ accuracy: 0.93, approvedModel: { version: 5, metadata: registered(0.96) } });
  const run = await runMachine('pipeline', BEATS, { world });
  assert.equal(run.error, 'Rookery.NotBetterThanApproved');
  assert.match(world.notifications[0].message, /test accuracy 0\.93 does not beat .* accuracy 0\.96/);
});

test('must_beat_approved: no approved model yet means nothing to beat, so the model passes', async () => {
  // given
  const world = new World({ approvedModel: null });
  // when
  const run = await runMachine('pipeline', BEATS, { world });
  // then
  assert.equal(run.status, 'SUCCEEDED');
  assert.deepEqual(run.visited.slice(TO_GATE.length, TO_GATE.length + 4),
    ['CheckMustBeatApproved', 'FindApprovedModel', 'CheckApprovedModelExists', 'Register']);
  assert.equal(world.callsTo('DescribeApprovedModel').length, 0);
});

test('must_beat_approved: an approved package without a registered accuracy is a failure, not a pass', async () => {
  const world = new World({ approvedModel: { version: 2 } });
  const run = await runMachine('pipeline', BEATS, { world });
  assert.equal(run.error, 'Rookery.ApprovedModelWithoutAccuracy');
  assert.deepEqual(run.visited.slice(-4), ['CheckApprovedAccuracy', 'RecordApprovedWithoutAccuracy', 'NotifyFailure', 'PipelineFailed']);
});

for (const text of ['n/a', '', '95%', '-0.5', '{"value":0.9}']) {
  test(`must_beat_approved: an approved accuracy text ${JSON.stringify(text)} that is not a number is a notified failure, not a runtime error`, async () => {
    // given: a package registered outside Rookery with a text States.StringToJson would fail on (States.Runtime, uncatchable)
    const world = new World({ approvedModel: { version: 2, accuracy: text } });
    // when
    const run = await runMachine('pipeline', BEATS, { world });
    // then
    assert.equal(run.status, 'FAILED');
    assert.equal(run.error, 'Rookery.ApprovedModelWithoutAccuracy');
    assert.deepEqual(run.visited.slice(-4), ['CheckApprovedAccuracy', 'RecordApprovedWithoutAccuracy', 'NotifyFailure', 'PipelineFailed']);
    assert.equal(world.callsTo('Register').length, 0);
    assert.match(world.notifications.at(-1).message, /rookery-penguins\/2 has no numeric CustomerMetadataProperties\.accuracy/);
  });
}

test('must_beat_approved: the accuracy texts RegisterService writes (golden: 0.0, 0.5, 1.0), and 0 and 1, pass the text check', async () => {
  for (const text of [registered(0.0).accuracy, registered(0.5).accuracy, registered(1.0).accuracy, '0', '1']) {
    const world = new World({ accuracy: 0.98, approvedModel: { version: 5, accuracy: text } });
    const run = await runMachine('pipeline', BEATS, { world });
    assert.deepEqual(run.visited.slice(TO_APPROVED.length - 2, TO_APPROVED.length), ['ReadApprovedAccuracy', 'GateOnApprovedModel'], text);
    assert.equal(run.world.callsTo('Register').length, Number(text) < 0.98 ? 1 : 0, text);
  }
});

// The gate's shared cases: local mode's Gate runs the same file (local GateTest), so the two
// implementations of the rule cannot drift apart.
const GATE_VECTORS = JSON.parse(readFileSync(new URL('./fixtures/gate-vectors.json', import.meta.url), 'utf8')).vectors;
const GATE_ERRORS = { below_threshold: 'Rookery.AccuracyBelowThreshold', not_better_than_approved: 'Rookery.NotBetterThanApproved' };

function approvedWith(accuracy) {
  if (accuracy === null) return null;
  try {
    return { version: 5, metadata: registered(accuracy) };
  } catch {
    return { version: 5, accuracy: String(accuracy) };
  }
}

test('gate vectors: the file covers every verdict', () => {
  assert.deepEqual([...new Set(GATE_VECTORS.map((v) => v.verdict))].sort(), ['below_threshold', 'not_better_than_approved', 'passed']);
});

for (const v of GATE_VECTORS) {
  test(`gate vector: ${v.name} -> ${v.verdict}`, async () => {
    // given
    const world = new World({ accuracy: v.accuracy, approvedModel: approvedWith(v.approved_accuracy) });
    const input = { ...PIPELINE_INPUT, settings: { ...PIPELINE_INPUT.settings,
      gate: { accuracy_threshold: v.threshold, must_beat_approved: v.must_beat_approved } } };
    // when
    const run = await runMachine('pipeline', input, { world });
    // then
    if (v.verdict === 'passed') {
      assert.ok(run.visited.includes('Register'), `${v.name}: visited ${run.visited.join(' > ')}`);
      assert.equal(run.status, 'SUCCEEDED');
    } else {
      assert.equal(run.status, 'FAILED');
      assert.equal(run.error, GATE_ERRORS[v.verdict], `${v.name}: visited ${run.visited.join(' > ')}`);
      assert.equal(world.callsTo('Register').length, 0);
    }
  });
}
