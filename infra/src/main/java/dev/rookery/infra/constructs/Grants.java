package dev.rookery.infra.constructs;

import java.util.List;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;

/** The one way constructs grant a principal actions on resources in its own (identity) policy. */
public final class Grants {
  private Grants() {}

  /**
   * Adds {@code actions} on {@code resourceArns} to the grantee's policy.
   *
   * @return the grant
   */
  public static Grant allow(IGrantable grantee, List<String> actions, List<String> resourceArns) {
    return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(grantee)
        .actions(actions)
        .resourceArns(resourceArns)
        .build());
  }
}
