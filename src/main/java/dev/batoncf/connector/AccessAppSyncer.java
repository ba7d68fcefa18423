package dev.batoncf.connector;

import com.google.protobuf.Struct;
import dev.batoncf.cloudflare.model.AccessApp;
import dev.batoncf.connector.rules.AccessPrincipal;
import dev.batoncf.connector.rules.AccessRuleEvaluator;
import dev.batoncf.connector.rules.AppAccessEvaluator;
import dev.batoncf.connector.rules.AppPolicy;
import dev.batoncf.connector.rules.Rule;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code access_app}: Zero Trust Access applications, with entitlement {@code
 * access_app:<id>:access} granted to the Access users the app's policies allow and to the Access
 * groups its allow policies name ({@link AppAccessEvaluator}). Runs after the users and groups
 * feeds, so each page is evaluated as it arrives.
 */
public final class AccessAppSyncer implements PageHandler<AccessApp> {
  public static final String ACCESS_SLUG = "access";
  static final String APP_TYPE = "app_type";
  static final String DOMAIN = "domain";
  static final String SESSION_DURATION = "session_duration";
  static final String POLICIES = "policies";
  public static final String WITHOUT_IDENTITY = "reachable_without_identity";
  static final String CONDITIONS = "conditions";

  private final AccessDirectory directory;
  private final Set<String> seen = new HashSet<>();

  public AccessAppSyncer(AccessDirectory directory) {
    this.directory = directory;
  }

  public ResourceType resourceType() {
    return ResourceTypes.ACCESS_APP;
  }

  /** Pure mapper: the app with its policies, what needs no identity, and request conditions. */
  public static Resource toResource(
      AccessApp app, Map<String, ?> knownLists, boolean riskKnown, boolean membershipEvaluated) {
    List<AppPolicy> policies = policies(app);
    List<String> withoutIdentity = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    for (AppPolicy p : policies) {
      if (p.withoutIdentity()) {
        withoutIdentity.add(p.describe());
      } else if (p.identifies()) {
        String label = p.decision() + " " + (p.name() != null ? p.name() : p.id()) + ": ";
        undecided(p.rules().include(), "include ", label, knownLists, riskKnown, conditions);
        undecided(p.rules().require(), "require ", label, knownLists, riskKnown, conditions);
        undecided(p.rules().exclude(), "exclude ", label, knownLists, riskKnown, conditions);
      }
    }
    Struct profile =
        Protos.struct()
            .put("app_id", app.id())
            .put("app_name", app.name())
            .put(APP_TYPE, app.type())
            .put(DOMAIN, app.domain())
            .put(SESSION_DURATION, app.sessionDuration())
            .put(
                POLICIES,
                policies.isEmpty() ? null : policies.stream().map(AppPolicy::describe).toList())
            .put(WITHOUT_IDENTITY, withoutIdentity.isEmpty() ? null : withoutIdentity)
            .put(CONDITIONS, conditions.isEmpty() ? null : conditions)
            .put(GroupSyncer.MEMBERSHIP, membershipEvaluated ? null : GroupSyncer.NOT_EVALUATED)
            .build();
    return Resource.newBuilder()
        .setId(Ids.resourceId(ResourceTypes.ACCESS_APP_ID, app.id()))
        .setDisplayName(app.name() != null ? app.name() : app.id())
        .setProfile(profile)
        .build();
  }

