package dev.rookery.integration;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A running AWS emulator, as the tests see it: one endpoint that answers every service, a region,
 * an account and credentials. The two kinds differ only in what they can do ({@link Kind}).
 *
 * @param kind which emulator
 * @param endpoint its one endpoint for every service
 * @param region the region the tests use
 * @param account the account id the emulator puts in ARNs
 * @param accessKeyId its access key
 * @param secretAccessKey its secret key
 * @param motoApi moto's control API, or {@code null} on LocalStack
 */
public record Emulator(Kind kind, URI endpoint, Region region, String account, String accessKeyId,
    String secretAccessKey, MotoApi motoApi) {

  /** Which emulator runs. */
  public enum Kind {
    /** moto's server (Python), started from the machine's Python. */
    MOTO,
    /** LocalStack 4.14.0 in Docker, through Testcontainers. */
    LOCALSTACK
  }

  private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();

  /**
   * Points a fresh SDK client builder at the emulator and builds it: the same HTTP client the
   * Lambdas use (url-connection), static test credentials, path-style S3 (a loopback endpoint has
   * no bucket subdomains).
   *
   * @param builder e.g. {@code SageMakerClient.builder()}
   * @return the client
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
    if (builder instanceof S3ClientBuilder s3) {
      s3.forcePathStyle(true);
    }
    return builder.endpointOverride(endpoint)
        .region(region)
        .httpClient(HTTP)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .build();
  }

  private static final java.util.concurrent.atomic.AtomicLong STEP_FUNCTIONS_ACCOUNTS =
      new java.util.concurrent.atomic.AtomicLong(100_000_000_000L);

  /**
   * A Step Functions client for one state machine's executions. On moto it works in an account of
   * its own ({@code x-moto-account-id}): moto 5.2.1 keeps a lock in every finished execution and
   * deep-copies the whole Step Functions backend on StartExecution, so after one execution has
   * ended no other can start in that account and region (500, "cannot pickle '_thread.RLock'").
   * The tasks of an execution still call the other services in the emulator's default account,
   * where the stack is.
   *
   * @return the client
   */
  public software.amazon.awssdk.services.sfn.SfnClient stepFunctions() {
    software.amazon.awssdk.services.sfn.SfnClientBuilder builder =
        software.amazon.awssdk.services.sfn.SfnClient.builder();
    if (isMoto()) {
      String account = Long.toString(STEP_FUNCTIONS_ACCOUNTS.incrementAndGet());
      builder.overrideConfiguration(o -> o.putHeader("x-moto-account-id", account));
    }
    return client(builder);
  }

  /** @return an ARN of this emulator's partition, region and account */
  public String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + region.id() + ":" + account + ":" + resource;
  }

  /**
   * Queues what the next Lambda invocations made by a state machine return (moto runs no Lambda
   * code: it answers each invoke with the next queued payload).
   *
   * @param payloads JSON payloads, in invocation order
   * @throws IllegalStateException on LocalStack, which runs the deployed code instead
   */
  public void queueLambdaResults(List<String> payloads) {
    if (motoApi == null) {
      throw new IllegalStateException("queued Lambda results are a moto feature; " + kind
          + " runs the function's code");
    }
    motoApi.queueLambdaResults(region.id(), account, payloads);
  }

  /** @return true on moto */
  public boolean isMoto() {
    return kind == Kind.MOTO;
  }
}
