package dev.rookery.testutils;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads a chart's {@code <svg>} as XML with the JDK's parser (so a chart with unescaped text or an
 * unclosed element fails to parse) and selects its marks by XPath. Element names are used without
 * namespace ({@code //rect[@class='cell']}).
 */
public final class SvgXml {
  private SvgXml() {}

  /** Parses one {@code <svg>} element (no DOCTYPE allowed). */
  public static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** The elements {@code xpath} selects, in document order. */
  public static List<Element> select(Document doc, String xpath) throws Exception {
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  /** The text of the elements {@code xpath} selects, in document order. */
  public static List<String> texts(Document doc, String xpath) throws Exception {
    return select(doc, xpath).stream().map(Element::getTextContent).toList();
  }

  /** The text of {@code e}'s first descendant named {@code child}, or {@code null}. */
  public static String childText(Element e, String child) {
    NodeList nodes = e.getElementsByTagName(child);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }
}
