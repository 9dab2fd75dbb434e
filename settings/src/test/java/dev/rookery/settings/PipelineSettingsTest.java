package dev.rookery.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineSettingsTest {
  static final Path REPO_FILE = Path.of("..", "config", "pipeline.json");

  @Test
  void bundled_embeddedCopy_equalsRepositoryConfig() {
    // given: the repository's file, one directory up from the module
    PipelineSettings repo = PipelineSettings.load(REPO_FILE);

    // then
    assertThat(PipelineSettings.bundled()).isEqualTo(repo);
    assertThat(repo.target()).isEqualTo("species");
    assertThat(repo.split()).isEqualTo(SplitFractions.DEFAULT);
    assertThat(repo.tuning().ranges()).extracting(ParameterRange::name).containsExactly(
        "c", "feature_fraction", "min_child_weight", "max_depth", "num_trees", "algorithm");
  }

  @Test
  void parse_onlyRequiredFields_fillsEveryDefault() {
    // when
    PipelineSettings s = PipelineSettings.parse("{\"format_version\": 1, \"target\": \"y\"}", "t");

    // then
    assertThat(s).isEqualTo(PipelineSettings.builder("y").build());
    assertThat(s.seed()).isEqualTo(PipelineSettings.DEFAULT_SEED);
    assertThat(s.split()).isEqualTo(SplitFractions.DEFAULT);
    assertThat(s.tuning().maxJobs()).isEqualTo(PipelineSettings.DEFAULT_MAX_JOBS);
    assertThat(s.tuning().maxParallelJobs()).isEqualTo(PipelineSettings.DEFAULT_MAX_PARALLEL_JOBS);
    assertThat(s.tuning().strategy()).isEqualTo(PipelineSettings.DEFAULT_STRATEGY);
    assertThat(s.gate().accuracyThreshold()).isEqualTo(PipelineSettings.DEFAULT_ACCURACY_THRESHOLD);
    assertThat(s.gate().mustBeatApproved()).isEqualTo(PipelineSettings.DEFAULT_MUST_BEAT_APPROVED);
    assertThat(s.approval()).isEqualTo(PipelineSettings.DEFAULT_APPROVAL);
    assertThat(s.capturePercent()).isEqualTo(PipelineSettings.DEFAULT_CAPTURE_PERCENT);
    assertThat(s.modelQuality()).isEqualTo(ModelQualitySettings.DEFAULT);
  }

  @Test
  void parse_modelQuality_readsEveryFieldAndWritesThemBack() {
    // when
    PipelineSettings s = PipelineSettings.parse("{\"format_version\": 1, \"target\": \"y\", \"model_quality\":"
        + " {\"accuracy_tolerance\": 0.1, \"min_joined_records\": 200, \"label_offset\": \"P1DT2H\"}}", "t");

    // then
    assertThat(s.modelQuality()).isEqualTo(new ModelQualitySettings(0.1, 200, java.time.Duration.ofHours(26)));
    assertThat(s.toJson()).contains(
        "\"model_quality\":{\"accuracy_tolerance\":0.1,\"min_joined_records\":200,\"label_offset\":\"PT26H\"}");
    assertThat(PipelineSettings.parse(s.toJson(), "round trip")).isEqualTo(s);
  }

  @Test
  void parse_badModelQuality_namesEveryFieldAndValue() {
    assertThatThrownBy(() -> PipelineSettings.parse("{\"format_version\": 1, \"target\": \"y\", \"model_quality\":"
        + " {\"accuracy_tolerance\": -0.5, \"min_joined_records\": 0, \"label_offset\": \"an hour\"}}", "t"))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactlyInAnyOrder(
                "model_quality.label_offset: must be an ISO-8601 duration such as PT1H or P1D, found 'an hour'"));
    assertThatThrownBy(() -> PipelineSettings.parse("{\"format_version\": 1, \"target\": \"y\", \"model_quality\":"
        + " {\"accuracy_tolerance\": -0.5, \"min_joined_records\": 0, \"label_offset\": \"-PT1H\"}}", "t"))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactlyInAnyOrder(
                "model_quality.accuracy_tolerance: must be between 0 and 1, found -0.5",
                "model_quality.min_joined_records: must be 1 or greater, found 0",
                "model_quality.label_offset: must not be negative, found PT-1H"));
  }

  @Test
  void load_badSplit_failsNamingFileFieldValueAndLine(@TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("p.json");
    Files.writeString(file, Files.readString(REPO_FILE).replace("\"test\": 0.15", "\"test\": 0.5"));

    // when / then
    assertThatThrownBy(() -> PipelineSettings.load(file))
        .isInstanceOf(SettingsException.class)
        .hasMessage(file + ": split: train + validation + test must sum to 1, found 0.7 + 0.15 + 0.5 (line 7)");
  }

  @Test
  void parse_severalProblems_reportsEveryOneWithPathValueAndLine() {
    // given
    String json = """
        {
          "format_version": 1,
          "target": "species",
          "tuning": {"max_jobs": 0, "strategy": "Fast",
            "parameter_ranges": {"IntegerParameterRanges": [{"Name": "epochs", "MinValue": "5.5", "MaxValue": "30"}]}},
          "gate": {"accuracy_threshold": 1.5},
          "capture_percnt": 20
        }
        """;

    // when / then
    assertThatThrownBy(() -> PipelineSettings.parse(json, "pipeline.json"))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactlyInAnyOrder(
                "capture_percnt: is not a setting (known here: [approval, capture_percent, format_version, gate,"
                    + " model_quality, required_columns, seed, split, static_hyperparameters, target, tuning]) (line 7)",
                "tuning.parameter_ranges.IntegerParameterRanges[0].MinValue: must be a whole number written as a"
                    + " string (SageMaker's format), found '5.5' (line 5)",
                "gate.accuracy_threshold: must be between 0 and 1, found 1.5 (line 6)"))
        .hasMessageStartingWith("pipeline.json: 3 problems: ");
  }

  @Test
  void parse_rangesReadableButTuningBad_reportsTuningFields() {
    assertThatThrownBy(() -> PipelineSettings.parse(
        "{\"format_version\":1,\"target\":\"y\",\"tuning\":{\"max_jobs\":0,\"strategy\":\"Fast\"}}", "s"))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactly(
                "tuning.strategy: must be one of [Bayesian, Random, Hyperband, Grid], found 'Fast'",
                "tuning.max_jobs: must be at least 1, found 0"));
  }

  @Test
  void parse_unknownAlgorithm_failsNamingTheFieldAndValue() {
    assertThatThrownBy(() -> PipelineSettings.parse("{\"format_version\":1,\"target\":\"y\","
        + "\"static_hyperparameters\":{\"algorithm\":\"xgb\"},\"tuning\":{\"parameter_ranges\":"
        + "{\"CategoricalParameterRanges\":[{\"Name\":\"algorithm\",\"Values\":[\"forest\",\"svm\"]}]}}}", "s"))
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .contains("tuning.parameter_ranges.CategoricalParameterRanges[algorithm].Values: must each be one of"
                + " [logistic, logistic_l2, cart, forest], found 'svm'"));
    assertThatThrownBy(() -> PipelineSettings.parse("{\"format_version\":1,\"target\":\"y\","
        + "\"static_hyperparameters\":{\"algorithm\":\"xgb\"}}", "s"))
        .hasMessageContaining("static_hyperparameters.algorithm: must be one of [logistic, logistic_l2, cart, forest], found 'xgb'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "21", "five", "-3", "2.5", ""})
  void parse_badCvFolds_failsNamingTheFieldAndValue(String folds) {
    assertThatThrownBy(() -> PipelineSettings.parse("{\"format_version\":1,\"target\":\"y\","
        + "\"static_hyperparameters\":{\"cv_folds\":\"" + folds + "\"}}", "s"))
        .hasMessageContaining("static_hyperparameters.cv_folds: must be an integer in 1..20 (1: the validation split"
            + " alone), found '" + folds + "'");
  }

  @Test
  void parse_cvFoldsTunedOrValid() {
    assertThat(PipelineSettings.parse("{\"format_version\":1,\"target\":\"y\","
        + "\"static_hyperparameters\":{\"cv_folds\":\"20\"}}", "s").staticHyperparameters()).containsEntry("cv_folds", "20");
    assertThatThrownBy(() -> PipelineSettings.parse("{\"format_version\":1,\"target\":\"y\",\"tuning\":"
        + "{\"parameter_ranges\":{\"IntegerParameterRanges\":[{\"Name\":\"cv_folds\",\"MinValue\":\"2\","
        + "\"MaxValue\":\"5\"}]}}}", "s"))
        .hasMessageContaining("tuning.parameter_ranges: must not tune cv_folds");
  }

  @Test
  void parse_gridWithAContinuousRange_failsNamingTheStrategyAndRange() {
    assertThatThrownBy(() -> PipelineSettings.parse("{\"format_version\":1,\"target\":\"y\",\"tuning\":"
        + "{\"strategy\":\"Grid\",\"parameter_ranges\":{\"ContinuousParameterRanges\":"
        + "[{\"Name\":\"learning_rate\",\"MinValue\":\"0.1\",\"MaxValue\":\"1\"}]}}}", "s"))
        .hasMessageContaining("tuning.strategy: Grid searches only Categorical and Integer ranges")
        .hasMessageContaining("'learning_rate'");
  }

  @Test
  void parse_rangeWithMinAboveMax_failsNamingTheField() {
    assertThatThrownBy(() -> PipelineSettings.parse("{\"format_version\":1,\"target\":\"y\",\"tuning\":"
        + "{\"parameter_ranges\":{\"IntegerParameterRanges\":"
        + "[{\"Name\":\"max_depth\",\"MinValue\":\"9\",\"MaxValue\":\"3\"}]}}}", "s"))
        .hasMessageContaining("tuning.parameter_ranges.IntegerParameterRanges[0].MinValue: must not exceed MaxValue 3");
  }

  @Test
  void bundled_everyStrategySageMakerKnowsIsAccepted() {
    for (String strategy : List.of("Random", "Bayesian", "Grid", "Hyperband")) {
      TuningSettings t = PipelineSettings.bundled().tuning();
      assertThat(new TuningSettings(t.objectiveMetric(), t.objectiveType(), strategy, 3, 3,
          t.ranges().stream().filter(r -> !(r instanceof ParameterRange.Continuous)).toList()).strategy())
          .isEqualTo(strategy);
    }
  }

  @Test
  void parse_numberWhereSageMakerTakesAString_failsNamingIt() {
    assertThatThrownBy(() -> PipelineSettings.parse(
        "{\"format_version\":1,\"target\":\"y\",\"static_hyperparameters\":{\"epochs\":5}}", "s"))
        .hasMessage("s: static_hyperparameters.epochs: must be a string (SageMaker hyperparameters are strings),"
            + " found 5");
  }

  @Test
  void parse_notJson_failsNamingLineAndColumn() {
    assertThatThrownBy(() -> PipelineSettings.parse("{\n \"target\" species}", "f.json"))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("f.json: not valid JSON at line 2, column 11: Unexpected character");
  }

  @Test
  void toJson_repositoryConfig_roundTripsWithEveryField() {
    // given
    PipelineSettings repo = PipelineSettings.load(REPO_FILE);

    // when
    String json = repo.toJson();

    // then
    assertThat(PipelineSettings.parse(json, "round trip")).isEqualTo(repo);
    assertThat(json).startsWith("{\"format_version\":1,\"target\":\"species\",\"required_columns\":[")
        .contains("\"gate\":{\"accuracy_threshold\":0.9,\"must_beat_approved\":false}")
        .doesNotContain("$schema");
  }

  @Test
  void withOverrides_validValues_replaceOnlyThem() {
    // when
    PipelineSettings prod = PipelineSettings.load(REPO_FILE).withOverrides(
        "{\"approval\": \"manual\", \"capture_percent\": 20, \"gate\": {\"must_beat_approved\": true}}", "cdk.json");

    // then
    assertThat(prod.approval()).isEqualTo(Approval.MANUAL);
    assertThat(prod.capturePercent()).isEqualTo(20);
    assertThat(prod.gate()).isEqualTo(new GateSettings(0.9, true));
    assertThat(prod.tuning()).isEqualTo(PipelineSettings.load(REPO_FILE).tuning());
  }

  @Test
  void withOverrides_nullValue_resetsToDefault() {
    PipelineSettings s = PipelineSettings.builder("y").capturePercent(5).build();
    assertThat(s.withOverrides("{\"capture_percent\": null}", "o").capturePercent())
        .isEqualTo(PipelineSettings.DEFAULT_CAPTURE_PERCENT);
  }

  @Test
  void withOverrides_badValues_failWithTheFileRulesNamingTheSource() {
    assertThatThrownBy(() -> PipelineSettings.load(REPO_FILE)
        .withOverrides("{\"capture_percent\": 150, \"approval\": \"sometimes\"}", "cdk.json environments.prod.pipeline"))
        .isInstanceOf(SettingsException.class)
        .hasMessage("cdk.json environments.prod.pipeline: 2 problems: approval: must be one of [auto, manual],"
            + " found 'sometimes'; capture_percent: must be between 0 and 100, found 150");
  }

  @Test
  void builder_staticAlsoTuned_failsNamingBoth() {
    TuningSettings tuning = new TuningSettings("validation:accuracy", "Maximize", "Random", 1, 1,
        List.of(new ParameterRange.IntegerRange("epochs", 1, 5, ParameterRange.Scaling.LINEAR)));
    assertThatThrownBy(() -> PipelineSettings.builder("y").tuning(tuning).staticHyperparameters(Map.of("epochs", "3")).build())
        .hasMessageContaining("static_hyperparameters.epochs: is also tuned in tuning.parameter_ranges");
  }

  @Test
  void sample_logarithmicRange_staysInBounds() {
    var range = new ParameterRange.Continuous("learning_rate", 0.05, 1.0, ParameterRange.Scaling.LOGARITHMIC);
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(Double.parseDouble(range.sample(random))).isBetween(0.05, 1.0);
    }
  }
}
