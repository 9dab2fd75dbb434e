package dev.rookery.functions.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.functions.testutils.FakeAwsServer;
import dev.rookery.functions.common.JsonHandler;
import dev.rookery.functions.testutils.FakeAwsServer.Response;
import dev.rookery.functions.testutils.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Register end to end through the real SageMaker client against a recording local endpoint. */
class RegisterHandlerTest {
  static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:model-package/rookery-dev/4";
  static final String ARTIFACTS = "s3://rookery-artifacts-111122223333/runs/rk-2b7e/";

  @RegisterExtension
  final FakeAwsServer aws = new FakeAwsServer();

  static final String RUN_JSON = "/rookery-artifacts-111122223333/runs/rk-2b7e0c1f9a4d3e5f6a7b8c9d/run.json";

  JsonNode invoke(String approvalStatus) {
    aws.on("GET " + RUN_JSON, Response.bytes(200, java.util.Map.of("Content-Type", "application/json"),
        Fixtures.bytes("events/run-draft.json")));
    aws.on("PUT " + RUN_JSON, Response.bytes(200, java.util.Map.of("ETag", "\"e\""), new byte[0]));
    JsonHandler<RegisterService> handler = JsonHandler.serving(new RegisterService(
        new RegisterConfig("rookery-dev", "111122223333.dkr.ecr.us-east-1.amazonaws.com/rookery:1",
            approvalStatus, List.of("ml.m5.large"), List.of("ml.m5.xlarge")),
        new SdkSageMakerRegistry(aws.client(SageMakerClient.builder())),
        new S3RunRecordStore(aws.client(S3Client.builder().forcePathStyle(true)))), RegisterHandler::handle);
    return Fixtures.invoke(handler, Fixtures.stream("events/register-input.json"));
  }

