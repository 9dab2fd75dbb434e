package dev.rookery.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code config/pipeline.schema.json} (what editors check) and {@link PipelineSettings} (what the
 * code checks) describe the same document: same fields, same defaults, same enums and ranges, and
 * the same verdict on every bad input. The schema is read by networknt's validator, as an editor
 * would read it.
 */
class PipelineSchemaTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path SCHEMA_FILE = Path.of("..", "config", "pipeline.schema.json");
  static final String MINIMAL = "{\"format_version\": 1, \"target\": \"species\"}";

  static JsonNode schemaTree() throws IOException {
    return JSON.readTree(SCHEMA_FILE.toFile());
  }

  static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree());
  }

  /** Paths ({@code tuning.max_jobs}) the schema's errors point at. */
  static List<String> schemaErrorPaths(Schema schema, JsonNode doc) {
    List<String> paths = new ArrayList<>();
    for (Error e : schema.validate(doc)) {
      // JSON pointer (/tuning/parameter_ranges/IntegerParameterRanges/0/MinValue) to the model's path form.
      String at = e.getInstanceLocation().toString().replaceFirst("^/", "").replaceAll("/([0-9]+)(?=/|$)", "[$1]")
          .replace('/', '.');
      // "required" and "additionalProperties" report on the object: name the field, as the model does.
      if (e.getProperty() != null && ("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword()))) {
        at = at.isEmpty() ? e.getProperty() : at + "." + e.getProperty();
      }
      paths.add(at);
    }
    return paths;
  }

  static List<String> javaProblemPaths(JsonNode doc) {
    try {
      PipelineSettings.parse(doc.toString(), "probe");
      return List.of();
    } catch (SettingsException e) {
      return e.problems().stream().map(Problem::path).toList();
    }
  }

  @Test
  void schema_repositoryConfig_isValidAndReferencesTheSchema() throws IOException {
    // given
    JsonNode repo = JSON.readTree(PipelineSettingsTest.REPO_FILE.toFile());

    // then
    assertThat(schema().validate(repo)).isEmpty();
    assertThat(repo.path("$schema").asText()).isEqualTo("./pipeline.schema.json");
    assertThat(Files.isRegularFile(PipelineSettingsTest.REPO_FILE.resolveSibling(repo.path("$schema").asText()))).isTrue();
  }

  /**
   * Bad inputs, one a row: a patch on the minimal document | the path the model must name |
   * whether the schema can say so too (a sum or an order between two fields it cannot).
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"format_version": 2} | format_version | true
      {"target": " "} | target | true
      {"target": null, "format_version": 1} | target | true
      {"seed": "42"} | seed | true
      {"seed": 4.5} | seed | true
      {"required_columns": ["island", 3]} | required_columns[1] | true
      {"split": {"train": 1.0, "validation": 0.15, "test": 0.15}} | split.train | true
      {"split": {"train": 0.7, "validation": 0.15}} | split.test | true
      {"split": {}} | split.train | true
      {"static_hyperparameters": {}, "gate": {"must_beat_approved": true, "accuracy_threshold": 0.5}, \
          "seed": 1, "approval": "manual", "capture_percent": 0, "tuning": {"strategy": null}} | tuning.strategy | true
      {"split": {"train": 0.6, "validation": 0.15, "test": 0.15}} | split | false
      {"static_hyperparameters": {"epochs": 5}} | static_hyperparameters.epochs | true
      {"static_hyperparameters": {"cv_folds": "0"}} | static_hyperparameters.cv_folds | false
      {"tuning": {"max_jobs": 0}} | tuning.max_jobs | true
      {"tuning": {"max_parallel_jobs": 1.5}} | tuning.max_parallel_jobs | true
      {"tuning": {"strategy": "Fast"}} | tuning.strategy | true
      {"tuning": {"objective": {"Type": "maximize"}}} | tuning.objective.Type | true
      {"tuning": {"parameter_ranges": {"ContinuousParameterRanges": [{"Name": "lr", \
          "MinValue": 0.1, "MaxValue": "1"}]}}} | tuning.parameter_ranges.ContinuousParameterRanges[0].MinValue | true
      {"tuning": {"parameter_ranges": {"IntegerParameterRanges": [{"Name": "e", \
          "MinValue": "1", "MaxValue": "9", "ScalingType": "ReverseLogarithmic"}]}}} | tuning.parameter_ranges.IntegerParameterRanges[0].ScalingType | true
      {"tuning": {"parameter_ranges": {"IntegerParameterRanges": [{"Name": "e", \
          "MinValue": "9", "MaxValue": "1"}]}}} | tuning.parameter_ranges.IntegerParameterRanges[0].MinValue | false
      {"tuning": {"parameter_ranges": {"CategoricalParameterRanges": [{"Name": "a", \
          "Values": []}]}}} | tuning.parameter_ranges.CategoricalParameterRanges[0].Values | true
      {"gate": {"accuracy_threshold": -0.1}} | gate.accuracy_threshold | true
      {"gate": {"must_beat_approved": "yes"}} | gate.must_beat_approved | true
      {"approval": "Auto"} | approval | true
      {"capture_percent": 101} | capture_percent | true
      {"capture_percnt": 10} | capture_percnt | true
      {"gate": {"threshold": 0.5}} | gate.threshold | true
      {"model_quality": {"accuracy_tolerance": 1.5}} | model_quality.accuracy_tolerance | true
      {"model_quality": {"min_joined_records": 0}} | model_quality.min_joined_records | true
      {"model_quality": {"label_offset": "1 hour"}} | model_quality.label_offset | true
      {"model_quality": {"label_offset": "-PT1H"}} | model_quality.label_offset | true
      {"model_quality": {"delay": "PT1H"}} | model_quality.delay | true
      """)
  void validate_badInput_modelAndSchemaAgree(String patch, String path, boolean schemaCanSay) throws IOException {
    // given
    ObjectNode doc = (ObjectNode) JSON.readTree(MINIMAL);
    JsonNode p = JSON.readTree(patch);
    p.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        doc.remove(e.getKey());
      } else {
        doc.set(e.getKey(), e.getValue());
      }
    });

    // then
    assertThat(javaProblemPaths(doc)).as("model's problems for %s", doc).contains(path);
    if (schemaCanSay) {
      assertThat(schemaErrorPaths(schema(), doc)).as("schema's errors for %s", doc).contains(path);
    } else {
      assertThat(schemaErrorPaths(schema(), doc)).as("schema's errors for %s", doc).isEmpty();
    }
  }

  @Test
  void schema_fields_areExactlyTheModelsFields() throws IOException {
    // given: every field the model writes (defaults filled in, a range of each kind) and every
    // property the schema declares
    JsonNode complete = JSON.readTree(PipelineSettings.load(PipelineSettingsTest.REPO_FILE).withOverrides(
        "{\"tuning\": {\"parameter_ranges\": {\"CategoricalParameterRanges\": [{\"Name\": \"l\", \"Values\": [\"a\"]}]}}}",
        "test").toJson());
    TreeSet<String> modelFields = new TreeSet<>();
    fieldPaths(complete, "", modelFields);
    TreeSet<String> schemaFields = new TreeSet<>();
    schemaPaths(schemaTree(), schemaTree(), "", schemaFields);
    schemaFields.remove("$schema");

    // then
    assertThat(schemaFields).isEqualTo(modelFields);
  }

  @Test
  void schema_defaults_areTheModelsDefaults() throws IOException {
    // given: the model's output for the minimal document holds every default
    JsonNode defaults = JSON.readTree(PipelineSettings.parse(MINIMAL, "minimal").toJson());
    Map<String, JsonNode> schemaDefaults = new java.util.TreeMap<>();
    schemaDefaultValues(schemaTree(), schemaTree(), "", schemaDefaults);
    TreeSet<String> defaultedLeaves = new TreeSet<>();
    leafPaths(defaults, "", defaultedLeaves);
    defaultedLeaves.removeAll(List.of("format_version", "target"));

    // then: each schema default is the model's value, and each defaulted leaf has a schema default
    schemaDefaults.forEach((path, value) -> assertThat(sameJson(defaults.at(pointer(path)), value))
        .as("schema default of %s is %s, the model's %s", path, value, defaults.at(pointer(path))).isTrue());
    for (String leaf : defaultedLeaves) {
      assertThat(schemaDefaults.keySet().stream().anyMatch(d -> leaf.equals(d) || leaf.startsWith(d + ".")))
          .as("schema default for %s", leaf).isTrue();
    }
  }

  @Test
  void schema_enumsAndBounds_giveTheModelsVerdictAtEachEdge() throws IOException {
    // given: for each field with an enum or a bound in the schema, values on and just past the edge
    Schema schema = schema();
    List<String> disagreements = new ArrayList<>();
    List<Map.Entry<String, JsonNode>> leaves = new ArrayList<>();
    schemaLeaves(schemaTree(), schemaTree(), "", leaves);
    for (Map.Entry<String, JsonNode> leaf : leaves) {
      for (JsonNode probe : probes(leaf.getValue())) {
        ObjectNode doc = (ObjectNode) JSON.readTree(MINIMAL);
        set(doc, leaf.getKey(), probe);
        boolean schemaOk = !schemaErrorPaths(schema, doc).contains(leaf.getKey());
        boolean modelOk = !javaProblemPaths(doc).contains(leaf.getKey());
        if (schemaOk != modelOk) {
          disagreements.add(leaf.getKey() + " = " + probe + ": schema " + (schemaOk ? "accepts" : "rejects")
              + ", model " + (modelOk ? "accepts" : "rejects"));
        }
      }
    }

    // then
    assertThat(leaves.stream().map(Map.Entry::getKey).toList()).contains("capture_percent", "tuning.max_jobs", "approval");
    assertThat(disagreements).isEmpty();
  }

  /** Values on and past the edges of a leaf's enum and bounds. */
  static List<JsonNode> probes(JsonNode leaf) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<JsonNode> probes = new ArrayList<>();
    boolean integer = "integer".equals(leaf.path("type").asText());
    double step = integer ? 1 : 0.001;
    if (leaf.has("enum")) {
      leaf.get("enum").forEach(probes::add);
      probes.add(leaf.get("enum").get(0).isTextual() ? f.textNode("not-an-option") : f.numberNode(999));
    }
    for (String bound : List.of("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")) {
      if (leaf.has(bound)) {
        double edge = leaf.get(bound).asDouble();
        for (double v : new double[] {edge - step, edge, edge + step}) {
          probes.add(integer ? f.numberNode((long) v) : f.numberNode(v));
        }
      }
    }
    return probes;
  }

  // Walking the two trees.

  static void fieldPaths(JsonNode node, String at, TreeSet<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
      out.add(path);
      if (e.getValue().isObject() && !path.equals("static_hyperparameters")) {
        fieldPaths(e.getValue(), path, out);
      }
      if (e.getValue().isArray() && e.getValue().size() > 0 && e.getValue().get(0).isObject()) {
        fieldPaths(e.getValue().get(0), path + "[]", out);
      }
    }
  }

  static void schemaPaths(JsonNode root, JsonNode schema, String at, TreeSet<String> out) {
    JsonNode s = resolve(root, schema);
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
      out.add(path);
      JsonNode child = resolve(root, e.getValue());
      schemaPaths(root, child, path, out);
      if (child.has("items") && resolve(root, child.get("items")).has("properties")) {
        schemaPaths(root, child.get("items"), path + "[]", out);
      }
    }
  }

  static void schemaDefaultValues(JsonNode root, JsonNode schema, String at, Map<String, JsonNode> out) {
    JsonNode s = resolve(root, schema);
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
      JsonNode child = resolve(root, e.getValue());
      if (child.has("default") && !at.contains("[]")) {
        out.put(path, child.get("default"));
      }
      schemaDefaultValues(root, child, path, out);
    }
  }

  static void schemaLeaves(JsonNode root, JsonNode schema, String at, List<Map.Entry<String, JsonNode>> out) {
    JsonNode s = resolve(root, schema);
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
      JsonNode child = resolve(root, e.getValue());
      if (Stream.of("enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum").anyMatch(child::has)) {
        out.add(Map.entry(path, child));
      }
      schemaLeaves(root, child, path, out);
    }
  }

  static void leafPaths(JsonNode node, String at, TreeSet<String> out) {
    if (!node.isObject() || node.isEmpty()) {
      out.add(at);
      return;
    }
    node.fields().forEachRemaining(e -> leafPaths(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), out));
  }

  static JsonNode resolve(JsonNode root, JsonNode schema) {
    return schema.has("$ref") ? root.at(schema.get("$ref").asText().substring(1)) : schema;
  }

  static String pointer(String path) {
    return "/" + path.replace('.', '/');
  }

  static void set(ObjectNode doc, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode node = doc;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], value);
  }

  static boolean sameJson(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!b.has(k) || !sameJson(a.get(k), b.get(k))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
