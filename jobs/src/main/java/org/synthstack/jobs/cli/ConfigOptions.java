package org.synthstack.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.synthstack.jobs.Redaction;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE} for every command, implemented once: Java properties files supply the values of options that
 * are not on the command line, and Spark settings. The option is repeatable ({@code --config conf/jobs/s3a.properties
 * --config conf/jobs/nightly.properties}); a later file wins.
 *
 * <ul>
 *   <li>{@code programs = 20000} sets {@code --programs} of every command that has it; {@code render.programs = 20000}
 *       only that of {@code render} (a sub-command is {@code bench.render}) and wins over the unscoped key.
 *   <li>{@code spark.*} keys are Spark settings ({@code spark.hadoop.*} reach Hadoop, s3a included); the command's
 *       {@code --conf} wins over them, and they win over spark-submit's settings and {@code spark-defaults.conf}.
 *   <li>A key that no command knows is an error (exit 2), so a typo never goes unnoticed.
 * </ul>
 *
 * Precedence, highest first: the command line, the scoped key, the unscoped key, the option's default. The command
 * prints its effective configuration, with where each value came from, to standard error at start; secrets are
 * redacted ({@link Redaction}). Credentials never belong in a config file: s3a takes them from the AWS default
 * provider chain (environment, instance or pod identity).
 *
 * <p>The values are supplied through a picocli default-value provider that this mixin installs on the command that
 * includes it; picocli consults it after parsing, for options not given on the command line, so {@code --config}
 * may appear anywhere.
 */
public class ConfigOptions {
  private CommandSpec mixee;
  private final List<Path> configFiles = new ArrayList<>();
  private final Map<String, String> config = new LinkedHashMap<>();
  private final Set<String> suppliedByConfig = new HashSet<>();
  private boolean printed;

  @Option(names = "--config", paramLabel = "FILE", description = "A job config file (Java properties): option values "
      + "by name (programs = 20000, or render.programs = 20000 for one command) and Spark settings (spark.*). "
      + "Repeatable; a later file wins. Options on the command line override them.")
  void setConfigs(List<Path> files) {
    // Picocli hands a multi-value setter the whole list so far on every occurrence: read only the new files.
    if (files == null) {
      return;
    }
    for (Path file : files.subList(Math.min(configFiles.size(), files.size()), files.size())) {
      addConfig(file);
    }
  }

  private void addConfig(Path file) {
    Properties p = new Properties();
    try (Reader in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new ParameterException(mixee.commandLine(), "--config " + file + ": cannot read it (" + e + ")");
    }
    for (String key : new TreeMap<>(toMap(p)).keySet()) {
      String k = key.trim();
      checkKnown(file, k);
      config.put(k, p.getProperty(key).trim());
    }
    configFiles.add(file);
  }

  @Spec(Spec.Target.MIXEE)
  void setMixee(CommandSpec spec) {
    this.mixee = spec;
    spec.defaultValueProvider(this::defaultValue);
  }

  /** The config files, in the order given. */
  public List<Path> configFiles() {
    return List.copyOf(configFiles);
  }

  /** The Spark settings of the config file ({@code spark.*}), by key. */
  public Map<String, String> sparkSettings() {
    Map<String, String> spark = new LinkedHashMap<>();
    config.forEach((k, v) -> {
      if (k.startsWith("spark.")) {
        spark.put(k, v);
      }
    });
    return spark;
  }

  /**
   * The command's options after parsing, by long name, as text (secrets redacted), with their source; help options
   * and {@code --config} itself are left out. Used for the start-up print and the nightly manifest.
   */
  public Map<String, String> effectiveOptions() {
    Map<String, String> values = new TreeMap<>();
    for (OptionSpec o : mixee.options()) {
      if (skipped(o)) {
        continue;
      }
      values.put(o.longestName(), render(o));
    }
    return values;
  }

  /** Prints the effective options, with their sources, to the command's standard error; once per command. */
  public void printEffectiveConfig() {
    printEffectiveConfig(Map.of());
  }

