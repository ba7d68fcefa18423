package dev.batoncf.server;

import dev.batoncf.pb.cloudflare.v1.SyncServiceGrpc;
import dev.batoncf.pb.connector.v2.AccountManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.ActionServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.EntitlementsServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantsServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceDeleterServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthGrpc;
import java.util.Map;
import java.util.Set;

/**
 * How long a call may take, which decides the pool it runs on and the bound on how many run at once
 * ({@link CallLimits}): slow classes never take the threads the quick ones need.
 */
enum CallClass {
  /**
   * Never waits on Cloudflare: health, reflection, GetMetadata, ListResourceTypes, the entitlement
   * listings, Cleanup, action schemas and status.
   */
  QUICK("quick"),
  /**
   * May wait on Cloudflare: ListResources, ListGrants, Validate (one page), GetResource (the pages
   * up to the resource).
   */
  LIST("list"),
  /** Writes to Cloudflare: Grant, Revoke, CreateAccount, DeleteResourceV2, InvokeAction. */
  PROVISION("provision"),
  /** The streamed full sync: minutes of Cloudflare requests. */
  SYNC("sync");

  private static final Map<String, CallClass> METHODS =
      Map.of(
          ResourcesServiceGrpc.getListResourcesMethod().getFullMethodName(), LIST,
          GrantsServiceGrpc.getListGrantsMethod().getFullMethodName(), LIST,
          ConnectorServiceGrpc.getValidateMethod().getFullMethodName(), LIST,
          ResourceGetterServiceGrpc.getGetResourceMethod().getFullMethodName(), LIST,
          GrantManagerServiceGrpc.getGrantMethod().getFullMethodName(), PROVISION,
          GrantManagerServiceGrpc.getRevokeMethod().getFullMethodName(), PROVISION,
          AccountManagerServiceGrpc.getCreateAccountMethod().getFullMethodName(), PROVISION,
          ResourceDeleterServiceGrpc.getDeleteResourceV2Method().getFullMethodName(), PROVISION,
          ActionServiceGrpc.getInvokeActionMethod().getFullMethodName(), PROVISION,
          SyncServiceGrpc.getFullSyncMethod().getFullMethodName(), SYNC);

  /** Services whose other methods answer from memory or the snapshot files. */
  private static final Set<String> QUICK_SERVICES =
      Set.of(
          HealthGrpc.SERVICE_NAME,
          "grpc.reflection.v1.ServerReflection",
          "grpc.reflection.v1alpha.ServerReflection",
          ConnectorServiceGrpc.SERVICE_NAME,
          ResourceTypesServiceGrpc.SERVICE_NAME,
          EntitlementsServiceGrpc.SERVICE_NAME,
          ActionServiceGrpc.SERVICE_NAME);

  private final String flag;

  CallClass(String flag) {
    this.flag = flag;
  }

  /** The name used by {@code --max-calls} and in messages. */
  String flag() {
    return flag;
  }

  /**
   * The class of a full method name. A method of a service added later that is not listed here
   * counts as a listing: bounded, and off the quick pool, in case it waits on Cloudflare.
   */
  static CallClass of(String fullMethodName) {
    CallClass c = METHODS.get(fullMethodName);
    if (c != null) {
      return c;
    }
    String service = MethodDescriptor.extractFullServiceName(fullMethodName);
    return QUICK_SERVICES.contains(service) ? QUICK : LIST;
  }
}