  /** {@code access_app:<id>:access}, saying what the grants cannot show. */
  public static Entitlement entitlement(Resource app) {
    StringBuilder d =
        new StringBuilder(
            "Can reach the Access application "
                + app.getDisplayName()
                + " through its allow policies");
    if (app.getProfile().getFieldsMap().containsKey(WITHOUT_IDENTITY)) {
      d.append(". Also reachable without identity (bypass or service auth policies)");
    }
    if (app.getProfile().getFieldsMap().containsKey(CONDITIONS)) {
      d.append(". Some rules depend on the request and are checked by Cloudflare at login");
    }
    String membership = Protos.profileString(app.getProfile(), GroupSyncer.MEMBERSHIP);
    if (membership != null) {
      d.append(". Membership ").append(membership);
    }
    return Entitlement.newBuilder()
        .setResource(Resource.newBuilder().setId(app.getId()).setDisplayName(app.getDisplayName()))
        .setId(
            Ids.entitlementId(ResourceTypes.ACCESS_APP_ID, app.getId().getResource(), ACCESS_SLUG))
        .setDisplayName(app.getDisplayName() + " Access")
        .setDescription(d.toString())
        .addGrantableTo(ResourceTypes.ref(ResourceTypes.ACCESS_USER))
        .addGrantableTo(ResourceTypes.ref(ResourceTypes.GROUP))
        .setPurpose(Entitlement.PurposeValue.PURPOSE_VALUE_PERMISSION)
        .setSlug(ACCESS_SLUG)
        .build();
  }

  @Override
  public void onPage(List<AccessApp> apps, RowSink sink) {
    boolean evaluated = directory.membershipEvaluated();
    AccessRuleEvaluator rules =
        new AccessRuleEvaluator(directory.groups(), directory.lists(), directory.riskKnown());
    for (AccessApp app : apps) {
      if (app.id() == null || !seen.add(app.id())) {
        continue;
      }
      Resource r = toResource(app, directory.lists(), directory.riskKnown(), evaluated);
      sink.resource(r);
      sink.entitlement(entitlement(r));
      AppAccessEvaluator eval = new AppAccessEvaluator(policies(app), directory.groups().keySet());
      eval.groupLinks()
          .forEach((group, expandable) -> sink.grant(groupGrant(app.id(), group, expandable)));
      if (!evaluated) {
        continue; // no membership grants: an empty list would read as "nobody"
      }
      for (AccessPrincipal p : directory.principals()) {
        AccessRuleEvaluator.Person person = rules.forPerson(p);
        if (eval.decide(person).outcome() == AppAccessEvaluator.Outcome.ALLOWED
            && eval.needsDirectGrant(person)) {
          sink.grant(userGrant(app.id(), p.id()));
        }
      }
    }
  }

  /** The app's policy objects in precedence order (list order among equals). */
  static List<AppPolicy> policies(AccessApp app) {
    return app.policies().stream()
        .map(AppPolicy::of)
        .sorted(java.util.Comparator.comparingInt(AppPolicy::precedence))
        .toList();
  }

  static Grant userGrant(String appId, String accessUserId) {
    return grant(appId, ResourceTypes.ACCESS_USER_ID, accessUserId).build();
  }

  static Grant groupGrant(String appId, String groupId, boolean expandable) {
    Grant.Builder b = grant(appId, ResourceTypes.GROUP_ID, groupId);
    if (expandable) {
      b.addAnnotations(
          Protos.pack(
              GrantExpandable.newBuilder()
                  .addEntitlementIds(
                      Ids.entitlementId(ResourceTypes.GROUP_ID, groupId, Ids.MEMBER_SLUG))
                  .build()));
    }
    return b.build();
  }

  private static Grant.Builder grant(String appId, String principalType, String principalId) {
    String ent = Ids.entitlementId(ResourceTypes.ACCESS_APP_ID, appId, ACCESS_SLUG);
    return Grant.newBuilder()
        .setEntitlement(
            Entitlement.newBuilder()
                .setResource(
                    Resource.newBuilder().setId(Ids.resourceId(ResourceTypes.ACCESS_APP_ID, appId)))
                .setId(ent)
                .setSlug(ACCESS_SLUG))
        .setPrincipal(Resource.newBuilder().setId(Ids.resourceId(principalType, principalId)))
        .setId(Ids.grantId(ent, principalType, principalId));
  }

  private static void undecided(
      List<Rule> rules,
      String section,
      String label,
      Map<String, ?> lists,
      boolean risk,
      List<String> out) {
    rules.stream()
        .filter(x -> !GroupSyncer.decidable(x, lists, risk))
        .forEach(x -> out.add(label + section + x.describe()));
  }
}
