package dev.batoncf.action;

/**
 * The action would change Cloudflare and provisioning is off. Thrown after the arguments were
 * validated and before anything at all was sent, reads included.
 */
public final class WriteRefusedException extends ActionException {
  public WriteRefusedException(String action) {
    super(
        action
            + " changes Cloudflare and provisioning is not enabled, so nothing was sent: "
            + "add -p/--provisioning (or BATON_PROVISIONING=true) to allow writes");
  }
}
