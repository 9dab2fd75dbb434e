package dev.rookery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * AWS's CloudFormation linter on every synthesized template: {@code cfn-lint} (1.51.0, a
 * prerequisite infra/README.md names) run as a process on the JSON that {@code cdk synth} writes,
 * with the committed {@code infra/.cfnlintrc} (each ignored rule listed there with its reason).
 * No finding may remain. Without {@code cfn-lint} on the PATH the test is skipped, except under
 * {@code CI=true}, where it fails.
 */
class CfnLintTest {
  private static final Path CONFIG = Path.of(".cfnlintrc").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static boolean cfnLintAvailable() {
    try {
      Process p = new ProcessBuilder("cfn-lint", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path synthesizedTemplate(String env, Map<String, Object> changes) {
    RookeryStack stack = TestApps.stack(env, changes);
    CloudAssembly assembly = ((App) stack.getNode().getRoot()).synth();
    return Path.of(assembly.getStackByName(stack.getStackName()).getTemplateFullPath());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "prod-model-monitor"})
  void cfnLint_synthesizedTemplate_noFindings(String variant) throws Exception {
    // given cfn-lint, and the template cdk synth writes
    boolean available = cfnLintAvailable();
    if (!available && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("cfn-lint is not on the PATH; CI must have it (infra/README.md,"
          + " Prerequisites: pip install cfn-lint==1.51.0)");
    }
    Assumptions.assumeTrue(available, "cfn-lint is not on the PATH (pip install cfn-lint==1.51.0)");
    Path template = variant.equals("prod-model-monitor")
        ? synthesizedTemplate("prod", Map.of("monitoringEngine", "model-monitor"))
        : synthesizedTemplate(variant, Map.of());
    // when
    Process lint = new ProcessBuilder("cfn-lint", "--config-file", CONFIG.toString(),
        "--format", "json", "--non-zero-exit-code", "informational", "--", template.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(300, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
    // then
    List<String> findings = new ArrayList<>();
    for (JsonNode f : JSON.readTree(out.isBlank() ? "[]" : out)) {
      findings.add(f.at("/Rule/Id").asText() + " " + f.path("Level").asText() + " "
          + String.join("/", f.at("/Location/Path").findValuesAsText("")) + " "
          + f.at("/Location/Path") + ": " + f.path("Message").asText());
    }
    assertThat(findings).as("cfn-lint findings on " + template).isEmpty();
    assertThat(lint.exitValue()).as("cfn-lint exit code").isZero();
  }
}
