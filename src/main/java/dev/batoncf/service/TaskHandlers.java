package dev.batoncf.service;

import com.google.protobuf.Any;
import com.google.protobuf.Value;
import com.google.rpc.Code;
import dev.batoncf.pb.connector.v2.BatonActionStatus;
import dev.batoncf.pb.connector.v2.CreateAccountRequest;
import dev.batoncf.pb.connector.v2.CreateAccountResponse;
import dev.batoncf.pb.connector.v2.DeleteResourceV2Request;
import dev.batoncf.pb.connector.v2.DeleteResourceV2Response;
import dev.batoncf.pb.connector.v2.GetActionSchemaRequest;
import dev.batoncf.pb.connector.v2.GetActionStatusRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantResponse;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeResponse;
import dev.batoncf.pb.connector.v2.InvokeActionRequest;
import dev.batoncf.pb.connector.v2.InvokeActionResponse;
import dev.batoncf.pb.connector.v2.ListActionSchemasRequest;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What each task type does. Provisioning and action tasks call our own connector services
 * in-process ({@link LocalConnector}), so they take the same code path, refusals and idempotency
 * answers as a host calling {@code serve}; the connector's response is what FinishTask carries.
 * Task types this connector does not implement, and task types we do not know, are finished as
 * UNIMPLEMENTED and never retried.
 */
final class TaskHandlers {
  /**
   * Baton's task calls DeleteResource, whose response has the same single field as our
   * DeleteResourceV2Response; the host unpacks it by this name.
   */
  static final String DELETE_RESOURCE_RESPONSE =
      "type.googleapis.com/c1.connector.v2.DeleteResourceResponse";

  private final LocalConnector local;
  private final SyncTask sync;
  private final HelloSender hello;
  private final Failures failures = new Failures();

  TaskHandlers(LocalConnector local, SyncTask sync, HelloSender hello) {
    this.local = local;
    this.sync = sync;
    this.hello = hello;
  }

  /** Lower-case name of the task's type as in Baton's proto (sync_full, grant, ...). */
  static String kind(Task task) {
    return task.getTaskTypeCase() == Task.TaskTypeCase.TASKTYPE_NOT_SET
        ? "unknown"
        : task.getTaskTypeCase().name().toLowerCase(Locale.ROOT);
  }

  TaskOutcome handle(Task task, Cancellation cancel) {
    return switch (task.getTaskTypeCase()) {
      case SYNC_FULL -> sync.run(task, cancel);
      case HELLO -> {
        hello.send(task.getId());
        yield new TaskOutcome.Answered();
      }
      case GRANT -> grant(task.getGrant(), cancel);
      case REVOKE -> revoke(task.getRevoke(), cancel);
      case CREATE_ACCOUNT -> createAccount(task.getCreateAccount(), cancel);
      case DELETE_RESOURCE -> delete(task.getDeleteResource(), cancel);
      case ACTION_LIST_SCHEMAS ->
          call(
              cancel,
              () ->
                  success(
                      local
                          .actions()
                          .listActionSchemas(
                              ListActionSchemasRequest.newBuilder()
                                  .addAllAnnotations(
                                      task.getActionListSchemas().getAnnotationsList())
                                  .setResourceTypeId(
                                      task.getActionListSchemas().getResourceTypeId())
                                  .build())));
      case ACTION_GET_SCHEMA ->
          task.getActionGetSchema().getName().isEmpty()
              ? Failures.malformed("malformed action_get_schema task: the action name is required")
              : call(
                  cancel,
                  () ->
                      success(
                          local
                              .actions()
                              .getActionSchema(
                                  GetActionSchemaRequest.newBuilder()
                                      .setName(task.getActionGetSchema().getName())
                                      .addAllAnnotations(
                                          task.getActionGetSchema().getAnnotationsList())
                                      .build())));
      case ACTION_INVOKE -> invoke(task.getActionInvoke(), cancel);
      case ACTION_STATUS ->
          task.getActionStatus().getId().isEmpty()
              ? Failures.malformed("malformed action_status task: the action id is required")
              : call(
                  cancel,
                  () ->
                      success(
                          local
                              .actions()
                              .getActionStatus(
                                  GetActionStatusRequest.newBuilder()
                                      .setId(task.getActionStatus().getId())
                                      .addAllAnnotations(
                                          task.getActionStatus().getAnnotationsList())
                                      .build())));
      case TASKTYPE_NOT_SET ->
          Failures.unsupported(
              "unsupported task type: the task carries "
                  + "no task type this connector knows (a newer protocol?)");
      default ->
          Failures.unsupported(
              "unsupported task type " + kind(task) + ": baton-cloudflare does not implement it");
    };
  }

