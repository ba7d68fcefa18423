package dev.batoncf.action;

import com.google.gson.JsonObject;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector's actions by name, and the one entry point that turns a name and arguments into
 * something runnable: schema check, the action's own validation, then the provisioning gate. Shared
 * by the CLI and the gRPC ActionService so both refuse the same things the same way.
 */
public final class ActionRegistry {
  private final Map<String, Action> actions = new LinkedHashMap<>();

  public ActionRegistry(List<Action> actions) {
    for (Action a : actions) {
      if (this.actions.putIfAbsent(a.name(), a) != null) {
        throw new IllegalArgumentException("two actions are named " + a.name());
      }
    }
  }

  /** Every action this connector offers, in the order {@code --list-action-schemas} shows them. */
  public static ActionRegistry standard() {
    return new ActionRegistry(
        List.of(
            new GetIpOverview(),
            new GetDomainOverview(),
            new GetUserRiskScore(),
            new ResetUserRiskScore(),
            new CreateRiskIntegration(),
            new ListRiskIntegrations(),
            new GetRiskIntegration(),
            new UpdateRiskIntegration(),
            new DeleteRiskIntegration(),
            new RevokeAccessSessions(),
            new RevokeAppTokens(),
            new CustomApiCall()));
  }

  public List<String> names() {
    return List.copyOf(actions.keySet());
  }

  public List<BatonActionSchema> schemas() {
    List<BatonActionSchema> out = new ArrayList<>();
    actions.values().forEach(a -> out.add(a.schema()));
    return out;
  }

  public Optional<BatonActionSchema> schema(String name) {
    return Optional.ofNullable(actions.get(name)).map(Action::schema);
  }

  /**
   * Checks everything that can be checked without Cloudflare and returns the call to run.
   *
   * @param args the arguments as a JSON object (null = none)
   * @throws UnknownActionException for a name no action has
   * @throws ActionArgumentException for the first bad argument
   * @throws WriteRefusedException for a write while {@code provisioning} is off
   */
  public PreparedAction prepare(String name, JsonObject args, boolean provisioning) {
    Action action = actions.get(name);
    if (action == null) {
      throw new UnknownActionException(name == null ? "" : ActionArgs.printable(name), names());
    }
    PreparedAction prepared = action.prepare(ActionArgs.of(action.schema(), args));
    if (prepared.writes() && !provisioning) {
      throw new WriteRefusedException(action.name());
    }
    return prepared;
  }
}
