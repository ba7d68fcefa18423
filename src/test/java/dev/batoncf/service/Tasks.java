package dev.batoncf.service;

import dev.batoncf.c1z.Ksuid;
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
    return base().setGrant(Task.GrantTask.newBuilder().setEntitlement(e).setPrincipal(principal))
        .build();
  }

  static Task revoke(Grant g) {
    return base().setRevoke(Task.RevokeTask.newBuilder().setGrant(g)).build();
  }
}