  private TaskOutcome grant(Task.GrantTask t, Cancellation cancel) {
    if (!t.hasEntitlement() || !t.hasPrincipal()) {
      return Failures.malformed("malformed grant task: it needs an entitlement and a principal");
    }
    return call(
        cancel,
        () -> {
          GrantManagerServiceGrantResponse r =
              local
                  .grants()
                  .grant(
                      GrantManagerServiceGrantRequest.newBuilder()
                          .setEntitlement(t.getEntitlement())
                          .setPrincipal(t.getPrincipal())
                          .build());
          return new TaskOutcome.Success(Any.pack(r), r.getAnnotationsList());
        });
  }

  private TaskOutcome revoke(Task.RevokeTask t, Cancellation cancel) {
    if (!t.hasGrant()) {
      return Failures.malformed("malformed revoke task: it needs a grant");
    }
    return call(
        cancel,
        () -> {
          GrantManagerServiceRevokeResponse r =
              local
                  .grants()
                  .revoke(
                      GrantManagerServiceRevokeRequest.newBuilder().setGrant(t.getGrant()).build());
          return new TaskOutcome.Success(Any.pack(r), r.getAnnotationsList());
        });
  }

  private TaskOutcome createAccount(Task.CreateAccountTask t, Cancellation cancel) {
    if (!t.hasAccountInfo()) {
      return Failures.malformed("malformed create_account task: it needs account_info");
    }
    return call(
        cancel,
        () -> {
          CreateAccountResponse r =
              local
                  .accounts()
                  .createAccount(
                      CreateAccountRequest.newBuilder()
                          .setAccountInfo(t.getAccountInfo())
                          .setCredentialOptions(t.getCredentialOptions())
                          .addAllEncryptionConfigs(t.getEncryptionConfigsList())
                          .setResourceTypeId(t.getResourceTypeId())
                          .build());
          return new TaskOutcome.Success(Any.pack(r), r.getAnnotationsList());
        });
  }

  private TaskOutcome delete(Task.DeleteResourceTask t, Cancellation cancel) {
    if (t.getResourceId().getResource().isEmpty()
        || t.getResourceId().getResourceType().isEmpty()) {
      return Failures.malformed("malformed delete_resource task: it needs a resource id and type");
    }
    return call(
        cancel,
        () -> {
          DeleteResourceV2Response r =
              local
                  .deleter()
                  .deleteResourceV2(
                      DeleteResourceV2Request.newBuilder()
                          .setResourceId(t.getResourceId())
                          .setParentResourceId(t.getParentResourceId())
                          .build());
          Any packed =
              Any.newBuilder()
                  .setTypeUrl(DELETE_RESOURCE_RESPONSE)
                  .setValue(r.toByteString())
                  .build();
          return new TaskOutcome.Success(packed, r.getAnnotationsList());
        });
  }

  /** A FAILED action fails the task, carrying the response; its error text is the message. */
  private TaskOutcome invoke(Task.ActionInvokeTask t, Cancellation cancel) {
    if (t.getName().isEmpty()) {
      return Failures.malformed("malformed action_invoke task: the action name is required");
    }
    return call(
        cancel,
        () -> {
          InvokeActionResponse r =
              local
                  .actions()
                  .invokeAction(
                      InvokeActionRequest.newBuilder()
                          .setName(t.getName())
                          .setArgs(t.getArgs())
                          .addAllAnnotations(t.getAnnotationsList())
                          .setResourceTypeId(t.getResourceTypeId())
                          .build());
          if (r.getStatus() == BatonActionStatus.BATON_ACTION_STATUS_FAILED) {
            Value error = r.getResponse().getFieldsMap().get("error");
            String message =
                error != null && error.hasStringValue() ? error.getStringValue() : "action failed";
            TaskOutcome.Failure f = TaskOutcome.Failure.of(Code.UNKNOWN, message, false);
            return new TaskOutcome.Failure(f.status(), false, Any.pack(r));
          }
          return new TaskOutcome.Success(Any.pack(r), List.of());
        });
  }

  private static TaskOutcome success(com.google.protobuf.Message response) {
    return new TaskOutcome.Success(Any.pack(response), List.of());
  }

  /** One connector call; its failure (or our cancellation) becomes the task's failure. */
  private TaskOutcome call(Cancellation cancel, Supplier<TaskOutcome> body) {
    try {
      return cancel.call(body::get);
    } catch (StatusRuntimeException e) {
      if (cancel.cancelled()) {
        return Failures.cancelled(cancel.reason());
      }
      return failures.of(e, null);
    }
  }
}
