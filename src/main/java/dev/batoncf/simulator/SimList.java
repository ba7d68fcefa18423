package dev.batoncf.simulator;

import java.util.List;
import java.util.Objects;

/**
 * A Zero Trust (gateway) list: type EMAIL lists back {@code email_list} rules, IP lists {@code
 * ip_list}.
 */
public record SimList(
    String id,
    String name,
    String description,
    String type,
    String createdAt,
    String updatedAt,
    List<Item> items) {

  public SimList {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** {@code {value, description, created_at}}; for an EMAIL list the value is the address. */
  public record Item(String value, String description, String createdAt) {}
}
