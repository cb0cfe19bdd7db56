package io.daytona.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditActionsTest {
    @Test
    void derivesTheDocsActionNamesFromTheRoute() {
        assertThat(AuditActions.derive("POST", "/api/sandbox")).isEqualTo("create");
        assertThat(AuditActions.derive("DELETE", "/api/sandbox/{sandboxIdOrName}")).isEqualTo("delete");
        assertThat(AuditActions.derive("POST", "/api/sandbox/{sandboxIdOrName}/start")).isEqualTo("start");
        assertThat(AuditActions.derive("PUT", "/api/sandbox/{sandboxIdOrName}/labels")).isEqualTo("replace_labels");
        assertThat(AuditActions.derive("POST", "/api/sandbox/{sandboxIdOrName}/public/{isPublic}")).isEqualTo("update_public_status");
        assertThat(AuditActions.derive("POST", "/api/sandbox/{sandboxIdOrName}/autoarchive/{interval}")).isEqualTo("set_auto_archive_interval");
        assertThat(AuditActions.derive("POST", "/api/sandbox/{sandboxIdOrName}/ssh-access")).isEqualTo("create_ssh_access");
        assertThat(AuditActions.derive("DELETE", "/api/sandbox/{sandboxIdOrName}/ssh-access")).isEqualTo("revoke_ssh_access");
        assertThat(AuditActions.derive("POST", "/api/organizations/{organizationId}/leave")).isEqualTo("leave_organization");
        assertThat(AuditActions.derive("PATCH", "/api/organizations/{organizationId}/quota")).isEqualTo("update_quota");
        assertThat(AuditActions.derive("PATCH", "/api/organizations/{organizationId}/quota/{regionId}")).isEqualTo("update_region_quota");
        assertThat(AuditActions.derive("POST", "/api/organizations/{organizationId}/users/{userId}/access")).isEqualTo("update_access");
        assertThat(AuditActions.derive("PATCH", "/api/snapshots/{id}")).isEqualTo("update");
    }

    @Test
    void findsTheTargetTypeAndTheParameterThatNamesIt() {
        assertThat(AuditActions.targetType("/api/sandbox/{sandboxIdOrName}/start")).isEqualTo("sandbox");
        assertThat(AuditActions.targetType("/api/organizations/{organizationId}/invitations/{invitationId}")).isEqualTo("organization_invitation");
        assertThat(AuditActions.targetType("/api/organizations/{organizationId}/users/{userId}")).isEqualTo("organization_user");
        assertThat(AuditActions.targetType("/api/api-keys/{name}")).isEqualTo("api_key");
        assertThat(AuditActions.targetType("/api/admin/users")).isEqualTo("user");
        assertThat(AuditActions.targetParameter("/api/organizations/{organizationId}/users/{userId}/access")).isEqualTo("userId");
        assertThat(AuditActions.targetParameter("/api/sandbox/{sandboxIdOrName}/autostop/{interval}")).isEqualTo("sandboxIdOrName");
        assertThat(AuditActions.targetParameter("/api/sandbox")).isNull();
    }
}
