package dev.rookery.local;

import dev.rookery.serve.HttpServerTuning;
import picocli.CommandLine;

/** {@code java -jar rookery.jar <subcommand> ...}: what {@code ./rookery} runs. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    HttpServerTuning.applyUnlessSet(); // JVM-wide settings of the local endpoint's HTTP server
    System.exit(new CommandLine(new RookeryCommand()).execute(args));
  }
}
