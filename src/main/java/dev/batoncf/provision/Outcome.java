package dev.batoncf.provision;

/** What a planned write comes to. */
public enum Outcome {
  /** Cloudflare was (or, in a dry run, would be) changed. */
  CHANGED,
  /** Nothing to do: the grant already exists, is already revoked, the resource already gone. */
  ALREADY_DONE,
  /** The change is not safe to make automatically; the reason says what to do instead. */
  REFUSED
}
