package dev.rookery.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one source of emulator clients: resolves an {@link Emulator} parameter (constructor,
 * {@code @BeforeAll}, test method). The emulator starts at the first request of the run and stops
 * when the run ends (JUnit's root store closes it), so every test class shares one.
 *
 * <p>Which emulator, by {@code -Drookery.emulator}: {@code localstack} (needs Docker),
 * {@code moto}, or unset: LocalStack where a Docker engine answers, else moto. moto needs a Python
 * with moto ({@code python3} on PATH, else pyenv's under the home folder); without one the tests
 * are skipped with that reason, except under {@code CI=true}, where that fails them: the README
 * names moto as a prerequisite CI has.
 */
public final class EmulatorExtension implements ParameterResolver {
  /** System property choosing the emulator. */
  public static final String PROPERTY = "rookery.emulator";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmulatorExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Emulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running running = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
    if (running.emulator == null) {
      Assumptions.abort(running.unavailable);
    }
    return running.emulator;
  }

  private static Running start() {
    String choice = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    switch (choice) {
      case "localstack" -> {
        return startLocalStack();
      }
      case "moto" -> {
        return startMoto();
      }
      case "" -> {
        return dockerEngineLikely() && LocalStackEmulator.dockerAvailable()
            ? startLocalStack() : startMoto();
      }
      default -> throw new ParameterResolutionException("-D" + PROPERTY
          + " must be moto or localstack, found '" + choice + "'");
    }
  }

  private static Running startLocalStack() {
    LocalStackEmulator localStack = LocalStackEmulator.start();
    return new Running(localStack.emulator(), null, localStack);
  }

  private static Running startMoto() {
    Optional<Path> python = MotoServer.findPython();
    if (python.isEmpty()) {
      String reason = "no Python with moto (python3 on PATH or ~/.pyenv/versions/*/bin/python3"
          + " that can 'import moto.server'): the emulator tests need moto's server";
      if ("true".equals(System.getenv("CI"))) {
        throw new ParameterResolutionException(reason + ", which CI must have (README.md)");
      }
      return new Running(null, reason, null);
    }
    MotoServer server = MotoServer.start(python.get(), Path.of("target", "moto-server.log"));
    Emulator emulator = new Emulator(Emulator.Kind.MOTO, server.endpoint(),
        software.amazon.awssdk.regions.Region.US_EAST_1, MotoServer.ACCOUNT, "testing",
        "testing", server.api());
    return new Running(emulator, null, server);
  }

  /** Asking Testcontainers costs seconds where nothing could answer: look for a socket first. */
  private static boolean dockerEngineLikely() {
    return System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"));
  }

  /** The started emulator (or why there is none), closed when the test run ends. */
  private record Running(Emulator emulator, String unavailable, AutoCloseable process)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() throws Exception {
      if (process != null) {
        process.close();
      }
    }
  }
}
