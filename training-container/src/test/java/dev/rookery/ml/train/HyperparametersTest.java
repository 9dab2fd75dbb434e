package dev.rookery.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.ml.exceptions.HyperparameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class HyperparametersTest {
  @Test
  void parse_sageMakerStrings_validatedValues() {
    Hyperparameters hp = Hyperparameters.parse(Map.of(
        "algorithm", "cart", "max_depth", "4", "seed", "7", "_tuning_objective_metric", "validation:accuracy"));
    assertThat(hp.algorithm()).isEqualTo(Algorithm.CART);
    assertThat(hp.cart().maxDepth()).isEqualTo(4);
    assertThat(hp.seed()).isEqualTo(7);
    assertThat(hp.logistic().epochs()).isEqualTo(Hyperparameters.DEFAULTS.logistic().epochs());
  }

  @Test
  void parse_unknownName_failsNamingNameAndValue() {
    assertThatThrownBy(() -> Hyperparameters.parse(Map.of("eta", "0.3")))
        .isInstanceOf(HyperparameterException.class)
        .hasMessageStartingWith("hyperparameter 'eta' = '0.3': unknown hyperparameter");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "epochs           | ten     | hyperparameter 'epochs' = 'ten': must be an integer",
      "learning_rate    | -1      | hyperparameter 'learning_rate' = '-1.0': must be in (0, 100]",
      "algorithm        | xgboost | hyperparameter 'algorithm' = 'xgboost': must be one of [logistic, logistic_l2, cart, forest]",
      "num_trees        | 0       | hyperparameter 'num_trees' = '0': must be in 1..1000",
      "feature_fraction | 1.5     | hyperparameter 'feature_fraction' = '1.5': must be in (0, 1]",
      "c                | 0       | hyperparameter 'c' = '0.0': must be in [1e-6, 1e6]",
      "cv_folds         | 0       | hyperparameter 'cv_folds' = '0': must be in 1..20 (1: the validation split alone)",
      "cv_folds         | 21      | hyperparameter 'cv_folds' = '21': must be in 1..20 (1: the validation split alone)",
      "cv_folds         | 2.5     | hyperparameter 'cv_folds' = '2.5': must be an integer"})
  void parse_badValue_failsNamingNameAndValue(String name, String value, String message) {
    assertThatThrownBy(() -> Hyperparameters.parse(Map.of(name, value))).hasMessage(message);
  }

  @Test
  void algorithms_sameNamesAsTheSettingsCheck() {
    assertThat(Algorithm.VALUES).isEqualTo(dev.rookery.settings.PipelineSettings.ALGORITHMS);
  }

  @Test
  void toMap_forest_roundTripsItsOwnHyperparameters() {
    Hyperparameters forest = Hyperparameters.parse(Map.of("algorithm", "forest", "num_trees", "7", "feature_fraction", "0.3"));
    assertThat(forest.toMap()).containsEntry("num_trees", "7").containsEntry("feature_fraction", "0.3");
    assertThat(Hyperparameters.parse(forest.toMap())).isEqualTo(forest);
  }

  @Test
  void toMap_logisticL2_roundTripsItsCost() {
    Hyperparameters l2 = Hyperparameters.parse(Map.of("algorithm", "logistic_l2", "c", "0.25"));
    assertThat(l2.algorithm()).isEqualTo(Algorithm.LOGISTIC_L2);
    assertThat(l2.toMap()).containsEntry("algorithm", "logistic_l2").containsEntry("c", "0.25");
    assertThat(Hyperparameters.parse(l2.toMap())).isEqualTo(l2);
    // other algorithms' hyperparameters.json stay as format 1 wrote them
    assertThat(Hyperparameters.DEFAULTS.toMap()).doesNotContainKey("c");
  }

  @Test
  void read_sageMakerFile_parsesStrings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hyperparameters.json");
    Files.writeString(file, "{\"epochs\": \"3\", \"learning_rate\": \"0.2\"}");
    Hyperparameters hp = Hyperparameters.read(file);
    assertThat(hp.logistic().epochs()).isEqualTo(3);
    assertThat(hp.toMap()).containsEntry("learning_rate", "0.2").containsEntry("algorithm", "logistic");
  }
}
