package org.synthstack.jobs.ml;

import java.util.Objects;

/**
 * Hands a uid to a Java subclass of a Spark ML class while the Scala superclass constructor runs.
 *
 * <p>Spark's shared params ({@code featuresCol}, {@code labelCol}, ...) are created by the Scala superclass
 * constructor as {@code new Param(this, ...)}, which reads {@code this.uid()} at once to record the param's owner.
 * A Scala class assigns its {@code uid} constructor field before calling its superclass constructor; Java cannot.
 * So the public {@code (String uid)} constructor delegates to a private one through {@code this(stash(uid), ...)}
 * (arguments are evaluated before the superclass constructor), and {@code uid()} answers from this thread-local
 * until the field is set. Without it every shared param would belong to "null" and Spark's ownership check would
 * reject it.
 */
final class PendingUid {
  private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

  private PendingUid() {}

  static String stash(String uid) {
    PENDING.set(Objects.requireNonNull(uid, "uid"));
    return uid;
  }

  static String pending() {
    return PENDING.get();
  }

  static void clear() {
    PENDING.remove();
  }
}
