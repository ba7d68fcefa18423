package dev.batoncf.connector;

import com.google.protobuf.Struct;
import dev.batoncf.cloudflare.model.AccessUser;
import dev.batoncf.connector.rules.AccessPrincipal;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.Status;
import dev.batoncf.pb.connector.v2.UserTrait;
import java.util.List;

/**
 * {@code access_user}: Zero Trust Access users. The same person may also be a {@code user}; the
 * email in both profiles links them, the namespaces are never merged. Also records each user in the
 * directory for group evaluation.
 */
public final class AccessUserSyncer implements PageHandler<AccessUser> {
  public static final String RISK_LEVEL = "risk_level";
  public static final String ACCESS_SEAT = "access_seat";
  public static final String GATEWAY_SEAT = "gateway_seat";
  static final String SEAT_UID = "seat_uid";
  static final String ACTIVE_DEVICES = "active_device_count";
  public static final String LAST_LOGIN = "last_successful_login";

  private final AccessDirectory directory;

  public AccessUserSyncer(AccessDirectory directory) {
    this.directory = directory;
  }

  public ResourceType resourceType() {
    return ResourceTypes.ACCESS_USER;
  }

  /** Pure mapper; {@code riskLevel} is null when unscored or when the account has no scoring. */
  public static Resource toResource(AccessUser u, String riskLevel) {
    String email = u.email();
    Struct profile =
        Protos.struct()
            .put(ProfileKeys.EMAIL, email)
            .put(ProfileKeys.NAME, u.name())
            .put(ACCESS_SEAT, u.accessSeat())
            .put(GATEWAY_SEAT, u.gatewaySeat())
            .put(SEAT_UID, u.seatUid())
            .put(ACTIVE_DEVICES, u.activeDeviceCount())
            .put(LAST_LOGIN, u.lastSuccessfulLogin())
            .put(RISK_LEVEL, riskLevel)
            .build();
    UserTrait.Builder trait =
        UserTrait.newBuilder()
            .setStatus(
                UserTrait.Status.newBuilder()
                    .setStatus(UserTrait.Status.StatusValue.STATUS_ENABLED))
            .setAccountType(UserTrait.AccountType.ACCOUNT_TYPE_HUMAN)
            .setProfile(profile);
    if (email != null) {
      trait.addEmails(UserTrait.Email.newBuilder().setAddress(email).setIsPrimary(true));
      trait.setLogin(email);
    }
    Protos.timestamp(u.lastSuccessfulLogin()).ifPresent(trait::setLastLogin);
    Resource.Builder b =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.ACCESS_USER_ID, u.id()))
            .setDisplayName(
                u.name() != null && !u.name().isBlank() ? u.name() : email != null ? email : u.id())
            .setProfile(profile)
            .setStatus(Status.newBuilder().setStatus(Status.ResourceStatus.RESOURCE_STATUS_ENABLED))
            .addAnnotations(Protos.pack(trait.build()));
    Protos.timestamp(u.createdAt()).ifPresent(b::setCreatedAt);
    RiskInsight.of(riskLevel, email, u.id()).ifPresent(t -> b.addAnnotations(Protos.pack(t)));
    return b.build();
  }

  @Override
  public void onPage(List<AccessUser> users, RowSink sink) {
    for (AccessUser u : users) {
      if (u.id() == null) {
        continue;
      }
      String risk = directory.risk(u.id());
      sink.resource(toResource(u, risk));
      directory.add(new AccessPrincipal(u.id(), u.email(), risk));
    }
  }

  @Override
  public void onEnd(RowSink sink) {
    directory.usersRead();
  }
}
