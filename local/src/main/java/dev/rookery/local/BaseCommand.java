package dev.rookery.local;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every leaf subcommand shares: the state folder option, output through picocli (so tests
 * capture it), and the one place where a failure becomes a message on stderr and an exit code.
 */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StateOptions state;

  /** Runs the subcommand and returns its exit code ({@link ExitCodes}). */
  protected abstract int execute() throws Exception;

  // Messages start with the whole command ("rookery registry show: ..."), as the user typed it:
  // spec.name() alone gave "rookery show:", a command that does not exist.
  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CommandFailedException e) {
      err().println(spec.qualifiedName() + ": " + e.getMessage());
      return e.exitCode();
    } catch (Exception e) {
      // Anything unexpected still ends as one readable line (with its cause) and exit code 1; the
      // stack trace is printed only when asked, for a bug report.
      err().println(spec.qualifiedName() + " failed: " + describe(e));
      if (System.getenv("ROOKERY_DEBUG") != null) {
        e.printStackTrace(err());
      }
      return ExitCodes.FAILURE;
    } finally {
      out().flush();
      err().flush();
    }
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage() == null ? e : e.getMessage()));
    Throwable cause = e.getCause();
    while (cause != null && cause != cause.getCause()) {
      if (cause.getMessage() != null && !sb.toString().contains(cause.getMessage())) {
        sb.append(" (caused by: ").append(cause.getMessage()).append(')');
      }
      cause = cause.getCause();
    }
    return sb.toString();
  }
}
