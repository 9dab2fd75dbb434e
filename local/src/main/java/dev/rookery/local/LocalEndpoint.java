package dev.rookery.local;

import dev.rookery.ml.model.ModelBundle;
import dev.rookery.serve.CaptureConfig;
import dev.rookery.serve.InferenceServer;
import dev.rookery.serve.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * A model version served by the training container's {@link InferenceServer} on this machine
 * (127.0.0.1 only),
 * with SageMaker-format data capture under {@code <state>/capture/<endpoint>/<variant>/}; its URL
 * is published in {@code endpoint.json} while it runs so that {@code traffic} and {@code monitor}
 * find it.
 */
public final class LocalEndpoint implements AutoCloseable {
  /** Endpoint name of the local endpoint (the first capture folder). */
  public static final String ENDPOINT_NAME = ServerConfig.DEFAULT_ENDPOINT_NAME;

  /** Variant name (the second capture folder). */
  public static final String VARIANT_NAME = ServerConfig.DEFAULT_VARIANT_NAME;

  private final StateDir state;
  private final InferenceServer server;
  private final EndpointInfo info;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private LocalEndpoint(StateDir state, InferenceServer server, EndpointInfo info) {
    this.state = state;
    this.server = server;
    this.info = info;
  }

  /**
   * Loads the version's model and starts serving it.
   *
   * @param port TCP port, 0 for any free one
   * @param capturePercent share of requests captured, 0..100
   * @throws CommandFailedException when the model cannot be loaded or the port is taken
   */
  public static LocalEndpoint start(StateDir state, ModelVersion version, int port, int capturePercent) {
    ModelBundle bundle;
    try {
      bundle = ModelBundle.loadTarGz(version.layout().modelArchive());
    } catch (IOException | RuntimeException e) {
      throw new CommandFailedException("cannot load model version " + version.version() + " from "
          + version.layout().modelArchive() + ": " + e.getMessage(), e);
    }
    InferenceServer server;
    try {
      // Loopback only: a laptop's endpoint is for this machine, not for its network.
      server = InferenceServer.start(ServerConfig.loopback(bundle, port, ENDPOINT_NAME, VARIANT_NAME,
          new CaptureConfig(capturePercent, state.capture())));
    } catch (UncheckedIOException e) {
      throw new CommandFailedException(e.getMessage() + ": pass --port N (or --port 0 for any free port)", e);
    }
    EndpointInfo info = new EndpointInfo("http://127.0.0.1:" + server.port(), server.port(), version.version(),
        ENDPOINT_NAME, VARIANT_NAME, ProcessHandle.current().pid());
    info.write(state.endpointFile());
    return new LocalEndpoint(state, server, info);
  }

  /** The address the endpoint listens on: 127.0.0.1 and its port. */
  public java.net.InetSocketAddress address() {
    return server.address();
  }

  /** What {@code endpoint.json} says about this endpoint. */
  public EndpointInfo info() {
    return info;
  }

  /**
   * Blocks until the process is asked to stop (Ctrl-C, SIGTERM) or the calling thread is
   * interrupted, then closes the endpoint: in-flight requests finish and the capture is flushed.
   */
  public void serveUntilStopped() {
    Thread hook = new Thread(this::close, "rookery-endpoint-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running already: it closes the endpoint itself.
      }
    }
  }

  /** Stops serving, flushes capture, removes {@code endpoint.json}. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } finally {
      EndpointInfo.read(state.endpointFile())
          .filter(current -> current.port() == info.port() && current.pid() == info.pid())
          .ifPresent(current -> StateDir.deleteQuietly(state.endpointFile()));
      stopped.countDown();
    }
  }
}
