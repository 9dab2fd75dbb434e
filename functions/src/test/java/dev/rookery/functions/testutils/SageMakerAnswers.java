package dev.rookery.functions.testutils;

import dev.rookery.functions.testutils.FakeAwsServer.Response;

/** SageMaker's answers for a first registration and deployment: nothing exists yet. */
public final class SageMakerAnswers {
  private SageMakerAnswers() {}

  /**
   * The group exists, the new package is Approved, and the endpoint, its model and config do not
   * exist yet: register, then deploy, creates them.
   *
   * @param aws the fake endpoint
   * @param packageArn the package RegisterHandler creates and DeployHandler deploys
   */
  public static void firstRegistrationAndDeployment(FakeAwsServer aws, String packageArn) {
    aws.on("DescribeModelPackageGroup", Response.json(200, "{\"ModelPackageGroupName\":\"rookery-dev\"}"));
    aws.on("CreateModelPackage", Response.json(200, "{\"ModelPackageArn\":\"" + packageArn + "\"}"));
    aws.on("DescribeModelPackage", Response.json(200, "{\"ModelPackageArn\":\"" + packageArn + "\","
        + "\"ModelApprovalStatus\":\"Approved\",\"ModelPackageStatus\":\"Completed\",\"CreationTime\":1.7E9}"));
    aws.on("DescribeEndpoint", Response.jsonError("ValidationException", "Could not find endpoint \\\"rookery-dev\\\"."));
    aws.on("DescribeModel", Response.jsonError("ValidationException", "Could not find model \\\"x\\\"."));
    aws.on("CreateModel", Response.json(200, "{\"ModelArn\":\"arn:m\"}"));
    aws.on("DescribeEndpointConfig", Response.jsonError("ValidationException",
        "Could not find endpoint configuration \\\"x\\\"."));
    aws.on("CreateEndpointConfig", Response.json(200, "{\"EndpointConfigArn\":\"arn:c\"}"));
    aws.on("CreateEndpoint", Response.json(200, "{\"EndpointArn\":\"arn:e\"}"));
  }
}
