package org.onus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void an_admin_holds_every_permission() {
        assertThat(Role.ADMIN.permissions()).isEqualTo(EnumSet.allOf(Permission.class));
    }

    @Test
    void a_vendor_can_verify_the_log_but_not_read_or_write_entries() {
        assertThat(Role.VENDOR.grants(Permission.READ_PROOFS)).isTrue();
        assertThat(Role.VENDOR.grants(Permission.READ_ENTRIES)).isFalse();
        assertThat(Role.VENDOR.grants(Permission.APPEND_ENTRIES)).isFalse();
        assertThat(Role.VENDOR.grants(Permission.ISSUE_TOKENS)).isFalse();
    }

    @Test
    void an_integration_appends_and_verifies_but_cannot_read_entries_back() {
        assertThat(Role.INTEGRATION.grants(Permission.APPEND_ENTRIES)).isTrue();
        assertThat(Role.INTEGRATION.grants(Permission.READ_PROOFS)).isTrue();
        assertThat(Role.INTEGRATION.grants(Permission.READ_ENTRIES)).isFalse();
    }

    @Test
    void an_auditor_reads_and_writes_nothing() {
        assertThat(Role.AUDITOR.grants(Permission.READ_ENTRIES)).isTrue();
        assertThat(Role.AUDITOR.grants(Permission.APPEND_ENTRIES)).isFalse();
        assertThat(Role.AUDITOR.grants(Permission.ISSUE_TOKENS)).isFalse();
    }

    @Test
    void only_admins_issue_tokens() {
        for (Role r : Role.values()) {
            assertThat(r.grants(Permission.ISSUE_TOKENS)).as(r.wireName()).isEqualTo(r == Role.ADMIN);
        }
    }

    @Test
    void only_reading_metrics_and_creating_tenants_concern_the_whole_process() {
        for (Permission p : Permission.values()) {
            assertThat(p.processWide()).as(p.name()).isEqualTo(p == Permission.READ_METRICS || p == Permission.CREATE_TENANTS);
        }
    }

    @Test
    void wire_names_are_lower_case_and_parse_ignoring_case() {
        assertThat(Role.INVESTIGATOR.wireName()).isEqualTo("investigator");
        assertThat(Role.parse("Auditor")).contains(Role.AUDITOR);
        assertThat(Role.parse("root")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
    }
}
