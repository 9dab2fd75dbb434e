// Static checks of the three definitions: valid ASL, documented placeholders, readable states,
// and a local handler for every Task (so no scenario can reach real AWS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  MODULE_DIR, REPO_DIR, PIPELINE_INPUT, PLACEHOLDER_VALUES, World, documentedPlaceholders, loadDefinition, placeholdersIn,
  runMachine, taskStates,
} from './harness.mjs';

const aslValidator = createRequire(import.meta.url)('asl-validator');
const MACHINES = ['pipeline', 'deploy', 'monitoring'];

for (const name of MACHINES) {
  test(`${name}: asl-validator accepts the definition with placeholders substituted`, () => {
    // given
    const definition = loadDefinition(name);
    // when
    const { isValid, errors } = aslValidator(definition, { checkPaths: true, checkArn: true });
    // then
    assert.deepEqual(errors, []);
    assert.equal(isValid, true);
  });

  test(`${name}: uses only the placeholders documented in docs/architecture.md`, () => {
    // given
    const text = readFileSync(join(MODULE_DIR, `${name}.asl.json`), 'utf8');
    // when
    const used = placeholdersIn(text);
    // then
    const documented = documentedPlaceholders();
    assert.ok(used.length > 0);
    assert.deepEqual(used.filter((p) => !documented.includes(p)), []);
  });

  test(`${name}: every state has a Comment and every Task a local handler`, () => {
    // given
    const definition = loadDefinition(name);
    const world = new World();
    // when
    const uncommented = Object.entries(definition.States).filter(([, s]) => !s.Comment).map(([n]) => n);
    const unhandled = taskStates(definition)
      .filter(([, s]) => !world.handlerFor(s.Resource, s.Parameters))
      .map(([n, s]) => `${n} (${s.Resource} ${s.Parameters?.FunctionName ?? ''})`);
    // then
    assert.deepEqual(uncommented, []);
    assert.deepEqual(unhandled, []);
  });
}

test('test values: one for each documented placeholder, and no more', () => {
  assert.deepEqual(Object.keys(PLACEHOLDER_VALUES).sort(), documentedPlaceholders().sort());
});

test('loadDefinition: an undocumented placeholder throws, naming it', () => {
  // given
  const values = { ...PLACEHOLDER_VALUES };
  delete values.ImageUri;
  // when / then
  assert.throws(() => loadDefinition('pipeline', values), /undocumented placeholder \$\{ImageUri\}/);
});

