package dev.batoncf.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.batoncf.pb.connector.v2.ConnectorProto;
import dev.batoncf.pb.connector.v2.ExternalLinkProto;
import dev.batoncf.pb.connector.v2.GrantAnnotationProto;
import dev.batoncf.pb.connector.v2.RateLimitProto;
import dev.batoncf.pb.connector.v2.ResourceTreeProto;
import dev.batoncf.pb.connector.v2.SecurityInsightProto;
import dev.batoncf.pb.connector.v2.TraitProto;
import dev.batoncf.pb.connector.v2.V1IdentifierProto;

/**
 * protojson with every annotation type registered, so Any values print as readable JSON, and whole
 * numbers as integers ({@link JsonNumbers}), as Baton's Go tools print them.
 */
public final class ProtoJson {
  private static final JsonFormat.TypeRegistry REGISTRY =
      JsonFormat.TypeRegistry.newBuilder()
          .add(TraitProto.getDescriptor().getMessageTypes())
          .add(GrantAnnotationProto.getDescriptor().getMessageTypes())
          .add(ResourceTreeProto.getDescriptor().getMessageTypes())
          .add(V1IdentifierProto.getDescriptor().getMessageTypes())
          .add(ExternalLinkProto.getDescriptor().getMessageTypes())
          .add(RateLimitProto.getDescriptor().getMessageTypes())
          .add(ConnectorProto.getDescriptor().getMessageTypes())
          .add(SecurityInsightProto.getDescriptor().getMessageTypes())
          .build();

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().usingTypeRegistry(REGISTRY).omittingInsignificantWhitespace();
  private static final JsonFormat.Printer PRETTY = JsonFormat.printer().usingTypeRegistry(REGISTRY);

  private ProtoJson() {}

  public static String compact(MessageOrBuilder m) {
    try {
      return JsonNumbers.integral(PRINTER.print(m), false);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + m.getClass().getSimpleName(), e);
    }
  }

  public static String pretty(MessageOrBuilder m) {
    try {
      return JsonNumbers.integral(PRETTY.print(m), true);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + m.getClass().getSimpleName(), e);
    }
  }
}
