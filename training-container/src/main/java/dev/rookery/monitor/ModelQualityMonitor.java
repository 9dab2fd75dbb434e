package dev.rookery.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rookery.ml.evaluate.Evaluation;
import dev.rookery.ml.evaluate.Evaluator;
import dev.rookery.ml.evaluate.ModelQualityFiles;
import dev.rookery.ml.stats.AtomicFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The model-quality monitor: joins one window of captured predictions with ground-truth labels by
 * inference id, scores them as the baseline was scored ({@link Evaluator}), and checks the
 * baseline's constraints.
 *
 * <pre>{@code
 * QualityResult result = ModelQualityMonitor.run(request);
 * result.notEnoughLabelsMessage().ifPresent(System.out::println);
 * }</pre>
 *
 * <p>Writes into {@code outputPath}: {@code statistics.json} ({@link ModelQualityFiles}' shape, plus
 * the join counts and accuracy per hour), {@code constraint_violations.json}
 * ({@code {"violations": [{"metric_name", "constraint_check_type", "description"}]}}),
 * {@code cloudwatch_metrics.json} (as the drift monitor's: {@code accuracy},
 * {@code weighted_precision}, {@code weighted_recall}, {@code weighted_f1}, {@code labels_joined},
 * {@code labels_unmatched}, {@code labels_unknown_class}) and {@code report.html}. Fewer joined
 * records than {@code min_joined_records} is not a failure: the statistics say "not enough labels",
 * there is no violation and no metric but the counts.
 */
public final class ModelQualityMonitor {
  /** The metrics published for a window, from {@link Evaluation#metrics()}. */
  static final List<String> METRICS = List.of("accuracy", "weighted_precision", "weighted_recall", "weighted_f1");

  private static final System.Logger LOG = System.getLogger(ModelQualityMonitor.class.getName());
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_EXAMPLES = 20;

  // What a captured record's prediction is, besides an index into the classes.
  private static final short NOT_A_CLASS = -1;
  private static final short UNREADABLE = -2;
  private static final short SEVERAL = -3;

  private ModelQualityMonitor() {}

  /**
   * Runs the job.
   *
   * @throws MonitorException when the baseline cannot be read, a source folder is missing, or an
   *     output cannot be written
   */
  public static QualityResult run(QualityRequest request) {
    ModelQualityFiles.Constraints constraints;
    try {
      constraints = ModelQualityFiles.readConstraints(request.baselineConstraints());
    } catch (IllegalArgumentException e) {
      throw new MonitorException("cannot use the baseline: " + e.getMessage(), e);
    }
    Join join = new Join(constraints.classes());
    CaptureReader.readPredictions(request.sources().capture(), request.window(), join.lineCounts, join);
    if (!Files.isDirectory(request.sources().groundTruth())) {
      throw new MonitorException("ground_truth_source " + request.sources().groundTruth() + " is not a folder");
    }
    GroundTruth.ReadResult labels;
    try {
      labels = GroundTruth.read(request.sources().groundTruth(), new HashSet<>(constraints.classes()), join::label);
    } catch (IOException e) {
      throw new MonitorException("cannot read ground truth under " + request.sources().groundTruth() + ": " + e, e);
    }
    QualityResult.Counts counts = join.counts(labels);
    Optional<Evaluation> evaluation = join.joined() >= request.minJoinedRecords()
        ? Optional.of(Evaluator.of(constraints.classes(), join.actual(), join.predicted()))
        : Optional.empty();
    List<QualityResult.Violation> violations = evaluation.map(e -> check(constraints, e)).orElse(List.of());
    QualityResult result = new QualityResult(request.outputPath(), evaluation, violations, counts, join.byHour(),
        request.minJoinedRecords());
    write(request, constraints, result);
    LOG.log(Level.INFO, "{0}: {1} labels, {2} joined, {3} unmatched, {4} of an unknown class, {5} malformed; {6}",
        request.window().describe(), counts.labels().total(), counts.labels().joined(), counts.labels().unmatched(),
        counts.labels().unknownClass(), counts.labels().malformed(),
        result.notEnoughLabelsMessage().orElse(violations.size() + " violations"));
    return result;
  }

