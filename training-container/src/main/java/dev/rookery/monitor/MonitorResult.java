package dev.rookery.monitor;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a monitoring run found and wrote.
 *
 * @param files the files written
 * @param findings what the window held
 */
public record MonitorResult(OutputFiles files, Findings findings) {

  public MonitorResult {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(findings, "findings");
  }

  /** Records analysed in the window. */
  public long itemCount() {
    return findings.statistics().itemCount();
  }

  /** Capture lines or records that could not be read. */
  public long malformedCount() {
    return findings.capture().malformed();
  }

  /** The violations, in check order. */
  public List<Violation> violations() {
    return findings.violations();
  }

  /**
   * The files a run writes into the output folder.
   *
   * @param statistics the window's {@code statistics.json}
   * @param violations {@code constraint_violations.json}
   * @param report {@code report.html}
   * @param cloudwatchMetrics {@code cloudwatch_metrics.json}
   * @param publishedMetrics the BYOC metric files written (empty unless publishing is enabled)
   */
  public record OutputFiles(Path statistics, Path violations, Path report, Path cloudwatchMetrics, List<Path> publishedMetrics) {
    public OutputFiles {
      Objects.requireNonNull(statistics, "statistics");
      Objects.requireNonNull(violations, "violations");
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(cloudwatchMetrics, "cloudwatchMetrics");
      publishedMetrics = List.copyOf(publishedMetrics);
    }
  }
}
