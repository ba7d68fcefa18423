package dev.batoncf.action;

import java.util.List;

/** No action has this name. */
public final class UnknownActionException extends ActionException {
  public UnknownActionException(String name, List<String> known) {
    super("unknown action '" + name + "'; the actions are " + String.join(", ", known));
  }
}