  /** The constraints the evaluation breaks; constraints on metrics the statistics lack are skipped. */
  static List<QualityResult.Violation> check(ModelQualityFiles.Constraints constraints, Evaluation e) {
    List<QualityResult.Violation> out = new ArrayList<>();
    for (ModelQualityFiles.Constraint c : constraints.constraints()) {
      Evaluation.Metric m = e.metrics().get(c.metric());
      if (m != null && c.violatedBy(m.value())) {
        String std = Double.isNaN(m.standardDeviation()) ? "" : String.format(Locale.ROOT, " +/- %.4f", m.standardDeviation());
        out.add(new QualityResult.Violation(c.metric(), c.comparisonOperator(), String.format(Locale.ROOT,
            "Metric %s with %.4f%s was %s '%.4f'", c.metric(), m.value(), std, c.comparisonOperator(), c.threshold())));
      }
    }
    return out;
  }

  private static void write(QualityRequest request, ModelQualityFiles.Constraints constraints, QualityResult result) {
    Path out = request.outputPath();
    List<CloudWatchMetrics.Metric> metrics = metrics(result);
    try {
      Files.createDirectories(out);
      AtomicFiles.writeJson(out.resolve(ModelQualityFiles.STATISTICS_FILE), statisticsJson(result, Instant.now()));
      AtomicFiles.writeJson(result.violationsFile(), violationsJson(result.violations()));
      CloudWatchMetrics.writeCombined(metrics, request.metrics(), out);
      if (request.metrics().publishesByoc()) {
        CloudWatchMetrics.writeByoc(metrics, request.metrics());
      }
      AtomicFiles.writeString(result.reportFile(), QualityReport.render(request, constraints, result));
    } catch (IOException e) {
      throw new MonitorException("cannot write the model-quality outputs to " + out + ": " + e.getMessage(), e);
    }
  }

  /** The window's metrics: the four scores when there were enough labels, and the label counts always. */
  static List<CloudWatchMetrics.Metric> metrics(QualityResult result) {
    List<CloudWatchMetrics.Metric> metrics = new ArrayList<>();
    result.evaluation().ifPresent(e -> METRICS.forEach(
        name -> metrics.add(new CloudWatchMetrics.Metric(name, e.metrics().get(name).value(), "None"))));
    QualityResult.LabelCounts labels = result.counts().labels();
    metrics.add(new CloudWatchMetrics.Metric("labels_joined", labels.joined(), "Count"));
    metrics.add(new CloudWatchMetrics.Metric("labels_unmatched", labels.unmatched(), "Count"));
    metrics.add(new CloudWatchMetrics.Metric("labels_unknown_class", labels.unknownClass(), "Count"));
    return metrics;
  }

  /**
   * The window's {@code statistics.json}: {@link ModelQualityFiles#statistics}' shape, or, with too
   * few labels, its header and {@code "message": "not enough labels: N joined, M required"}; then
   * {@code join} (every count), {@code accuracy_by_hour} and {@code problems}.
   */
  static ObjectNode statisticsJson(QualityResult result, Instant evaluationTime) {
    Instant time = evaluationTime.truncatedTo(ChronoUnit.SECONDS);
    ObjectNode root = result.evaluation().map(e -> ModelQualityFiles.statistics(e, time))
        .orElseGet(() -> ModelQualityFiles.header(result.counts().labels().joined(), time));
    result.notEnoughLabelsMessage().ifPresent(m -> root.put("message", m));
    QualityResult.LabelCounts l = result.counts().labels();
    QualityResult.CaptureCounts c = result.counts().capture();
    ObjectNode join = root.putObject("join");
    join.put("min_joined_records", result.minJoinedRecords())
        .put("captured_records", c.records()).put("captured_in_window", c.inWindow())
        .put("capture_lines_malformed", c.malformed()).put("captured_duplicate_ids", c.duplicateIds())
        .put("labels_read", l.total()).put("labels_joined", l.joined()).put("labels_unmatched", l.unmatched())
        .put("labels_unknown_class", l.unknownClass()).put("labels_malformed", l.malformed())
        .put("labels_outside_window", l.outsideWindow()).put("labels_duplicate", l.duplicate())
        .put("labels_unjoinable", l.unjoinable());
    ArrayNode hours = root.putArray("accuracy_by_hour");
    for (QualityResult.HourAccuracy h : result.byHour()) {
      hours.addObject().put("hour", h.hour().toString()).put("joined", h.joined()).put("correct", h.correct())
          .put("accuracy", h.accuracy());
    }
    ArrayNode problems = root.putArray("problems");
    l.problems().forEach(problems::add);
    c.malformedExamples().forEach(problems::add);
    return root;
  }

