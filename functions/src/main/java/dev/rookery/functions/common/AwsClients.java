package dev.rookery.functions.common;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients the way every handler wants them, once per Lambda instance: the url-connection
 * HTTP client (no Netty/Apache on the class path: smaller jar, faster start), the region named
 * explicitly (skips the region provider chain), and the default credentials chain (environment
 * variables on Lambda, container credentials under SnapStart).
 *
 * <p>The endpoint is the SDK's own: {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>}
 * override it, which is how the benchmark points a real handler at a local fake.
 */
public final class AwsClients {
  private final Region region;
  private final SdkHttpClient httpClient;

  /** @param env the environment; {@code AWS_REGION} is required (Lambda always sets it) */
  public AwsClients(Environment env) {
    this.region = Region.of(env.required("AWS_REGION"));
    this.httpClient = UrlConnectionHttpClient.builder().build();
  }

  /**
   * Configures a builder (e.g. {@code SageMakerClient.builder()}) and builds it.
   *
   * @param builder a fresh client builder
   * @return the client
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
    return builder.region(region)
        .httpClient(httpClient)
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .build();
  }
}
