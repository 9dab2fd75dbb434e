package dev.rookery.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rookery.functions.testutils.AwsCallRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * {@code src/test/resources/aws-calls.json} lists, per function, every AWS call it makes. The
 * infra policy test grants nothing beyond it and checks that each call is allowed, so it must be
 * exactly what the functions do: this test runs the function packages' tests (real SDK clients
 * against {@code FakeAwsServer}) and compares what they recorded with the manifest.
 */
class AwsCallsManifestTest {
  static final Path MANIFEST = Path.of("src/test/resources/aws-calls.json");

  @Test
  void manifest_functionTests_listsExactlyTheCallsTheyMake() throws IOException {
    // given the committed manifest
    Map<String, Set<String>> manifest = new TreeMap<>();
    new ObjectMapper().readTree(Files.readString(MANIFEST)).fields().forEachRemaining(e -> {
      Set<String> calls = new TreeSet<>();
      e.getValue().forEach(c -> calls.add(c.asText()));
      manifest.put(e.getKey(), calls);
    });
    // when the function packages' tests run
    AwsCallRecorder.clear();
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(AwsCallRecorder.FUNCTIONS.stream()
            .map(f -> selectPackage("dev.rookery.functions." + f)).toList())
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request, summary);
    // then they ran and passed, and recorded what the manifest says
    assertThat(summary.getSummary().getTestsSucceededCount()).isPositive();
    assertThat(summary.getSummary().getFailures()).extracting(f -> f.getException().toString())
        .isEmpty();
    assertThat(AwsCallRecorder.calls()).as("calls recorded by the function tests (paste into "
        + MANIFEST + " if a change is intended)").isEqualTo(manifest);
    assertThat(manifest.keySet()).isSubsetOf(List.copyOf(AwsCallRecorder.FUNCTIONS));
  }
}
