package dev.rookery.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rookery.cli.UsageException;
import dev.rookery.container.Main;
import dev.rookery.testutils.FakeRecordPredictor;
import dev.rookery.testutils.TrainedPenguinsModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeModeTest {

  // ------------------------------------------------------------ options

  @Test
  void parse_nothingGiven_usesSageMakerDefaults() {
    ServeMode.Options o = ServeMode.parse(new String[0], Map.of());
    assertThat(o.modelDir()).isEqualTo(Path.of("/opt/ml/model"));
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.endpointName()).isEqualTo("local-endpoint");
    assertThat(o.variantName()).isEqualTo("AllTraffic");
    assertThat(o.capture()).isNull();
  }

  @Test
  void parse_environment_isRead() {
    ServeMode.Options o =
        ServeMode.parse(
            new String[0],
            Map.of(
                "ROOKERY_OPT_ML", "/tmp/ml",
                "SAGEMAKER_BIND_TO_PORT", "9090",
                "ROOKERY_CAPTURE_PERCENT", "30",
                "ROOKERY_CAPTURE_DIR", "/tmp/cap",
                "ROOKERY_ENDPOINT_NAME", "ep-1",
                "ROOKERY_VARIANT_NAME", "Blue"));
    assertThat(o.modelDir()).isEqualTo(Path.of("/tmp/ml/model"));
    assertThat(o.port()).isEqualTo(9090);
    assertThat(o.capture()).isEqualTo(new CaptureConfig(30, Path.of("/tmp/cap")));
    assertThat(o.endpointName()).isEqualTo("ep-1");
    assertThat(o.variantName()).isEqualTo("Blue");
  }

  @Test
  void parse_flags_overrideEnvironment() {
    ServeMode.Options o =
        ServeMode.parse(
            new String[] {"--port=0", "--capture-dir", "/tmp/x", "--capture-percent", "5", "--endpoint-name", "e2", "--variant-name", "v2"},
            Map.of("SAGEMAKER_BIND_TO_PORT", "9090", "ROOKERY_CAPTURE_DIR", "/tmp/cap"));
    assertThat(o.port()).isZero();
    assertThat(o.capture()).isEqualTo(new CaptureConfig(5, Path.of("/tmp/x")));
    assertThat(o.endpointName()).isEqualTo("e2");
    assertThat(o.variantName()).isEqualTo("v2");
  }

  @Test
  void parse_captureDirWithoutPercent_captures100Percent() {
    assertThat(ServeMode.parse(new String[] {"--capture-dir", "/tmp/x"}, Map.of()).capture().samplingPercent()).isEqualTo(100);
  }

  @Test
  void parse_percentWithoutDir_throwsNamingIt() {
    assertThatThrownBy(() -> ServeMode.parse(new String[] {"--capture-percent", "30"}, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("30")
        .hasMessageContaining("--capture-dir");
  }

  @Test
  void parse_badValues_throwNamingThem() {
    assertThatThrownBy(() -> ServeMode.parse(new String[] {"--port", "eighty"}, Map.of())).hasMessageContaining("'eighty'");
    assertThatThrownBy(() -> ServeMode.parse(new String[] {"--capture-dir", "/x", "--capture-percent", "101"}, Map.of()))
        .hasMessageContaining("101");
    assertThatThrownBy(() -> ServeMode.parse(new String[] {"--verbose", "1"}, Map.of())).hasMessageContaining("--verbose");
    assertThatThrownBy(() -> ServeMode.parse(new String[] {"--port"}, Map.of())).hasMessageContaining("needs a value");
  }

  @Test
  void run_badFlag_returns2() {
    assertThat(ServeMode.run(new String[] {"--nope", "x"}, Map.of(), d -> new FakeRecordPredictor())).isEqualTo(2);
  }

  @Test
  void run_missingModelFolder_returns1(@TempDir Path dir) {
    assertThat(ServeMode.run(new String[0], Map.of("ROOKERY_OPT_ML", dir.toString()), d -> new FakeRecordPredictor()))
        .isEqualTo(1);
  }

  @Test
  void main_truncatedModelFile_refusesToStartNamingTheFile(@TempDir Path optMl) throws Exception {
    // given: a model folder whose model.tribuo was cut short (a copy interrupted by a full disk)
    Path model = Files.createDirectories(optMl.resolve("model"));
    try (java.io.InputStream in = Files.newInputStream(Path.of("src/test/resources/golden/model-v1.tar.gz"))) {
      for (Map.Entry<String, byte[]> f : dev.rookery.ml.model.TarGz.unpack(in).entrySet()) {
        byte[] bytes = f.getValue();
        Files.write(model.resolve(f.getKey()),
            f.getKey().equals("model.tribuo") ? java.util.Arrays.copyOf(bytes, bytes.length / 3) : bytes);
      }
    }
    ProcessBuilder pb = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
        .redirectErrorStream(true);
    pb.environment().put("ROOKERY_OPT_ML", optMl.toString());
    pb.environment().put("SAGEMAKER_BIND_TO_PORT", "0");

    // when
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    // then: exit 1 before listening, naming the file
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains(model.resolve("model.tribuo").toString()).contains("truncated or corrupt")
        .doesNotContain("listening on port");
  }

  // ------------------------------------------------------------ a real serve process

  /** Starts the serve mode in a child JVM on an ephemeral port; returns the process and port. */
  static Object[] startServeProcess(Path optMl, Map<String, String> env, String mainClass, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("ROOKERY_OPT_ML", optMl.toString());
    pb.environment().put("SAGEMAKER_BIND_TO_PORT", "0");
    pb.environment().putAll(env);
    Process process = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("listening on port (\\d+)");
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = listening.matcher(line);
      if (m.find()) {
        return new Object[] {process, Integer.parseInt(m.group(1)), out};
      }
    }
    throw new AssertionError("the serve process ended without listening, exit " + process.waitFor());
  }

  @Test
  void run_sigtermWithRequestInFlight_answersItThenExits0(@TempDir Path optMl) throws Exception {
    // given: `Main serve` on a real trained model with capture on, and a request whose body is
    // only half sent
    TrainedPenguinsModel.trainInto(optMl);
    Path capture = optMl.resolve("capture");
    Object[] started =
        startServeProcess(optMl, Map.of("ROOKERY_CAPTURE_DIR", capture.toString()), Main.class.getName(), "serve");
    Process process = (Process) started[0];
    int port = (int) started[1];
    try {
      byte[] body = InferenceServerTest.GENTOO_CSV.getBytes(StandardCharsets.UTF_8);
      SubmissionPublisher<ByteBuffer> publisher = new SubmissionPublisher<>();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invocations"))
              .header("Content-Type", "text/csv")
              .POST(HttpRequest.BodyPublishers.fromPublisher(publisher, body.length))
              .build();
      CompletableFuture<HttpResponse<String>> response =
          HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
      waitForSubscriber(publisher);
      publisher.submit(ByteBuffer.wrap(body, 0, 10));
      Thread.sleep(500); // the server has the headers and is reading the body: the request is in flight
      // when: SIGTERM, then the rest of the body
      process.destroy();
      Thread.sleep(300);
      publisher.submit(ByteBuffer.wrap(body, 10, body.length - 10));
      publisher.close();
      // then
      HttpResponse<String> r = response.get(20, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).startsWith("Gentoo,");
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      // and the capture of that request was flushed before exit
      assertThat(InferenceServerTest.readCapture(capture)).hasSize(1);
    } finally {
      process.destroyForcibly();
    }
  }

  private static void waitForSubscriber(SubmissionPublisher<ByteBuffer> publisher) throws InterruptedException {
    for (int i = 0; i < 500 && publisher.getNumberOfSubscribers() == 0; i++) {
      Thread.sleep(10);
    }
    assertThat(publisher.getNumberOfSubscribers()).isEqualTo(1);
  }
}
