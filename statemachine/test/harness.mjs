// Runs the Rookery state machines offline: placeholders substituted with test values, every Task
// served by a local handler that answers like the AWS integration would (a fake AWS "world").
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'aws-local-stepfunctions';

export const MODULE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = join(MODULE_DIR, '..');

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
const fn = (name) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

/** Test values for every placeholder documented in docs/architecture.md. */
export const PLACEHOLDER_VALUES = {
  ImageUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/rookery:test`,
  SageMakerRoleArn: `arn:aws:iam::${ACCOUNT}:role/rookery-sagemaker`,
  ArtifactsBucket: 'rookery-artifacts-test',
  ProcessingInstanceType: 'ml.t3.medium',
  TrainingInstanceType: 'ml.m5.large',
  RegisterFunctionArn: fn('rookery-register'),
  DeployFunctionArn: fn('rookery-deploy'),
  PublishMetricsFunctionArn: fn('rookery-publish-metrics'),
  DeployStateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:rookery-deploy`,
  NotificationTopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:rookery-notifications`,
  EndpointName: 'rookery-penguins',
  CaptureS3Uri: 's3://rookery-capture-test/capture',
  CaptureBucket: 'rookery-capture-test',
  CapturePrefix: 'capture',
  MonitoringOutputS3Uri: 's3://rookery-artifacts-test/monitoring',
  MonitoringScheduleName: 'rookery-penguins-hourly',
  MonitoringBaselinePrefix: 'monitoring/baseline',
  ModelPackageGroupName: 'rookery-penguins',
  ModelQualityScheduleName: 'rookery-penguins-model-quality',
  LabelOffsetSeconds: '7200',
  MinJoinedRecords: '30',
};

/** The placeholder names listed under "State machine placeholders" in docs/architecture.md. */
export function documentedPlaceholders() {
  const text = readFileSync(join(REPO_DIR, 'docs', 'architecture.md'), 'utf8');
  const section = text.split('## State machine placeholders')[1];
  const list = section.split('\n\n').find((p) => p.includes('all substituted by the CDK app:'));
  return [...list.split('all substituted by the CDK app:')[1].matchAll(/`([A-Za-z0-9]+)`/g)].map((m) => m[1]);
}

export function placeholdersIn(text) {
  return [...new Set([...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]))];
}

/** Reads statemachine/<name>.asl.json and substitutes every ${Placeholder}; unknown ones throw. */
export function loadDefinition(name, values = PLACEHOLDER_VALUES) {
  const text = readFileSync(join(MODULE_DIR, `${name}.asl.json`), 'utf8');
  const substituted = text.replace(/\$\{([^}]*)\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`${name}.asl.json uses undocumented placeholder \${${key}}`);
    return values[key];
  });
  return JSON.parse(substituted);
}

export function taskStates(definition) {
  return Object.entries(definition.States).filter(([, s]) => s.Type === 'Task');
}

export const PIPELINE_SETTINGS = JSON.parse(readFileSync(join(REPO_DIR, 'config', 'pipeline.json'), 'utf8'));

export const EXECUTION_NAME = 'rk-0123456789abcdef01234567';
const FIXTURES = join(MODULE_DIR, 'test', 'fixtures');

/**
 * The execution input TriggerService really starts the pipeline with, for the upload
 * s3://rookery-data-test/incoming/penguins.csv (version 3HL4kq..., ETag b1946ac9...) and
 * config/pipeline.json: a golden file written and compared byte-for-byte by
 * functions' TriggerServiceTest (regenerate: ROOKERY_REGENERATE_GOLDEN=1, see functions' Golden).
 */
export const PIPELINE_INPUT = JSON.parse(readFileSync(join(FIXTURES, 'pipeline-input.json'), 'utf8'));

const REGISTERED = JSON.parse(readFileSync(join(FIXTURES, 'register-metadata.json'), 'utf8')).cases;

/**
 * The CustomerMetadataProperties RegisterService really gives a package registered with this
 * accuracy (golden file of functions' RegisterServiceTest; only the accuracies listed there).
 */
export function registered(accuracy) {
  const found = REGISTERED.find((c) => c.accuracy === accuracy);
  if (!found) throw new Error(`register-metadata.json has no case for accuracy ${accuracy}; add it to RegisterServiceTest and regenerate`);
  return found.CustomerMetadataProperties;
}

/** An AWS-shaped error as the Step Functions integrations surface it (error name + cause). */
export function awsError(name, cause) {
  const error = new Error(cause);
  error.name = name;
  return error;
}

/**
 * A completed tuning trial as SageMaker summarises it (HyperParameterTrainingJobSummary): the shape
 * of both a tuning job's BestTrainingJob and each of ListTrainingJobsForHyperParameterTuningJob's
 * TrainingJobSummaries.
 */
function trialSummary(trainingJobName, tuningJobName) {
  return {
    TrainingJobName: trainingJobName,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${trainingJobName}`,
    TuningJobName: tuningJobName,
    TrainingJobStatus: 'Completed',
    TunedHyperParameters: { algorithm: 'logistic', learning_rate: '0.31', epochs: '17' },
    FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:accuracy', Value: 0.98 },
    ObjectiveStatus: 'Succeeded',
    CreationTime: '2026-11-26T05:11:00.000Z',
  };
}

