package dev.batoncf.cli;

import picocli.CommandLine.Option;

/** The action flags (Baton's names). */
public final class ActionOptions {
  @Option(
      names = "--list-action-schemas",
      description =
          "Print every action's schema (arguments, constraints, results) as JSON; needs no credentials")
  boolean listActionSchemas;

  @Option(
      names = "--invoke-action",
      paramLabel = "NAME",
      description = "Run one security action, e.g. get_ip_overview (see --list-action-schemas)")
  String invokeAction;

  @Option(
      names = "--invoke-action-args",
      paramLabel = "JSON",
      description = "The action's arguments as a JSON object, e.g. {\"ip\":\"203.0.113.7\"}")
  String invokeActionArgs;

  boolean any() {
    return listActionSchemas || invokeAction != null || invokeActionArgs != null;
  }

  /** Only the schema listing, which runs without settings or credentials. */
  boolean listOnly() {
    return listActionSchemas && invokeAction == null && invokeActionArgs == null;
  }
}
