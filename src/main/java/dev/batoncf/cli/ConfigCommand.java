package dev.batoncf.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.batoncf.config.Key;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code config}: a JSON Schema of every setting (flag, YAML key, env var, secret or not). */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Print the JSON schema of the settings.")
final class ConfigCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Override
  public Integer call() {
    root.context()
        .out()
        .println(
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(schema()));
    root.context().out().flush();
    return ExitCodes.OK;
  }

  static JsonObject schema() {
    JsonObject s = new JsonObject();
    s.addProperty("$schema", "https://json-schema.org/draft/2020-12/schema");
    s.addProperty("title", "baton-cloudflare settings");
    s.addProperty(
        "description",
        "Flags, BATON_* environment variables and --config YAML keys "
            + "(flag > env > YAML). Use either api-token, or email with api-key.");
    s.addProperty("type", "object");
    s.addProperty("additionalProperties", false);
    JsonObject props = new JsonObject();
    for (Key k : Key.values()) {
      JsonObject p = new JsonObject();
      p.addProperty("type", k.type());
      p.addProperty("description", k.description());
      p.addProperty("x-flag", "--" + k.flag());
      p.addProperty("x-env", k.env());
      if (k.secret()) {
        p.addProperty("x-secret", true);
        p.addProperty("writeOnly", true);
      }
      if (k.defaultValue() != null) {
        switch (k.type()) {
          case "boolean" -> p.addProperty("default", Boolean.parseBoolean(k.defaultValue()));
          case "integer" -> p.addProperty("default", Integer.parseInt(k.defaultValue()));
          default -> p.addProperty("default", k.defaultValue());
        }
      }
      props.add(k.flag(), p);
    }
    s.add("properties", props);
    JsonArray required = new JsonArray();
    required.add(Key.ACCOUNT_ID.flag());
    s.add("required", required);
    JsonArray oneOf = new JsonArray();
    oneOf.add(requires(Key.API_TOKEN.flag()));
    oneOf.add(requires(Key.EMAIL.flag(), Key.API_KEY.flag()));
    s.add("oneOf", oneOf);
    return s;
  }

  private static JsonObject requires(String... keys) {
    JsonObject o = new JsonObject();
    JsonArray r = new JsonArray();
    for (String k : keys) {
      r.add(k);
    }
    o.add("required", r);
    return o;
  }
}