/**
 * SageMaker throttling as an aws-sdk:sagemaker integration reports it: ThrottlingException is not in
 * SageMaker's API model, so Step Functions names it after the base SageMaker.SageMakerException
 * (the name a missing endpoint also has), with "Rate exceeded" in the cause.
 */
export function sageMakerThrottling() {
  return awsError('SageMaker.SageMakerException', 'Rate exceeded (Service: SageMaker, Status Code: 400, Request ID: 1c2d)');
}

function parseS3(uri) {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) throw new Error(`not an s3 URI: ${uri}`);
  return { bucket: match[1], key: match[2] };
}

/**
 * The fake AWS account the tasks talk to. Scenarios change its knobs (accuracy, approval status,
 * endpoint statuses, capture keys) or replace a resource's handler in `overrides`.
 */
export class World {
  constructor(options = {}) {
    this.accuracy = options.accuracy ?? 0.98;
    this.approvalStatus = options.approvalStatus ?? 'Approved';
    this.endpointStatuses = options.endpointStatuses ?? ['Creating', 'InService'];
    this.failureReason = options.failureReason;
    this.servedConfigWhenInService = options.servedConfigWhenInService; // default: the new config
    this.captureKeys = options.captureKeys ?? 1;
    this.modelContainers = options.modelContainers ?? 'primary';
    this.overrides = options.overrides ?? {};
    this.missing = new Set(options.missing ?? []); // resources this world pretends not to know
    this.endpointExists = options.endpointExists ?? true; // false: no endpoint deployed yet
    // The newest Approved package of the group: {version, metadata (registered(x): what RegisterService
    // wrote) or accuracy (a hand-written CustomerMetadataProperties.accuracy text)}, or null when nothing is
    // approved yet.
    this.approvedModel = options.approvedModel ?? null;
    // DriftCheckBaselines.ModelDataQuality of the package (null: a package registered without one)
    const run = `s3://${PLACEHOLDER_VALUES.ArtifactsBucket}/runs/${EXECUTION_NAME}/baseline`;
    this.packageBaselines = options.packageBaselines === undefined
      ? { statistics: `${run}/statistics.json`, constraints: `${run}/constraints.json` } : options.packageBaselines;
    // ModelMetrics.ModelQuality of the package: the evaluate job's model-quality baseline (null: none)
    const evaluation = `s3://${PLACEHOLDER_VALUES.ArtifactsBucket}/runs/${EXECUTION_NAME}/evaluation/model-quality`;
    this.qualityBaseline = options.qualityBaseline === undefined
      ? { statistics: `${evaluation}/statistics.json`, constraints: `${evaluation}/constraints.json` } : options.qualityBaseline;
    this.groundTruthKeys = options.groundTruthKeys ?? 1; // objects under ground-truth/<endpoint>/
    this.s3 = new Map();
    // The baseline a previous pipeline run wrote (Preprocess), unless a scenario removes it.
    this.s3.set(`${PLACEHOLDER_VALUES.ArtifactsBucket}/runs/${EXECUTION_NAME}/baseline/statistics.json`, '{"version":0,"dataset":{"item_count":239}}');
    this.s3.set(`${PLACEHOLDER_VALUES.ArtifactsBucket}/runs/${EXECUTION_NAME}/baseline/constraints.json`, '{"version":0,"features":[]}');
    this.s3.set(`${PLACEHOLDER_VALUES.ArtifactsBucket}/runs/${EXECUTION_NAME}/evaluation/model-quality/constraints.json`,
      '{"version":0,"multiclass_classification_constraints":{}}');
    // The data bucket: the version the trigger validated, and a newer upload of the same key since.
    this.s3.set('rookery-data-test/incoming/penguins.csv#3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY', 'species,island\nAdelie,Torgersen\n');
    this.s3.set('rookery-data-test/incoming/penguins.csv', 'species,island\nGentoo,Biscoe\n');
    this.etags = new Map([
      ['rookery-data-test/incoming/penguins.csv#3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY', '"b1946ac92492d2347c6235b4d2611184"'],
      ['rookery-data-test/incoming/penguins.csv', '"6f5902ac237024bdd0c176cb93063dc4"'],
    ]);
    this.calls = [];
    this.notifications = [];
    this.jobs = new Map();
    this.deployedConfig = undefined;
    this.describeEndpointCount = 0;
  }

