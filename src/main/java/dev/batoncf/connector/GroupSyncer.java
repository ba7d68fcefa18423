package dev.batoncf.connector;

import com.google.protobuf.Struct;
import dev.batoncf.cloudflare.model.AccessGroup;
import dev.batoncf.connector.rules.AccessPrincipal;
import dev.batoncf.connector.rules.AccessRuleEvaluator;
import dev.batoncf.connector.rules.GroupRules;
import dev.batoncf.connector.rules.Rule;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.GroupTrait;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code group}: Access groups with entitlement {@code group:<id>:member}. Membership is evaluated
 * from the rules over every Access user once all groups are known ({@link #onEnd}). A nested group
 * becomes a grant to {@code group:<child>}, expandable by the host unless this group's own
 * exclude/require rules would make host expansion wrong; then members are granted exactly here.
 */
public final class GroupSyncer implements PageHandler<AccessGroup> {
  static final String RULES_INCLUDE = "include";
  static final String RULES_EXCLUDE = "exclude";
  static final String RULES_REQUIRE = "require";
  static final String ALSO_GRANTED_BY = "membership_also_granted_by";
  static final String CONDITIONS = "conditions";
  static final String IS_DEFAULT = "is_default";

  /** Present only when membership could not be evaluated (see {@link #NOT_EVALUATED}). */
  public static final String MEMBERSHIP = "membership";

  public static final String NOT_EVALUATED =
      "not evaluated: the Access users could not be read (needs '"
          + ResourceTypes.ACCESS_AUDIT_LOGS_READ
          + "')";

  private final AccessDirectory directory;
  private final Map<String, GroupRules> rules = new LinkedHashMap<>();
  private final Map<String, Resource> resources = new LinkedHashMap<>();

  public GroupSyncer(AccessDirectory directory) {
    this.directory = directory;
  }

  public ResourceType resourceType() {
    return ResourceTypes.GROUP;
  }

  /** Pure mapper: the group resource with its rules described on the profile. */
  public static Resource toResource(AccessGroup g, Map<String, ?> knownLists, boolean riskKnown) {
    return toResource(g, knownLists, riskKnown, true);
  }

  /** As above; without {@code membershipEvaluated} the profile says membership is unknown. */
  public static Resource toResource(
      AccessGroup g, Map<String, ?> knownLists, boolean riskKnown, boolean membershipEvaluated) {
    GroupRules r = GroupRules.of(g);
    Struct profile =
        Protos.struct()
            .put("group_id", g.id())
            .put("group_name", g.name())
            .put(
                IS_DEFAULT,
                g.raw().has(IS_DEFAULT) && g.raw().get(IS_DEFAULT).isJsonPrimitive()
                    ? g.raw().get(IS_DEFAULT).getAsBoolean()
                    : null)
            .put(RULES_INCLUDE, describe(r.include()))
            .put(RULES_EXCLUDE, describe(r.exclude()))
            .put(RULES_REQUIRE, describe(r.require()))
            .put(ALSO_GRANTED_BY, nonEmpty(alsoGrantedBy(r, knownLists, riskKnown)))
            .put(CONDITIONS, nonEmpty(conditions(r, knownLists, riskKnown)))
            .put(MEMBERSHIP, membershipEvaluated ? null : NOT_EVALUATED)
            .build();
    return Resource.newBuilder()
        .setId(Ids.resourceId(ResourceTypes.GROUP_ID, g.id()))
        .setDisplayName(g.name() != null ? g.name() : g.id())
        .setProfile(profile)
        .addAnnotations(Protos.pack(GroupTrait.newBuilder().setProfile(profile).build()))
        .build();
  }

  /** {@code group:<id>:member}, whose description says what else can make someone a member. */
  public static Entitlement entitlement(Resource group) {
    StringBuilder d = new StringBuilder("Member of the Access group " + group.getDisplayName());
    List<String> also = list(group.getProfile(), ALSO_GRANTED_BY);
    if (!also.isEmpty()) {
      d.append(". Membership also granted by: ").append(String.join("; ", also));
    }
    String membership = Protos.profileString(group.getProfile(), MEMBERSHIP);
    if (membership != null) {
      d.append(". Membership ").append(membership);
    }
    List<String> cond = list(group.getProfile(), CONDITIONS);
    if (!cond.isEmpty()) {
      d.append(". Conditions checked at request time: ").append(String.join("; ", cond));
    }
    String desc = d.length() > 2048 ? d.substring(0, 2047) + "…" : d.toString();
    return Entitlement.newBuilder()
        .setResource(
            Resource.newBuilder().setId(group.getId()).setDisplayName(group.getDisplayName()))
        .setId(
            Ids.entitlementId(ResourceTypes.GROUP_ID, group.getId().getResource(), Ids.MEMBER_SLUG))
        .setDisplayName(group.getDisplayName() + " Group Member")
        .setDescription(desc)
        .addGrantableTo(ResourceTypes.ref(ResourceTypes.ACCESS_USER))
        .setPurpose(Entitlement.PurposeValue.PURPOSE_VALUE_ASSIGNMENT)
        .setSlug(Ids.MEMBER_SLUG)
        .build();
  }

  @Override
  public void onPage(List<AccessGroup> groups, RowSink sink) {
    for (AccessGroup g : groups) {
      if (g.id() == null || resources.containsKey(g.id())) {
        continue;
      }
      Resource r =
          toResource(g, directory.lists(), directory.riskKnown(), directory.membershipEvaluated());
      resources.put(g.id(), r);
      rules.put(g.id(), GroupRules.of(g));
      directory.putGroup(rules.get(g.id()));
      sink.resource(r);
      sink.entitlement(entitlement(r));
    }
  }

  /** Every group is known now: nested-group grants, then one pass over the Access users. */
  @Override
  public void onEnd(RowSink sink) {
    for (GroupRules g : rules.values()) {
      for (String child : g.nestedGroupIds()) {
        if (rules.containsKey(child) && !child.equals(g.id())) {
          sink.grant(nestedGrant(g.id(), child, !g.hasEvaluableFilters()));
        }
      }
    }
    AccessRuleEvaluator evaluator =
        new AccessRuleEvaluator(rules, directory.lists(), directory.riskKnown());
    for (AccessPrincipal p : directory.principals()) {
      AccessRuleEvaluator.Person person = evaluator.forPerson(p);
      for (GroupRules g : rules.values()) {
        // Host-expandable nesting: grant only what this group's own rules give; else exactly.
        boolean member =
            g.hasEvaluableFilters() || g.nestedGroupIds().isEmpty()
                ? person.member(g.id())
                : person.directMember(g.id());
        if (member) {
          sink.grant(userGrant(g.id(), p.id()));
        }
      }
    }
  }

  static Grant userGrant(String groupId, String accessUserId) {
    return Grants.member(
            ResourceTypes.GROUP_ID, groupId, ResourceTypes.ACCESS_USER_ID, accessUserId)
        .build();
  }

  static Grant nestedGrant(String parentId, String childId, boolean expandable) {
    Grant.Builder b =
        Grants.member(ResourceTypes.GROUP_ID, parentId, ResourceTypes.GROUP_ID, childId);
    if (expandable) {
      b.addAnnotations(
          Protos.pack(
              GrantExpandable.newBuilder()
                  .addEntitlementIds(
                      Ids.entitlementId(ResourceTypes.GROUP_ID, childId, Ids.MEMBER_SLUG))
                  .build()));
    }
    return b.build();
  }

  /** Whether the connector can decide this rule in this sync (lists read, risk known). */
  static boolean decidable(Rule rule, Map<String, ?> knownLists, boolean riskKnown) {
    if (!rule.evaluable()) {
      return false;
    }
    return switch (rule.kind()) {
      case Rule.EMAIL_LIST -> knownLists.containsKey(rule.field("id"));
      case Rule.USER_RISK_SCORE -> riskKnown;
      default -> true;
    };
  }

  private static List<String> alsoGrantedBy(GroupRules r, Map<String, ?> lists, boolean risk) {
    return r.include().stream()
        .filter(x -> !decidable(x, lists, risk))
        .map(Rule::describe)
        .toList();
  }

  private static List<String> conditions(GroupRules r, Map<String, ?> lists, boolean risk) {
    List<String> out = new ArrayList<>();
    r.require().stream()
        .filter(x -> !decidable(x, lists, risk))
        .forEach(x -> out.add("require " + x.describe()));
    r.exclude().stream()
        .filter(x -> !decidable(x, lists, risk))
        .forEach(x -> out.add("exclude " + x.describe()));
    return out;
  }

  private static List<String> describe(List<Rule> rules) {
    return rules.isEmpty() ? null : rules.stream().map(Rule::describe).toList();
  }

  private static List<String> nonEmpty(List<String> l) {
    return l.isEmpty() ? null : l;
  }

  private static List<String> list(Struct profile, String key) {
    var v = profile.getFieldsMap().get(key);
    if (v == null || !v.hasListValue()) {
      return List.of();
    }
    return v.getListValue().getValuesList().stream().map(x -> x.getStringValue()).toList();
  }
}
