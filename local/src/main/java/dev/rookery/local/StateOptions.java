package dev.rookery.local;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option every subcommand takes. */
public final class StateOptions {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      defaultValue = "${env:ROOKERY_HOME:-.rookery}",
      description = "Folder of all local state: runs, registry.db, capture, reports (default: the"
          + " ROOKERY_HOME variable, else the folder named .rookery under the working directory).")
  Path stateDir;

  /** The state folder, created if missing. */
  public StateDir stateDir() {
    return new StateDir(stateDir).create();
  }
}
