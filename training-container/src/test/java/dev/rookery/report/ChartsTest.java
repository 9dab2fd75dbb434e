package dev.rookery.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each chart parsed as XML with the JDK's parser (so a malformed or unescaped chart fails here),
 * then its marks checked by XPath: how many, their text, their positions.
 */
class ChartsTest {
  private static final String HOSTILE = "</svg><script>alert('x')</script>&\"";

  @Test
  void heatmap_confusionMatrix_oneCellPerCountTextIsTheCountColourIsTheRowShare() throws Exception {
    // given 3 classes, one with markup in its name
    List<String> labels = List.of("Adelie", "Chinstrap", HOSTILE);
    long[][] counts = {{9, 1, 0}, {0, 5, 0}, {2, 0, 8}};

    // when
    Document svg = parse(Charts.heatmap("Confusion matrix", labels, labels, counts));

    // then
    List<Element> cells = select(svg, "//rect[@class='cell']");
    assertThat(cells).hasSize(9);
    assertThat(select(svg, "//rect")).hasSize(9);
    assertThat(texts(svg, "//text[@class='cell-value']")).containsExactly("9", "1", "0", "0", "5", "0", "2", "0", "8");
    assertThat(cells.get(0).getAttribute("fill")).isEqualTo(Charts.blues(0.9));
    assertThat(cells.get(4).getAttribute("fill")).isEqualTo(Charts.blues(1.0)).isEqualTo("#08306b");
    assertThat(cells.get(2).getAttribute("fill")).isEqualTo("#f7fbff");
    assertThat(cells.get(6).getAttribute("fill")).isEqualTo(Charts.blues(0.2));
    assertThat(text(cells.get(7), "title")).isEqualTo("actual " + HOSTILE + ", predicted Chinstrap: 0 (0.0% of " + HOSTILE + ")");
    assertThat(texts(svg, "//text[@class='tick-y']")).containsExactly("Adelie", "Chinstrap", HOSTILE.substring(0, 17) + "…");
    assertThat(select(svg, "//script")).isEmpty();
    assertThat(svg.getDocumentElement().getAttribute("class")).isEqualTo("chart chart-heatmap");
    assertThat(text(svg.getDocumentElement(), "title")).isEqualTo("Confusion matrix");
  }

