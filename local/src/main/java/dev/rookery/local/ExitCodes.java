package dev.rookery.local;

/**
 * The exit codes of every {@code rookery} subcommand, stable so that scripts can rely on them.
 *
 * <table>
 *   <caption>exit codes</caption>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>the command failed (bad dataset, missing model version, I/O error, ...)</td></tr>
 *   <tr><td>2</td><td>usage error (unknown option, bad option value)</td></tr>
 *   <tr><td>3</td><td>{@code run}: the model did not pass the accuracy gate; nothing registered</td></tr>
 *   <tr><td>4</td><td>{@code monitor}: the analysis found constraint violations (drift)</td></tr>
 * </table>
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** The command failed; the message on stderr says what was wrong and what to do. */
  public static final int FAILURE = 1;

  /** Usage error (picocli's own code for a bad command line). */
  public static final int USAGE = 2;

  /** {@code run}: the model did not pass the gate; nothing was registered or deployed. */
  public static final int GATE_REJECTED = 3;

  /** {@code monitor}: violations were found. */
  public static final int VIOLATIONS = 4;

  private ExitCodes() {}
}
