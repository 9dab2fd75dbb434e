package dev.rookery.functions.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.functions.approval.ServedPackageFinder.ServedPackage;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** What the endpoint serves, through the real SageMaker client against a recording local endpoint. */
class SdkServedPackageFinderTest {
  static final String ARN = "arn:aws:sagemaker:us-east-2:111122223333:model-package/rookery-dev/3";

  final FakeAwsServer aws = new FakeAwsServer();
  final SdkServedPackageFinder finder = new SdkServedPackageFinder(aws.client(SageMakerClient.builder()));

  @AfterEach
  void stop() {
    aws.close();
  }

  void endpoint(String status) {
    aws.on("DescribeEndpoint", Response.json(200, "{\"EndpointName\":\"rookery-dev\",\"EndpointConfigName\":"
        + "\"rookery-dev-c3-0123456789\",\"EndpointStatus\":\"" + status + "\"}"));
    aws.on("DescribeEndpointConfig", Response.json(200, "{\"EndpointConfigName\":\"rookery-dev-c3-0123456789\","
        + "\"ProductionVariants\":[{\"VariantName\":\"AllTraffic\",\"ModelName\":\"rookery-dev-m3-abcdef01\"}]}"));
  }

  @Test
  void find_modelFromPackageInContainers_followsEndpointConfigModelAndPackage() {
    // given: DeployHandler creates the model with Containers[{ModelPackageName}]
    endpoint("InService");
    aws.on("DescribeModel", Response.json(200, "{\"ModelName\":\"rookery-dev-m3-abcdef01\","
        + "\"Containers\":[{\"ModelPackageName\":\"" + ARN + "\"}]}"));
    aws.on("DescribeModelPackage", Response.json(200, "{\"ModelPackageArn\":\"" + ARN + "\","
        + "\"ModelApprovalStatus\":\"Rejected\"}"));

    // when / then
    assertThat(finder.find("rookery-dev")).contains(new ServedPackage(ARN, "Rejected"));
    assertThat(aws.operations()).containsExactly("DescribeEndpoint", "DescribeEndpointConfig", "DescribeModel",
        "DescribeModelPackage");
    assertThat(aws.only("DescribeEndpointConfig").json().get("EndpointConfigName").asText())
        .isEqualTo("rookery-dev-c3-0123456789");
    assertThat(aws.only("DescribeModel").json().get("ModelName").asText()).isEqualTo("rookery-dev-m3-abcdef01");
    assertThat(aws.only("DescribeModelPackage").json().get("ModelPackageName").asText()).isEqualTo(ARN);
  }

  @Test
  void find_primaryContainerPackage_isFound() {
    endpoint("Updating");
    aws.on("DescribeModel", Response.json(200, "{\"ModelName\":\"x\",\"PrimaryContainer\":{\"ModelPackageName\":\"" + ARN + "\"}}"));
    aws.on("DescribeModelPackage", Response.json(200, "{\"ModelPackageArn\":\"" + ARN + "\",\"ModelApprovalStatus\":\"Approved\"}"));

    assertThat(finder.find("rookery-dev")).contains(new ServedPackage(ARN, "Approved"));
  }

  @Test
  void find_noEndpoint_isEmpty() {
    aws.on("DescribeEndpoint", Response.jsonError("ValidationException", "Could not find endpoint \\\"rookery-dev\\\"."));

    assertThat(finder.find("rookery-dev")).isEmpty();
    assertThat(aws.operations()).containsExactly("DescribeEndpoint");
  }

  @Test
  void find_failedEndpoint_servesNothing() {
    endpoint("Failed");

    assertThat(finder.find("rookery-dev")).isEmpty();
    assertThat(aws.operations()).containsExactly("DescribeEndpoint");
  }

  @Test
  void find_modelNotFromRegistry_isEmpty() {
    endpoint("InService");
    aws.on("DescribeModel", Response.json(200, "{\"ModelName\":\"x\",\"PrimaryContainer\":{\"Image\":\"img\","
        + "\"ModelDataUrl\":\"s3://b/model.tar.gz\"}}"));

    assertThat(finder.find("rookery-dev")).isEmpty();
  }
}
