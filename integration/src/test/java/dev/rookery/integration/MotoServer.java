package dev.rookery.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * moto's server as a child process on a free loopback port: {@code python3 -m moto.server -H
 * 127.0.0.1 -p PORT}, with the machine's Python that has moto. Its output goes to
 * {@code target/moto-server.log}.
 */
final class MotoServer implements AutoCloseable {
  /** moto's default account, in every ARN it makes. */
  static final String ACCOUNT = "123456789012";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final MotoApi api;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
    this.api = new MotoApi(endpoint);
  }

  /**
   * Starts the server and waits until it answers, then turns on state machine execution.
   *
   * @param python a Python with moto (see {@link #findPython})
   * @param log where the server's output goes
   * @return the running server
   */
  static MotoServer start(Path python, Path log) {
    int port = freePort();
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(python.toString(), "-m", "moto.server",
          "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-server-stop"));
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!server.api.ready()) {
        if (!process.isAlive()) {
          throw new IllegalStateException("moto's server exited with " + process.exitValue()
              + " before answering; its output: " + Files.readString(log));
        }
        if (System.nanoTime() > deadline) {
          server.close();
          throw new IllegalStateException("moto's server did not answer on port " + port
              + " within " + START_TIMEOUT.toSeconds() + " s; its output is in " + log);
        }
        Thread.sleep(100);
      }
      server.api.configure();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + python + " -m moto.server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting moto", e);
    }
  }

  /**
   * The first Python that can import {@code moto.server}: {@code python3} on PATH, then pyenv's
   * versions under the home folder.
   *
   * @return the interpreter, or empty when the machine has none
   */
  static Optional<Path> findPython() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "python3"));
      }
    }
    Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
    if (Files.isDirectory(pyenv)) {
      try (Stream<Path> versions = Files.list(pyenv)) {
        versions.sorted().map(v -> v.resolve("bin/python3")).forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return candidates.stream().filter(Files::isExecutable).distinct()
        .filter(MotoServer::hasMoto).findFirst();
  }

  private static boolean hasMoto(Path python) {
    try {
      Process p = new ProcessBuilder(python.toString(), "-c", "import moto.server")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  URI endpoint() {
    return endpoint;
  }

  MotoApi api() {
    return api;
  }

  /** Stops the server: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
