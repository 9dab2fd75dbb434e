package dev.rookery.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local HTML page in real headless Chromium (Debian's {@code /usr/bin/chromium}), as the
 * reports' tests do: a test calls {@link #require()} first (skipped without Chromium, failed under
 * {@code CI=true}).
 */
public final class HeadlessChromium {
  /** Where Debian's package puts it. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /** Skips (or, under CI, fails) the calling test when Chromium is not installed. */
  public static void require() {
    MachineRequirement.require(Files.isExecutable(CHROMIUM),
        "headless Chromium is required: apt-get install chromium (.ci/run installs it)");
  }

  /**
   * Runs Chromium on {@code page} with one action ({@code --dump-dom}, {@code --screenshot=FILE})
   * and returns what it printed.
   *
   * @param tmp a folder for the browser profile and its output
   */
  public static String run(Path tmp, String action, Path page) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    Path output = tmp.resolve("chromium-" + System.nanoTime() + ".out");
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1280,2000", action, page.toUri().toString())
        .redirectErrorStream(false)
        .redirectOutput(output.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium " + action + " did not finish in 90 s");
    }
    assertThat(p.exitValue()).as("chromium %s exit code", action).isZero();
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
