package dev.rookery.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

/**
 * The synthesized dev template deployed into the emulator's CloudFormation
 * ({@link DeployedStack}): every resource is either created or skipped for a stated reason, and
 * the report of both (by type) is written to {@code target/cloudformation-report.txt}.
 */
@ExtendWith(EmulatorExtension.class)
class CloudFormationDeploymentIT {

  @Test
  void synthesizedDevTemplate_createsEveryResourceTheEmulatorModels(Emulator emulator)
      throws IOException {
    DeployedStack stack = DeployedStack.on(emulator);
    Map<String, Long> created = stack.created().values().stream()
        .collect(Collectors.groupingBy(StackResource::resourceType, TreeMap::new,
            Collectors.counting()));
    Map<String, Long> skipped = stack.skipped().values().stream()
        .collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
    StringBuilder report = new StringBuilder("Stack " + stack.stackName() + " on "
        + emulator.kind() + "\ncreated:\n");
    created.forEach((type, n) -> report.append("  ").append(n).append(' ').append(type)
        .append('\n'));
    report.append("skipped:\n");
    skipped.forEach((type, n) -> report.append("  ").append(n).append(' ').append(type)
        .append(": ").append(DeployedStack.MOTO_SKIPS.get(type)).append('\n'));
    Path file = Path.of("target", "cloudformation-report.txt");
    Files.writeString(file, report);
    System.out.print(report);

    assertThat(stack.created().values()).allSatisfy(r ->
        assertThat(r.resourceStatus()).as(r.logicalResourceId()).isEqualTo(
            ResourceStatus.CREATE_COMPLETE));
    // Nothing lost silently: each resource of the template was created or skipped with a reason.
    stack.synthesized().template().get("Resources").fieldNames().forEachRemaining(id ->
        assertThat(stack.created().containsKey(id) || stack.skipped().containsKey(id))
            .as("resource %s created or skipped", id).isTrue());
    assertThat(created).containsKeys("AWS::S3::Bucket", "AWS::SNS::Topic",
        "AWS::Lambda::Function", "AWS::Events::Rule", "AWS::StepFunctions::StateMachine",
        "AWS::IAM::Role");
    assertThat(DeployedStack.MOTO_SKIPS).containsKeys(skipped.keySet().toArray(String[]::new));
  }
}
