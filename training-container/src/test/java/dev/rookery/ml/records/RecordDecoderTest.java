package dev.rookery.ml.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordDecoderTest {

  private static final List<String> FEATURES =
      List.of("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year");
  private static final String[] FIRST_PENGUIN = {"Torgersen", "39.1", "18.7", "181", "3750", "male", "2007"};
  private static final String FIRST_JSON =
      "{\"island\":\"Torgersen\",\"bill_length_mm\":39.1,\"bill_depth_mm\":18.7,\"flipper_length_mm\":181,"
          + "\"body_mass_g\":3750,\"sex\":\"male\",\"year\":2007}";

  private final RecordDecoder decoder = new RecordDecoder(FEATURES);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private RecordFormatException formatError(String contentType, String body) {
    try {
      decoder.decode(contentType, utf8(body));
    } catch (RecordFormatException e) {
      return e;
    }
    throw new AssertionError("expected a RecordFormatException for " + body);
  }

  /**
   * Bodies the decoder refuses: the record (0-based) and field the error must name, where the
   * case has one ({@code null}: not tied to one), and a fragment of the reason.
   */
  static Stream<Refused> refusedBodies() {
    String header = String.join(",", FEATURES) + "\n";
    return Stream.of(
        refused("CSV header only", "text/csv", header, null, null, "no record"),
        refused("CSV unterminated quote", "text/csv", "\"Torgersen,39.1,18.7,181,3750,male,2007", 0, "island",
            "unterminated"),
        refused("CSV quote inside a value", "text/csv", "Torgersen,39\"1,18.7,181,3750,male,2007", null,
            "bill_length_mm", "quote"),
        refused("CSV text after a closing quote", "text/csv", "\"Torgersen\"x,39.1,18.7,181,3750,male,2007", null,
            "island", "after a closing quote"),
        refused("JSON object value", "application/json", "{\"island\":{\"name\":\"Dream\"}}", 0, "island",
            "an object"),
        refused("JSON array value", "application/json", "{\"body_mass_g\":[3750]}", null, "body_mass_g", "an array"),
        refused("JSON malformed", "application/json", "[" + FIRST_JSON + ", {\"island\": Dream}]", 1, "island",
            "malformed JSON at line 1"),
        refused("JSON scalar record", "application/json", "[" + FIRST_JSON + ", \"Dream\"]", 1, null,
            "a record must be"),
        refused("JSON empty array", "application/json", "[]", null, null, "no record"),
        refused("JSON empty instances", "application/json", "{\"instances\": []}", null, null, "no record"),
        refused("JSON instances not an array", "application/json", "{\"instances\": {\"island\": \"Dream\"}}", null,
            "instances", ""),
        refused("JSON duplicate field", "application/json", "{\"island\":\"Dream\",\"island\":\"Biscoe\"}", null,
            "island", "twice"),
        refused("JSON trailing content", "application/json", FIRST_JSON + " {}", null, null, "after the JSON value"),
        refused("JSON Lines two records on a line", "application/jsonlines", FIRST_JSON + " " + FIRST_JSON, 0, null,
            "one JSON record per line"),
        refused("JSON boolean value", "application/json", "[{\"island\":\"Dream\"},{\"sex\":true}]", 1, "sex",
            "wrong type").withValue("true"),
        refused("JSON Lines boolean value", "application/jsonlines", FIRST_JSON + "\n{\"year\": false}", 1, "year",
            "wrong type").withValue("false"));
  }

  /** One refused body; {@code value}: the raw value the error must carry, {@code null} when not checked. */
  record Refused(String why, String contentType, String body, Integer record, String field, String reason,
      String value) {
    Refused withValue(String raw) {
      return new Refused(why, contentType, body, record, field, reason, raw);
    }

    @Override
    public String toString() {
      return why;
    }
  }

  private static Refused refused(String why, String contentType, String body, Integer record, String field,
      String reason) {
    return new Refused(why, contentType, body, record, field, reason, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedBodies")
  void decode_refusedBody_namesRecordFieldAndReason(Refused c) {
    RecordFormatException e = formatError(c.contentType(), c.body());
    if (c.record() != null) {
      assertThat(e.record()).isEqualTo(c.record());
    }
    if (c.field() != null) {
      assertThat(e.field()).isEqualTo(c.field());
    }
    if (c.value() != null) {
      assertThat(e.value()).isEqualTo(c.value());
    }
    assertThat(e.reason()).contains(c.reason());
  }

  // ------------------------------------------------------------ construction

  @Test
  void constructor_duplicateFeature_throwsNamingIt() {
    assertThatThrownBy(() -> new RecordDecoder(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' twice");
  }

  @Test
  void constructor_noFeature_throws() {
    assertThatThrownBy(() -> new RecordDecoder(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------ content types

  @Test
  void decode_unknownContentType_throwsUnsupported() {
    assertThatThrownBy(() -> decoder.decode("application/xml", utf8("<a/>")))
        .isInstanceOf(UnsupportedContentTypeException.class)
        .hasMessageContaining("application/xml");
  }

  @Test
  void decode_nullContentType_throwsUnsupported() {
    assertThatThrownBy(() -> decoder.decode(null, utf8("1,2")))
        .isInstanceOf(UnsupportedContentTypeException.class);
  }

  @Test
  void decode_contentTypeWithParametersAndCase_isTolerated() {
    // when
    List<String[]> records = decoder.decode("Application/JSON; charset=utf-8", utf8(FIRST_JSON));
    // then
    assertThat(records).containsExactly(FIRST_PENGUIN);
  }

  @Test
  void decode_blankBody_throwsEmptyBody() {
    for (String type : List.of("text/csv", "application/json", "application/jsonlines")) {
      RecordFormatException e = formatError(type, " \r\n ");
      assertThat(e.record()).isEqualTo(-1);
      assertThat(e.reason()).contains("empty");
    }
  }

  // ------------------------------------------------------------ CSV

  @Test
  void decode_csvRows_givesValuesInOrder() {
    // given
    String body = "Torgersen,39.1,18.7,181,3750,male,2007\nBiscoe,,,,,,\n";
    // when
    List<String[]> records = decoder.decode("text/csv", utf8(body));
    // then
    assertThat(records).hasSize(2);
    assertThat(records.get(0)).containsExactly(FIRST_PENGUIN);
    assertThat(records.get(1)).containsExactly("Biscoe", null, null, null, null, null, null);
  }

  @Test
  void decode_csvHeaderRow_isSkipped() {
    // given
    String body = String.join(",", FEATURES) + "\r\nTorgersen,39.1,18.7,181,3750,male,2007\r\n";
    // when
    List<String[]> records = decoder.decode("text/csv", utf8(body));
    // then
    assertThat(records).containsExactly(FIRST_PENGUIN);
  }

  @Test
  void decode_csvQuotedValues_unquotesAndKeepsCommas() {
    // given
    String body = "\"Torg, \"\"ersen\"\"\",39.1,18.7,181,3750,\"\",NA";
    // when
    String[] record = decoder.decode("text/csv", utf8(body)).get(0);
    // then: a quoted empty string is a value, not a missing cell; NA stays raw for the predictor
    assertThat(record).containsExactly("Torg, \"ersen\"", "39.1", "18.7", "181", "3750", "", "NA");
  }

  @Test
  void decode_csvWrongColumnCount_namesRecordAndRow() {
    // when
    RecordFormatException e =
        formatError("text/csv", "Torgersen,39.1,18.7,181,3750,male,2007\nAdelie,Torgersen,39.1,18.7,181,3750,male,2007\n");
    // then
    assertThat(e.record()).isEqualTo(1);
    assertThat(e.value()).isEqualTo("Adelie,Torgersen,39.1,18.7,181,3750,male,2007");
    assertThat(e.reason()).contains("expected 7 columns").contains("found 8");
  }

  @Test
  void decodeDetailed_csv_hasCsvLayoutAndNoExtraFields() {
    DecodedRecords d = decoder.decodeDetailed("text/csv", utf8("Torgersen,39.1,18.7,181,3750,male,2007"));
    assertThat(d.layout()).isEqualTo(DecodedRecords.Layout.CSV);
    assertThat(d.extraFields()).isEmpty();
  }

  // ------------------------------------------------------------ JSON

  @Test
  void decodeDetailed_jsonObject_isSingleRecord() {
    // when
    DecodedRecords d = decoder.decodeDetailed("application/json", utf8(FIRST_JSON));
    // then
    assertThat(d.layout()).isEqualTo(DecodedRecords.Layout.JSON_OBJECT);
    assertThat(d.layout().single()).isTrue();
    assertThat(d.records()).containsExactly(FIRST_PENGUIN);
  }

  @Test
  void decodeDetailed_jsonArrayOfObjects_keepsOrderAndNumberText() {
    // given: numbers keep their written form (1.50e1 is not rewritten to 15.0)
    String body = "[" + FIRST_JSON + ", {\"sex\":null, \"bill_length_mm\": 1.50e1, \"island\":\"Dream\"}]";
    // when
    DecodedRecords d = decoder.decodeDetailed("application/json", utf8(body));
    // then
    assertThat(d.layout()).isEqualTo(DecodedRecords.Layout.JSON_ARRAY);
    assertThat(d.layout().single()).isFalse();
    assertThat(d.records()).hasSize(2);
    assertThat(d.records().get(1)).containsExactly("Dream", "1.50e1", null, null, null, null, null);
  }

  @Test
  void decodeDetailed_jsonInstancesOfObjectsAndArrays_decodesBoth() {
    // given
    String body =
        "{\"instances\": [" + FIRST_JSON + ", [\"Biscoe\", 50, 15, 220, 5000, \"female\", null]], \"options\": {\"x\": 1}}";
    // when
    DecodedRecords d = decoder.decodeDetailed("application/json", utf8(body));
    // then
    assertThat(d.layout()).isEqualTo(DecodedRecords.Layout.JSON_INSTANCES);
    assertThat(d.records().get(0)).containsExactly(FIRST_PENGUIN);
    assertThat(d.records().get(1)).containsExactly("Biscoe", "50", "15", "220", "5000", "female", null);
  }

  @Test
  void decodeDetailed_jsonExtraFields_ignoredAndReported() {
    // given
    String body = "[{\"island\":\"Dream\",\"species\":\"Adelie\",\"meta\":{\"a\":[1,2]}},{\"tag\":true,\"species\":\"x\"}]";
    // when
    DecodedRecords d = decoder.decodeDetailed("application/json", utf8(body));
    // then
    assertThat(d.extraFields()).containsExactly("species", "meta", "tag");
    assertThat(d.records().get(0)).containsExactly("Dream", null, null, null, null, null, null);
  }

  @Test
  void decode_jsonTruncated_throwsMalformed() {
    RecordFormatException e = formatError("application/json", "[" + FIRST_JSON);
    assertThat(e.reason()).contains("end-of-input").doesNotContain("Source");
  }

  @Test
  void decode_jsonScalarTopLevel_throwsShape() {
    RecordFormatException e = formatError("application/json", "42");
    assertThat(e.record()).isEqualTo(-1);
    assertThat(e.value()).isEqualTo("42");
    assertThat(e.reason()).contains("must be an object");
  }

  @Test
  void decode_jsonArrayRecordWrongLength_throws() {
    RecordFormatException e = formatError("application/json", "{\"instances\": [[\"Dream\", 1]]}");
    assertThat(e.record()).isZero();
    assertThat(e.reason()).contains("must hold 7 values").contains("found 2");
    RecordFormatException longer = formatError("application/json", "[[1,2,3,4,5,6,7,8]]");
    assertThat(longer.reason()).contains("found more");
  }

  @Test
  void decode_jsonInvalidUtf8_throwsFormatError() {
    // given: 0xFF can never appear in UTF-8
    byte[] body = {'{', '"', 'i', 's', 'l', 'a', 'n', 'd', '"', ':', '"', (byte) 0xFF, '"', '}'};
    // when / then
    assertThatThrownBy(() -> decoder.decode("application/json", body)).isInstanceOf(RecordFormatException.class);
  }

  @Test
  void decode_hugeValue_isTruncatedInError() {
    String big = "x".repeat(10_000);
    RecordFormatException e = formatError("application/json", "{\"sex\": [\"" + big + "\"], \"island\": 1}");
    assertThat(e.value().length()).isLessThanOrEqualTo(RecordFormatException.MAX_VALUE_CHARS + 3);
    RecordFormatException csv = formatError("text/csv", big + ",\"");
    assertThat(csv.value().length()).isLessThanOrEqualTo(RecordFormatException.MAX_VALUE_CHARS + 3);
    assertThat(csv.getMessage().length()).isLessThan(1000);
  }

  // ------------------------------------------------------------ JSON Lines

  @Test
  void decodeDetailed_jsonLines_oneRecordPerLineBlankLinesSkipped() {
    // given
    String body = FIRST_JSON + "\n\n[\"Biscoe\",50,15,220,5000,\"female\",2008]\r\n{\"island\":\"Dream\",\"x\":1}\n";
    // when
    DecodedRecords d = decoder.decodeDetailed("application/jsonlines", utf8(body));
    // then
    assertThat(d.layout()).isEqualTo(DecodedRecords.Layout.JSON_LINES);
    assertThat(d.records()).hasSize(3);
    assertThat(d.records().get(0)).containsExactly(FIRST_PENGUIN);
    assertThat(d.records().get(1)).containsExactly("Biscoe", "50", "15", "220", "5000", "female", "2008");
    assertThat(d.records().get(2)[0]).isEqualTo("Dream");
    assertThat(d.extraFields()).containsExactly("x");
  }

  @Test
  void decode_jsonLinesMalformedLine_namesRecord() {
    RecordFormatException e = formatError("application/jsonlines", FIRST_JSON + "\n\n{\"island\": }\n");
    assertThat(e.record()).isEqualTo(1);
    // the body's line 3 (after a blank one), at the '}' where a value was expected
    assertThat(e.reason()).startsWith("malformed JSON Lines at line 3 column 12: ");
    assertThat(e.getMessage()).startsWith("record 1: field 'island': malformed JSON Lines at line 3");
  }

  @Test
  void recordFormatException_message_namesRecordFieldAndValue() {
    RecordFormatException e = new RecordFormatException(3, "sex", "true", "wrong type");
    assertThat(e.getMessage()).isEqualTo("record 3: field 'sex' value 'true': wrong type");
    assertThat(new RecordFormatException(-1, null, null, "the body is empty").getMessage()).isEqualTo("the body is empty");
  }

  @Test
  void recordFormatException_recordOnlyOrFieldOnly_oneColonEach() {
    // a record without field or value once gave "record 1:: malformed JSON"
    assertThat(new RecordFormatException(1, null, null, "malformed JSON").getMessage())
        .isEqualTo("record 1: malformed JSON");
    assertThat(new RecordFormatException(-1, "sex", null, "the field appears twice").getMessage())
        .isEqualTo("field 'sex': the field appears twice");
    assertThat(new RecordFormatException(2, null, "x,y", "expected 7 columns, found 2").getMessage())
        .isEqualTo("record 2: value 'x,y': expected 7 columns, found 2");
  }
}
