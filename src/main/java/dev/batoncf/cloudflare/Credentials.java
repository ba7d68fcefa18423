package dev.batoncf.cloudflare;

import java.util.Objects;

/** One of Cloudflare's two auth schemes; never both (cloudflare-api.md §1). */
public sealed interface Credentials {

  /** {@code Authorization: Bearer <token>}. */
  record ApiToken(Secret token) implements Credentials {
    public ApiToken {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String describe() {
      return "API token";
    }
  }

  /** {@code X-Auth-Email} + {@code X-Auth-Key} (global API key). */
  record GlobalApiKey(String email, Secret key) implements Credentials {
    public GlobalApiKey {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String describe() {
      return "global API key of " + email;
    }
  }

  /** Safe to print: names the scheme, never the secret. */
  String describe();
}
