package org.synthstack.jobs.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.synthstack.jobs.InputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a Hydrogen {@code drumkit.xml}: the kit's name and licence, and which instruments play which sample file.
 * Both the namespaced format (Hydrogen 0.9.7 and later, {@code http://www.hydrogen-music.org/drumkit}) and the older
 * one without a namespace are read; sample files are named in {@code <layer><filename>} elements or, in the oldest
 * kits, directly under {@code <instrument>}. The licence is in {@code <license>} or {@code <licence>}, whichever the
 * kit uses. No DTD or external entity is ever loaded.
 */
public final class DrumkitXml {
  /**
   * A parsed kit.
   *
   * @param name the kit's {@code <name>}
   * @param licence the kit's licence text, or empty
   * @param instrumentsByFile for each sample file (as written in the XML, relative to the kit folder), the names of
   *     the instruments that play it, in kit order, without repeats and without placeholder names (empty or only
   *     digits, which Hydrogen gives unused slots)
   */
  public record Kit(String name, String licence, Map<String, List<String>> instrumentsByFile) {}

  private DrumkitXml() {}

  /** Parses a {@code drumkit.xml}; {@code source} names it in error messages. */
  public static Kit parse(byte[] xml, String source) {
    Document doc;
    try {
      doc = builder().parse(new ByteArrayInputStream(xml));
    } catch (SAXException | IOException e) {
      throw new InputException(source + ": not a readable drumkit.xml (" + e.getMessage() + ")", e);
    }
    Element root = doc.getDocumentElement();
    if (!"drumkit_info".equals(localName(root))) {
      throw new InputException(source + ": root element is <" + localName(root) + ">, expected <drumkit_info>");
    }
    String name = childText(root, "name");
    String licence = childText(root, "license");
    if (licence.isEmpty()) {
      licence = childText(root, "licence");
    }
    Map<String, List<String>> byFile = new LinkedHashMap<>();
    for (Element instrument : descendants(root, "instrument")) {
      String instrumentName = childText(instrument, "name");
      for (Element filename : descendants(instrument, "filename")) {
        String file = filename.getTextContent().trim();
        if (file.startsWith("./")) {
          file = file.substring(2);
        }
        if (file.isEmpty()) {
          continue;
        }
        List<String> names = byFile.computeIfAbsent(file, f -> new ArrayList<>());
        if (isRealName(instrumentName) && !names.contains(instrumentName)) {
          names.add(instrumentName);
        }
      }
    }
    byFile.replaceAll((f, names) -> List.copyOf(names));
    return new Kit(name.isEmpty() ? source : name, licence, byFile);
  }

  /** Hydrogen names unused instrument slots with their number or leaves them empty. */
  private static boolean isRealName(String name) {
    return !name.isBlank() && !name.trim().matches("\\d+");
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }

  private static String localName(Node node) {
    return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
  }

  /** Text of the first direct child element called {@code name}, trimmed; empty if there is none. */
  private static String childText(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE && name.equals(localName(n))) {
        return n.getTextContent().trim();
      }
    }
    return "";
  }

  private static List<Element> descendants(Element parent, String name) {
    NodeList all = parent.getElementsByTagNameNS("*", name);
    List<Element> out = new ArrayList<>(all.getLength());
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }
}
