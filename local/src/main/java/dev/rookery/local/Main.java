package dev.rookery.local;

import picocli.CommandLine;

/** {@code java -jar rookery.jar <subcommand> ...}: what {@code ./rookery} runs. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new RookeryCommand()).execute(args));
  }
}
