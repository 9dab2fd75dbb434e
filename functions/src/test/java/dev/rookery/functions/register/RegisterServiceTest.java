package dev.rookery.functions.register;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.functions.common.Json;
import dev.rookery.functions.testutils.Fixtures;
import dev.rookery.functions.testutils.Golden;
import dev.rookery.functions.testutils.InMemoryRunRecordStore;
import dev.rookery.functions.testutils.InMemorySageMakerRegistry;
import dev.rookery.runs.RunRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterServiceTest {
  final InMemorySageMakerRegistry registry = new InMemorySageMakerRegistry();
  final RegisterConfig config = new RegisterConfig("rookery-dev",
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/rookery:1", "Approved",
      List.of("ml.m5.large", "ml.c5.large"), List.of());
  final InMemoryRunRecordStore runs = new InMemoryRunRecordStore();
  final RegisterService service = new RegisterService(config, registry, runs);
  final RegisterRequest request = RegisterRequest.parse(Json.read(Fixtures.stream("events/register-input.json")));

  RegisterServiceTest() {
    runs.objects.put(request.run().uri(), Fixtures.text("events/run-draft.json"));
  }

  @Test
  void register_completesTheRunRecord_withSettingsEveryTrialTheGateAndTheVersion() {
    // when
    RegisteredModel model = service.register(request);

    // then: runs/<execution>/run.json, read back by the real record type
    RunRecord record = RunRecord.parse(runs.objects.get(request.run().uri()), request.run().uri());
    assertThat(record.runId()).isEqualTo("rk-2b7e0c1f9a4d3e5f6a7b8c9d");
    assertThat(record.dataset().sha256()).isEqualTo("f204db2c753b0937caac3cb35258562c14f073e4bbc76be24b4c51ce22767a93");
    assertThat(record.config()).containsEntry("target", "species").containsKey("tuning");
    assertThat(record.tuning().strategy()).isEqualTo("Bayesian");
    assertThat(record.tuning().trials()).extracting(RunRecord.Trial::id).containsExactly(
        "rk-2b7e0c1f9a4d3e5f6a7b8c9d-001-9d2e7a10", "rk-2b7e0c1f9a4d3e5f6a7b8c9d-002-4c1a9e2b",
        "rk-2b7e0c1f9a4d3e5f6a7b8c9d-003-77b0c3d4");
    assertThat(record.tuning().trials().get(2).validationAccuracy()).as("a failed trial reports none").isEmpty();
    assertThat(record.tuning().chosenTrial()).get().extracting(RunRecord.Trial::validationAccuracy)
        .isEqualTo(java.util.Optional.of(0.9808));
    assertThat(record.gate()).contains(new RunRecord.Gate("PASSED", 0.9, 0.9807692307692307,
        java.util.Optional.empty(), java.util.Optional.empty()));
    assertThat(record.model()).contains(new RunRecord.Model(1, "Approved", java.util.Optional.of(model.modelPackageArn())));
    // and the package leads back to it
    assertThat(registry.packages.get(0).listing().metadata())
        .containsEntry("run_id", "rk-2b7e0c1f9a4d3e5f6a7b8c9d")
        .containsEntry("run_json", "s3://rookery-artifacts-111122223333/runs/rk-2b7e0c1f9a4d3e5f6a7b8c9d/run.json")
        .containsEntry("dataset_sha256", "f204db2c753b0937caac3cb35258562c14f073e4bbc76be24b4c51ce22767a93");
  }

  @Test
  void register_recordOfAnotherRun_failsBeforeRegisteringAnything() {
    // given
    runs.objects.put(request.run().uri(), Fixtures.text("events/run-draft.json")
        .replace("\"run_id\" : \"rk-2b7e0c1f9a4d3e5f6a7b8c9d\"", "\"run_id\" : \"rk-000000000000000000000000\"")
        .replace("\"run_id\": \"rk-2b7e0c1f9a4d3e5f6a7b8c9d\"", "\"run_id\": \"rk-000000000000000000000000\""));

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.register(request))
        .isInstanceOf(dev.rookery.functions.exceptions.InvalidEventException.class)
        .hasMessageContaining("run.uri").hasMessageContaining("rk-000000000000000000000000");
    assertThat(registry.packages).isEmpty();
  }

  @Test
  void register_groupMissing_createsGroupThenVersionOne() {
    // when
    RegisteredModel model = service.register(request);

    // then
    assertThat(registry.createdGroups).containsExactly("rookery-dev");
    assertThat(model).isEqualTo(new RegisteredModel(
        "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/1", 1, "Approved"));
  }

  @Test
  void register_groupExists_doesNotCreateIt() {
    // given
    registry.groups.add("rookery-dev");

    // when
    service.register(request);

    // then
    assertThat(registry.createdGroups).isEmpty();
    assertThat(registry.packages).hasSize(1);
  }

  @Test
  void register_retriedWithSameExecution_returnsTheSameVersion() {
    // given
    RegisteredModel first = service.register(request);

    // when
    RegisteredModel retry = service.register(request);

    // then
    assertThat(retry).isEqualTo(first);
    assertThat(registry.packages).hasSize(1);
  }

  @Test
  void register_spec_carriesMetricsBaselinesProvenanceAndApproval() {
    // when
    service.register(request);

    // then
    ModelPackageSpec spec = registry.packages.get(0);
    assertThat(spec.inference().modelDataUrl()).isEqualTo(request.training().modelDataUrl());
    assertThat(spec.metrics().qualityStatisticsUri()).isEqualTo(
        "s3://rookery-artifacts-111122223333/runs/rk-2b7e/evaluation/model-quality/statistics.json");
    assertThat(spec.metrics().qualityConstraintsUri()).isEqualTo(
        "s3://rookery-artifacts-111122223333/runs/rk-2b7e/evaluation/model-quality/constraints.json");
    assertThat(spec.metrics().statisticsUri()).isEqualTo(request.baseline().statisticsUri());
    assertThat(spec.metrics().constraintsUri()).isEqualTo(request.baseline().constraintsUri());
    assertThat(spec.listing().approvalStatus()).isEqualTo("Approved");
    assertThat(spec.clientToken()).hasSize(32).isEqualTo(RegisterService.clientToken("rk-2b7e0c1f9a4d3e5f6a7b8c9d"));
    assertThat(spec.listing().metadata())
        .containsEntry("dataset_uri", "s3://rookery-data-111122223333/incoming/penguins.csv")
        .containsEntry("dataset_version", "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e")
        .containsEntry("execution", "rk-2b7e0c1f9a4d3e5f6a7b8c9d")
        .containsEntry("accuracy", "0.9807692307692307")
        .containsEntry("hp_learning_rate", "0.214")
        .containsEntry("hp__tuning_objective_metric", "validation:accuracy");
  }

  @Test
  void metadata_manyLongValues_keptWithinSageMakerLimits() {
    // given
    Map<String, String> hyper = new HashMap<>();
    for (int i = 0; i < 80; i++) {
      hyper.put("param_" + i + "_" + "k".repeat(150), "v\"{}".repeat(100));
    }
    RegisterRequest big = new RegisterRequest("rk-x",
        new RegisterRequest.Dataset("s3://b/" + "d".repeat(400), "v"),
        new RegisterRequest.Training("job", hyper, "s3://b/m.tar.gz"),
        new RegisterRequest.Evaluation("s3://b/e.json", 0.5),
        new RegisterRequest.Baseline("s3://b/s.json", "s3://b/c.json"),
        new RegisterRequest.Run("s3://b/runs/" + "r".repeat(400) + "/run.json", Map.of(), List.of()));

    // when
    Map<String, String> metadata = RegisterService.metadata(big,
        RunRecord.parse(Fixtures.text("events/run-draft.json"), "run-draft.json"));

    // then
    assertThat(metadata).hasSize(50);
    assertThat(metadata.keySet()).allSatisfy(k -> assertThat(k).hasSizeLessThanOrEqualTo(128));
    assertThat(metadata.values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(256)
        .matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"));
    assertThat(metadata).containsKey("dataset_uri").containsKey("accuracy").containsKey("run_json")
        .containsKey("run_id").containsKey("dataset_sha256");
  }

  @Test
  void register_goldenAccuracies_customerMetadataIsTheGoldenFileTheNodeTestsRun() {
    // given: the accuracies of the must_beat_approved scenarios (statemachine/test/pipeline.test.mjs)
    double[] accuracies = {0.0, 0.5, 0.93, 0.95, 0.96, 0.98, 51.0 / 52, 1.0};
    List<Map<String, Object>> cases = new java.util.ArrayList<>();

    // when: each registered by the real service, as the pipeline's Register step does
    for (double accuracy : accuracies) {
      InMemorySageMakerRegistry fresh = new InMemorySageMakerRegistry();
      new RegisterService(config, fresh, runs).register(new RegisterRequest(request.executionName(),
          request.dataset(), request.training(),
          new RegisterRequest.Evaluation(request.evaluation().uri(), accuracy), request.baseline(), request.run()));
      Map<String, Object> c = new java.util.LinkedHashMap<>();
      c.put("accuracy", accuracy);
      // sorted: ModelPackageSpec keeps an unordered copy, and the file must not change per run
      c.put("CustomerMetadataProperties", new java.util.TreeMap<>(fresh.packages.get(0).listing().metadata()));
      cases.add(c);
    }

    // then: byte for byte what the approved package carries, which the pipeline's gate reads
    Golden.check(Golden.FIXTURES.resolve("register-metadata.json"),
        Json.toJson(Map.of("cases", cases)));
  }
}