  @Test
  void handleRequest_newGroup_describesCreatesGroupThenPackage() {
    // given
    aws.on("DescribeModelPackageGroup", Response.jsonError("ValidationException",
        "ModelPackageGroup arn:aws:sagemaker:us-east-1:111122223333:model-package-group/rookery-dev does not exist."));
    aws.on("CreateModelPackageGroup", Response.json(200,
        "{\"ModelPackageGroupArn\":\"arn:aws:sagemaker:us-east-1:111122223333:model-package-group/rookery-dev\"}"));
    aws.on("CreateModelPackage", Response.json(200, "{\"ModelPackageArn\":\"" + ARN + "\"}"));

    // when
    JsonNode out = invoke("PendingManualApproval");

    // then
    assertThat(aws.operations()).containsExactly("GET " + RUN_JSON, "DescribeModelPackageGroup", "CreateModelPackageGroup",
        "CreateModelPackage", "PUT " + RUN_JSON);
    // The SDK sends the body aws-chunked (size line, data, checksum trailer): the record is the data.
    String body = aws.only("PUT " + RUN_JSON).text();
    dev.rookery.runs.RunRecord written = dev.rookery.runs.RunRecord.parse(
        body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1), RUN_JSON);
    assertThat(written.model()).get().extracting(dev.rookery.runs.RunRecord.Model::arn).isEqualTo(java.util.Optional.of(ARN));
    assertThat(written.tuning().trials()).hasSize(3);
    assertThat(aws.only("CreateModelPackageGroup").json().get("ModelPackageGroupName").asText())
        .isEqualTo("rookery-dev");
    assertThat(out.get("modelPackageArn").asText()).isEqualTo(ARN);
    assertThat(out.get("modelPackageVersion").asInt()).isEqualTo(4);
    assertThat(out.get("approvalStatus").asText()).isEqualTo("PendingManualApproval");
  }

  @Test
  void handleRequest_existingGroup_sendsCompleteCreateModelPackage() {
    // given
    aws.on("DescribeModelPackageGroup", Response.json(200,
        "{\"ModelPackageGroupName\":\"rookery-dev\",\"ModelPackageGroupStatus\":\"Completed\"}"));
    aws.on("CreateModelPackage", Response.json(200, "{\"ModelPackageArn\":\"" + ARN + "\"}"));

    // when
    invoke("Approved");

    // then
    FakeAwsServer.Recorded call = aws.only("CreateModelPackage");
    assertThat(call.header("X-Amz-Target")).isEqualTo("SageMaker.CreateModelPackage");
    assertThat(call.header("Content-Type")).startsWith("application/x-amz-json-1.1");
    JsonNode body = call.json();
    assertThat(body.get("ModelPackageGroupName").asText()).isEqualTo("rookery-dev");
    assertThat(body.get("ModelApprovalStatus").asText()).isEqualTo("Approved");
    assertThat(body.get("ClientToken").asText()).isEqualTo(RegisterService.clientToken("rk-2b7e0c1f9a4d3e5f6a7b8c9d"));
    JsonNode spec = body.get("InferenceSpecification");
    assertThat(spec.at("/Containers/0/Image").asText()).isEqualTo("111122223333.dkr.ecr.us-east-1.amazonaws.com/rookery:1");
    assertThat(spec.at("/Containers/0/ModelDataUrl").asText())
        .isEqualTo("s3://rookery-artifacts-111122223333/tuning/rk-2b7e/002/output/model.tar.gz");
    assertThat(spec.get("SupportedContentTypes").toString())
        .isEqualTo("[\"text/csv\",\"application/json\",\"application/jsonlines\"]");
    assertThat(spec.get("SupportedResponseMIMETypes").toString()).isEqualTo("[\"application/json\",\"text/csv\"]");
    assertThat(spec.get("SupportedRealtimeInferenceInstanceTypes").toString()).isEqualTo("[\"ml.m5.large\"]");
    assertThat(spec.get("SupportedTransformInstanceTypes").toString()).isEqualTo("[\"ml.m5.xlarge\"]");
    // The model-quality baseline the evaluate job writes next to evaluation.json (issue 15).
    assertThat(body.at("/ModelMetrics/ModelQuality/Statistics/S3Uri").asText())
        .isEqualTo(ARTIFACTS + "evaluation/model-quality/statistics.json");
    assertThat(body.at("/ModelMetrics/ModelQuality/Statistics/ContentType").asText()).isEqualTo("application/json");
    assertThat(body.at("/ModelMetrics/ModelQuality/Constraints/S3Uri").asText())
        .isEqualTo(ARTIFACTS + "evaluation/model-quality/constraints.json");
    assertThat(body.at("/ModelMetrics/ModelQuality/Constraints/ContentType").asText()).isEqualTo("application/json");
    assertThat(body.at("/ModelMetrics/ModelDataQuality/Statistics/S3Uri").asText())
        .isEqualTo(ARTIFACTS + "baseline/statistics.json");
    assertThat(body.at("/ModelMetrics/ModelDataQuality/Constraints/S3Uri").asText())
        .isEqualTo(ARTIFACTS + "baseline/constraints.json");
    assertThat(body.at("/DriftCheckBaselines/ModelDataQuality/Statistics/S3Uri").asText())
        .isEqualTo(ARTIFACTS + "baseline/statistics.json");
    assertThat(body.at("/DriftCheckBaselines/ModelDataQuality/Constraints/S3Uri").asText())
        .isEqualTo(ARTIFACTS + "baseline/constraints.json");
    JsonNode metadata = body.get("CustomerMetadataProperties");
    assertThat(metadata.get("dataset_uri").asText()).isEqualTo("s3://rookery-data-111122223333/incoming/penguins.csv");
    assertThat(metadata.get("dataset_version").asText()).isEqualTo("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
    assertThat(metadata.get("execution").asText()).isEqualTo("rk-2b7e0c1f9a4d3e5f6a7b8c9d");
    assertThat(metadata.get("accuracy").asText()).isEqualTo("0.9807692307692307");
    assertThat(metadata.get("hp_epochs").asText()).isEqualTo("17");
    assertThat(metadata.get("run_json").asText()).isEqualTo("s3:/" + RUN_JSON);
    assertThat(metadata.get("dataset_sha256").asText()).matches("[0-9a-f]{64}");
    // SageMaker's limits (API_CreateModelPackage): at most 50 entries, keys 1-128, values 0-256 characters
    assertThat(metadata.size()).isLessThanOrEqualTo(50);
    metadata.fields().forEachRemaining(e -> {
      assertThat(e.getKey().length()).isBetween(1, 128);
      assertThat(e.getValue().asText().length()).isLessThanOrEqualTo(256);
    });
  }
}
