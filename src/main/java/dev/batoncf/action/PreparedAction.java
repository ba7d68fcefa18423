package dev.batoncf.action;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.SecurityClient;
import java.util.Objects;

/**
 * An action whose arguments were accepted, not yet run.
 *
 * @param writes whether running it changes Cloudflare (then it needs provisioning)
 */
public record PreparedAction(String name, boolean writes, Step step) {

  /** The Cloudflare part of an action: its result, or a {@code CloudflareException}. */
  @FunctionalInterface
  public interface Step {
    JsonObject run(SecurityClient client);
  }

  public PreparedAction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(step, "step");
  }

  static PreparedAction read(String name, Step step) {
    return new PreparedAction(name, false, step);
  }

  static PreparedAction write(String name, Step step) {
    return new PreparedAction(name, true, step);
  }

  public JsonObject run(SecurityClient client) {
    return step.run(client);
  }
}
