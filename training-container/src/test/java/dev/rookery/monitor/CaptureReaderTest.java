package dev.rookery.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rookery.ml.schema.Feature;
import dev.rookery.ml.schema.FeatureType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureReaderTest {
  @Test
  void csvLabels_quotedAndPlainLabelsWithCrLf_firstCellOfEveryLineUnquoted() {
    // given: the CSV answer of our server for labels that need RFC 4180 quoting
    WindowObserver observer = new WindowObserver(List.of(new Feature("x", FeatureType.NUMERIC)));

    // when
    CaptureReader.csvLabels("\"a,\"\"b\"\"\",0.5\r\nGentoo,0.8\n\n\"multi\nline\",0.1\n", observer::prediction);

    // then
    assertThat(observer.predictions()).isEqualTo(Map.of("a,\"b\"", 1L, "Gentoo", 1L, "multi\nline", 1L));
  }
}
