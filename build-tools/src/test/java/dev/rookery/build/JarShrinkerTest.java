package dev.rookery.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.build.fixture.EndpointAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

class JarShrinkerTest {
  static final String CLIENT = "software/amazon/awssdk/services/sagemaker/SageMakerClient";
  static final String ADAPTER = "dev/rookery/build/fixture/EndpointAdapter.class";

  static byte[] classBytes(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return in.readAllBytes();
    }
  }

  @Test
  void operations_adapterClass_areTheSageMakerCallsItMakesWithoutClose() throws IOException {
    // given
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(ADAPTER, classBytes(EndpointAdapter.class));

    // when
    Set<String> operations = JarShrinker.operations(entries, "dev/rookery/", CLIENT);

    // then
    assertThat(operations).containsExactly("CreateEndpoint", "CreateEndpointConfig", "CreateModel",
        "DescribeEndpoint", "DescribeEndpointConfig", "DescribeModel", "DescribeModelPackage", "UpdateEndpoint");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"createModel, CreateModel", "getObjectAsBytes, GetObject", "putObject, PutObject",
      "listObjectsV2Paginator, ListObjectsV2", "getObjectAsBytes, GetObject"})
  void operation_clientMethod_isTheApiOperationItSends(String method, String operation) {
    // the SDK's convenience forms (...AsBytes, ...Paginator) send the operation they wrap
    assertThat(JarShrinker.operation(method)).isEqualTo(operation);
  }

  @Test
  void shrink_jarWithClientAndModels_keepsReachableRequestsExceptionsAndDropsTheRest(@TempDir Path dir)
      throws IOException {
    // given: a jar holding an adapter of ours, the real client interface and a few real model classes
    String model = "software/amazon/awssdk/services/sagemaker/model/";
    Path jar = dir.resolve("f.jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      put(out, ADAPTER, classBytes(EndpointAdapter.class));
      put(out, CLIENT + ".class", classBytes(SageMakerClient.class));
      for (String name : new String[] {"CreateTrainingJobRequest", "TrainingJob", "ResourceNotFoundException",
          "HyperParameterTuningJobConfig", "DataCaptureConfig"}) {
        put(out, model + name + ".class", resource(model + name + ".class"));
      }
      for (String op : new String[] {"CreateEndpoint", "CreateEndpointConfig", "CreateModel", "DescribeEndpoint",
          "DescribeEndpointConfig", "DescribeModel", "DescribeModelPackage", "UpdateEndpoint"}) {
        put(out, model + op + "Request.class", resource(model + op + "Request.class"));
        put(out, model + op + "Response.class", resource(model + op + "Response.class"));
        String marshaller = "software/amazon/awssdk/services/sagemaker/transform/" + op + "RequestMarshaller.class";
        put(out, marshaller, resource(marshaller));
      }
    }

    // when
    JarShrinker.Result result = JarShrinker.shrink(jar, "software/amazon/awssdk/services/sagemaker",
        "SageMakerClient", "dev/rookery/");

    // then
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      assertThat(zip.stream().map(ZipEntry::getName)).contains(model + "DescribeModelRequest.class",
          model + "DescribeModelResponse.class", model + "CreateTrainingJobRequest.class",
          model + "ResourceNotFoundException.class", model + "DataCaptureConfig.class", CLIENT + ".class")
          .doesNotContain(model + "TrainingJob.class", model + "HyperParameterTuningJobConfig.class");
    }
    assertThat(result.operations()).contains("DescribeModel", "CreateEndpointConfig");
    assertThat(result.kept()).isEqualTo(result.prunable() - 2);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SageMakerClient.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(bytes);
    out.closeEntry();
  }
}
