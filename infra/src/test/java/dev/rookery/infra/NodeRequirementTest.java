package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Node.js version the READMEs ask for is the one the pinned CDK CLI declares: the root
 * package.json pins {@code aws-cdk}, and package-lock.json records that version's
 * {@code engines.node}.
 */
class NodeRequirementTest {

  private static String cliMinimumNode() throws IOException {
    ObjectMapper json = new ObjectMapper();
    String pinned = json.readTree(Files.readString(TestApps.REPO.resolve("package.json")))
        .at("/devDependencies/aws-cdk").asText();
    JsonNode locked = json.readTree(Files.readString(TestApps.REPO.resolve("package-lock.json")))
        .at("/packages/node_modules~1aws-cdk");
    assertThat(locked.path("version").asText()).as("package-lock.json aws-cdk").isEqualTo(pinned);
    Matcher engines = Pattern.compile(">=\\s*(\\d+)(\\.0)*").matcher(
        locked.at("/engines/node").asText());
    assertThat(engines.matches()).as("engines.node " + locked.at("/engines/node")).isTrue();
    return engines.group(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "infra/README.md"})
  void readme_nodeRequirement_isThePinnedCdkClis(String readme) throws IOException {
    // given what the pinned CLI needs
    String major = cliMinimumNode();
    // when the README's "Node.js N+" mentions are read
    Matcher m = Pattern.compile("Node\\.js (\\d+)\\+").matcher(
        Files.readString(TestApps.REPO.resolve(readme)));
    List<String> stated = m.results().map(r -> r.group(1)).toList();
    // then
    assertThat(stated).as(readme).isNotEmpty().containsOnly(major);
  }
}
