package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroundTruthTest {
  private static final Set<String> CLASSES = Set.of("Adelie", "Chinstrap", "Gentoo");

  @TempDir Path tmp;

  @Test
  void line_label_isModelMonitorsRecordAndReadsBack() throws Exception {
    // when
    String line = GroundTruth.line("inf-1", "Gentoo");
    Path file = Files.writeString(tmp.resolve("l.jsonl"), line);
    List<String> read = new ArrayList<>();
    GroundTruth.ReadResult result = GroundTruth.read(file, CLASSES, (id, label) -> read.add(id + "=" + label));

    // then
    assertThat(line).isEqualTo("{\"groundTruthData\":{\"data\":\"Gentoo\",\"encoding\":\"CSV\"},"
        + "\"eventMetadata\":{\"eventId\":\"inf-1\"},\"eventVersion\":\"0\"}\n");
    assertThat(read).containsExactly("inf-1=Gentoo");
    assertThat(result.good()).isEqualTo(1);
    assertThat(result.bad()).isZero();
  }

  static Stream<Arguments> badLines() {
    return Stream.of(
        Arguments.of("malformed JSON", "{\"groundTruthData\": {\"data\": \"Adelie\"".getBytes(StandardCharsets.UTF_8),
            "not a JSON object: Unexpected end-of-input: expected close marker for Object", GroundTruth.Problem.MALFORMED),
        Arguments.of("two objects", "{} {}".getBytes(StandardCharsets.UTF_8),
            "not one JSON object: content after its end", GroundTruth.Problem.MALFORMED),
        Arguments.of("missing eventId",
            "{\"groundTruthData\": {\"data\": \"Adelie\", \"encoding\": \"CSV\"}, \"eventMetadata\": {}}".getBytes(StandardCharsets.UTF_8),
            "no eventMetadata.eventId (the inference id the label belongs to)", GroundTruth.Problem.MALFORMED),
        Arguments.of("missing data", "{\"eventMetadata\": {\"eventId\": \"x\"}}".getBytes(StandardCharsets.UTF_8),
            "no groundTruthData.data (the label)", GroundTruth.Problem.MALFORMED),
        Arguments.of("another encoding",
            GroundTruth.line("x", "Adelie").replace("CSV", "JSON").strip().getBytes(StandardCharsets.UTF_8),
            "groundTruthData.encoding must be CSV, found 'JSON'", GroundTruth.Problem.MALFORMED),
        Arguments.of("unknown class", GroundTruth.line("x", "Emperor").strip().getBytes(StandardCharsets.UTF_8),
            "groundTruthData.data 'Emperor' is not one of the model's classes [Adelie, Chinstrap, Gentoo]",
            GroundTruth.Problem.UNKNOWN_CLASS),
        Arguments.of("Latin-1 text", GroundTruth.line("x", "Adélie").strip().getBytes(StandardCharsets.ISO_8859_1),
            "not UTF-8 text (Input length = 1): ground truth must be UTF-8 JSON Lines", GroundTruth.Problem.MALFORMED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLines")
  void read_badSecondLine_messageNamesFileAndLineAndGoodLinesCount(
      String name, byte[] bad, String reason, GroundTruth.Problem kind) throws Exception {
    // given: good, bad, good (the last without a newline)
    Path file = tmp.resolve("labels.jsonl");
    byte[] first = GroundTruth.line("a", "Adelie").getBytes(StandardCharsets.UTF_8);
    byte[] last = GroundTruth.line("c", "Gentoo").strip().getBytes(StandardCharsets.UTF_8);
    Files.write(file, concat(first, bad, new byte[] {'\n'}, last));

    // when
    List<String> read = new ArrayList<>();
    GroundTruth.ReadResult result = GroundTruth.read(tmp, CLASSES, (id, label) -> read.add(id + "=" + label));

    // then
    assertThat(read).containsExactly("a=Adelie", "c=Gentoo");
    assertThat(result.messages()).containsExactly(file + ":2: " + reason);
    assertThat(kind == GroundTruth.Problem.MALFORMED ? result.malformed() : result.unknownClass()).isEqualTo(1);
    assertThat(result.bad()).isEqualTo(1);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
