package dev.rookery.local;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows the pipeline's steps as they run, and a progress bar for the tuning trials. On a terminal
 * the bar redraws in place; otherwise (a pipe, a test) each update is one line, so logs stay
 * readable.
 */
public final class Progress {
  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final boolean interactive;
  private final int totalSteps;
  private int stepNumber;

  /**
   * @param out where to print
   * @param interactive whether {@code out} is a terminal (redraw the bar in place)
   * @param totalSteps how many steps {@link #start} will be called for
   */
  public Progress(PrintWriter out, boolean interactive, int totalSteps) {
    this.out = out;
    this.interactive = interactive;
    this.totalSteps = totalSteps;
  }

  /** Announces a step; call {@link Step#done} when it ends. */
  public Step start(String name, String description) {
    stepNumber++;
    String prefix = "[" + stepNumber + "/" + totalSteps + "] " + name;
    out.println(prefix + ": " + description);
    out.flush();
    return new Step(prefix, System.nanoTime());
  }

  /** One running step. */
  public final class Step {
    private final String prefix;
    private final long startNanos;
    private int lastDrawn = -1;

    private Step(String prefix, long startNanos) {
      this.prefix = prefix;
      this.startNanos = startNanos;
    }

    /** Shows {@code completed} of {@code total} units (trials) as a bar; thread-safe. */
    public void progress(int completed, int total, String detail) {
      synchronized (Progress.this) {
        if (completed == lastDrawn) {
          return;
        }
        lastDrawn = completed;
        int filled = total == 0 ? BAR_WIDTH : completed * BAR_WIDTH / total;
        String bar = "      [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + completed + "/" + total
            + (detail == null || detail.isEmpty() ? "" : "  " + detail);
        if (interactive) {
          out.print("\r" + bar + "\033[K");
          if (completed == total) {
            out.println();
          }
        } else {
          out.println(bar);
        }
        out.flush();
      }
    }

    /** Ends the step with a one-line result and its duration. */
    public void done(String result) {
      synchronized (Progress.this) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.println(String.format(Locale.ROOT, "      done in %.2f s: %s", seconds, result));
        out.flush();
      }
    }
  }
}
