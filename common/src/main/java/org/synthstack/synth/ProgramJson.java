package org.synthstack.synth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Program JSON: the editable, complete description of a sound.
 *
 * <pre>{@code
 * {"submodules": [{"oscillator": "sine", "noise": false, "pitches": [65.41, 130.81],
 *   "attack": 0.1, "decay": 0.3, "sustain": 0.5, "release": 0.2, "start": 0.0, "length": 0.8,
 *   "amplitude": 0.8, "highPassHz": 40.0, "lowPassHz": 8000.0, "filterOrder": 8, "noiseSeed": 12345}]}
 * }</pre>
 *
 * <p>Reading is strict: unknown or duplicate fields, wrong types, NaN and out-of-range values are rejected with an
 * {@link InvalidProgramException} naming the field and its allowed range. {@code noiseSeed} may be omitted for a
 * submodule that is not a noise cloud.
 */
public final class ProgramJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      // Parsed so that the validator can name the field instead of failing on a bare token.
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> TOP_LEVEL_FIELDS = Set.of("submodules");
  private static final List<String> SUBMODULE_FIELDS = List.of("oscillator", "noise", "pitches", "attack", "decay",
      "sustain", "release", "start", "length", "amplitude", "highPassHz", "lowPassHz", "filterOrder", "noiseSeed");

  private ProgramJson() {}

  /** Parses and validates a program. */
  public static Program parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new InvalidProgramException("", "not valid JSON" + where + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidProgramException("", "expected a JSON object with a \"submodules\" array");
    }
    rejectUnknown("", root, TOP_LEVEL_FIELDS);
    JsonNode stack = root.get("submodules");
    if (stack == null || !stack.isArray()) {
      throw new InvalidProgramException("submodules", "missing; expected an array of 1.." + SynthLimits.MAX_STACK_SIZE
          + " submodule objects");
    }
    if (stack.isEmpty()) {
      throw new InvalidProgramException("submodules", "empty stack; expected 1.." + SynthLimits.MAX_STACK_SIZE
          + " submodules");
    }
    List<Submodule> submodules = new ArrayList<>(stack.size());
    for (int i = 0; i < stack.size(); i++) {
      submodules.add(readSubmodule("submodules[" + i + "]", stack.get(i)));
    }
    return new Program(submodules);
  }

  /** Compact single-line JSON, as stored in Parquet. */
  public static String toJson(Program program) {
    return write(MAPPER, program);
  }

  /** Indented JSON, for files a sound designer edits. */
  public static String toPrettyJson(Program program) {
    return write(PRETTY, program) + "\n";
  }

  private static String write(ObjectMapper mapper, Program program) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode stack = root.putArray("submodules");
    for (Submodule s : program.submodules()) {
      ObjectNode o = stack.addObject();
      o.put("oscillator", s.oscillator().jsonName());
      o.put("noise", s.noise());
      ArrayNode pitches = o.putArray("pitches");
      for (int i = 0; i < s.pitchCount(); i++) {
        pitches.add(s.pitch(i));
      }
      o.put("attack", s.attack());
      o.put("decay", s.decay());
      o.put("sustain", s.sustain());
      o.put("release", s.release());
      o.put("start", s.start());
      o.put("length", s.length());
      o.put("amplitude", s.amplitude());
      o.put("highPassHz", s.highPassHz());
      o.put("lowPassHz", s.lowPassHz());
      o.put("filterOrder", s.filterOrder());
      o.put("noiseSeed", s.noiseSeed());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serialising a program tree cannot fail", e);
    }
  }

  private static Submodule readSubmodule(String path, JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidProgramException(path, "expected a submodule object");
    }
    rejectUnknown(path + ".", node, Set.copyOf(SUBMODULE_FIELDS));
    String oscName = text(path, node, "oscillator");
    Oscillator oscillator = Oscillator.fromJsonName(oscName);
    if (oscillator == null) {
      throw new InvalidProgramException(path + ".oscillator", "unknown oscillator \"" + oscName
          + "\"; expected one of sine, square, saw");
    }
    boolean noise = bool(path, node, "noise");
    JsonNode pitchNode = required(path, node, "pitches");
    if (!pitchNode.isArray()) {
      throw new InvalidProgramException(path + ".pitches", "expected an array of 1.." + SynthLimits.MAX_PITCHES
          + " frequencies in Hz");
    }
    double[] pitches = new double[pitchNode.size()];
    for (int i = 0; i < pitches.length; i++) {
      pitches[i] = number(path + ".pitches[" + i + "]", pitchNode.get(i));
    }
    JsonNode seedNode = node.get("noiseSeed");
    long noiseSeed = 0;
    if (seedNode != null) {
      if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
        throw new InvalidProgramException(path + ".noiseSeed", "expected an integer (a 64-bit seed), got " + seedNode);
      }
      noiseSeed = seedNode.longValue();
    } else if (noise) {
      throw new InvalidProgramException(path + ".noiseSeed", "missing; a noise cloud needs its 64-bit integer seed");
    }
    JsonNode orderNode = required(path, node, "filterOrder");
    if (!orderNode.isIntegralNumber() || !orderNode.canConvertToInt()) {
      throw new InvalidProgramException(path + ".filterOrder", "expected 4, 8 or 16, got " + orderNode);
    }
    return Submodule.validated(path, oscillator, noise, pitches,
        number(path, node, "attack"),
        number(path, node, "decay"),
        number(path, node, "sustain"),
        number(path, node, "release"),
        number(path, node, "start"),
        number(path, node, "length"),
        number(path, node, "amplitude"),
        number(path, node, "highPassHz"),
        number(path, node, "lowPassHz"),
        orderNode.intValue(),
        noiseSeed);
  }

  private static void rejectUnknown(String prefix, JsonNode node, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidProgramException(prefix + name, "unknown field; expected only "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private static JsonNode required(String path, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidProgramException(path + "." + field, "missing");
    }
    return v;
  }

  private static double number(String path, JsonNode node, String field) {
    return number(path + "." + field, required(path, node, field));
  }

  private static double number(String field, JsonNode v) {
    if (v == null || !v.isNumber()) {
      throw new InvalidProgramException(field, "expected a number, got " + v);
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      throw new InvalidProgramException(field, d + " is not a finite number");
    }
    return d;
  }

  private static String text(String path, JsonNode node, String field) {
    JsonNode v = required(path, node, field);
    if (!v.isTextual()) {
      throw new InvalidProgramException(path + "." + field, "expected a string (sine, square or saw), got " + v);
    }
    return v.textValue();
  }

  private static boolean bool(String path, JsonNode node, String field) {
    JsonNode v = required(path, node, field);
    if (!v.isBoolean()) {
      throw new InvalidProgramException(path + "." + field, "expected true or false, got " + v);
    }
    return v.booleanValue();
  }
}
