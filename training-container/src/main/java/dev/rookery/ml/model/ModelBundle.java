package dev.rookery.ml.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rookery.ml.exceptions.ArtifactFormatException;
import dev.rookery.ml.predict.Prediction;
import dev.rookery.ml.predict.RecordPredictor;
import dev.rookery.ml.preprocess.Transformer;
import dev.rookery.ml.schema.Schema;
import dev.rookery.ml.schema.SchemaJson;
import dev.rookery.ml.train.Hyperparameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A loaded model artifact that predicts raw records: the transformer then the Tribuo model.
 * Immutable and thread-safe (Tribuo models are safe for concurrent {@code predict}).
 *
 * <pre>{@code
 * ModelBundle bundle = ModelBundle.loadTarGz(Path.of("model.tar.gz"));
 * Prediction p = bundle.predict(new String[] {"Biscoe", "45.1", "14.5", "215", "5000", "female", "2008"});
 * }</pre>
 */
public final class ModelBundle implements RecordPredictor {
  private final Model<Label> model;
  private final Schema schema;
  private final Transformer transformer;
  private final Map<String, String> hyperparameters;
  private final JsonNode manifest;
  private final String[] outputNames;

  private ModelBundle(
      Model<Label> model, Schema schema, Transformer transformer, Map<String, String> hyperparameters, JsonNode manifest) {
    this.model = model;
    this.schema = schema;
    this.transformer = transformer;
    this.hyperparameters = Collections.unmodifiableMap(hyperparameters);
    this.manifest = manifest;
    this.outputNames = transformer.outputNames();
  }

  /** Loads the artifact from a directory (e.g. {@code /opt/ml/model}). */
  public static ModelBundle load(Path modelDir) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : ModelArtifact.FILES) {
      Path p = modelDir.resolve(name);
      if (Files.isRegularFile(p)) {
        files.put(name, Files.readAllBytes(p));
      }
    }
    return fromFiles(files, modelDir.toString());
  }

  /** Loads the artifact from a {@code model.tar.gz}. */
  public static ModelBundle loadTarGz(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ArtifactFormatException("model artifact " + file + " does not exist");
    }
    Map<String, byte[]> files;
    try (InputStream in = Files.newInputStream(file)) {
      files = TarGz.unpack(in);
    } catch (IOException | RuntimeException e) {
      throw new ArtifactFormatException(
          "model artifact " + file + " is truncated or not a tar.gz: " + e.getMessage(), e);
    }
    return fromFiles(files, file.toString());
  }

  @SuppressWarnings("unchecked")
  static ModelBundle fromFiles(Map<String, byte[]> files, String source) throws IOException {
    for (String name : ModelArtifact.FILES) {
      if (!files.containsKey(name)) {
        throw new ArtifactFormatException(source + ": the model artifact has no " + name);
      }
    }
    JsonNode manifest = read(files, ModelArtifact.MANIFEST, source, ModelArtifact.MAPPER::readTree);
    int version = manifest.path("format_version").asInt(-1);
    if (version != ModelArtifact.FORMAT_VERSION) {
      throw new ArtifactFormatException(source + ": " + ModelArtifact.MANIFEST + " format_version must be "
          + ModelArtifact.FORMAT_VERSION + ", found " + manifest.get("format_version"));
    }
    Schema schema = read(files, SchemaJson.FILE_NAME, source,
        bytes -> SchemaJson.fromJson(ModelArtifact.MAPPER.readTree(bytes)));
    Transformer transformer = read(files, Transformer.FILE_NAME, source,
        bytes -> Transformer.fromJson(ModelArtifact.MAPPER.readTree(bytes), source + "/" + Transformer.FILE_NAME));
    transformer.requireMatches(schema, source);
    Map<String, String> hp = new TreeMap<>();
    read(files, Hyperparameters.FILE_NAME, source, ModelArtifact.MAPPER::readTree)
        .fields()
        .forEachRemaining(e -> hp.put(e.getKey(), e.getValue().asText()));
    Model<?> model = read(files, ModelArtifact.MODEL_FILE, source,
        bytes -> Model.deserializeFromStream(new ByteArrayInputStream(bytes)));
    if (!model.validate(Label.class)) {
      throw new ArtifactFormatException(source + ": " + ModelArtifact.MODEL_FILE + " is not a classification model");
    }
    return new ModelBundle((Model<Label>) model, schema, transformer, hp, manifest);
  }

  /** Parses one file of the artifact. */
  @FunctionalInterface
  private interface FileParser<T> {
    T parse(byte[] bytes) throws IOException, ClassNotFoundException;
  }

  /**
   * Parses one artifact file; a truncated or corrupt one fails naming it (the parsers' own
   * messages name a byte offset, not the file).
   */
  private static <T> T read(Map<String, byte[]> files, String name, String source, FileParser<T> parser) {
    try {
      return parser.parse(files.get(name));
    } catch (ArtifactFormatException e) {
      throw e;
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new ArtifactFormatException(
          source + "/" + name + " is truncated or corrupt (" + e.getClass().getSimpleName() + ": "
              + firstLine(e.getMessage()) + "): retrain or restore the model artifact", e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  /** The fitted preprocessing. */
  public Transformer transformer() {
    return transformer;
  }

  /** The Tribuo model. */
  public Model<Label> model() {
    return model;
  }

  /** The hyperparameters it was trained with (SageMaker strings). */
  public Map<String, String> hyperparameters() {
    return hyperparameters;
  }

  /** The artifact's manifest. */
  public JsonNode manifest() {
    return manifest.deepCopy();
  }

  /** Class labels, sorted. */
  public List<String> classes() {
    return schema.classes();
  }

  @Override
  public Prediction predict(String[] rawValues) {
    double[] x = transformer.transform(rawValues);
    org.tribuo.Prediction<Label> p = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, outputNames, x));
    String label = p.getOutput().getLabel();
    Map<String, Double> probabilities = new LinkedHashMap<>();
    Map<String, Label> scores = p.getOutputScores();
    for (String c : schema.classes()) {
      Label l = scores.get(c);
      probabilities.put(c, p.hasProbabilities() && l != null ? l.getScore() : (c.equals(label) ? 1.0 : 0.0));
    }
    return new Prediction(label, probabilities.get(label), Collections.unmodifiableMap(probabilities));
  }
}
