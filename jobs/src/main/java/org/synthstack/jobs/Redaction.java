package org.synthstack.jobs;

import java.util.regex.Pattern;

/**
 * Hides secrets in anything printed or written about a configuration: the effective config every command prints at
 * start, and the nightly manifest. A setting is secret when its name contains secret, password, passwd, token, key
 * or credential (so {@code fs.s3a.access.key}, {@code fs.s3a.secret.key}, {@code fs.s3a.session.token} and
 * {@code fs.s3a.encryption.key} are hidden), except a credentials provider's name
 * ({@code fs.s3a.aws.credentials.provider} names a class, not a secret). Independently of the name, user information in a URI
 * ({@code s3a://id:secret@bucket/}) is hidden too.
 */
public final class Redaction {
  public static final String REDACTED = "*********(redacted)";
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i)secret|password|passwd|token|key|credential(?!s?[._-]?provider)");
  private static final Pattern URI_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  private Redaction() {}

  /** Whether a setting called {@code name} holds a secret. */
  public static boolean isSecret(String name) {
    return SECRET_NAME.matcher(name).find();
  }

  /** The value to show for setting {@code name}. */
  public static String value(String name, String value) {
    if (value == null) {
      return null;
    }
    if (isSecret(name)) {
      return REDACTED;
    }
    return URI_USER_INFO.matcher(value).replaceAll(REDACTED + "@");
  }
}
