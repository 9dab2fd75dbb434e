package dev.rookery.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AslDefinitionTest {

  /** The placeholder list in docs/architecture.md, section "State machine placeholders". */
  static Set<String> documentedPlaceholders() throws IOException {
    String text = Files.readString(Path.of("..", "docs", "architecture.md"));
    String section = text.split("## State machine placeholders")[1];
    String list = Arrays.stream(section.split("\n\n"))
        .filter(p -> p.contains("all substituted by the CDK app:")).findFirst().orElseThrow()
        .split("all substituted by the CDK app:")[1];
    Set<String> names = new TreeSet<>();
    Matcher matcher = Pattern.compile("`([A-Za-z0-9]+)`").matcher(list);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipeline.asl.json", "deploy.asl.json", "monitoring.asl.json"})
  void danglingTransitions_repositoryDefinitions_none(String file) {
    // given
    AslDefinition definition = AslDefinition.read(Path.of(file));
    // when
    List<String> problems = definition.danglingTransitions();
    // then
    assertThat(definition.states()).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipeline.asl.json", "deploy.asl.json", "monitoring.asl.json"})
  void placeholders_repositoryDefinitions_allDocumentedInArchitecture(String file) throws IOException {
    // given
    AslDefinition definition = AslDefinition.read(Path.of(file));
    // when
    Set<String> used = definition.placeholders();
    // then
    assertThat(used).isNotEmpty();
    assertThat(documentedPlaceholders()).containsAll(used);
  }

  @Test
  void danglingTransitions_nextAndCatchToMissingStates_namesEach(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("broken.asl.json");
    Files.writeString(file, """
        {"StartAt": "Begin", "States": {
          "Begin": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "Finsh",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Nowhere"}]},
          "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Begin"}], "Default": "Gone"},
          "Finish": {"Type": "Succeed"}}}
        """);
    // when
    List<String> problems = AslDefinition.read(file).danglingTransitions();
    // then
    assertThat(problems).containsExactly(
        "broken.asl.json: state 'Begin' -> 'Finsh' does not exist",
        "broken.asl.json: state 'Begin' -> 'Nowhere' does not exist",
        "broken.asl.json: state 'Pick' -> 'Gone' does not exist");
  }

  @Test
  void placeholders_undocumentedToken_isReported(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("extra.asl.json");
    Files.writeString(file, """
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "${ImageUri} ${ModelBucket}", "End": true}}}
        """);
    // when
    Set<String> used = AslDefinition.read(file).placeholders();
    // then
    assertThat(used).containsExactly("ImageUri", "ModelBucket");
    assertThat(documentedPlaceholders()).doesNotContain("ModelBucket");
  }

  @Test
  void substitute_placeholderWithoutValue_throwsNamingIt() {
    // given
    AslDefinition definition = AslDefinition.read(Path.of("deploy.asl.json"));
    // when / then
    assertThatThrownBy(() -> definition.substitute(Map.of("DeployFunctionArn", "arn:aws:lambda:eu-west-1:1:function:f",
        "ArtifactsBucket", "b", "MonitoringBaselinePrefix", "monitoring/baseline")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("deploy.asl.json: no value for placeholder ${NotificationTopicArn}");
  }

  @Test
  void substitute_allValues_replacesEveryToken() {
    // given
    AslDefinition definition = AslDefinition.read(Path.of("deploy.asl.json"));
    // when
    AslDefinition substituted = definition.substitute(SdkRequestShapeValidatorTest.PLACEHOLDER_VALUES);
    // then
    assertThat(substituted.placeholders()).isEmpty();
    assertThat(substituted.states().get("Deploy").at("/Parameters/FunctionName").asText())
        .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:rookery-deploy");
  }

  /** Files that are no state machine: the file name, its content, what the error must say. */
  static Stream<Arguments> notStateMachines() {
    return Stream.of(
        Arguments.of("bad.asl.json", "{\"StartAt\": ", "bad.asl.json is not valid JSON"),
        Arguments.of("empty.asl.json", "{\"StartAt\": \"A\"}",
            "empty.asl.json: needs an object 'States' and a string 'StartAt'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notStateMachines")
  void read_notAStateMachine_throwsNamingTheFileAndWhatIsWrong(String name, String content, String message,
      @TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    // when / then
    assertThatThrownBy(() -> AslDefinition.read(file))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining(message);
  }

  @Test
  void taskResources_parallelAndMapStates_includeNestedTasksInFileOrder(@TempDir Path dir)
      throws IOException {
    // given: a Task at the top, one in a Parallel branch, one in a Map's ItemProcessor
    Path file = dir.resolve("nested.asl.json");
    Files.writeString(file, """
        {"StartAt": "Top", "States": {
          "Top": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "Fan"},
          "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [{"StartAt": "InBranch",
            "States": {"InBranch": {"Type": "Task",
              "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "End": true}}}]},
          "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "InMap",
            "States": {"InMap": {"Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}
        """);
    // when
    List<String> resources = AslDefinition.read(file).taskResources();
    // then
    assertThat(resources).containsExactly("arn:aws:states:::sns:publish",
        "arn:aws:states:::aws-sdk:s3:getObject", "arn:aws:states:::lambda:invoke");
  }
}
