package dev.runtrail.sampledata.world;

/** How a DAG's tasks reach Windows. */
public enum Transport {
    /** WinRMOperator over pywinrm: network logon (type 3), wsmprovhost.exe. */
    WINRM("WinRMOperator", "winrm"),
    /** PsrpOperator over pypsrp: network logon (type 3), wsmprovhost.exe hosts the runspace. */
    PSRP("PsrpOperator", "psrp"),
    /** SSHOperator to Win32-OpenSSH: password logon through sshd (type 8, no client IP). */
    SSH("SSHOperator", "ssh"),
    /** The worker itself is Windows: a 4688 carries {@code airflow tasks run ...}. */
    WINDOWS_WORKER("PythonOperator", "local");

    private final String operator;
    private final String connType;

    Transport(String operator, String connType) {
        this.operator = operator;
        this.connType = connType;
    }

    public String operator() {
        return operator;
    }

    public String connType() {
        return connType;
    }
}
