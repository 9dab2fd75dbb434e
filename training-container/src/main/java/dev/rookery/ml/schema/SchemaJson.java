package dev.rookery.ml.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes {@code schema.json}:
 *
 * <pre>{@code
 * {"format_version": 1, "target": "species",
 *  "features": [{"name": "island", "type": "categorical"}, {"name": "bill_length_mm", "type": "numeric"}],
 *  "classes": ["Adelie", "Chinstrap", "Gentoo"]}
 * }</pre>
 */
public final class SchemaJson {
  /** File name used wherever a schema is persisted (preprocess output, model artifact). */
  public static final String FILE_NAME = "schema.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SchemaJson() {}

  /** The schema as a JSON tree (stable key order). */
  public static ObjectNode toJson(Schema schema) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", schema.formatVersion());
    root.put("target", schema.target());
    ArrayNode features = root.putArray("features");
    for (Feature f : schema.features()) {
      features.addObject().put("name", f.name()).put("type", f.type().name().toLowerCase(Locale.ROOT));
    }
    ArrayNode classes = root.putArray("classes");
    schema.classes().forEach(classes::add);
    return root;
  }

  /**
   * Parses a schema tree.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public static Schema fromJson(JsonNode root) {
    int version = requireField(root, "format_version").asInt(-1);
    String target = requireField(root, "target").asText();
    List<Feature> features = new ArrayList<>();
    for (JsonNode f : requireField(root, "features")) {
      String type = requireField(f, "type").asText();
      FeatureType featureType;
      try {
        featureType = FeatureType.valueOf(type.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "schema field features[].type must be numeric or categorical, found '" + type + "'", e);
      }
      features.add(new Feature(requireField(f, "name").asText(), featureType));
    }
    List<String> classes = new ArrayList<>();
    requireField(root, "classes").forEach(c -> classes.add(c.asText()));
    return new Schema(version, target, features, classes);
  }

  /** Writes {@code schema.json} to the given file. */
  public static void write(Schema schema, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      MAPPER.writeValue(file.toFile(), toJson(schema));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write schema to " + file, e);
    }
  }

  /** Reads {@code schema.json} from the given file. */
  public static Schema read(Path file) {
    try {
      return fromJson(MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema from " + file, e);
    }
  }

  private static JsonNode requireField(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("schema is missing field '" + field + "'");
    }
    return value;
  }
}
