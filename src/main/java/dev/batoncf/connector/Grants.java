package dev.batoncf.connector;

import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;

/** Builds membership grants the way every syncer emits them: slim entitlement and principal. */
final class Grants {
  private Grants() {}

  /** The grant of {@code <type>:<id>:member} to {@code <principalType>:<principalId>}. */
  static Grant.Builder member(String type, String id, String principalType, String principalId) {
    String ent = Ids.entitlementId(type, id, Ids.MEMBER_SLUG);
    return Grant.newBuilder()
        .setEntitlement(
            Entitlement.newBuilder()
                .setResource(Resource.newBuilder().setId(Ids.resourceId(type, id)))
                .setId(ent)
                .setSlug(Ids.MEMBER_SLUG))
        .setPrincipal(Resource.newBuilder().setId(Ids.resourceId(principalType, principalId)))
        .setId(Ids.grantId(ent, principalType, principalId));
  }
}
