package dev.batoncf.cloudflare.model;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import java.util.Collection;
import java.util.List;

/**
 * Request bodies of the member and user-group writes. Their field names are the wire's already, so
 * Gson maps them as they are; {@link #json} is the text dry runs print.
 */
public final class MemberBodies {
  private static final Gson GSON = new Gson();

  private MemberBodies() {}

  /** {@code {"id":…}}: how the member PUT and the user-group POST name a role or a member. */
  public record Ref(String id) {}

  /** {@code PUT /members/{id}} with roles: replaces the member's roles with exactly these. */
  public record Roles(List<Ref> roles) {}

  /**
   * {@code PUT /members/{id}} with policies: replaces the member's policies with exactly these. The
   * policies stay JSON: a read-modify-write sends back every field it read, known or not.
   */
  public record Policies(JsonArray policies) {}

  /** {@code POST /members}: role ids as strings, status pending (accepted is refused). */
  public record Invite(String email, List<String> roles, String status) {}

  public static List<Ref> refs(Collection<String> ids) {
    return ids.stream().map(Ref::new).toList();
  }

  /** The body as it goes on the wire. */
  public static String json(Object body) {
    return GSON.toJson(body);
  }
}
