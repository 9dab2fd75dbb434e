package dev.rookery.local;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the real picocli entry point with captured output, as a user's shell would. */
final class Cli {
  private Cli() {}

  /** The result of one command line. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs {@code rookery args...} with {@code --state-dir state} appended where a leaf command takes it. */
  static Result run(Path state, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (state != null) {
      all.add("--state-dir");
      all.add(state.toString());
    }
    return exec(all.toArray(String[]::new));
  }

  /** Runs {@code rookery args...} exactly as given. */
  static Result exec(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RookeryCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
