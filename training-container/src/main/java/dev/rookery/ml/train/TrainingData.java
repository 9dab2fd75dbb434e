package dev.rookery.ml.train;

import dev.rookery.ml.dataset.Dataset;
import dev.rookery.ml.preprocess.SplitDirectory;
import dev.rookery.ml.preprocess.Transformer;
import dev.rookery.ml.schema.Schema;
import dev.rookery.ml.schema.SchemaJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A split, preprocessed: the transformer's output vectors and the labels, with the schema and
 * transformer that produced them.
 *
 * @param schema the schema
 * @param transformer the fitted transformer (fitted on the training split)
 * @param x one row per record, {@code transformer.width()} columns
 * @param labels one label per record
 * @param fingerprint identity of the source file
 */
public record TrainingData(
    Schema schema, Transformer transformer, double[][] x, String[] labels, DataFingerprint fingerprint) {

  private static final LabelFactory LABELS = new LabelFactory();

  public TrainingData {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(transformer, "transformer");
    if (x.length != labels.length) {
      throw new IllegalArgumentException("x has " + x.length + " rows but labels has " + labels.length);
    }
  }

  /** Number of records. */
  public int size() {
    return labels.length;
  }

  /** Preprocesses a dataset with a fitted transformer. */
  public static TrainingData of(Dataset data, Transformer transformer, DataFingerprint fingerprint) {
    transformer.requireMatches(data.schema(), String.valueOf(data.file()));
    double[][] x = new double[data.size()][];
    String[] labels = new String[data.size()];
    for (int r = 0; r < data.size(); r++) {
      x[r] = transformer.transform(data.features(r));
      labels[r] = data.label(r);
    }
    return new TrainingData(data.schema(), transformer, x, labels, fingerprint);
  }

  /**
   * Loads a split directory written by preprocessing (a SageMaker channel): its CSV, {@code
   * schema.json} and {@code transformer.json}.
   *
   * @throws dev.rookery.ml.exceptions.DatasetException on a bad CSV
   * @throws dev.rookery.ml.exceptions.ArtifactFormatException on a missing or bad schema / transformer
   */
  public static TrainingData load(SplitDirectory dir) {
    try {
      if (!Files.isRegularFile(dir.schema())) {
        throw new dev.rookery.ml.exceptions.ArtifactFormatException("missing " + dir.schema());
      }
      Schema schema = SchemaJson.read(dir.schema());
      Transformer transformer = Transformer.read(dir.transformer());
      Path csv = dir.csv();
      Dataset data = Dataset.loadWithSchema(csv, schema);
      return of(data, transformer, new DataFingerprint(csv.getFileName().toString(), sha256(csv), data.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read split " + dir.dir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Splits as one Tribuo dataset, features named by the first split's transformer output columns
   * (preprocessing writes the train split's transformer into every split directory).
   */
  public static MutableDataset<Label> toTribuo(String description, TrainingData... splits) {
    String[] names = splits[0].transformer.outputNames();
    java.util.List<org.tribuo.Example<Label>> examples = new java.util.ArrayList<>();
    for (TrainingData split : splits) {
      if (!split.schema.equals(splits[0].schema)) {
        throw new IllegalArgumentException("split schema " + split.schema + " differs from " + splits[0].schema);
      }
      for (int r = 0; r < split.size(); r++) {
        examples.add(new ArrayExample<>(LABELS.generateOutput(split.labels[r]), names, split.x[r]));
      }
    }
    var source = new ListDataSource<>(examples, LABELS, new SimpleDataSourceProvenance(description, LABELS));
    return new MutableDataset<>(source);
  }

  /** Hex SHA-256 of a file. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
