package dev.rookery.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Charts for Rookery's HTML reports, each returned as one self-contained inline {@code <svg>}
 * element (a string to put in a page, see {@link HtmlPage#chart}): no script, no font, no
 * stylesheet and nothing fetched, so a report opens offline and from a file. Every label comes from
 * data and is escaped; numbers are drawn with four significant digits.
 *
 * <p>The API (stable; add methods, don't change these):
 * <ul>
 *   <li>{@link #heatmap(String, List, List, long[][])}: a confusion matrix, rows actual, columns
 *       predicted; each cell shows its count and is coloured by its share of its row.
 *   <li>{@link #groupedBars(String, List, LinkedHashMap, double, double)}: one group of bars per
 *       category, one bar per series (per-class precision / recall / F1).
 *   <li>{@link #bars(String, List, double[], double, double, OptionalDouble, String)}: one bar per
 *       label with its value written on it and an optional threshold line (a gate).
 *   <li>{@link #line(String, List, LinkedHashMap, OptionalDouble, String)}: series over ordered x
 *       labels (time, runs) with an optional threshold line; {@code NaN} leaves a gap.
 *   <li>{@link #scatter(String, String, double[], String, double[], boolean, int)}: y against a
 *       numeric x (linear or log), one point highlighted (tuning trials against a hyperparameter).
 *   <li>{@link #categoryScatter(String, String, List, String, double[], int)}: the same against a
 *       categorical x (an {@code algorithm}).
 * </ul>
 *
 * <p>Stable hooks for tests and tools: the root is {@code svg.chart.chart-<kind>} with a
 * {@code <title>} first; heat-map cells are {@code rect.cell} (each followed by its
 * {@code text.cell-value}); bars are {@code rect.bar} with {@code data-series}; line series are
 * {@code polyline.series} (one per unbroken run) and {@code circle.point}; scatter points are
 * {@code circle.point} ({@code circle.point.highlight} for the highlighted one); threshold lines are
 * {@code line.threshold}; axis tick labels are {@code text.tick-x} / {@code text.tick-y}. Every
 * data mark holds a {@code <title>} tooltip with its exact value.
 *
 * <p>Wrong shapes (a row count that doesn't match its labels, a series of the wrong length, a
 * non-positive x on a log axis) throw {@link IllegalArgumentException} naming what and where.
 */
public final class Charts {
  /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
  static final List<String> PALETTE =
      List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000");

  private static final double LEFT = 52;
  private static final double PLOT_HEIGHT = 180;
  private static final double CELL = 52;

  private Charts() {}

  /**
   * A heat map of counts, for a confusion matrix.
   *
   * @param title what the chart shows
   * @param rowLabels the rows (actual classes), top to bottom
   * @param columnLabels the columns (predicted classes), left to right
   * @param counts {@code counts[row][column]}, non-negative
   * @return an {@code svg.chart.chart-heatmap} with one {@code rect.cell} per cell, whose text is
   *     the count and whose colour is the count's share of its row (white 0 to dark blue 1)
   */
  public static String heatmap(String title, List<String> rowLabels, List<String> columnLabels, long[][] counts) {
    Objects.requireNonNull(title, "title");
    int rows = rowLabels.size();
    int cols = columnLabels.size();
    if (counts.length != rows) {
      throw new IllegalArgumentException("heatmap '" + title + "': " + counts.length + " rows of counts for "
          + rows + " row labels");
    }
    for (int r = 0; r < rows; r++) {
      if (counts[r].length != cols) {
        throw new IllegalArgumentException("heatmap '" + title + "': row " + r + " (" + rowLabels.get(r) + ") has "
            + counts[r].length + " counts for " + cols + " column labels");
      }
      for (int c = 0; c < cols; c++) {
        if (counts[r][c] < 0) {
          throw new IllegalArgumentException("heatmap '" + title + "': negative count " + counts[r][c] + " at row "
              + rowLabels.get(r) + ", column " + columnLabels.get(c));
        }
      }
    }
    int labelChars = Math.min(18, Math.max(4, maxLength(rowLabels)));
    double left = 30 + labelChars * 7;
    double top = 62;
    double width = Math.max(left + cols * CELL + 16, titleWidth(title));
    double height = top + rows * CELL + 12;
    Svg s = new Svg("heatmap", title, width, height);
    s.text(left + cols * CELL / 2, 34, "predicted", "middle", "axis-title", "fill=\"" + Svg.INK + "\"");
    double mid = top + rows * CELL / 2;
    s.text(14, mid, "actual", "middle", "axis-title",
        "fill=\"" + Svg.INK + "\" transform=\"rotate(-90 14 " + Svg.num(mid) + ")\"");
    for (int c = 0; c < cols; c++) {
      s.text(left + c * CELL + CELL / 2, top - 8, Svg.shorten(columnLabels.get(c), 7), "middle", "tick-x",
          "fill=\"" + Svg.INK + "\"");
    }
    for (int r = 0; r < rows; r++) {
      long total = 0;
      for (long n : counts[r]) {
        total += n;
      }
      double y = top + r * CELL;
      s.text(left - 6, y + CELL / 2 + 4, Svg.shorten(rowLabels.get(r), labelChars), "end", "tick-y",
          "fill=\"" + Svg.INK + "\"");
      for (int c = 0; c < cols; c++) {
        double share = total == 0 ? 0 : (double) counts[r][c] / total;
        double x = left + c * CELL;
        s.rect(x + 1, y + 1, CELL - 2, CELL - 2, blues(share), "cell", "", String.format(Locale.ROOT,
            "actual %s, predicted %s: %d (%.1f%% of %s)", rowLabels.get(r), columnLabels.get(c), counts[r][c],
            share * 100, rowLabels.get(r)));
        s.text(x + CELL / 2, y + CELL / 2 + 4, String.valueOf(counts[r][c]), "middle", "cell-value",
            "font-size=\"13\" fill=\"" + (share > 0.5 ? "#ffffff" : "#1f2933") + "\"");
      }
    }
    return s.close();
  }

  /**
   * Grouped vertical bars on a fixed value axis.
   *
   * @param title what the chart shows
   * @param categories the groups, left to right (classes)
   * @param series name to one value per category, drawn in the map's order (metrics); {@code NaN}
   *     draws no bar
   * @param min the bottom of the value axis
   * @param max the top of the value axis; values outside are drawn clamped (the tooltip keeps the
   *     exact value)
   * @return an {@code svg.chart.chart-bars} with one {@code rect.bar} per finite value
   */
  public static String groupedBars(
      String title, List<String> categories, LinkedHashMap<String, double[]> series, double min, double max) {
    return barChart(title, categories, series, min, max, OptionalDouble.empty(), "", false);
  }

  /**
   * One bar per label, its value written above it, and an optional threshold line: a gate's
   * threshold against the accuracies it compared.
   *
   * @param title what the chart shows
   * @param labels one per bar, left to right
   * @param values one per label; {@code NaN} draws no bar
   * @param min the bottom of the value axis
   * @param max the top of the value axis
   * @param threshold where to draw a dashed threshold line, if anywhere
   * @param thresholdLabel what the line is (drawn with its value)
   * @return an {@code svg.chart.chart-bars}
   */
  public static String bars(String title, List<String> labels, double[] values, double min, double max,
      OptionalDouble threshold, String thresholdLabel) {
    LinkedHashMap<String, double[]> one = new LinkedHashMap<>();
    one.put("value", values);
    return barChart(title, labels, one, min, max, threshold, thresholdLabel, true);
  }

  /**
   * Lines over ordered x labels, with an optional threshold line.
   *
   * @param title what the chart shows
   * @param xLabels the x positions, left to right (dates, run ids)
   * @param series name to one value per x label, in the map's order; {@code NaN} is a gap
   * @param threshold where to draw a dashed threshold line, if anywhere
   * @param thresholdLabel what the line is (drawn with its value)
   * @return an {@code svg.chart.chart-line} with one {@code polyline.series} per unbroken run of two
   *     or more values and one {@code circle.point} per finite value; the value axis spans every
   *     finite value and the threshold, rounded out to round numbers
   */
  public static String line(String title, List<String> xLabels, LinkedHashMap<String, double[]> series,
      OptionalDouble threshold, String thresholdLabel) {
    Objects.requireNonNull(title, "title");
    int n = xLabels.size();
    checkSeries("line", title, series, n);
    List<Double> all = new ArrayList<>();
    series.values().forEach(v -> {
      for (double d : v) {
        all.add(d);
      }
    });
    threshold.ifPresent(all::add);
    double[] range = niceRange(all);
    double plotWidth = Math.min(720, Math.max(360, n * 48));
    double top = 48;
    double width = Math.max(LEFT + plotWidth + thresholdRoom(threshold, thresholdLabel), titleWidth(title));
    double height = top + PLOT_HEIGHT + 34;
    Svg s = new Svg("line", title, width, height);
    legend(s, series.keySet(), top - 14);
    Linear y = new Linear(range[0], range[1], top + PLOT_HEIGHT, top);
    yAxis(s, y, range[2], LEFT + plotWidth);
    double pad = 16;
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = n == 1 ? LEFT + plotWidth / 2 : LEFT + pad + i * (plotWidth - 2 * pad) / (n - 1);
    }
    int every = Math.max(1, (int) Math.ceil(n * 7.0 * Math.min(12, maxLength(xLabels)) / plotWidth));
    for (int i = 0; i < n; i += every) {
      s.text(xs[i], top + PLOT_HEIGHT + 16, Svg.shorten(xLabels.get(i), 12), "middle", "tick-x",
          "fill=\"" + Svg.INK + "\"");
    }
    threshold(s, y, threshold, thresholdLabel, LEFT, LEFT + plotWidth);
    int k = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      String colour = PALETTE.get(k++ % PALETTE.size());
      double[] v = e.getValue();
      List<double[]> run = new ArrayList<>();
      for (int i = 0; i <= n; i++) {
        if (i < n && Double.isFinite(v[i])) {
          run.add(new double[] {xs[i], y.map(v[i])});
        } else {
          if (run.size() > 1) {
            s.polyline(run, colour, "series", e.getKey());
          }
          run = new ArrayList<>();
        }
      }
      for (int i = 0; i < n; i++) {
        if (Double.isFinite(v[i])) {
          s.circle(xs[i], y.map(v[i]), 3.5, colour, "point", "",
              e.getKey() + ", " + xLabels.get(i) + ": " + Svg.value(v[i]));
        }
      }
    }
    return s.close();
  }

  /**
   * Points of y against a numeric x: tuning trials' objective against one hyperparameter.
   *
   * @param title what the chart shows
   * @param xName the x axis (a hyperparameter)
   * @param x one per point; {@code NaN} skips the point
   * @param yName the y axis (the objective)
   * @param y one per point; {@code NaN} skips the point
   * @param logX a log-10 x axis (every finite x must then be positive)
   * @param highlightIndex the point drawn larger and in another colour (the chosen trial), or -1
   * @return an {@code svg.chart.chart-scatter} with one {@code circle.point} per drawn point
   */
  public static String scatter(
      String title, String xName, double[] x, String yName, double[] y, boolean logX, int highlightIndex) {
    Objects.requireNonNull(title, "title");
    if (x.length != y.length) {
      throw new IllegalArgumentException("scatter '" + title + "': " + x.length + " x values for " + y.length
          + " y values");
    }
    List<Double> xv = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (logX && Double.isFinite(x[i]) && x[i] <= 0) {
        throw new IllegalArgumentException("scatter '" + title + "': " + xName + " = " + x[i] + " at point " + i
            + " cannot be drawn on a log axis (values must be > 0)");
      }
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        xv.add(logX ? Math.log10(x[i]) : x[i]);
      }
    }
    Frame f = new Frame("scatter", title, xName, yName, y);
    double[] xr;
    if (logX) {
      double lo = xv.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      double hi = xv.stream().mapToDouble(Double::doubleValue).max().orElse(1);
      xr = new double[] {Math.floor(lo), Math.max(Math.ceil(hi), Math.floor(lo) + 1), 1};
    } else {
      xr = niceRange(xv);
    }
    Linear sx = new Linear(xr[0], xr[1], LEFT + 8, LEFT + Frame.PLOT_WIDTH - 8);
    int ticks = (int) Math.round((xr[1] - xr[0]) / xr[2]);
    int every = logX && ticks > 6 ? 2 : 1;
    for (int i = 0; i <= ticks; i += every) {
      double t = xr[0] + i * xr[2];
      f.svg.text(sx.map(t), f.top + Frame.PLOT_HEIGHT + 16, logX ? powerOfTen((int) Math.rint(t)) : Svg.value(t),
          "middle", "tick-x", "fill=\"" + Svg.INK + "\"");
    }
    double[] px = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      px[i] = Double.isFinite(x[i]) ? sx.map(logX ? Math.log10(x[i]) : x[i]) : Double.NaN;
    }
    return f.points(px, i -> Svg.value(x[i]), highlightIndex);
  }

  /**
   * Points of y against a categorical x: tuning trials' objective per algorithm. Points of one
   * category are spread side by side so that none hides another.
   *
   * @param title what the chart shows
   * @param xName the x axis (a hyperparameter)
   * @param x one category per point; categories are drawn in first-seen order
   * @param yName the y axis (the objective)
   * @param y one per point; {@code NaN} skips the point
   * @param highlightIndex the point drawn larger and in another colour (the chosen trial), or -1
   * @return an {@code svg.chart.chart-scatter} with one {@code circle.point} per drawn point
   */
  public static String categoryScatter(
      String title, String xName, List<String> x, String yName, double[] y, int highlightIndex) {
    Objects.requireNonNull(title, "title");
    if (x.size() != y.length) {
      throw new IllegalArgumentException("categoryScatter '" + title + "': " + x.size() + " x values for "
          + y.length + " y values");
    }
    List<String> categories = x.stream().distinct().toList();
    Frame f = new Frame("scatter", title, xName, yName, y);
    double band = (Frame.PLOT_WIDTH - 16) / Math.max(1, categories.size());
    for (int c = 0; c < categories.size(); c++) {
      f.svg.text(LEFT + 8 + band * (c + 0.5), f.top + Frame.PLOT_HEIGHT + 16,
          Svg.shorten(categories.get(c), (int) Math.max(3, band / 6.5)), "middle", "tick-x", "fill=\"" + Svg.INK + "\"");
    }
    double[] px = new double[x.size()];
    for (int c = 0; c < categories.size(); c++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < x.size(); i++) {
        if (x.get(i).equals(categories.get(c))) {
          members.add(i);
        }
      }
      double spread = Math.min(9, band * 0.7 / members.size());
      for (int k = 0; k < members.size(); k++) {
        px[members.get(k)] = LEFT + 8 + band * (c + 0.5) + (k - (members.size() - 1) / 2.0) * spread;
      }
    }
    return f.points(px, x::get, highlightIndex);
  }

  // ---- shared drawing ----

  private static String barChart(String title, List<String> categories, LinkedHashMap<String, double[]> series,
      double min, double max, OptionalDouble threshold, String thresholdLabel, boolean valueLabels) {
    Objects.requireNonNull(title, "title");
    if (!(max > min)) {
      throw new IllegalArgumentException("bars '" + title + "': max " + max + " must be above min " + min);
    }
    int n = categories.size();
    checkSeries("bars", title, series, n);
    int k = series.size();
    double group = Math.max(valueLabels ? 72 : 48, k * 16 + 20);
    double top = valueLabels ? 36 : 48;
    double plotWidth = Math.max(1, n) * group;
    double width = Math.max(LEFT + plotWidth + thresholdRoom(threshold, thresholdLabel), titleWidth(title));
    double height = top + PLOT_HEIGHT + 34;
    Svg s = new Svg("bars", title, width, height);
    if (!valueLabels) {
      legend(s, series.keySet(), top - 14);
    }
    Linear y = new Linear(min, max, top + PLOT_HEIGHT, top);
    yAxis(s, y, (max - min) / 5, LEFT + plotWidth);
    double barWidth = (group - 16) / k;
    for (int c = 0; c < n; c++) {
      double gx = LEFT + c * group;
      s.text(gx + group / 2, top + PLOT_HEIGHT + 16, Svg.shorten(categories.get(c), (int) (group / 6.5)), "middle",
          "tick-x", "fill=\"" + Svg.INK + "\"");
      int j = 0;
      for (Map.Entry<String, double[]> e : series.entrySet()) {
        double v = e.getValue()[c];
        String colour = PALETTE.get(j % PALETTE.size());
        double bx = gx + 8 + j++ * barWidth;
        if (!Double.isFinite(v)) {
          continue;
        }
        double clamped = Math.max(min, Math.min(max, v));
        double yTop = y.map(clamped);
        String tooltip = valueLabels ? categories.get(c) + ": " + Svg.value(v)
            : categories.get(c) + ", " + e.getKey() + ": " + Svg.value(v);
        s.rect(bx, yTop, barWidth - 2, top + PLOT_HEIGHT - yTop, colour, "bar",
            "data-series=\"" + HtmlPage.escape(e.getKey()) + "\"", tooltip);
        if (valueLabels) {
          s.text(bx + (barWidth - 2) / 2, yTop - 4, Svg.value(v), "middle", "bar-value", "fill=\"#1f2933\"");
        }
      }
    }
    threshold(s, y, threshold, thresholdLabel, LEFT, LEFT + plotWidth);
    return s.close();
  }

  private static void checkSeries(String kind, String title, Map<String, double[]> series, int n) {
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      if (e.getValue().length != n) {
        throw new IllegalArgumentException(kind + " '" + title + "': series '" + e.getKey() + "' has "
            + e.getValue().length + " values for " + n + " labels");
      }
    }
  }

  private static void legend(Svg s, Iterable<String> names, double y) {
    double x = LEFT;
    int k = 0;
    for (String name : names) {
      x = s.legend(x, y, name, PALETTE.get(k++ % PALETTE.size()));
    }
  }

  /** Grid lines and tick labels from {@code y.lo} to {@code y.hi} every {@code step}, and the axis. */
  private static void yAxis(Svg s, Linear y, double step, double right) {
    int ticks = (int) Math.round((y.hi - y.lo) / step);
    for (int i = 0; i <= ticks; i++) {
      double v = y.lo + i * step;
      s.line(LEFT, y.map(v), right, y.map(v), i == 0 ? Svg.AXIS : Svg.GRID, "grid", false);
      s.text(LEFT - 6, y.map(v) + 4, Svg.value(v), "end", "tick-y", "fill=\"" + Svg.INK + "\"");
    }
    s.line(LEFT, y.map(y.lo), LEFT, y.map(y.hi), Svg.AXIS, "axis", false);
  }

  private static void threshold(Svg s, Linear y, OptionalDouble threshold, String label, double x1, double x2) {
    if (threshold.isEmpty()) {
      return;
    }
    double t = threshold.getAsDouble();
    double at = y.map(Math.max(y.lo, Math.min(y.hi, t)));
    s.line(x1, at, x2, at, Svg.THRESHOLD, "threshold", true);
    s.text(x2 + 4, at + 4, (label == null ? "" : label + " ") + Svg.value(t), "start", "threshold-label",
        "fill=\"" + Svg.THRESHOLD + "\"");
  }

  /** Room right of the plot for the threshold's label. */
  private static double thresholdRoom(OptionalDouble threshold, String label) {
    return threshold.isEmpty() ? 24 : 24 + 6.5 * ((label == null ? 0 : label.length() + 1) + Svg.value(threshold.getAsDouble()).length());
  }

  /** Value axis from the finite values, rounded out to round numbers: {lo, hi, step}. */
  static double[] niceRange(List<Double> values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo == Double.POSITIVE_INFINITY) {
      return new double[] {0, 1, 0.2};
    }
    if (hi == lo) {
      double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
      lo -= pad;
      hi += pad;
    }
    double raw = (hi - lo) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step};
  }

  /** A log-axis tick: plain for 0.001 to 1000, {@code 1e-6} beyond. */
  private static String powerOfTen(int exponent) {
    return Math.abs(exponent) <= 3 ? Svg.value(Math.pow(10, exponent)) : "1e" + exponent;
  }

  /** White to dark blue. */
  static String blues(double share) {
    double t = Math.max(0, Math.min(1, share));
    int r = (int) Math.round(247 + (8 - 247) * t);
    int g = (int) Math.round(251 + (48 - 251) * t);
    int b = (int) Math.round(255 + (107 - 255) * t);
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  private static int maxLength(List<String> labels) {
    return labels.stream().mapToInt(String::length).max().orElse(0);
  }

  private static double titleWidth(String title) {
    return 16 + title.length() * 7.5;
  }

  /** A linear map from data to pixels. */
  private record Linear(double lo, double hi, double from, double to) {
    double map(double v) {
      return from + (v - lo) / (hi - lo) * (to - from);
    }
  }

  /** The frame of a scatter plot: y axis from the data, axis names, the points. */
  private static final class Frame {
    static final double PLOT_WIDTH = 300;
    static final double PLOT_HEIGHT = 170;
    final Svg svg;
    final double top = 34;
    final String title;
    final String xName;
    final String yName;
    final double[] y;
    final Linear sy;

    Frame(String kind, String title, String xName, String yName, double[] y) {
      this.title = title;
      this.xName = xName;
      this.yName = yName;
      this.y = y;
      List<Double> ys = new ArrayList<>();
      for (double v : y) {
        ys.add(v);
      }
      double[] r = niceRange(ys);
      svg = new Svg(kind, title, Math.max(LEFT + PLOT_WIDTH + 16, titleWidth(title)), top + PLOT_HEIGHT + 40);
      sy = new Linear(r[0], r[1], top + PLOT_HEIGHT, top);
      double mid = top + PLOT_HEIGHT / 2;
      svg.text(12, mid, yName, "middle", "axis-title",
          "fill=\"" + Svg.INK + "\" transform=\"rotate(-90 12 " + Svg.num(mid) + ")\"");
      svg.text(LEFT + PLOT_WIDTH / 2, top + PLOT_HEIGHT + 34, xName, "middle", "axis-title",
          "fill=\"" + Svg.INK + "\"");
      yAxis(svg, sy, r[2], LEFT + PLOT_WIDTH);
    }

    String points(double[] px, java.util.function.IntFunction<String> xText, int highlightIndex) {
      if (highlightIndex < -1 || highlightIndex >= y.length) {
        throw new IllegalArgumentException("scatter '" + title + "': highlight index " + highlightIndex
            + " is not one of the " + y.length + " points (or -1)");
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < y.length; i++) {
          boolean highlighted = i == highlightIndex;
          if (highlighted != (pass == 1) || !Double.isFinite(px[i]) || !Double.isFinite(y[i])) {
            continue;
          }
          String tooltip = "#" + i + (highlighted ? " (chosen)" : "") + ": " + xName + " = " + xText.apply(i)
              + ", " + yName + " = " + Svg.value(y[i]);
          if (highlighted) {
            svg.circle(px[i], sy.map(y[i]), 7, PALETTE.get(5), "point highlight",
                "stroke=\"#1f2933\" stroke-width=\"1.5\"", tooltip);
          } else {
            svg.circle(px[i], sy.map(y[i]), 4.5, PALETTE.get(0), "point", "fill-opacity=\"0.65\"", tooltip);
          }
        }
      }
      return svg.close();
    }
  }
}
