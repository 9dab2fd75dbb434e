package dev.rookery.integration;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in Docker through Testcontainers. 4.14.0 is the last community image usable without an
 * auth token; it has no SageMaker, so the SageMaker flows run on moto only.
 */
final class LocalStackEmulator implements AutoCloseable {
  static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14.0");

  private final LocalStackContainer container;

  private LocalStackEmulator(LocalStackContainer container) {
    this.container = container;
  }

  /** @return true when Testcontainers finds a Docker engine */
  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static LocalStackEmulator start() {
    LocalStackContainer container = new LocalStackContainer(IMAGE);
    container.start();
    return new LocalStackEmulator(container);
  }

  Emulator emulator() {
    return new Emulator(Emulator.Kind.LOCALSTACK, container.getEndpoint(),
        software.amazon.awssdk.regions.Region.of(container.getRegion()), "000000000000",
        container.getAccessKey(), container.getSecretKey(), null);
  }

  @Override
  public void close() {
    container.stop();
  }
}
