package dev.batoncf.service;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.c1z.Ksuid;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connectorapi.baton.v1.Task;

/** Tasks as a host sends them, each with a fresh 27-character KSUID id. */
final class Tasks {
  private Tasks() {}

  static Task.Builder base() {
    return Task.newBuilder().setId(Ksuid.next()).setStatus(Task.Status.STATUS_RUNNING);
  }

  static Task sync() {
    return sync(Task.SyncFullTask.newBuilder().setSkipExpandGrants(true).build());
  }

  static Task sync(Task.SyncFullTask t) {
    return base().setSyncFull(t).build();
  }

  static Task grant(Entitlement e, Resource principal) {
    return base()
        .setGrant(Task.GrantTask.newBuilder().setEntitlement(e).setPrincipal(principal))
        .build();
  }

  static Task revoke(Grant g) {
    return base().setRevoke(Task.RevokeTask.newBuilder().setGrant(g)).build();
  }

  /** The member entitlement of an account role, as a host holds it from a sync. */
  static Entitlement roleEntitlement(String roleId) {
    return Entitlement.newBuilder()
        .setResource(Resource.newBuilder().setId(Ids.resourceId(ResourceTypes.ROLE_ID, roleId)))
        .setId("role:" + roleId + ":member")
        .setSlug("member")
        .build();
  }

  /** A user principal with the member id its synced profile carries. */
  static Resource user(String userId, String memberId) {
    return Resource.newBuilder()
        .setId(Ids.resourceId(ResourceTypes.USER_ID, userId))
        .setProfile(
            Struct.newBuilder()
                .putFields("member_id", Value.newBuilder().setStringValue(memberId).build()))
        .build();
  }
}