test('world: a resource without a local handler throws instead of calling AWS', async () => {
  // given
  const world = new World();
  // when / then
  await assert.rejects(world.call('Somewhere', 'arn:aws:states:::aws-sdk:sagemaker:deleteEndpoint', {}),
    (e) => e.name === 'Rookery.UnmockedResource' && /deleteEndpoint/.test(e.message));
  await assert.rejects(world.call('Somewhere', 'arn:aws:states:::lambda:invoke', { FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:unknown' }),
    (e) => e.name === 'Rookery.UnmockedResource');
});

test('pipeline: a Task whose handler is missing fails the run through the failure path', async () => {
  // given: the world does not know how to describe training jobs
  const world = new World({ missing: ['arn:aws:states:::aws-sdk:sagemaker:describeTrainingJob'] });
  // when
  const run = await runMachine('pipeline', PIPELINE_INPUT, { world });
  // then
  assert.equal(run.status, 'FAILED');
  assert.equal(run.error, 'Rookery.UnmockedResource');
  assert.deepEqual(run.visited.slice(-3), ['LocateBestModel', 'NotifyFailure', 'PipelineFailed']);
});

test('pipeline: job names fit SageMaker limits for a trigger-made execution name', () => {
  // given: rk- + 24 hex digits, as TriggerHandler names executions
  const name = 'rk-' + 'f'.repeat(24);
  // when
  const names = { preprocess: `${name}-preprocess`, tune: `${name}-tune`, evaluate: `${name}-evaluate` };
  // then: tuning jobs allow 32 characters, processing jobs 63
  assert.ok(names.tune.length <= 32, names.tune);
  assert.ok(names.preprocess.length <= 63 && names.evaluate.length <= 63);
  const prepare = JSON.stringify(loadDefinition('pipeline').States.PrepareRun.Parameters);
  for (const suffix of ['-preprocess', '-tune', '-evaluate']) assert.ok(prepare.includes(`{}${suffix}`), suffix);
});

/** The pipeline's Deploy step name expression, run alone in a one-state machine. */
async function pipelineDeployName(modelPackageArn) {
  const nameExpression = loadDefinition('pipeline').States.Deploy.Parameters['Name.$'];
  const machine = new StateMachine({
    StartAt: 'Name',
    States: { Name: { Type: 'Pass', Parameters: { 'name.$': nameExpression }, End: true } },
  });
  return (await machine.run({ registration: { modelPackageArn } }).result).name;
}

test('pipeline: the Deploy execution name is the one DeployOnApprovalHandler uses (shared fixture)', async () => {
  // given: the cases functions' NamesTest checks Names.deployExecution against
  const { cases } = JSON.parse(readFileSync(join(MODULE_DIR, 'test', 'fixtures', 'deploy-execution-names.json'), 'utf8'));
  assert.ok(cases.length >= 4);
  for (const { modelPackageArn, executionName } of cases) {
    // when
    const name = await pipelineDeployName(modelPackageArn);
    // then
    assert.equal(name, executionName, modelPackageArn);
    assert.ok(name.length <= 80, `${name} exceeds Step Functions' 80 characters`);
  }
});

test('pipeline: the Deploy execution name follows the example in docs/architecture.md', async () => {
  // given: "(`...:model-package/rookery-penguins/7` -> `rookery-penguins-7`)"
  const text = readFileSync(join(REPO_DIR, 'docs', 'architecture.md'), 'utf8');
  const example = /`\.\.\.:model-package\/([^`]+)` -> `([^`]+)`/.exec(text);
  assert.ok(example, 'docs/architecture.md has no model package -> execution name example');
  // when
  const name = await pipelineDeployName(`arn:aws:sagemaker:eu-west-1:123456789012:model-package/${example[1]}`);
  // then
  assert.equal(name, example[2]);
});

test('monitoring: Comment and docs name the EventBridge rule infra creates, with its schedule', () => {
  // given: infra's ScheduledMonitoring (an events.Rule with a schedule, not an EventBridge Scheduler schedule)
  const construct = readFileSync(join(REPO_DIR, 'infra', 'src', 'main', 'java', 'dev', 'rookery', 'infra', 'constructs',
    'ScheduledMonitoring.java'), 'utf8');
  const schedule = /SCHEDULE = "([^"]+)"/.exec(construct)[1];
  assert.match(construct, /Rule\.Builder\.create/);
  // when
  const comment = loadDefinition('monitoring').Comment;
  const docs = readFileSync(join(REPO_DIR, 'docs', 'architecture.md'), 'utf8').split('- **Monitoring**')[1].split('\n- ')[0];
  // then
  for (const text of [comment, docs]) {
    assert.match(text, /EventBridge rule/);
    assert.ok(text.includes(schedule), `names ${schedule}`);
    assert.doesNotMatch(text, /aws\.scheduler/);
  }
});

