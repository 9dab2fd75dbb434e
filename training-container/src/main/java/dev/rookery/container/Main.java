package dev.rookery.container;

import java.util.Arrays;

/**
 * Entry point of the Rookery image: {@code java -jar rookery-container.jar <mode> [options]}.
 * SageMaker starts the image with {@code train} (training jobs) or {@code serve} (endpoints);
 * processing jobs pass the mode as the first container argument.
 *
 * <p>Exit codes: 0 success, 1 the step failed (reason in the log and, for training, in
 * {@code /opt/ml/output/failure}), 2 usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one mode and returns its exit code. */
  public static int run(String[] args) {
    if (args.length == 0) {
      System.err.println(usage());
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      // Each mode's class owns its contract; cases are added as the modes land.
      case "monitor":
        return dev.rookery.monitor.MonitorCommand.run(rest);
      default:
        System.err.println("unknown mode '" + args[0] + "'\n" + usage());
        return 2;
    }
  }

  static String usage() {
    return "usage: java -jar rookery-container.jar <preprocess|train|evaluate|serve|monitor> [options]";
  }
}