  @Test
  void heatmap_rowOfTheWrongLength_failsNamingTheRow() {
    assertThatThrownBy(() -> Charts.heatmap("m", List.of("a", "b"), List.of("a", "b"), new long[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 (b) has 1 counts for 2 column labels");
  }

  @Test
  void groupedBars_perClassMetrics_oneBarPerFiniteValueHeightOnTheFixedAxis() throws Exception {
    // given precision / recall per class, one recall unknown, one value above the axis
    LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
    series.put("precision", new double[] {1.0, 0.5, 1.5});
    series.put("recall", new double[] {0.0, Double.NaN, 0.25});

    // when
    Document svg = parse(Charts.groupedBars("Per class", List.of("Adelie", "Gentoo", "<b>"), series, 0, 1));

    // then
    List<Element> bars = select(svg, "//rect[@class='bar']");
    assertThat(bars).hasSize(5);
    assertThat(bars).extracting(b -> b.getAttribute("data-series"))
        .containsExactly("precision", "recall", "precision", "precision", "recall");
    double full = height(bars.get(0));
    assertThat(full).isEqualTo(180);
    assertThat(height(bars.get(1))).isZero();
    assertThat(height(bars.get(2))).isEqualTo(full / 2);
    assertThat(height(bars.get(3))).as("clamped to the axis").isEqualTo(full);
    assertThat(text(bars.get(3), "title")).isEqualTo("<b>, precision: 1.5");
    assertThat(height(bars.get(4))).isEqualTo(full / 4);
    assertThat(texts(svg, "//text[@class='tick-y']")).containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1");
    assertThat(texts(svg, "//text[@class='tick-x']")).containsExactly("Adelie", "Gentoo", "<b>");
    assertThat(texts(svg, "//text[@class='legend']")).containsExactly("precision", "recall");
  }

  @Test
  void bars_gate_valuesWrittenAndThresholdLine() throws Exception {
    // when
    Document svg = parse(Charts.bars("Gate", List.of("this run", "approved v3"), new double[] {0.9412, 0.95},
        0, 1, OptionalDouble.of(0.9), "threshold"));

    // then
    assertThat(select(svg, "//rect[@class='bar']")).hasSize(2);
    assertThat(texts(svg, "//text[@class='bar-value']")).containsExactly("0.9412", "0.95");
    Element threshold = select(svg, "//line[@class='threshold']").get(0);
    Element bar = select(svg, "//rect[@class='bar']").get(1);
    double barBottom = Double.parseDouble(bar.getAttribute("y")) + height(bar);
    assertThat(barBottom - Double.parseDouble(threshold.getAttribute("y1"))).isCloseTo(0.9 * 180, org.assertj.core.data.Offset.offset(0.1));
    assertThat(texts(svg, "//text[@class='threshold-label']")).containsExactly("threshold 0.9");
  }

  @Test
  void line_nanIsAGap_andTheAxisSpansTheValuesAndTheThreshold() throws Exception {
    // given accuracy per run with two missing runs, and a threshold under every value
    List<String> runs = List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7");
    LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
    series.put("test accuracy", new double[] {0.91, 0.92, Double.NaN, 0.95, 0.96, Double.NaN, 0.97});

    // when
    Document svg = parse(Charts.line("Accuracy", runs, series, OptionalDouble.of(0.85), "gate"));

    // then two unbroken runs (r1-r2, r4-r5); r7 alone is a point only
    List<Element> lines = select(svg, "//polyline[@class='series']");
    assertThat(lines).hasSize(2);
    assertThat(lines).allSatisfy(l -> assertThat(l.getAttribute("points").split(" ")).hasSize(2));
    assertThat(select(svg, "//circle[@class='point']")).hasSize(5);
    assertThat(texts(svg, "//circle/title")).contains("test accuracy, r7: 0.97");
    List<Double> ticks = texts(svg, "//text[@class='tick-y']").stream().map(Double::parseDouble).toList();
    assertThat(ticks.get(0)).isLessThanOrEqualTo(0.85);
    assertThat(ticks.get(ticks.size() - 1)).isGreaterThanOrEqualTo(0.97).isLessThan(1.01);
    assertThat(select(svg, "//line[@class='threshold']")).hasSize(1);
    assertThat(texts(svg, "//text[@class='threshold-label']")).containsExactly("gate 0.85");
    assertThat(texts(svg, "//text[@class='tick-x']")).containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7");
  }

  @Test
  void scatter_logX_pointsEvenlySpacedPerDecadeAndTheChosenOneHighlighted() throws Exception {
    // when
    Document svg = parse(Charts.scatter("Trials", "l2", new double[] {0.001, 0.01, 0.1, 1, Double.NaN},
        "validation accuracy", new double[] {0.8, 0.9, 0.95, 0.7, 0.99}, true, 2));

    // then
    List<Element> points = select(svg, "//circle");
    assertThat(points).hasSize(4);
    List<Element> highlighted = select(svg, "//circle[@class='point highlight']");
    assertThat(highlighted).hasSize(1);
    assertThat(text(highlighted.get(0), "title")).isEqualTo("#2 (chosen): l2 = 0.1, validation accuracy = 0.95");
    List<Double> cx = new ArrayList<>();
    for (String tooltip : List.of("#0:", "#1:", "#2 (chosen):", "#3:")) {
      cx.add(points.stream().filter(p -> text(p, "title").startsWith(tooltip))
          .map(p -> Double.parseDouble(p.getAttribute("cx"))).findFirst().orElseThrow());
    }
    assertThat(cx.get(1) - cx.get(0)).isCloseTo(cx.get(3) - cx.get(2), org.assertj.core.data.Offset.offset(0.2));
    assertThat(texts(svg, "//text[@class='tick-x']")).containsExactly("0.001", "0.01", "0.1", "1");
    assertThat(texts(svg, "//text[@class='axis-title']")).containsExactly("validation accuracy", "l2");
  }

  @Test
  void scatter_nonPositiveXOnALogAxis_failsNamingTheValue() {
    assertThatThrownBy(() -> Charts.scatter("t", "learning_rate", new double[] {0.1, 0}, "acc", new double[] {1, 1}, true, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("learning_rate = 0.0 at point 1");
  }

  @Test
  void categoryScatter_algorithms_oneTickPerCategoryAndEveryPointDrawn() throws Exception {
    // when
    Document svg = parse(Charts.categoryScatter("Trials", "algorithm", List.of("logistic", "forest", "logistic", HOSTILE),
        "validation accuracy", new double[] {0.9, 0.95, 0.92, 0.5}, 1));

    // then
    assertThat(texts(svg, "//text[@class='tick-x']")).hasSize(3).startsWith("logistic", "forest");
    assertThat(select(svg, "//circle")).hasSize(4);
    assertThat(select(svg, "//circle[@class='point highlight']/title").get(0).getTextContent())
        .isEqualTo("#1 (chosen): algorithm = forest, validation accuracy = 0.95");
    List<Element> logistic = select(svg, "//circle[contains(title, 'logistic')]");
    assertThat(logistic.get(0).getAttribute("cx")).isNotEqualTo(logistic.get(1).getAttribute("cx"));
    assertThat(select(svg, "//script")).isEmpty();
  }

  @Test
  void everyChart_hostileLabels_parseAsOneSvgWithTheLabelAsText() throws Exception {
    LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
    series.put(HOSTILE, new double[] {0.5});
    for (String chart : List.of(
        Charts.groupedBars(HOSTILE, List.of(HOSTILE), series, 0, 1),
        Charts.line(HOSTILE, List.of(HOSTILE), series, OptionalDouble.of(0.4), HOSTILE),
        Charts.scatter(HOSTILE, HOSTILE, new double[] {1}, HOSTILE, new double[] {1}, false, 0))) {
      assertThat(chart).doesNotContain("<script");
      Document svg = parse(chart);
      assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
      assertThat(text(svg.getDocumentElement(), "title")).isEqualTo(HOSTILE);
      assertThat(select(svg, "//script")).isEmpty();
    }
  }

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> select(Document doc, String xpath) throws Exception {
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  static List<String> texts(Document doc, String xpath) throws Exception {
    return select(doc, xpath).stream().map(Element::getTextContent).toList();
  }

  private static String text(Element e, String child) {
    NodeList nodes = e.getElementsByTagName(child);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static double height(Element rect) {
    return Double.parseDouble(rect.getAttribute("height"));
  }
}
