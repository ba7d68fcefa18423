package dev.batoncf.review;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.batoncf.connector.Protos;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.SecretTrait;
import dev.batoncf.pb.connector.v2.UserTrait;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads facts off a resource the way both writers store them: our connector puts the profile on the
 * resource and in its trait, Baton's Go connectors only in the trait. Missing or malformed values
 * come back as null, so the review says "unknown" rather than failing.
 */
final class ResourceView {
  private final Resource resource;
  private final Struct profile;
  private final UserTrait user;
  private final SecretTrait secret;

  ResourceView(Resource resource) {
    this.resource = resource;
    this.user =
        annotation(resource.getAnnotationsList(), UserTrait.getDefaultInstance()).orElse(null);
    this.secret =
        annotation(resource.getAnnotationsList(), SecretTrait.getDefaultInstance()).orElse(null);
    if (resource.hasProfile() && resource.getProfile().getFieldsCount() > 0) {
      this.profile = resource.getProfile();
    } else if (user != null && user.hasProfile()) {
      this.profile = user.getProfile();
    } else if (secret != null && secret.hasProfile()) {
      this.profile = secret.getProfile();
    } else {
      this.profile = Struct.getDefaultInstance();
    }
  }

  Resource resource() {
    return resource;
  }

  UserTrait user() {
    return user;
  }

  SecretTrait secret() {
    return secret;
  }

  String string(String key) {
    return Protos.profileString(profile, key);
  }

  Boolean bool(String key) {
    Value v = profile.getFieldsMap().get(key);
    return v != null && v.hasBoolValue() ? v.getBoolValue() : null;
  }

  /** A list of strings, or empty. */
  List<String> list(String key) {
    Value v = profile.getFieldsMap().get(key);
    List<String> out = new ArrayList<>();
    if (v != null && v.hasListValue()) {
      v.getListValue().getValuesList().stream()
          .filter(Value::hasStringValue)
          .forEach(x -> out.add(x.getStringValue()));
    }
    return out;
  }

  Instant instant(String key) {
    return Protos.timestamp(string(key)).map(ResourceView::instant).orElse(null);
  }

  /** The profile email, else the trait's primary (or first) email, else its login if it has '@'. */
  String email() {
    String e = string("email");
    if (e != null) {
      return e;
    }
    if (user != null) {
      for (UserTrait.Email m : user.getEmailsList()) {
        if (m.getIsPrimary() && !m.getAddress().isBlank()) {
          return m.getAddress();
        }
      }
      if (user.getEmailsCount() > 0 && !user.getEmails(0).getAddress().isBlank()) {
        return user.getEmails(0).getAddress();
      }
      if (user.getLogin().contains("@")) {
        return user.getLogin();
      }
    }
    return null;
  }

  /** The resource's status text, else the profile's, else the trait's enum in words. */
  String status() {
    if (!resource.getStatus().getDetails().isBlank()) {
      return resource.getStatus().getDetails();
    }
    String s = string("status");
    if (s != null) {
      return Protos.titleCase(s);
    }
    if (user != null && user.hasStatus()) {
      if (!user.getStatus().getDetails().isBlank()) {
        return user.getStatus().getDetails();
      }
      return switch (user.getStatus().getStatus()) {
        case STATUS_ENABLED -> "Enabled";
        case STATUS_DISABLED -> "Disabled";
        case STATUS_DELETED -> "Deleted";
        default -> null;
      };
    }
    return null;
  }

  Instant createdAt() {
    if (resource.hasCreatedAt()) {
      return instant(resource.getCreatedAt());
    }
    if (user != null && user.hasCreatedAt()) {
      return instant(user.getCreatedAt());
    }
    if (secret != null && secret.hasCreatedAt()) {
      return instant(secret.getCreatedAt());
    }
    return null;
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /**
   * The first annotation of {@code type}. Compares the type URL's name instead of calling {@code
   * Any.is}, which looks the class's default instance up by reflection on every call.
   */
  @SuppressWarnings("unchecked")
  static <T extends Message> Optional<T> annotation(List<Any> annotations, T type) {
    String suffix = "/" + type.getDescriptorForType().getFullName();
    for (Any a : annotations) {
      if (a.getTypeUrl().endsWith(suffix)) {
        try {
          return Optional.of((T) type.getParserForType().parseFrom(a.getValue()));
        } catch (InvalidProtocolBufferException e) {
          return Optional.empty(); // a damaged annotation: read the rest of the resource
        }
      }
    }
    return Optional.empty();
  }
}
