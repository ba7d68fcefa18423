/**
 * Security actions: IP and domain threat intel, Zero Trust user risk (get and reset), risk-scoring
 * integrations, and a guarded custom API call. Served by {@code --invoke-action} and the gRPC
 * ActionService alike, through {@link dev.batoncf.action.ActionRegistry}.
 *
 * <pre>{@code
 * ActionRegistry actions = ActionRegistry.standard();
 * PreparedAction call = actions.prepare("get_ip_overview", args, settings.provisioning());
 * //   ActionArgumentException  -> exit 2 / INVALID_ARGUMENT ("argument 'ip': ...")
 * //   WriteRefusedException    -> exit 2 / FAILED_PRECONDITION (nothing was sent)
 * //   UnknownActionException   -> exit 2 / NOT_FOUND
 * JsonObject result = call.run(new SecurityClient(cloudflareClient));
 * //   CloudflareException      -> exit 1 / status FAILED with {"error": ...}
 * }</pre>
 *
 * <p>Results are JSON objects with camelCase keys; "not found" (an unknown email, integration id or
 * reference id) is a result with {@code "found": false}, not a failure.
 */
package dev.batoncf.action;
