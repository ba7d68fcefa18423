package dev.batoncf.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.batoncf.cloudflare.model.ApiToken;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.SecretTrait;
import dev.batoncf.pb.connector.v2.Status;
import dev.batoncf.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokenSyncerTest {

  @Test
  void activeTokenMapsToSecretWithTimesPermissionsAndIpConditions() throws Exception {
    Resource r =
        ApiTokenSyncer.toResource(
            Fixtures.load("token_active_with_conditions.json", ApiToken.class));
    assertEquals("api_token", r.getId().getResourceType());
    assertEquals("ed17574386854bf78a67040be0a770b0", r.getId().getResource());
    assertEquals("terraform-ci", r.getDisplayName());
    assertEquals(Status.ResourceStatus.RESOURCE_STATUS_ENABLED, r.getStatus().getStatus());
    assertEquals(1704164645L, r.getCreatedAt().getSeconds());
    assertEquals(123456000, r.getCreatedAt().getNanos());
    SecretTrait t = r.getAnnotations(0).unpack(SecretTrait.class);
    assertEquals(SecretTrait.CredentialType.CREDENTIAL_TYPE_STATIC_SECRET, t.getCredentialType());
    assertEquals("cloudflare.account_api_token", t.getCredentialDetail());
    assertEquals(1798761599L, t.getExpiresAt().getSeconds());
    assertEquals(1751269331L, t.getLastUsedAt().getSeconds());
    assertEquals(
        List.of("DNS Write", "Zone Read", "deny: Billing Read"),
        r
            .getProfile()
            .getFieldsOrThrow(ProfileKeys.PERMISSION_GROUPS)
            .getListValue()
            .getValuesList()
            .stream()
            .map(v -> v.getStringValue())
            .toList());
    assertEquals(
        "192.0.2.0/24",
        r.getProfile()
            .getFieldsOrThrow(ProfileKeys.ALLOWED_IPS)
            .getListValue()
            .getValues(0)
            .getStringValue());
    assertEquals(
        "ana.ruiz@example.org", Protos.profileString(r.getProfile(), ProfileKeys.CREATOR_EMAIL));
  }

  @Test
  void expiredUnnamedTokenIsDisabledNamedByIdAndBadDatesAreSkipped() throws Exception {
    Resource r =
        ApiTokenSyncer.toResource(Fixtures.load("token_expired_no_name.json", ApiToken.class));
    assertEquals("0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f", r.getDisplayName());
    assertEquals(Status.ResourceStatus.RESOURCE_STATUS_DISABLED, r.getStatus().getStatus());
    assertEquals("Expired", r.getStatus().getDetails());
    assertFalse(r.hasCreatedAt());
    assertEquals(
        1577836800L, r.getAnnotations(0).unpack(SecretTrait.class).getExpiresAt().getSeconds());
  }
}
