package dev.rookery.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import software.constructs.IConstruct;

/**
 * Narrow cdk-nag suppressions: one resource (and its generated children, such as a role's default
 * policy), one finding, and for wildcard findings the exact {@code appliesTo} entries, each with a
 * reason. Entries starting with {@code regex:} are matched as a regular expression (for logical ids
 * that CDK derives from the construct path).
 */
public final class Nag {
  private Nag() {}

  /**
   * The {@code appliesTo} entry of an IAM5 finding on a SageMaker ARN, whatever the partition,
   * region and account (tokens in environment-agnostic stacks, literals otherwise).
   *
   * @param resourceAndName e.g. {@code processing-job/rk-*}
   * @return a {@code regex:} entry for {@link #suppress}
   */
  public static String sageMakerArn(String resourceAndName) {
    return "regex:/^Resource::arn:.+:sagemaker:.+:"
        + resourceAndName.replace("/", "\\/").replace("*", "\\*") + "$/";
  }

  /**
   * @param resource the resource the finding is on
   * @param id the rule, e.g. {@code AwsSolutions-IAM5}
   * @param reason why the finding is acceptable here
   * @param appliesTo the exact findings (IAM5/IAM4) this covers; none means the whole rule
   */
  public static void suppress(IConstruct resource, String id, String reason, String... appliesTo) {
    List<Object> findings = new ArrayList<>();
    for (String finding : appliesTo) {
      findings.add(finding.startsWith("regex:")
          ? RegexAppliesTo.builder().regex(finding.substring("regex:".length())).build()
          : finding);
    }
    NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(id).reason(reason);
    if (!findings.isEmpty()) {
      suppression.appliesTo(findings);
    }
    NagSuppressions.addResourceSuppressions(resource, List.of(suppression.build()), true);
  }
}
