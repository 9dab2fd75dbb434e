package dev.rookery.infra.constructs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The environment's SageMaker endpoint. The endpoint itself is created and updated at run time by
 * the deploy function (a model version is deployed when it is approved, not when the stack is),
 * so this construct creates no resource: it owns the endpoint's names, the IAM to manage it
 * (scoped to the endpoint and to models and endpoint configs named {@code <endpoint>-*}) and its
 * CloudWatch metrics.
 */
public final class InferenceEndpoint extends Construct {
  /** The variant every endpoint config uses (blue/green needs the same name). */
  public static final String VARIANT_NAME = "AllTraffic";

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  private final String endpointName;

  /**
   * @param endpointName the endpoint name (SageMaker's 63-character name pattern)
   */
  public record Props(String endpointName) {
    /** Checks the name. */
    public Props {
      if (endpointName == null || !NAME.matcher(endpointName).matches()) {
        throw new IllegalArgumentException(
            "endpointName must match " + NAME + ", found '" + endpointName + "'");
      }
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public InferenceEndpoint(Construct scope, String id, Props props) {
    super(scope, id);
    endpointName = props.endpointName();
  }

  /** @return the endpoint name */
  public String endpointName() {
    return endpointName;
  }

  /** @return the variant name, {@value #VARIANT_NAME} */
  public String variantName() {
    return VARIANT_NAME;
  }

  private String arn(String resource, String name) {
    // SageMaker lower-cases names inside ARNs.
    return Stack.of(this).formatArn(ArnComponents.builder()
        .service("sagemaker").resource(resource).resourceName(name.toLowerCase(Locale.ROOT))
        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
  }

  /** @return the endpoint's ARN */
  public String endpointArn() {
    return arn("endpoint", endpointName);
  }

  /**
   * Create models and endpoint configs named {@code <endpoint>-*} and create or update the
   * endpoint with them.
   *
   * @param grantee the deploy function
   * @return the grant
   */
  public Grant grantDeploy(IGrantable grantee) {
    return Grants.allow(grantee,
        List.of("sagemaker:CreateModel", "sagemaker:DescribeModel",
            "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig",
            "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint",
            // a Failed endpoint (its creation failed) only accepts DeleteEndpoint: replaced once
            "sagemaker:DeleteEndpoint"),
        List.of(endpointArn(), arn("endpoint-config", endpointName + "-*"),
            arn("model", endpointName + "-*")));
  }

  /**
   * Read which model the endpoint serves: DescribeEndpoint -> DescribeEndpointConfig -> DescribeModel
   * (the deploy-on-approval function compares an approved version with the served one).
   *
   * @param grantee who reads
   * @return the grant
   */
  public Grant grantReadServing(IGrantable grantee) {
    return Grants.allow(grantee,
        List.of("sagemaker:DescribeEndpoint", "sagemaker:DescribeEndpointConfig",
            "sagemaker:DescribeModel"),
        List.of(endpointArn(), arn("endpoint-config", endpointName + "-*"),
            arn("model", endpointName + "-*")));
  }

  /**
   * Read the endpoint's status (the deploy state machine's poll loop).
   *
   * @param grantee who polls
   * @return the grant
   */
  public Grant grantDescribe(IGrantable grantee) {
    return Grants.allow(grantee,
        List.of("sagemaker:DescribeEndpoint"),
        List.of(endpointArn()));
  }

  /**
   * @param name an AWS/SageMaker endpoint metric, e.g. {@code Invocations}
   * @param statistic e.g. {@code Sum}, {@code p99}
   * @return the variant's metric over 5 minutes
   */
  public Metric metric(String name, String statistic) {
    return Metric.Builder.create()
        .namespace("AWS/SageMaker")
        .metricName(name)
        .dimensionsMap(Map.of("EndpointName", endpointName, "VariantName", VARIANT_NAME))
        .statistic(statistic)
        .period(Duration.minutes(5))
        .build();
  }

  /** @return the variant's {@code Invocation5XXErrors}, summed over 5 minutes */
  public Metric metricInvocation5xxErrors() {
    return metric("Invocation5XXErrors", "Sum");
  }

  /** @return the variant's {@code ModelLatency} (microseconds), averaged over 5 minutes */
  public Metric metricModelLatency() {
    return metric("ModelLatency", "Average");
  }
}
