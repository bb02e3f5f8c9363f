package org.synthstack.synth.search;

/** The search strategies compared at equal rendering budget. */
public enum SearchMethod {
  /** MAP-Elites: parents drawn uniformly from the archive's occupied cells. */
  MAP_ELITES("map-elites", "me", 0x4D4150454C495445L),
  /** A generational genetic algorithm with tournament selection and elitism. */
  GA("ga", "ga", 0x47454E4554494341L),
  /** The original's random search: programs 0, 1, 2, ... of the seed, as {@code render} and {@code generate} draw. */
  RANDOM("random", "rnd", 0x52414E444F4D2121L);

  private final String cliName;
  private final String shortName;
  private final long salt;

  SearchMethod(String cliName, String shortName, long salt) {
    this.cliName = cliName;
    this.shortName = shortName;
    this.salt = salt;
  }

  public String cliName() {
    return cliName;
  }

  /** Short tag in program ids. */
  public String shortName() {
    return shortName;
  }

  long salt() {
    return salt;
  }

  public static SearchMethod parse(String name) {
    for (SearchMethod m : values()) {
      if (m.cliName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + name + "'; expected map-elites, ga or random");
  }
}
