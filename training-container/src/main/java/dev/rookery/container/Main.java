package dev.rookery.container;

import dev.rookery.cli.UsageException;
import dev.rookery.ml.model.ModelBundle;
import dev.rookery.serve.HttpServerTuning;
import dev.rookery.serve.ServeMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the Rookery image: {@code java -jar rookery-container.jar <mode> [options]}.
 * SageMaker starts the image with {@code train} (training jobs) or {@code serve} (endpoints);
 * processing jobs pass the mode as the first container argument.
 *
 * <p>Exit codes: 0 success, 1 the step failed (reason in the log and, for training, in
 * {@code /opt/ml/output/failure}; for processing modes in {@code /opt/ml/output/message}), 2 usage
 * error. {@value OptMl#ENV} moves {@code /opt/ml}.
 */
public final class Main {
  // Held so the level sticks (JUL keeps loggers weakly).
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  private Main() {}

  public static void main(String[] args) {
    HttpServerTuning.applyUnlessSet(); // JVM-wide: decided here, by the application, not by the server class
    System.exit(run(args));
  }

  /** Runs one mode and returns its exit code. */
  public static int run(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
    }
    TRIBUO_LOG.setLevel(Level.WARNING); // Tribuo logs per-fit INFO lines we do not need.
    if (args.length == 0) {
      System.err.println(usage());
      return 2;
    }
    OptMl optMl = OptMl.fromEnvironment(System.getenv());
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    PrintStream out = System.out;
    try {
      switch (args[0]) {
        // Each mode's class owns its contract; cases are added as the modes land.
        case "preprocess":
          return PreprocessMode.run(rest, optMl, out);
        case "train":
          return TrainMode.run(rest, optMl, out);
        case "evaluate":
          return EvaluateMode.run(rest, optMl, out);
        case "serve":
          // Runs until SIGTERM; returns only when it cannot start.
          return ServeMode.run(rest, System.getenv(), ModelBundle::load);
        case "monitor":
          return dev.rookery.monitor.MonitorCommand.run(rest);
        case "model-quality":
          return dev.rookery.monitor.QualityCommand.run(rest);
        default:
          System.err.println("unknown mode '" + args[0] + "'\n" + usage());
          return 2;
      }
    } catch (UsageException e) {
      System.err.println(args[0] + ": " + e.getMessage() + "\n" + usage());
      return 2;
    } catch (RuntimeException | IOException e) {
      // Our exceptions' messages name the file, line, field and value: the class name adds nothing a
      // reader needs. Anything else (a JDK or library failure) keeps its type, which may be all it says.
      String reason = e.getClass().getName().startsWith("dev.rookery.")
          ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
      System.err.println(args[0] + " failed: " + reason);
      // SageMaker shows the first 1024 characters of these files as the job's failure reason.
      Path file = "train".equals(args[0]) ? optMl.resolve("output/failure") : optMl.resolve("output/message");
      writeQuietly(file, reason);
      return 1;
    }
  }

  private static void writeQuietly(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      System.err.println("cannot write " + file + ": " + e.getMessage());
    }
  }

  static String usage() {
    return "usage: java -jar rookery-container.jar <preprocess|train|evaluate|serve|monitor|model-quality> [options]";
  }
}