// Error names differ by integration (checked against the Step Functions developer guide):
// - optimized SageMaker integrations (arn:aws:states:::sagemaker:*.sync) report throttling and
//   transient service errors as SageMaker.AmazonSageMakerException and account limits as
//   SageMaker.ResourceLimitExceededException (connect-sagemaker.md, the retry example);
// - AWS SDK integrations (arn:aws:states:::aws-sdk:sagemaker:*) name errors
//   "<Service>.<ErrorName>Exception" after the service's API model (supported-services-awssdk.md,
//   "If an AWS SDK integration encounters an error ... ServiceName.ErrorName"); an error the API
//   model does not declare (ThrottlingException, ValidationException, InternalFailure: SageMaker's
//   describe* declare none but ResourceNotFound) arrives as the SDK's base service exception,
//   SageMaker.SageMakerException, as public state machines catch it (e.g. a CallAwsService
//   describeEndpoint caught with errors=["SageMaker.SageMakerException"]). So
//   SageMaker.AmazonSageMakerException on an aws-sdk Task never matches anything.
const OPTIMIZED_RETRY = ['SageMaker.AmazonSageMakerException', 'SageMaker.ResourceLimitExceededException'];
const SDK_RETRY = 'SageMaker.SageMakerException';

/**
 * Whether a Task's Catch of `error` leads, through Choice / Pass / Wait states, back to the Task: a
 * retry loop (monitoring's DescribeEndpoint, whose missing-endpoint error must not be retried).
 */
function retriedByLoop(definition, taskName, error) {
  const start = (definition.States[taskName].Catch ?? []).find((c) => c.ErrorEquals.includes(error))?.Next;
  const seen = new Set();
  const pending = start ? [start] : [];
  while (pending.length > 0) {
    const name = pending.pop();
    if (name === taskName) return true;
    const state = definition.States[name];
    if (seen.has(name) || !['Choice', 'Pass', 'Wait'].includes(state.Type)) continue;
    seen.add(name);
    pending.push(...[state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next)].filter(Boolean));
  }
  return false;
}

for (const name of MACHINES) {
  test(`${name}: SageMaker Tasks retry the error names their integration really reports`, () => {
    // given
    const definition = loadDefinition(name);
    const tasks = taskStates(definition);
    // when
    const problems = [];
    for (const [stateName, state] of tasks) {
      const retried = (state.Retry ?? []).flatMap((r) => r.ErrorEquals);
      if (state.Resource.startsWith('arn:aws:states:::aws-sdk:sagemaker:')) {
        if (!retried.includes(SDK_RETRY) && !retriedByLoop(definition, stateName, SDK_RETRY)) {
          problems.push(`${stateName} does not retry ${SDK_RETRY}`);
        }
        if (retried.includes('SageMaker.AmazonSageMakerException')) problems.push(`${stateName} retries the optimized integrations' name`);
      } else if (state.Resource.startsWith('arn:aws:states:::sagemaker:')) {
        for (const error of OPTIMIZED_RETRY) if (!retried.includes(error)) problems.push(`${stateName} does not retry ${error}`);
        if (retried.includes(SDK_RETRY)) problems.push(`${stateName} retries the aws-sdk integrations' name`);
      }
    }
    // then
    assert.deepEqual(problems, []);
  });
}

/** Which functions package (under functions/src/main/java/dev/rookery/functions/) each Lambda Task runs. */
const HANDLER_PACKAGES = {
  RegisterFunctionArn: 'register',
  DeployFunctionArn: 'deploy',
  PublishMetricsFunctionArn: 'metrics',
};
const FUNCTIONS_SRC = join(REPO_DIR, 'functions', 'src', 'main', 'java', 'dev', 'rookery', 'functions');
const FUNCTION_ERROR = /dev\.rookery\.functions\.exceptions\.([A-Za-z]+)/g;

function javaSources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory()
    ? javaSources(join(dir, entry.name)) : entry.name.endsWith('.java') ? [readFileSync(join(dir, entry.name), 'utf8')] : []));
}

