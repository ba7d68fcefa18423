package dev.batoncf.simulator;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account role. Permissions are kept as the keys granted read and write (keys from {@link
 * Wire#PERMISSION_KEYS}); the roles endpoints render them as the object shape, or as the legacy
 * string array ({@code ["#zones:read", "#zones:edit"]}) when {@code legacyShape} is set, because
 * the real API has returned both. Member role entries always use the object shape.
 */
public record SimRole(
    String id,
    String name,
    String description,
    Set<String> read,
    Set<String> write,
    boolean legacyShape) {

  public SimRole {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    write = Set.copyOf(write);
    TreeSet<String> r = new TreeSet<>(read);
    r.addAll(write); // write implies read
    read = Set.copyOf(r);
  }
}
