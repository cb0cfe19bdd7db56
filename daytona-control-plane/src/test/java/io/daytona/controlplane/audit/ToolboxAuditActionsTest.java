package io.daytona.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolboxAuditActionsTest {
    @Test
    void namesTheAuditedToolboxCallsAndIgnoresReads() {
        assertThat(ToolboxAuditActions.of("POST", "/process/execute")).hasValue("toolbox_execute_command");
        assertThat(ToolboxAuditActions.of("POST", "/process/session/s1/exec")).hasValue("toolbox_session_execute_command");
        assertThat(ToolboxAuditActions.of("DELETE", "/process/session/s1")).hasValue("toolbox_delete_session");
        assertThat(ToolboxAuditActions.of("GET", "/files/download")).hasValue("toolbox_download_file");
        assertThat(ToolboxAuditActions.of("POST", "/files/bulk-upload")).hasValue("toolbox_bulk_upload_files");
        assertThat(ToolboxAuditActions.of("DELETE", "/git/branches")).hasValue("toolbox_git_delete_branch");
        assertThat(ToolboxAuditActions.of("POST", "/computeruse/process/xvfb/restart")).hasValue("toolbox_computer_use_restart_process");
        assertThat(ToolboxAuditActions.of("GET", "/files")).isEmpty();
        assertThat(ToolboxAuditActions.of("GET", "/process/session/s1")).isEmpty();
        assertThat(ToolboxAuditActions.of("POST", "/process/execute/extra")).isEmpty();
    }
}