  /** The handler for a Task's resource (lambda:invoke is keyed by FunctionName); unknown ones throw. */
  handlerFor(resource, input) {
    const key = resource === 'arn:aws:states:::lambda:invoke' ? `${resource}#${input?.FunctionName}` : resource;
    if (this.missing.has(key)) return undefined;
    return this.overrides[key] ?? this.handlers()[key];
  }

  async call(stateName, resource, input) {
    this.calls.push({ state: stateName, resource, input });
    const handler = this.handlerFor(resource, input);
    if (!handler) {
      throw awsError('Rookery.UnmockedResource', `no local handler for ${resource} in state ${stateName}`);
    }
    return handler.call(this, input, stateName);
  }

  /**
   * A transient fault: the first `times` calls of `resource` (those `when(input)` selects) throw
   * awsError(name, cause); every other call is answered as this world answers it.
   */
  failFirst(resource, times, name, cause, when = () => true) {
    const normal = this.handlers()[resource];
    let failures = 0;
    this.overrides[resource] = function transient(input) {
      if (failures < times && when(input)) {
        failures += 1;
        throw awsError(name, cause);
      }
      return normal.call(this, input);
    };
  }

  /** The first `times` calls of an aws-sdk:sagemaker `resource` are throttled (sageMakerThrottling()). */
  throttleFirst(resource, times) {
    const throttling = sageMakerThrottling();
    this.failFirst(resource, times, throttling.name, throttling.message);
  }

  callsTo(stateName) {
    return this.calls.filter((c) => c.state === stateName);
  }