/** The exception classes a package constructs (its own code plus the shared common package). */
function thrownBy(pkg) {
  const text = [...javaSources(join(FUNCTIONS_SRC, pkg)), ...javaSources(join(FUNCTIONS_SRC, 'common'))].join('\n');
  return new Set([...text.matchAll(/new ([A-Za-z]+Exception)\(/g)].map((m) => m[1]));
}

const EXISTING_ERRORS = readdirSync(join(FUNCTIONS_SRC, 'exceptions'))
  .filter((f) => f.endsWith('Exception.java')).map((f) => f.replace('.java', ''));

for (const name of MACHINES) {
  test(`${name}: every functions error in ErrorEquals exists and is thrown by that Task's handler`, () => {
    // given
    const raw = JSON.parse(readFileSync(join(MODULE_DIR, `${name}.asl.json`), 'utf8'));
    // when
    const problems = [];
    for (const [stateName, state] of Object.entries(raw.States)) {
      const names = [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((r) => r.ErrorEquals)
        .flatMap((e) => [...e.matchAll(FUNCTION_ERROR)].map((m) => m[1]));
      if (names.length === 0) continue;
      const placeholder = /\$\{([A-Za-z]+FunctionArn)\}/.exec(state.Parameters?.FunctionName ?? '')?.[1];
      const pkg = HANDLER_PACKAGES[placeholder];
      if (!pkg) {
        problems.push(`${stateName} names ${names} but runs no known handler (${placeholder})`);
        continue;
      }
      const thrown = thrownBy(pkg);
      for (const error of names) {
        if (!EXISTING_ERRORS.includes(error)) problems.push(`${stateName}: ${error} is not in functions/.../exceptions/`);
        else if (!thrown.has(error)) problems.push(`${stateName}: the ${pkg} handler never throws ${error}`);
      }
    }
    // then
    assert.deepEqual(problems, []);
  });
}

test('functions error names used by the scenarios exist', () => {
  // given
  const scenarios = readdirSync(join(MODULE_DIR, 'test')).filter((f) => f.endsWith('.mjs'))
    .map((f) => readFileSync(join(MODULE_DIR, 'test', f), 'utf8')).join('\n');
  // when
  const used = new Set([...scenarios.matchAll(FUNCTION_ERROR)].map((m) => m[1]));
  // then
  assert.ok(used.size > 0);
  assert.deepEqual([...used].filter((e) => !EXISTING_ERRORS.includes(e)), []);
});

test('golden pipeline input (TriggerService\'s, functions TriggerServiceTest): dataset pinned by version and ETag, settings = config/pipeline.json with every field of its schema', async () => {
  // given
  const { PIPELINE_INPUT, PIPELINE_SETTINGS, REPO_DIR } = await import('./harness.mjs');
  const schema = JSON.parse(readFileSync(join(REPO_DIR, 'config', 'pipeline.schema.json'), 'utf8'));
  const { $schema, ...file } = PIPELINE_SETTINGS;
  // every field the schema declares, walked through nested objects (the settings model fills in defaults)
  const fields = (s, prefix) => Object.entries(s.properties ?? {}).filter(([k]) => k !== '$schema')
    .flatMap(([k, v]) => [[...prefix, k], ...(v.type === 'object' && v.properties ? fields(v, [...prefix, k]) : [])]);
  // then: what the file says reaches the states unchanged, and no field the states may read is missing
  assert.deepEqual(Object.keys(PIPELINE_INPUT), ['dataset', 'settings', 'correlationId']);
  // the upload's correlation id: the execution name the trigger gives it
  assert.match(PIPELINE_INPUT.correlationId, /^rk-[0-9a-f]{24}$/);
  assert.deepEqual(PIPELINE_INPUT.settings, { ...PIPELINE_INPUT.settings, ...file });
  for (const path of fields(schema, [])) {
    assert.notEqual(path.reduce((o, k) => o?.[k], PIPELINE_INPUT.settings), undefined, `settings.${path.join('.')}`);
  }
  assert.equal(PIPELINE_INPUT.dataset.copySource, `${PIPELINE_INPUT.dataset.bucket}/${PIPELINE_INPUT.dataset.key}?versionId=${PIPELINE_INPUT.dataset.version}`);
  assert.match(PIPELINE_INPUT.dataset.etag, /^"[0-9a-f]{32}"$/);
});