  /** As {@link #printEffectiveConfig()}, followed by Spark's settings. */
  void printEffectiveConfig(Map<String, String> sparkConf) {
    if (printed) {
      return;
    }
    printed = true;
    PrintWriter err = mixee.commandLine().getErr();
    StringBuilder files = new StringBuilder();
    for (int i = configFiles.size() - 1; i >= 0; i--) {
      files.append("--config ").append(configFiles.get(i)).append(" > ");
    }
    err.printf("%s: effective config (command line > %sdefaults; secrets redacted)%n", mixee.qualifiedName(), files);
    for (OptionSpec o : mixee.options()) {
      if (skipped(o)) {
        continue;
      }
      err.printf("  %s = %s  [%s]%n", o.longestName(), render(o), source(o));
    }
    new TreeMap<>(sparkConf).forEach((k, v) -> err.printf("  %s = %s%n", k, Redaction.value(k, v)));
    err.flush();
  }

  private String source(OptionSpec o) {
    if (mixee.commandLine().getParseResult() != null && mixee.commandLine().getParseResult().hasMatchedOption(o)) {
      return "command line";
    }
    return suppliedByConfig.contains(o.longestName()) ? "config" : "default";
  }

  private static boolean skipped(OptionSpec o) {
    return o.usageHelp() || o.versionHelp() || o.longestName().equals("--config");
  }

  private static String render(OptionSpec o) {
    Object value = o.getValue();
    String name = o.longestName();
    if (value instanceof Map<?, ?> map) {
      Map<String, String> shown = new TreeMap<>();
      map.forEach((k, v) -> shown.put(String.valueOf(k), Redaction.value(String.valueOf(k), String.valueOf(v))));
      return shown.toString();
    }
    if (value instanceof Collection<?> c) {
      List<String> shown = new ArrayList<>();
      c.forEach(v -> shown.add(Redaction.value(name, String.valueOf(v))));
      return String.join(",", shown);
    }
    return Redaction.value(name, value == null ? "" : String.valueOf(value));
  }

  /** Picocli asks for every option the command line did not give. */
  private String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || config.isEmpty() || skipped(o)) {
      return null;
    }
    String name = bare(o.longestName());
    String value = config.get(scope(mixee) + "." + name);
    if (value == null) {
      value = config.get(name);
    }
    if (value != null) {
      suppliedByConfig.add(o.longestName());
    }
    return value;
  }

  /** Rejects keys that no command of the whole command line knows. */
  private void checkKnown(Path file, String key) {
    if (key.startsWith("spark.")) {
      return;
    }
    Map<String, Set<String>> optionsByScope = new TreeMap<>();
    collect(mixee.root(), optionsByScope);
    Set<String> all = new HashSet<>();
    optionsByScope.values().forEach(all::addAll);
    if (all.contains(key) && !key.equals("config")) {
      return;
    }
    for (Map.Entry<String, Set<String>> e : optionsByScope.entrySet()) {
      if (key.startsWith(e.getKey() + ".") && e.getValue().contains(key.substring(e.getKey().length() + 1))) {
        return;
      }
    }
    throw new ParameterException(mixee.commandLine(), "--config " + file + ": unknown key '" + key + "': expected "
        + "an option name without dashes (e.g. programs), one scoped to a command (e.g. render.programs) or a Spark "
        + "setting (spark.*)");
  }

  private static void collect(CommandSpec spec, Map<String, Set<String>> out) {
    Set<String> names = new HashSet<>();
    for (OptionSpec o : spec.options()) {
      if (!skipped(o)) {
        names.add(bare(o.longestName()));
      }
    }
    if (spec.parent() != null) {
      out.put(scope(spec), names);
    }
    for (picocli.CommandLine sub : spec.subcommands().values()) {
      collect(sub.getCommandSpec(), out);
    }
  }

  /** {@code render}, or {@code bench.render} for a sub-command. */
  private static String scope(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (CommandSpec s = spec; s != null && s.parent() != null; s = s.parent()) {
      names.add(0, s.name());
    }
    return String.join(".", names);
  }

  private static String bare(String longName) {
    return longName.replaceFirst("^-+", "");
  }

  private static Map<String, String> toMap(Properties p) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k));
    }
    return m;
  }
}