  handlers() {
    const world = this;
    const P = PLACEHOLDER_VALUES;
    return {
      'arn:aws:states:::sagemaker:createProcessingJob.sync'(input) {
        const outputs = input.ProcessingOutputConfig?.Outputs ?? [];
        const evaluation = outputs.find((o) => o.OutputName === 'evaluation');
        const runRecord = outputs.find((o) => o.OutputName === 'run');
        if (runRecord) {
          // what the container's evaluate mode writes to /opt/ml/processing/run (its --run-id)
          const args = input.AppSpecification.ContainerArguments;
          const { bucket, key } = parseS3(`${runRecord.S3Output.S3Uri}/run.json`);
          world.s3.set(`${bucket}/${key}`, JSON.stringify({ format_version: 1, run_id: args[args.indexOf('--run-id') + 1] }));
        }
        if (evaluation) {
          const { bucket, key } = parseS3(`${evaluation.S3Output.S3Uri}/evaluation.json`);
          world.s3.set(`${bucket}/${key}`, JSON.stringify({
            multiclass_classification_metrics: {
              accuracy: { value: world.accuracy, standard_deviation: 0.0 },
              weighted_f1: { value: world.accuracy, standard_deviation: 0.0 },
            },
          }));
        }
        return {
          ProcessingJobName: input.ProcessingJobName,
          ProcessingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:processing-job/${input.ProcessingJobName}`,
          ProcessingJobStatus: 'Completed',
          ExitMessage: '',
          AppSpecification: input.AppSpecification,
          Environment: input.Environment,
          ProcessingInputs: input.ProcessingInputs,
          ProcessingOutputConfig: input.ProcessingOutputConfig,
          ProcessingResources: input.ProcessingResources,
          StoppingCondition: input.StoppingCondition,
          RoleArn: input.RoleArn,
          CreationTime: '2026-11-26T05:01:00.000Z',
          ProcessingEndTime: '2026-11-26T05:09:00.000Z',
        };
      },
      'arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync'(input) {
        const name = input.HyperParameterTuningJobName;
        const best = `${name}-002-3f9c2a1b`;
        world.jobs.set(best, {
          hyperparameters: {
            ...input.TrainingJobDefinition.StaticHyperParameters,
            algorithm: 'logistic', learning_rate: '0.31', epochs: '17', _tuning_objective_metric: 'validation:accuracy',
          },
          modelDataUrl: `${input.TrainingJobDefinition.OutputDataConfig.S3OutputPath}/${best}/output/model.tar.gz`,
        });
        return {
          HyperParameterTuningJobName: name,
          HyperParameterTuningJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:hyper-parameter-tuning-job/${name}`,
          HyperParameterTuningJobStatus: 'Completed',
          HyperParameterTuningJobConfig: input.HyperParameterTuningJobConfig,
          TrainingJobDefinition: input.TrainingJobDefinition,
          TrainingJobStatusCounters: { Completed: 3, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 0 },
          ObjectiveStatusCounters: { Succeeded: 3, Pending: 0, Failed: 0 },
          BestTrainingJob: trialSummary(best, name),
          CreationTime: '2026-11-26T05:10:00.000Z',
        };
      },
      'arn:aws:states:::aws-sdk:sagemaker:listTrainingJobsForHyperParameterTuningJob'(input) {
        const trials = [...world.jobs.keys()].filter((name) => name.startsWith(`${input.HyperParameterTuningJobName}-`));
        return {
          TrainingJobSummaries: trials.map((name) => trialSummary(name, input.HyperParameterTuningJobName)),
        };
      },
      'arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob'(input) {
        const job = world.jobs.get(input.TrainingJobName);
        if (!job) throw awsError('SageMaker.ResourceNotFoundException', `Requested resource not found: ${input.TrainingJobName}`);
        return {
          TrainingJobName: input.TrainingJobName,
          TrainingJobStatus: 'Completed',
          SecondaryStatus: 'Completed',
          HyperParameters: job.hyperparameters,
          ModelArtifacts: { S3ModelArtifacts: job.modelDataUrl },
          AlgorithmSpecification: { TrainingImage: P.ImageUri, TrainingInputMode: 'File' },
        };
      },
      'arn:aws:states:::aws-sdk:s3:getObject'(input) {
        const body = world.s3.get(`${input.Bucket}/${input.Key}`);
        if (body === undefined) throw awsError('S3.NoSuchKeyException', 'The specified key does not exist.');
        return { Body: body, ContentType: 'application/json', ContentLength: body.length, ETag: '"9b2cf535f27731c974343645a3985328"' };
      },
      [`arn:aws:states:::lambda:invoke#${P.RegisterFunctionArn}`](input) {
        const payload = input.Payload;
        // RegisterService reads the run record first (S3RunRecordStore): it must be where the payload says
        const { bucket, key } = parseS3(payload.run.uri);
        if (world.s3.get(`${bucket}/${key}`) === undefined) {
          throw awsError('dev.rookery.functions.exceptions.InvalidEventException', `NoSuchKey: ${payload.run.uri}`);
        }
        return lambdaResult({
          modelPackageArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/rookery-penguins/7`,
          modelPackageVersion: 7,
          approvalStatus: world.approvalStatus,
          receivedExecutionName: payload.executionName,
        });
      },
      [`arn:aws:states:::lambda:invoke#${P.DeployFunctionArn}`](input) {
        const version = input.Payload.modelPackageArn.split('/').pop();
        const config = `rookery-penguins-v${version}-20261126t0530`;
        world.deployedConfig = config;
        return lambdaResult({
          endpointName: P.EndpointName,
          endpointConfigName: config,
          modelName: `rookery-penguins-v${version}-20261126t0530`,
          action: 'UPDATE',
        });
      },
      [`arn:aws:states:::lambda:invoke#${P.PublishMetricsFunctionArn}`]() {
        return lambdaResult({ published: 42 });
      },
      'arn:aws:states:::aws-sdk:sagemaker:describeEndpoint'(input) {
        if (!world.endpointExists) {
          // What SageMaker answers (HTTP 400 ValidationException; not in DescribeEndpoint's API model, so the
          // aws-sdk integration reports the SDK's base exception) for an endpoint that does not exist.
          throw awsError('SageMaker.SageMakerException', `Could not find endpoint "arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${input.EndpointName}". (Service: SageMaker, Status Code: 400, Request ID: 5d3f2a10-7c1e-4b8e-9a55-0c1f0e7d9b21)`);
        }
        const index = Math.min(world.describeEndpointCount, world.endpointStatuses.length - 1);
        world.describeEndpointCount += 1;
        const status = world.endpointStatuses[index];
        const serving = status === 'InService'
          ? (world.servedConfigWhenInService ?? world.deployedConfig ?? 'rookery-penguins-v6-20261120t0100')
          : (world.deployedConfig ?? 'rookery-penguins-v6-20261120t0100');
        const response = {
          EndpointName: input.EndpointName,
          EndpointArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${input.EndpointName}`,
          EndpointConfigName: serving,
          EndpointStatus: status,
          CreationTime: '2026-11-20T01:00:00.000Z',
          LastModifiedTime: '2026-11-26T05:31:00.000Z',
        };
        if ((status === 'Failed' || status === 'RollingBack') && world.failureReason) {
          response.FailureReason = world.failureReason;
        }
        return response;
      },
      'arn:aws:states:::aws-sdk:sagemaker:describeEndpointConfig'(input) {
        return {
          EndpointConfigName: input.EndpointConfigName,
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'rookery-penguins-v7-20261126t0530', InitialInstanceCount: 1, InstanceType: 'ml.t2.medium' }],
          DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 100, DestinationS3Uri: P.CaptureS3Uri, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] },
        };
      },
      'arn:aws:states:::aws-sdk:sagemaker:describeModel'(input) {
        const container = { ModelPackageName: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/rookery-penguins/7` };
        const base = { ModelName: input.ModelName, ExecutionRoleArn: P.SageMakerRoleArn };
        if (world.modelContainers === 'primary') return { ...base, PrimaryContainer: container };
        if (world.modelContainers === 'containers') return { ...base, Containers: [container] };
        return { ...base, PrimaryContainer: { Image: P.ImageUri, ModelDataUrl: 's3://elsewhere/model.tar.gz' } };
      },
      'arn:aws:states:::aws-sdk:sagemaker:describeModelPackage'(input) {
        const approved = world.approvedModel;
        if (approved && input.ModelPackageName === approvedArn(approved)) {
          return {
            ModelPackageArn: approvedArn(approved), ModelPackageGroupName: 'rookery-penguins', ModelPackageVersion: approved.version,
            ModelApprovalStatus: 'Approved', ModelPackageStatus: 'Completed',
            // metadata: what RegisterService registered (registered(x)); accuracy: a hand-written text, for
            // packages registered outside Rookery; neither: no CustomerMetadataProperties at all
            ...(approved.metadata ? { CustomerMetadataProperties: approved.metadata }
              : approved.accuracy === undefined ? {} : { CustomerMetadataProperties: { accuracy: approved.accuracy } }),
          };
        }
        const description = {
          ModelPackageArn: input.ModelPackageName,
          ModelPackageGroupName: 'rookery-penguins',
          ModelPackageVersion: 7,
          ModelApprovalStatus: 'Approved',
          ModelPackageStatus: 'Completed',
        };
        if (world.packageBaselines) {
          description.DriftCheckBaselines = {
            ModelDataQuality: {
              Statistics: { ContentType: 'application/json', S3Uri: world.packageBaselines.statistics },
              Constraints: { ContentType: 'application/json', S3Uri: world.packageBaselines.constraints },
            },
          };
        }
        if (world.qualityBaseline) {
          description.ModelMetrics = {
            ModelQuality: {
              Statistics: { ContentType: 'application/json', S3Uri: world.qualityBaseline.statistics },
              Constraints: { ContentType: 'application/json', S3Uri: world.qualityBaseline.constraints },
            },
          };
        }
        return description;
      },
      'arn:aws:states:::aws-sdk:sagemaker:listModelPackages'(input) {
        const approved = world.approvedModel && input.ModelApprovalStatus === 'Approved' ? [world.approvedModel] : [];
        return {
          ModelPackageSummaryList: approved.map((a) => ({
            ModelPackageArn: approvedArn(a), ModelPackageGroupName: input.ModelPackageGroupName, ModelPackageVersion: a.version,
            ModelApprovalStatus: 'Approved', ModelPackageStatus: 'Completed', CreationTime: '2026-11-20T01:00:00.000Z',
          })),
        };
      },
      'arn:aws:states:::aws-sdk:s3:copyObject'(input) {
        // CopySource is "<bucket>/<URL-encoded key>[?versionId=<id>]", as the S3 API takes it.
        const [path, query] = input.CopySource.split('?');
        const versionId = query ? new URLSearchParams(query).get('versionId') : undefined;
        const source = versionId ? `${decodeURIComponent(path)}#${versionId}` : decodeURIComponent(path);
        const body = world.s3.get(source);
        if (body === undefined) throw awsError('S3.NoSuchKeyException', 'The specified key does not exist.');
        if (input.CopySourceIfMatch !== undefined && input.CopySourceIfMatch !== world.etags.get(source)) {
          throw awsError('S3.S3Exception', 'At least one of the pre-conditions you specified did not hold (Service: S3, Status Code: 412)');
        }
        world.s3.set(`${input.Bucket}/${input.Key}`, body);
        return { CopyObjectResult: { ETag: '"9b2cf535f27731c974343645a3985328"', LastModified: '2026-11-26T05:40:00Z' } };
      },
      'arn:aws:states:::aws-sdk:s3:listObjectsV2'(input) {
        if (input.Prefix.startsWith('ground-truth/')) {
          const labels = world.groundTruthKeys > 0 ? [{ Key: `${input.Prefix}2026/11/26/06/labels-0001.jsonl`, Size: 512 }] : [];
          return { Name: input.Bucket, Prefix: input.Prefix, MaxKeys: input.MaxKeys, KeyCount: labels.length, IsTruncated: world.groundTruthKeys > 1, Contents: labels };
        }
        const contents = world.captureKeys > 0
          ? [{ Key: `${input.Prefix}05-13-077-1a2b3c4d.jsonl`, Size: 2048 }] : [];
        return { Name: input.Bucket, Prefix: input.Prefix, MaxKeys: input.MaxKeys, KeyCount: contents.length, IsTruncated: world.captureKeys > 1, Contents: contents };
      },
      'arn:aws:states:::sns:publish'(input) {
        world.notifications.push({ subject: input.Subject, message: input.Message, topic: input.TopicArn });
        return { MessageId: `msg-${world.notifications.length}`, SdkHttpMetadata: { HttpStatusCode: 200 } };
      },
      async 'arn:aws:states:::states:startExecution.sync:2'(input) {
        // The child deploy state machine really runs, against the same world.
        const arn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:rookery-deploy:${input.Name}`;
        const child = await runMachine('deploy', input.Input, { world, executionName: input.Name });
        world.childExecutions = [...(world.childExecutions ?? []), { name: input.Name, ...child }];
        if (child.status !== 'SUCCEEDED') {
          throw awsError('States.TaskFailed', JSON.stringify({ ExecutionArn: arn, Status: 'FAILED', Error: child.error, Cause: child.cause }));
        }
        return {
          ExecutionArn: arn, Name: input.Name, StateMachineArn: input.StateMachineArn, Status: 'SUCCEEDED',
          Input: JSON.stringify(input.Input), InputDetails: { Included: true },
          Output: child.output, OutputDetails: { Included: true },
          StartDate: 1795678200000, StopDate: 1795678800000,
        };
      },
    };
  }
}

function approvedArn(approved) {
  return `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model-package/rookery-penguins/${approved.version}`;
}

function lambdaResult(payload) {
  return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200, SdkHttpMetadata: { HttpStatusCode: 200 } };
}

/**
 * Runs one of the definitions to its end. Every Task goes to the world; retries and waits take 0 ms.
 * Returns {status, output | error + cause, visited (state names in order), events}.
 */
export async function runMachine(name, input, { world = new World(), executionName = EXECUTION_NAME, enteredTime = '2026-11-26T06:05:00.000Z' } = {}) {
  const definition = loadDefinition(name);
  const taskResourceLocalHandlers = {};
  for (const [stateName, state] of taskStates(definition)) {
    taskResourceLocalHandlers[stateName] = (taskInput) => world.call(stateName, state.Resource, taskInput);
  }
  const retryIntervalOverrides = {};
  const waitTimeOverrides = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Retry) retryIntervalOverrides[stateName] = 0;
    if (state.Type === 'Wait') waitTimeOverrides[stateName] = 0;
  }
  const machine = new StateMachine(definition);
  const execution = machine.run(input, {
    overrides: { taskResourceLocalHandlers, retryIntervalOverrides, waitTimeOverrides },
    context: {
      Execution: {
        Id: `arn:aws:states:${REGION}:${ACCOUNT}:execution:rookery-${name}:${executionName}`,
        Name: executionName,
        Input: input,
        StartTime: '2026-11-26T05:00:01.000Z',
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/rookery-states`,
      },
      StateMachine: { Id: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:rookery-${name}`, Name: `rookery-${name}` },
      State: { EnteredTime: enteredTime, Name: '', RetryCount: 0 },
    },
  });
  const events = [];
  const collecting = (async () => { for await (const event of execution.eventLogs) events.push(event); })();
  let outcome;
  try {
    outcome = { status: 'SUCCEEDED', output: await execution.result };
  } catch {
    outcome = { status: 'FAILED' };
  }
  await collecting;
  if (outcome.status === 'FAILED') {
    // The execution's error and cause, as Step Functions reports them (ExecutionFailed event).
    const failed = events.find((e) => e.type === 'ExecutionFailed');
    outcome = { status: 'FAILED', error: failed?.Error, cause: failed?.Cause };
  }
  const visited = events.filter((e) => e.type === 'StateEntered').map((e) => e.state.name);
  const retried = events.filter((e) => e.type === 'StateRetried').map((e) => e.state.name);
  return { ...outcome, visited, retried, events, world };
}
