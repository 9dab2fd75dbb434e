package dev.rookery.local;

import picocli.CommandLine.Command;

/**
 * The {@code rookery} command: the Rookery pipeline on one machine. Run it with
 * {@code new CommandLine(new RookeryCommand()).execute(args)}; see {@link ExitCodes}.
 */
@Command(
    name = "rookery",
    mixinStandardHelpOptions = true,
    versionProvider = RookeryCommand.Version.class,
    description = {
      "Rookery local mode: the whole MLOps pipeline on this machine, with the same code and files as the cloud.",
      "State lives in one folder (.rookery, or --state-dir DIR, or $ROOKERY_HOME)."
    },
    subcommands = {
      RunCommand.class,
      ServeCommand.class,
      TrafficCommand.class,
      MonitorCommand.class,
      LabelCommand.class,
      RegistryCommand.class,
      RunsCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the command failed (the message says what was wrong and what to do)",
      "2:usage error",
      "3:run: the model did not pass the accuracy gate; nothing registered",
      "4:monitor: constraint violations (drift) found"
    })
public final class RookeryCommand {
  // Held so the levels stick (JUL keeps loggers weakly). Tribuo and the container's classes log
  // INFO lines (per fit, per split, per analysis) that repeat what the commands print; warnings
  // and errors still show.
  private static final java.util.List<java.util.logging.Logger> QUIET = java.util.stream.Stream
      .of("org.tribuo", "dev.rookery.ml", "dev.rookery.monitor")
      .map(java.util.logging.Logger::getLogger)
      .toList();

  static {
    QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
  }

  /** The version from the jar manifest (or "dev" when run from classes). */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RookeryCommand.class.getPackage().getImplementationVersion();
      return new String[] {"rookery " + (v == null ? "dev" : v)};
    }
  }
}