  /** {@code {"violations": [{"metric_name", "constraint_check_type", "description"}]}}. */
  static ObjectNode violationsJson(List<QualityResult.Violation> violations) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("violations");
    for (QualityResult.Violation v : violations) {
      list.addObject().put("metric_name", v.metricName()).put("constraint_check_type", v.checkType())
          .put("description", v.description());
    }
    return root;
  }

  /** One captured record, as the join needs it. */
  private static final class Captured {
    final short predicted;
    final boolean inWindow;
    final long hour;
    boolean labelled;

    Captured(short predicted, boolean inWindow, long hour) {
      this.predicted = predicted;
      this.inWindow = inWindow;
      this.hour = hour;
    }
  }

  /** The captured records by id, then each label joined to its record. */
  private static final class Join implements CaptureReader.PredictionObserver {
    private final Map<String, Short> classIndex = new HashMap<>();
    private final Map<String, Captured> captured = new HashMap<>(1 << 16);
    private final LineCounts lineCounts = new LineCounts(MAX_EXAMPLES);
    private final List<String> labelProblems = new ArrayList<>();
    private final TreeMap<Long, long[]> hours = new TreeMap<>();
    private int[] actual = new int[1024];
    private int[] predicted = new int[1024];
    private int joined;
    private long inWindow;
    private long duplicateIds;
    private long unmatched;
    private long outsideWindow;
    private long duplicateLabels;
    private long unjoinable;

    Join(List<String> classes) {
      for (int i = 0; i < classes.size(); i++) {
        classIndex.put(classes.get(i), (short) i);
      }
    }

    @Override
    public void prediction(String id, Instant time, boolean window, List<String> labels) {
      short p;
      if (labels.size() != 1) {
        p = SEVERAL;
      } else if (labels.get(0).equals(WindowObserver.UNREADABLE_PREDICTION)) {
        p = UNREADABLE;
      } else {
        p = classIndex.getOrDefault(labels.get(0), NOT_A_CLASS);
      }
      long hour = time == null ? Long.MIN_VALUE : time.getEpochSecond() / 3600;
      if (captured.putIfAbsent(id, new Captured(p, window, hour)) != null) {
        duplicateIds++;
        return;
      }
      if (window) {
        inWindow++;
      }
    }

    void label(String eventId, String label) {
      Captured c = captured.get(eventId);
      if (c == null) {
        unmatched++;
        if (labelProblems.size() < MAX_EXAMPLES) {
          labelProblems.add("label for eventId '" + eventId + "' matches no captured record");
        }
        return;
      }
      if (c.labelled) {
        duplicateLabels++;
        return;
      }
      c.labelled = true;
      if (!c.inWindow) {
        outsideWindow++;
        return;
      }
      if (c.predicted < 0) {
        unjoinable++;
        if (labelProblems.size() < MAX_EXAMPLES) {
          labelProblems.add("label for eventId '" + eventId + "' cannot be scored: its captured prediction "
              + (c.predicted == SEVERAL ? "holds several records" : c.predicted == UNREADABLE ? "is unreadable"
                  : "is not one of the model's classes"));
        }
        return;
      }
      if (joined == actual.length) {
        actual = Arrays.copyOf(actual, joined * 2);
        predicted = Arrays.copyOf(predicted, joined * 2);
      }
      int a = classIndex.get(label);
      actual[joined] = a;
      predicted[joined] = c.predicted;
      joined++;
      long[] h = hours.computeIfAbsent(c.hour, k -> new long[2]);
      h[0]++;
      if (a == c.predicted) {
        h[1]++;
      }
    }

    int joined() {
      return joined;
    }

    int[] actual() {
      return Arrays.copyOf(actual, joined);
    }

    int[] predicted() {
      return Arrays.copyOf(predicted, joined);
    }

    List<QualityResult.HourAccuracy> byHour() {
      List<QualityResult.HourAccuracy> out = new ArrayList<>();
      hours.forEach((hour, h) -> out.add(new QualityResult.HourAccuracy(
          hour == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochSecond(hour * 3600), h[0], h[1])));
      return out;
    }

    QualityResult.Counts counts(GroundTruth.ReadResult read) {
      List<String> problems = new ArrayList<>(read.messages());
      labelProblems.stream().limit(Math.max(0, MAX_EXAMPLES - problems.size())).forEach(problems::add);
      return new QualityResult.Counts(
          new QualityResult.CaptureCounts(lineCounts.lines(), lineCounts.malformed(),
              captured.size() + duplicateIds, inWindow, duplicateIds, lineCounts.malformedExamples()),
          new QualityResult.LabelCounts(joined, unmatched, read.unknownClass(), read.malformed(), outsideWindow,
              duplicateLabels, unjoinable, problems));
    }
  }
}
