package dev.rookery.ml.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.preprocess.Transformer;
import dev.rookery.ml.schema.SchemaJson;
import dev.rookery.ml.train.DataFingerprint;
import dev.rookery.ml.train.Hyperparameters;
import dev.rookery.ml.train.TrainedModel;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.tribuo.Tribuo;

/**
 * Writes the model artifact: the contents of {@code /opt/ml/model}, which SageMaker tars into
 * {@code model.tar.gz} (and {@link #writeTarGz} does the same locally).
 *
 * <pre>
 * manifest.json         {"format_version": 1, "model_file": "model.tribuo", "serialization": "tribuo-protobuf", ...}
 * model.tribuo          the Tribuo model (Model.serializeToFile, protobuf)
 * schema.json           raw feature order and types, target, classes
 * transformer.json      the fitted preprocessing
 * hyperparameters.json  the hyperparameters, as SageMaker strings
 * provenance.json       Tribuo provenance, data SHA-256s, library versions, metrics
 * </pre>
 */
public final class ModelArtifact {
  /** Current artifact format version (manifest {@code format_version}). */
  public static final int FORMAT_VERSION = 1;

  /** Manifest file name. */
  public static final String MANIFEST = "manifest.json";

  /** Tribuo model file name. */
  public static final String MODEL_FILE = "model.tribuo";

  /** Provenance file name. */
  public static final String PROVENANCE = "provenance.json";

  /** Every file of the artifact. */
  public static final List<String> FILES =
      List.of(MANIFEST, MODEL_FILE, SchemaJson.FILE_NAME, Transformer.FILE_NAME, Hyperparameters.FILE_NAME, PROVENANCE);

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelArtifact() {}

  /**
   * Writes the artifact files into {@code dir} (created if needed). Files are written to a staging
   * directory next to it first, then moved, so a failure leaves no partial artifact.
   */
  public static void write(TrainedModel trained, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path staging = Files.createTempDirectory(dir, ".staging-");
    try {
      trained.model().serializeToFile(staging.resolve(MODEL_FILE));
      SchemaJson.write(trained.schema(), staging.resolve(SchemaJson.FILE_NAME));
      trained.transformer().write(staging.resolve(Transformer.FILE_NAME));
      MAPPER.writeValue(staging.resolve(Hyperparameters.FILE_NAME).toFile(), trained.hyperparameters().toMap());
      MAPPER.writeValue(staging.resolve(PROVENANCE).toFile(), provenance(trained));
      MAPPER.writeValue(staging.resolve(MANIFEST).toFile(), manifest(trained));
      for (String name : FILES) {
        Files.move(staging.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      try (var files = Files.list(staging)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(staging);
    }
  }

  /** Writes the artifact into {@code dir}, then {@code model.tar.gz} of it at {@code tarGz}. */
  public static void writeTarGz(TrainedModel trained, Path dir, Path tarGz) throws IOException {
    write(trained, dir);
    TarGz.pack(dir, tarGz);
  }

  static ObjectNode manifest(TrainedModel trained) {
    ObjectNode m = MAPPER.createObjectNode();
    m.put("format_version", FORMAT_VERSION);
    m.put("model_file", MODEL_FILE);
    m.put("serialization", "tribuo-protobuf");
    m.put("algorithm", trained.hyperparameters().algorithm().value());
    var classes = m.putArray("classes");
    trained.schema().classes().forEach(classes::add);
    var files = m.putArray("files");
    FILES.forEach(files::add);
    return m;
  }

  static ObjectNode provenance(TrainedModel trained) {
    ObjectNode p = MAPPER.createObjectNode();
    p.put("format_version", FORMAT_VERSION);
    ObjectNode metrics = p.putObject("metrics");
    metrics.put("train:accuracy", trained.trainAccuracy());
    if (!Double.isNaN(trained.validationAccuracy())) {
      metrics.put("validation:accuracy", trained.validationAccuracy());
    }
    ObjectNode data = p.putObject("data");
    for (Map.Entry<String, DataFingerprint> e : new java.util.TreeMap<>(trained.data()).entrySet()) {
      data.putObject(e.getKey())
          .put("file", e.getValue().file())
          .put("sha256", e.getValue().sha256())
          .put("rows", e.getValue().rows());
    }
    ObjectNode libraries = p.putObject("libraries");
    libraries.put("tribuo", Tribuo.VERSION);
    libraries.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    libraries.put("java", System.getProperty("java.version"));
    p.set("tribuo_provenance", MAPPER.valueToTree(ProvenanceUtil.convertToMap(trained.model().getProvenance())));
    return p;
  }
}
