package dev.rookery.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a report in real headless Chromium (Debian's {@code /usr/bin/chromium}): its DOM after
 * parsing, a screenshot, and how each inline-SVG chart was laid out. Shared by the drift report's
 * and the evaluation report's tests (training-container's test-jar carries {@code testutils}).
 * Every call uses a fresh profile under the caller's temporary folder and is killed after 90 s.
 */
public final class HeadlessChromium {
  /** Where Debian's package installs it. */
  public static final Path BINARY = Path.of("/usr/bin/chromium");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PROBE = Pattern.compile("<pre id=\"chart-probe\">(.*?)</pre>", Pattern.DOTALL);

  /**
   * Measures every {@code svg.chart} once laid out, with {@code SVGGraphicsElement.getBBox()}: a test
   * copy of the page gets this script (the report itself has none). A mark is an SVG
   * {@code rect, circle, polyline, line, text}; a stray mark is an element of those names outside
   * any chart, which is what an HTML parser leaves when a label's markup cut a chart short.
   */
  private static final String PROBE_SCRIPT = """
      <script>(() => {
        const SVG = 'http://www.w3.org/2000/svg', MARKS = 'rect,circle,polyline,line,text';
        const charts = [];
        for (const svg of document.querySelectorAll('svg.chart')) {
          const marks = svg.querySelectorAll(MARKS);
          let drawn = 0;
          for (const m of marks) {
            if (m instanceof SVGGraphicsElement) { const b = m.getBBox(); if (b.width > 0 || b.height > 0) drawn++; }
          }
          let foreign = 0;
          for (const e of svg.querySelectorAll('*')) { if (e.namespaceURI !== SVG) foreign++; }
          const r = svg.getBoundingClientRect(), t = svg.querySelector('title');
          charts.push({kind: svg.getAttribute('class'), title: t ? t.textContent : null, width: r.width,
              height: r.height, marks: marks.length, drawn, foreign});
        }
        const stray = [...document.querySelectorAll(MARKS)].filter(e => !e.closest('svg.chart')).length;
        const pre = document.createElement('pre');
        pre.id = 'chart-probe';
        pre.textContent = JSON.stringify({charts, stray});
        document.body.appendChild(pre);
      })();</script>
      """;

  private HeadlessChromium() {}

  /** Skips the calling test (outside CI) or fails it (under {@code CI=true}) without Chromium. */
  public static void require() {
    MachineRequirement.require(Files.isExecutable(BINARY),
        "headless Chromium is required: apt-get install chromium (.ci/run installs it)");
  }

  /** The page's DOM after Chromium parsed it ({@code --dump-dom}). */
  public static String dumpDom(Path workDir, Path page) throws IOException, InterruptedException {
    return run(workDir, "--dump-dom", page);
  }

  /** A 1280 x 2000 screenshot of the page, asserted to exist and not be blank (over 10 kB of PNG). */
  public static void screenshot(Path workDir, Path page, Path png) throws IOException, InterruptedException {
    Files.deleteIfExists(png);
    run(workDir, "--screenshot=" + png.toAbsolutePath(), page);
    assertThat(png).exists();
    assertThat(Files.size(png)).as("screenshot size of %s (blank pages are small)", page).isGreaterThan(10_000);
  }

  /**
   * How Chromium laid out each chart.
   *
   * @param kind the svg's class ({@code chart chart-heatmap}, ...)
   * @param title its {@code <title>}
   * @param width rendered width in CSS pixels
   * @param height rendered height in CSS pixels
   * @param marks SVG marks inside it
   * @param drawn marks with a non-empty bounding box
   * @param foreign non-SVG elements inside it
   */
  public record RenderedChart(String kind, String title, double width, double height, int marks, int drawn, int foreign) {}

  /**
   * The page's charts as rendered, and the marks found outside any chart.
   *
   * @param charts every {@code svg.chart}, in document order
   * @param strayMarks SVG mark names outside every chart (should be 0)
   */
  public record Rendering(List<RenderedChart> charts, int strayMarks) {}

  /** Lays out a copy of {@code page} with a measuring script and reads back {@link Rendering}. */
  public static Rendering charts(Path workDir, Path page) throws IOException, InterruptedException {
    String html = Files.readString(page, StandardCharsets.UTF_8);
    int end = html.lastIndexOf("</body>");
    assertThat(end).as("%s has a </body>", page).isNotNegative();
    Path probed = Files.createTempFile(workDir, "probed-", ".html");
    Files.writeString(probed, html.substring(0, end) + PROBE_SCRIPT + html.substring(end), StandardCharsets.UTF_8);
    Matcher m = PROBE.matcher(dumpDom(workDir, probed));
    assertThat(m.find()).as("the measuring script ran in Chromium").isTrue();
    String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    JsonNode result = JSON.readTree(json);
    List<RenderedChart> charts = new ArrayList<>();
    for (JsonNode c : result.path("charts")) {
      charts.add(new RenderedChart(c.path("kind").asText(), c.path("title").asText(null), c.path("width").asDouble(),
          c.path("height").asDouble(), c.path("marks").asInt(), c.path("drawn").asInt(), c.path("foreign").asInt()));
    }
    return new Rendering(charts, result.path("stray").asInt());
  }

  private static String run(Path workDir, String action, Path page) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    Path output = workDir.resolve("chromium-" + System.nanoTime() + ".out");
    Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
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
