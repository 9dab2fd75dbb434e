package dev.rookery.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

class SdkRequestShapeValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SdkRequestShapeValidator validator = new SdkRequestShapeValidator();

  /** Test values for the placeholders: instance types must be real enum values once substituted. */
  static final Map<String, String> PLACEHOLDER_VALUES = Map.ofEntries(
      Map.entry("ImageUri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/rookery:test"),
      Map.entry("SageMakerRoleArn", "arn:aws:iam::123456789012:role/rookery-sagemaker"),
      Map.entry("ArtifactsBucket", "rookery-artifacts-test"),
      Map.entry("ProcessingInstanceType", "ml.t3.medium"),
      Map.entry("TrainingInstanceType", "ml.m5.large"),
      Map.entry("RegisterFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:rookery-register"),
      Map.entry("DeployFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:rookery-deploy"),
      Map.entry("PublishMetricsFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:rookery-publish-metrics"),
      Map.entry("DeployStateMachineArn", "arn:aws:states:eu-west-1:123456789012:stateMachine:rookery-deploy"),
      Map.entry("NotificationTopicArn", "arn:aws:sns:eu-west-1:123456789012:rookery-notifications"),
      Map.entry("EndpointName", "rookery-penguins"),
      Map.entry("CaptureS3Uri", "s3://rookery-capture-test/capture"),
      Map.entry("CaptureBucket", "rookery-capture-test"),
      Map.entry("CapturePrefix", "capture"),
      Map.entry("MonitoringOutputS3Uri", "s3://rookery-artifacts-test/monitoring"),
      Map.entry("MonitoringScheduleName", "rookery-penguins-hourly"),
      Map.entry("MonitoringBaselinePrefix", "monitoring/baseline"),
      Map.entry("ModelPackageGroupName", "rookery-penguins"),
      Map.entry("ModelQualityScheduleName", "rookery-penguins-model-quality"),
      Map.entry("LabelOffsetSeconds", "7200"),
      Map.entry("MinJoinedRecords", "30"));

  private static List<String> validateAllSageMakerTasks(AslDefinition definition) {
    SdkRequestShapeValidator validator = new SdkRequestShapeValidator();
    List<String> problems = new ArrayList<>();
    definition.sageMakerTasks().forEach((name, state) -> problems.addAll(validator.validate(
        definition.name() + "/" + name + "/Parameters", state.get("Parameters"),
        SdkRequestShapeValidator.requestClassFor(state.get("Resource").asText()))));
    return problems;
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipeline.asl.json", "deploy.asl.json", "monitoring.asl.json"})
  void validate_everySageMakerTaskInTheRepository_matchesTheSdkRequestModel(String file) {
    // given
    AslDefinition definition = AslDefinition.read(Path.of(file)).substitute(PLACEHOLDER_VALUES);
    // when
    List<String> problems = validateAllSageMakerTasks(definition);
    // then
    assertThat(definition.sageMakerTasks()).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void sageMakerTasks_pipeline_coverJobsAndDescribeCalls() {
    // given
    AslDefinition pipeline = AslDefinition.read(Path.of("pipeline.asl.json"));
    // when
    Map<String, JsonNode> tasks = pipeline.sageMakerTasks();
    // then
    assertThat(tasks).containsOnlyKeys("Preprocess", "Tune", "ListTrials", "LocateBestModel", "Evaluate",
        "FindApprovedModel", "DescribeApprovedModel");
    assertThat(SdkRequestShapeValidator.requestClassFor(tasks.get("Tune").get("Resource").asText()))
        .isEqualTo(CreateHyperParameterTuningJobRequest.class);
    assertThat(SdkRequestShapeValidator.requestClassFor(tasks.get("FindApprovedModel").get("Resource").asText()))
        .isEqualTo(software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest.class);
  }

  @Test
  void validate_misspeltCopyOfThePipeline_failsNamingEveryMistake(@TempDir Path dir) throws IOException {
    // given: a deliberately misspelt copy of pipeline.asl.json
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Path.of("pipeline.asl.json")));
    ObjectNode preprocess = (ObjectNode) root.at("/States/Preprocess/Parameters");
    preprocess.set("ProcesingJobName.$", preprocess.remove("ProcessingJobName.$"));
    ObjectNode cluster = (ObjectNode) preprocess.at("/ProcessingResources/ClusterConfig");
    cluster.set("VolumeSizeGB", cluster.remove("VolumeSizeInGB"));
    ((ObjectNode) preprocess.at("/ProcessingInputs/0/S3Input")).put("S3DataType", "S3Prefx");
    ObjectNode tune = (ObjectNode) root.at("/States/Tune/Parameters/TrainingJobDefinition");
    ((ObjectNode) tune.at("/ResourceConfig")).put("InstanceCount", "1");
    ((ObjectNode) tune.at("/AlgorithmSpecification/MetricDefinitions/0")).remove("Regex");
    Path copy = dir.resolve("pipeline-misspelt.asl.json");
    Files.writeString(copy, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    // when
    List<String> problems = validateAllSageMakerTasks(AslDefinition.read(copy).substitute(PLACEHOLDER_VALUES));
    // then
    String p = "pipeline-misspelt.asl.json/Preprocess/Parameters";
    String t = "pipeline-misspelt.asl.json/Tune/Parameters.TrainingJobDefinition";
    assertThat(problems).hasSize(7);
    assertThat(problems).anySatisfy(m -> assertThat(m).startsWith(
        p + ".ProcesingJobName.$: 'ProcesingJobName' is not a member of CreateProcessingJobRequest"));
    assertThat(problems).contains(p + ": required member 'ProcessingJobName' of CreateProcessingJobRequest is missing");
    assertThat(problems).anySatisfy(m -> assertThat(m).startsWith(
        p + ".ProcessingResources.ClusterConfig.VolumeSizeGB: 'VolumeSizeGB' is not a member of ProcessingClusterConfig"));
    assertThat(problems).contains(p + ".ProcessingResources.ClusterConfig: required member 'VolumeSizeInGB' of ProcessingClusterConfig is missing");
    assertThat(problems).anySatisfy(m -> assertThat(m).startsWith(
        p + ".ProcessingInputs[0].S3Input.S3DataType: 'S3Prefx' is not a ProcessingS3DataType"));
    assertThat(problems).contains(t + ".ResourceConfig.InstanceCount: expected an integer, found \"1\"");
    assertThat(problems).contains(t + ".AlgorithmSpecification.MetricDefinitions[0]: required member 'Regex' of MetricDefinition is missing");
  }

  @Test
  void validate_listWhereAnObjectBelongs_isReported() throws IOException {
    // given
    JsonNode parameters = JSON.readTree("""
        {"ProcessingJobName": "x", "RoleArn": "r", "AppSpecification": ["preprocess"],
         "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.t3.medium", "VolumeSizeInGB": 1}}}
        """);
    // when
    List<String> problems = validator.validate("p", parameters, CreateProcessingJobRequest.class);
    // then
    assertThat(problems).containsExactly("p.AppSpecification: expected an object (AppSpecification), found ARRAY");
  }

  @Test
  void validate_dynamicKeyWithNonStringValue_isReported() throws IOException {
    // given
    JsonNode parameters = JSON.readTree("{\"EndpointName.$\": 42}");
    // when
    List<String> problems = validator.validate("d", parameters, DescribeEndpointRequest.class);
    // then
    assertThat(problems).containsExactly("d.EndpointName.$: a '.$' key needs a path or intrinsic string, found 42");
  }

  @Test
  void validate_pipelineSettingsTuningShapes_matchTheSdkModels() throws IOException {
    // given: config/pipeline.json reaches the tuning job through '.$' paths, so check its shapes here
    JsonNode tuning = JSON.readTree(Files.readString(Path.of("..", "config", "pipeline.json"))).get("tuning");
    // when
    List<String> problems = new ArrayList<>();
    problems.addAll(validator.validate("settings.tuning.parameter_ranges", tuning.get("parameter_ranges"), ParameterRanges.class));
    problems.addAll(validator.validate("settings.tuning.objective", tuning.get("objective"), HyperParameterTuningJobObjective.class));
    // then
    assertThat(problems).isEmpty();
    assertThat(tuning.get("strategy").asText()).isIn("Bayesian", "Random", "Hyperband", "Grid");
  }

  @Test
  void validate_misspeltParameterRange_isReported() throws IOException {
    // given
    JsonNode ranges = JSON.readTree("""
        {"ContinuousParameterRanges": [{"Name": "learning_rate", "MinValue": "0.05", "MaxValue": "1.0", "ScalingType": "Log"}],
         "IntegerParameterRange": []}
        """);
    // when
    List<String> problems = validator.validate("r", ranges, ParameterRanges.class);
    // then
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("r.ContinuousParameterRanges[0].ScalingType: 'Log' is not a HyperParameterScalingType");
    assertThat(problems.get(1)).startsWith("r.IntegerParameterRange: 'IntegerParameterRange' is not a member of ParameterRanges");
  }

  @Test
  void placeholderValues_coverExactlyTheDocumentedPlaceholders() throws IOException {
    assertThat(PLACEHOLDER_VALUES.keySet()).containsExactlyInAnyOrderElementsOf(AslDefinitionTest.documentedPlaceholders());
  }

  @Test
  void requestClassFor_unknownSageMakerAction_throwsNamingIt() {
    assertThatThrownBy(() -> SdkRequestShapeValidator.requestClassFor("arn:aws:states:::aws-sdk:sagemaker:describeEndpoints"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("describeEndpoints names no SageMaker API");
  }

  @Test
  void sageMakerAction_otherServices_empty() {
    assertThat(SdkRequestShapeValidator.sageMakerAction("arn:aws:states:::lambda:invoke")).isEmpty();
    assertThat(SdkRequestShapeValidator.sageMakerAction("arn:aws:states:::sagemaker:createProcessingJob.sync")).contains("createProcessingJob");
  }
}
