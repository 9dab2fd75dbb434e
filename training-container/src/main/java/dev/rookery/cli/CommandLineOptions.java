package dev.rookery.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The image's one option parser: picocli over a mode's table of {@code --name VALUE} options.
 * Accepts {@code --name VALUE} and {@code --name=VALUE}; the last of a repeated option wins. Each
 * mode keeps its own table (and what each option falls back to), so a mode's options read in one
 * place.
 */
public final class CommandLineOptions {
  private CommandLineOptions() {}

  /**
   * Parses {@code args} against options that each take one value.
   *
   * @param names the options, with their dashes ({@code --port})
   * @return the options given, by name with dashes, in the order of {@code names}
   * @throws UsageException for an unknown option, a missing value or a positional argument, with
   *     picocli's message naming it
   */
  public static Map<String, String> parse(Collection<String> names, String[] args) {
    CommandSpec spec = CommandSpec.create();
    for (String name : names) {
      spec.addOption(OptionSpec.builder(name).paramLabel("VALUE").type(String.class).build());
    }
    ParseResult result;
    try {
      result = new CommandLine(spec).setOverwrittenOptionsAllowed(true).parseArgs(args);
    } catch (ParameterException e) {
      throw new UsageException(e.getMessage() + "; options: " + String.join(", ", names));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : names) {
      if (result.hasMatchedOption(name)) {
        values.put(name, result.matchedOptionValue(name, null));
      }
    }
    return values;
  }
}
