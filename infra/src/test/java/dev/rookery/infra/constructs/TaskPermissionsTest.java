package dev.rookery.infra.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.infra.constructs.TaskPermissions.On;
import dev.rookery.infra.constructs.TaskPermissions.Permission;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IAM each Task resource needs, against the Step Functions developer guide's policies. */
class TaskPermissionsTest {

  private static List<Permission> of(String resource) {
    return TaskPermissions.of(resource).orElseThrow();
  }

  @Test
  void of_processingJobSync_createDescribeStopListTagsPassRoleAndTheManagedRule() {
    // Step Functions developer guide, "IAM policies for SageMaker AI", CreateProcessingJob (.sync)
    assertThat(of("arn:aws:states:::sagemaker:createProcessingJob.sync")).containsExactly(
        new Permission("sagemaker:CreateProcessingJob", On.TARGET, ""),
        new Permission("iam:PassRole", On.PASSED_ROLE, ""),
        new Permission("sagemaker:DescribeProcessingJob", On.TARGET, ""),
        new Permission("sagemaker:StopProcessingJob", On.TARGET, ""),
        new Permission("sagemaker:ListTags", On.ANY, ""),
        new Permission("events:PutTargets", On.MANAGED_RULE,
            "StepFunctionsGetEventsForSageMakerProcessingJobsRule"),
        new Permission("events:PutRule", On.MANAGED_RULE,
            "StepFunctionsGetEventsForSageMakerProcessingJobsRule"),
        new Permission("events:DescribeRule", On.MANAGED_RULE,
            "StepFunctionsGetEventsForSageMakerProcessingJobsRule"));
  }

  @Test
  void of_trainingJobWithoutSync_onlyCreateAndPassRole() {
    assertThat(of("arn:aws:states:::sagemaker:createTrainingJob")).extracting(Permission::action)
        .containsExactly("sagemaker:CreateTrainingJob", "iam:PassRole");
  }

  @Test
  void of_startExecutionSync2_describesAndStopsExecutionsAndTheManagedRule() {
    // "IAM policies for AWS Step Functions" (startExecution.sync)
    assertThat(of("arn:aws:states:::states:startExecution.sync:2")).extracting(Permission::action)
        .containsExactly("states:StartExecution", "states:DescribeExecution",
            "states:StopExecution", "events:PutTargets", "events:PutRule", "events:DescribeRule");
  }

  @Test
  void of_awsSdkIntegrations_iamActionIsTheApiNameWithServicePrefix() {
    // derived, not listed: a new SDK Task gets its action without a change here
    assertThat(of("arn:aws:states:::aws-sdk:sagemaker:deleteEndpoint"))
        .containsExactly(new Permission("sagemaker:DeleteEndpoint", On.TARGET, ""));
    assertThat(of("arn:aws:states:::aws-sdk:sfn:describeExecution"))
        .containsExactly(new Permission("states:DescribeExecution", On.TARGET, ""));
    assertThat(of("arn:aws:states:::aws-sdk:sagemaker:listModelPackages"))
        .containsExactly(new Permission("sagemaker:ListModelPackages", On.ANY, ""));
  }

  @Test
  void of_s3Exceptions_listBucketAndCopyAsGetPlusPut() {
    // S3 API reference: ListObjectsV2 needs s3:ListBucket; CopyObject s3:GetObject on the source
    // and s3:PutObject on the destination
    assertThat(of("arn:aws:states:::aws-sdk:s3:listObjectsV2"))
        .containsExactly(new Permission("s3:ListBucket", On.TARGET, ""));
    assertThat(of("arn:aws:states:::aws-sdk:s3:copyObject")).containsExactly(
        new Permission("s3:GetObject", On.COPY_SOURCE, ""),
        new Permission("s3:PutObject", On.TARGET, ""));
  }

  @Test
  void of_lambdaInvokeAndSnsPublish_theirActions() {
    assertThat(of("arn:aws:states:::lambda:invoke.waitForTaskToken"))
        .extracting(Permission::action).containsExactly("lambda:InvokeFunction");
    assertThat(of("${DeployFunctionArn}")).extracting(Permission::action)
        .containsExactly("lambda:InvokeFunction");
    assertThat(of("arn:aws:states:::sns:publish")).extracting(Permission::action)
        .containsExactly("sns:Publish");
  }

  @Test
  void of_integrationNotInTheTable_empty() {
    assertThat(TaskPermissions.of("arn:aws:states:::batch:submitJob.sync")).isEmpty();
  }
}
