package dev.runtrail.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void hostsMeetAcrossFqdnNetbiosAndCase() {
        assertThat(Names.host("WIN-SQL01.corp.example.com")).isEqualTo("win-sql01");
        assertThat(Names.host("WIN-SQL01")).isEqualTo("win-sql01");
        assertThat(Names.host("\\\\win-sql01")).isEqualTo("win-sql01");
        assertThat(Names.host("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(Names.host("  ")).isNull();
    }

    @Test
    void logonIdsAreLowerHexWithoutLeadingZeros() {
        assertThat(Names.logonId("0x0003E7A1")).isEqualTo("0x3e7a1");
        assertThat(Names.logonId("256929")).isEqualTo("0x3eba1");
        assertThat(Names.logonId("-")).isNull();
        assertThat(Names.isWellKnownLogonId("0x3e7")).isTrue();
        assertThat(Names.isWellKnownLogonId("0x3e7a1")).isFalse();
    }

    @Test
    void accountsMeetAcrossSpellings() {
        Names.Account backslash = Names.account("CORP\\svc_airflow", null);
        Names.Account upn = Names.account("svc_airflow@corp.example.com", null);
        Names.Account split = Names.account("SVC_AIRFLOW", "CORP");
        Names.Account bare = Names.account("svc_airflow", null);
        assertThat(backslash).isEqualTo(new Names.Account("svc_airflow", "corp"));
        assertThat(upn.sameAs(backslash)).isTrue();
        assertThat(split.sameAs(upn)).isTrue();
        assertThat(bare.sameAs(split)).isTrue();
        assertThat(Names.account("svc_airflow", "OTHER").sameAs(split)).isFalse();
        assertThat(Names.account("alice", "CORP").sameAs(split)).isFalse();
        assertThat(Names.Account.parse(upn.toString())).isEqualTo(upn);
    }
}
