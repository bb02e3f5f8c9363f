package org.synthstack.jobs.caad;

/** The optimisers the caad experiments compare. */
public enum Method {
  /** Efficient global optimisation on a deterministic black box. */
  EGO("EGO"),
  /** Robust EGO: minimises an expected loss from single-instance losses. */
  REGO("REGO"),
  /** DIRECT (Jones et al. 1993). */
  DIRECT("DIRECT"),
  /** Locally biased DIRECT-L (Gablonsky and Kelley 2001). */
  DIRECT_L("DIRECT-L");

  private final String label;

  Method(String label) {
    this.label = label;
  }

  /** The name written in tables and Parquet rows. */
  public String label() {
    return label;
  }
}
