package dev.rookery.infra.constructs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.constructs.Construct;

/**
 * The one Rookery container image ({@code preprocess}, {@code train}, {@code evaluate},
 * {@code serve}, {@code monitor}) as a {@link DockerImageAsset}: {@code cdk deploy} builds it
 * with Docker and pushes it to the bootstrap's container-asset repository. Synth only stages the
 * directory, so it needs no Docker.
 */
public final class RookeryImage extends Construct {
  private final DockerImageAsset asset;

  /**
   * @param directory the Docker build context; must hold a {@code Dockerfile}
   */
  public record Props(Path directory) {
    /** Checks that the directory is a Docker build context. */
    public Props {
      if (directory == null || !Files.isRegularFile(directory.resolve("Dockerfile"))) {
        throw new IllegalArgumentException(
            "directory must be a Docker build context with a Dockerfile, found " + directory);
      }
    }
  }

  /**
   * @param scope parent
   * @param id construct id
   * @param props settings
   */
  public RookeryImage(Construct scope, String id, Props props) {
    super(scope, id);
    asset = DockerImageAsset.Builder.create(this, "Asset")
        .directory(props.directory().toAbsolutePath().normalize().toString())
        // SageMaker hosts and jobs run x86_64 unless an instance type says otherwise.
        .platform(Platform.LINUX_AMD64)
        // Build outputs of the IDE and test runs do not change the image.
        .exclude(List.of("target/surefire-reports", "target/test-classes", ".idea", "*.iml"))
        .build();
  }

  /** @return the asset */
  public DockerImageAsset getAsset() {
    return asset;
  }

  /** @return the image URI (a token resolved at deploy time) */
  public String imageUri() {
    return asset.getImageUri();
  }

  /** @return the repository the image is pushed to */
  public IRepository repository() {
    return asset.getRepository();
  }
}
